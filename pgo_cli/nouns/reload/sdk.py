"""The typed SDK calls of pgo reload: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.reload import commands
from pgo_cli.nouns.reload.messages import ReloadResponse


class ReloadCalls(programmatic.NounAPI):
    """The pgo reload calls of a :class:`~pgo_cli.client.Client`."""

    def reload(self, *clusters: str, selector: str = "", namespace: str | None = None) -> ReloadResponse:
        """Reload the PostgreSQL configuration of clusters (``pgo reload CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "reload"),
            clusters,
            {"selector": selector},
            ReloadResponse,
            namespace=namespace,
        )
