"""pgo's text for the many answers whose message is their ``Results``: each line as the server wrote it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply


def write_results(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """Each line of the answer's ``Results`` (``created namespace ns1``, ``deleted pgouser alice``,
    ``updated pgcluster hippo``, ``hippo pgbouncer added`` …), one per line, as pgo prints them."""
    for line in reply.response.results or []:
        out.write(line + "\n")
