"""The typed SDK calls of PVCs of clusters: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.pvc import commands
from pgo_cli.nouns.pvc.messages import ShowPVCResponse


class PvcAPI(programmatic.NounAPI):
    """The PVCs of clusters calls of a :class:`~pgo_cli.client.Client`."""

    def show(self, *clusters: str, all: bool = False, namespace: str | None = None) -> list[ShowPVCResponse]:
        """Show the PVCs of clusters (``pgo show pvc CLUSTER...``). One request per name; the answers in
        order.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "pvc"),
            clusters,
            {"all": all},
            ShowPVCResponse,
            namespace=namespace,
        )
