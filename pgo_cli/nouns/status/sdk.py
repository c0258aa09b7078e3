"""The typed SDK calls of namespace-wide cluster status: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.status import commands
from pgo_cli.nouns.status.messages import StatusResponse


class StatusAPI(programmatic.NounAPI):
    """The namespace-wide cluster status calls of a :class:`~pgo_cli.client.Client`."""

    def show(self, *, namespace: str | None = None) -> StatusResponse:
        """Show namespace-wide PostgreSQL cluster status (``pgo status``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "status"),
            (),
            {},
            StatusResponse,
            namespace=namespace,
        )
