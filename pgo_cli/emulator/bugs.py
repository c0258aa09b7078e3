"""pgo 4.7.4 server bugs the emulator reproduces by default, and the notice a request hitting one logs.

The pipeline declares its own (:data:`pgo_cli.emulator.pipeline.PIPELINE_BUGS`); nouns declare
theirs as ``BUGS`` beside their ``HANDLERS``; ``pgo-emulator serve --fix-bugs NAME`` fixes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from pgo_cli.emulator import log as emulator_log


@dataclass(frozen=True)
class ServerBug:
    """A pgo 4.7.4 server behaviour the emulator reproduces by default; ``--fix-bugs name`` fixes it."""

    name: str
    #: What a client sees by default, and what the fix changes (one line each, for --help and logs).
    summary: str
    #: The Go source it follows (path:line of the v4.7.4 tree).
    source: str


def notice(log: TextIO | None, method: str, path: str, bug: ServerBug) -> None:
    """The one-line notice of a request that hit a reproduced server bug."""
    emulator_log.write(
        log,
        f"pgo-emulator: {method} {path}: reproduced pgo 4.7.4 server bug {bug.name!r} "
        f"(pgo-emulator --help tells more; serve --fix-bugs {bug.name} fixes it)\n",
    )
