"""The user table that the four ``user`` commands share (``printUserTextHeader``/``printUserTextRow``
of ``cmd/pgo/cmd/user.go``), and pgo_cli's terminal view of the same rows.

pgo's layout: an empty line, then a header of ``CLUSTER USERNAME PASSWORD EXPIRES STATUS ERROR``,
a dash row, and a row per result. Each column is as wide as its longest value plus one, measured
in bytes (Go's ``len``) over the raw fields of every row, before ``never``/``expired`` and before an
error row is blanked. STATUS is always 7 wide. The dash row is ``width - 1`` dashes per column,
joined by single spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.nouns.user.messages import UserResponseDetail
from pgo_cli.output.pad import byte_len as _width
from pgo_cli.output.pad import rpad as _rpad

HEADINGS = ("CLUSTER", "USERNAME", "PASSWORD", "EXPIRES", "STATUS", "ERROR")

#: ``internal/util/cluster.go``: PostgreSQL's special VALID UNTIL values.
VALID_ALWAYS = "infinity"
VALID_NEVER = "-infinity"


def paddings(results: Sequence[UserResponseDetail]) -> tuple[int, ...]:
    """``generateUserPadding``: the width of each column (max length + 1; STATUS fixed)."""

    def widest(title: str, values: Sequence[str]) -> int:
        return max([_width(title), *(_width(v) for v in values)]) + 1

    return (
        widest("CLUSTER", [r.cluster_name for r in results]),
        widest("USERNAME", [r.username for r in results]),
        widest("PASSWORD", [r.password for r in results]),
        widest("EXPIRES", [r.valid_until for r in results]),
        len("STATUS") + 1,
        widest("ERROR", [r.error_message for r in results]),
    )


def expires(valid_until: str) -> str:
    """The EXPIRES cell: ``never`` for no limit, ``expired`` for ``-infinity``, else the timestamp."""
    if valid_until in ("", VALID_ALWAYS):
        return "never"
    if valid_until == VALID_NEVER:
        return "expired"
    return valid_until


def cells(result: UserResponseDetail) -> tuple[str, str, str, str, str, str]:
    """One row's cells as pgo prints them: an error row shows no password and no expiry."""
    if result.error:
        return (result.cluster_name, result.username, "", "", "error", result.error_message)
    return (
        result.cluster_name,
        result.username,
        result.password,
        expires(result.valid_until),
        "ok",
        result.error_message,
    )


def write_pgo_table(results: Sequence[UserResponseDetail], out: TextIO) -> None:
    """pgo's text, byte for byte (the error text is printed raw, newline included, as pgo does)."""
    widths = paddings(results)
    out.write("\n")
    out.write("".join(_rpad(title, width) for title, width in zip(HEADINGS, widths, strict=True)) + "\n")
    out.write(" ".join("-" * (width - 1) for width in widths) + "\n")
    for result in results:
        out.write(
            "".join(_rpad(cell, width) for cell, width in zip(cells(result), widths, strict=True)) + "\n"
        )


def terminal_rows(results: Sequence[UserResponseDetail]) -> list[tuple[str, ...]]:
    """The same rows for the terminal table (error text on one line)."""
    rows = []
    for result in results:
        row = list(cells(result))
        row[5] = " ".join(row[5].split())
        rows.append(tuple(row))
    return rows
