"""The typed SDK calls of pgo df: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.df import commands
from pgo_cli.nouns.df.messages import DfResponse


class DfCalls(programmatic.NounAPI):
    """The pgo df calls of a :class:`~pgo_cli.client.Client`."""

    def df(
        self, *clusters: str, all: bool = False, selector: str = "", namespace: str | None = None
    ) -> list[DfResponse]:
        """Show the disk use of clusters' volumes (``pgo df CLUSTER...``). One request per name; the
        answers in order.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "df"),
            clusters,
            {"all": all, "selector": selector},
            DfResponse,
            namespace=namespace,
        )
