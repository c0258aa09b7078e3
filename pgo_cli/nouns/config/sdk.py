"""The typed SDK calls of the operator's configuration: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.config import commands
from pgo_cli.nouns.config.messages import ShowConfigResponse


class ConfigAPI(programmatic.NounAPI):
    """The the operator's configuration calls of a :class:`~pgo_cli.client.Client`."""

    def show(self, *, namespace: str | None = None) -> ShowConfigResponse:
        """Show the operator's configuration (pgo.yaml) (``pgo show config``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "config"),
            (),
            {},
            ShowConfigResponse,
            namespace=namespace,
        )
