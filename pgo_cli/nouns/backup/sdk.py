"""The typed SDK calls of pgBackRest and pg_dump backups: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from typing import Literal

from pgo_cli.cli import programmatic
from pgo_cli.nouns.backup import commands
from pgo_cli.nouns.backup.messages import (
    CreateBackrestBackupResponse,
    DeleteBackrestBackupResponse,
    RestoreResponse,
    ShowBackrestResponse,
)


class BackupAPI(programmatic.NounAPI):
    """The pgBackRest and pg_dump backups calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        *clusters: str,
        backup_opts: str = "",
        selector: str = "",
        pvc_name: str = "",
        database: str = "postgres",
        backup_type: Literal["pgbackrest", "pgdump"] = "pgbackrest",
        pgbackrest_storage_type: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreateBackrestBackupResponse:
        """Back up a cluster with pgBackRest (or pg_dump) (``pgo backup CLUSTER...``). ``wait=True`` polls
        until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "backup"),
            clusters,
            {
                "backup_opts": backup_opts,
                "selector": selector,
                "pvc_name": pvc_name,
                "database": database,
                "backup_type": backup_type,
                "pgbackrest_storage_type": pgbackrest_storage_type,
            },
            CreateBackrestBackupResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )

    def show(
        self,
        *clusters: str,
        backup_type: Literal["pgbackrest", "pgdump"] = "pgbackrest",
        namespace: str | None = None,
    ) -> list[ShowBackrestResponse]:
        """Show a cluster's backups (pgBackRest repository or pg_dump) (``pgo show backup CLUSTER...``).
        One request per name; the answers in order.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "backup"),
            clusters,
            {"backup_type": backup_type},
            ShowBackrestResponse,
            namespace=namespace,
        )

    def delete(
        self, cluster: str, *, target: str = "", namespace: str | None = None
    ) -> DeleteBackrestBackupResponse:
        """Expire a pgBackRest backup set (and the sets that depend on it) (``pgo delete backup CLUSTER``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "backup"),
            [cluster],
            {"target": target},
            DeleteBackrestBackupResponse,
            namespace=namespace,
        )

    def restore(
        self,
        cluster: str,
        *,
        backup_opts: str = "",
        pitr_target: str = "",
        node_affinity_type: Literal["", "preferred", "required"] = "",
        node_label: str = "",
        backup_pvc: str = "",
        pgdump_database: str = "postgres",
        backup_type: Literal["", "pgbackrest", "pgdump"] = "",
        pgbackrest_storage_type: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> RestoreResponse:
        """Restore a cluster in place from its pgBackRest repository (or a pg_dump) (``pgo restore
        CLUSTER``). ``wait=True`` polls until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "restore"),
            [cluster],
            {
                "backup_opts": backup_opts,
                "pitr_target": pitr_target,
                "node_affinity_type": node_affinity_type,
                "node_label": node_label,
                "backup_pvc": backup_pvc,
                "pgdump_database": pgdump_database,
                "backup_type": backup_type,
                "pgbackrest_storage_type": pgbackrest_storage_type,
            },
            RestoreResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )
