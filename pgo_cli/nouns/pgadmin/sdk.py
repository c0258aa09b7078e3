"""The typed SDK calls of pgAdmin of clusters: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.pgadmin import commands
from pgo_cli.nouns.pgadmin.messages import CreatePgAdminResponse, DeletePgAdminResponse, ShowPgAdminResponse


class PgadminAPI(programmatic.NounAPI):
    """The pgAdmin of clusters calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        *clusters: str,
        selector: str = "",
        storage_config: str = "",
        pvc_size: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreatePgAdminResponse:
        """Add a pgAdmin 4 web console to clusters (``pgo create pgadmin CLUSTER...``). ``wait=True`` polls
        until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "pgadmin"),
            clusters,
            {"selector": selector, "storage_config": storage_config, "pvc_size": pvc_size},
            CreatePgAdminResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )

    def show(self, *clusters: str, selector: str = "", namespace: str | None = None) -> ShowPgAdminResponse:
        """Show the pgAdmin Service of clusters (``pgo show pgadmin CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "pgadmin"),
            clusters,
            {"selector": selector},
            ShowPgAdminResponse,
            namespace=namespace,
        )

    def delete(
        self, *clusters: str, selector: str = "", namespace: str | None = None
    ) -> DeletePgAdminResponse:
        """Remove pgAdmin from clusters (``pgo delete pgadmin CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "pgadmin"),
            clusters,
            {"selector": selector},
            DeletePgAdminResponse,
            namespace=namespace,
        )
