"""What the pgBouncer and pgAdmin commands share: their ``--selector``/``--output`` flags, the
names-or-selector check, pgo's padded tables and the client-side quantity check.

The tables follow ``printShowPgBouncerText``/``printShowPgAdminText`` (``cmd/pgo/cmd/pgbouncer.go``,
``pgadmin.go``): an empty line, the headings each padded to the column width, a row of dashes one
shorter than each width joined by single spaces, then the rows, every cell (the last one too)
padded with spaces. A column is as wide as its longest value or heading, in bytes (Go's ``len``),
plus one (``getMaxLength`` in ``cmd/pgo/cmd/common.go``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

from pgo_cli import parsers
from pgo_cli.cli.command import Invocation
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.output.pad import byte_len as _width
from pgo_cli.output.pad import rpad as _pad

NAME_OR_SELECTOR = "A cluster name or selector is required for this command."
NAMES_OR_SELECTOR = "You must provide at least one cluster name, or use a selector with the `--selector` flag"
NOTHING_FOUND = "Nothing found."
HINT = "name the clusters, e.g. pgo {verb} {noun} hippo, or select them with -s/--selector"

SELECTOR = Flag(
    "selector",
    "string",
    "Act on the clusters with these labels, e.g. env=prod.",
    short="s",
    metavar="SELECTOR",
)
OUTPUT = Flag(
    "output",
    "string",
    "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default).",
    short="o",
    metavar="FORMAT",
)


def require_targets(invocation: Invocation, message: str, verb: str, noun: str) -> None:
    """pgo's check that clusters are named or selected (``message`` is pgo's wording for ``verb``)."""
    if not invocation.args and not invocation.value("selector"):
        raise UsageError(message, hint=HINT.format(verb=verb, noun=noun))


def targets(invocation: Invocation) -> str:
    """The clusters as ``pgo show`` takes them: the names, else ``--selector <selector>``."""
    if invocation.args:
        return " ".join(invocation.args)
    return f"--selector {invocation.value('selector')}"


#: The flags whose values must be Kubernetes quantities, in the order pgo checks them.
QUANTITY_FLAGS = ("cpu", "cpu-limit", "memory", "memory-limit")


def write_padded_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: TextIO,
    fixed: Mapping[int, int] | None = None,
) -> None:
    """pgo's table; ``fixed`` gives a column a set width (``update pgbouncer``'s STATUS)."""
    widths = []
    for index, heading in enumerate(headings):
        if fixed and index in fixed:
            widths.append(fixed[index])
            continue
        widths.append(max([_width(heading), *(_width(row[index]) for row in rows)]) + 1)
    out.write("\n")
    out.write("".join(_pad(heading, width) for heading, width in zip(headings, widths, strict=True)) + "\n")
    out.write(" ".join("-" * (width - 1) for width in widths) + "\n")
    for row in rows:
        out.write("".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)) + "\n")


def check_quantities(values: Mapping[str, str]) -> None:
    """``util.ValidateQuantity`` per flag, in pgo's words: ``"<flag>" - <why>``."""
    for flag in QUANTITY_FLAGS:
        parsers.quantity(
            values.get(flag, ""),
            flag,
            hint=f"--{flag} takes a Kubernetes quantity, e.g. 500m or 128Mi",
            pgo_text=True,
        )
