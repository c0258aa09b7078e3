"""The typed SDK calls of pgo cat: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.cat import commands
from pgo_cli.nouns.cat.messages import CatResponse


class CatCalls(programmatic.NounAPI):
    """The pgo cat calls of a :class:`~pgo_cli.client.Client`."""

    def cat(self, cluster: str, *paths: str, namespace: str | None = None) -> CatResponse:
        """Print files of a cluster's primary (``pgo cat CLUSTER PATH...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "cat"),
            [cluster, *paths],
            {},
            CatResponse,
            namespace=namespace,
        )
