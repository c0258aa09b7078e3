"""The typed SDK calls of pgBouncer of clusters: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from typing import Literal

from pgo_cli.cli import programmatic
from pgo_cli.nouns.pgbouncer import commands
from pgo_cli.nouns.pgbouncer.messages import (
    CreatePgbouncerResponse,
    DeletePgbouncerResponse,
    ShowPgBouncerResponse,
    UpdatePgBouncerResponse,
)


class PgbouncerAPI(programmatic.NounAPI):
    """The pgBouncer of clusters calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        *clusters: str,
        cpu: str = "",
        cpu_limit: str = "",
        memory: str = "",
        memory_limit: str = "",
        replicas: int = 0,
        selector: str = "",
        service_type: Literal["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] = "",
        tls_secret: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreatePgbouncerResponse:
        """Add pgBouncer connection pooling to clusters (``pgo create pgbouncer CLUSTER...``).
        ``wait=True`` polls until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "pgbouncer"),
            clusters,
            {
                "cpu": cpu,
                "cpu_limit": cpu_limit,
                "memory": memory,
                "memory_limit": memory_limit,
                "replicas": replicas,
                "selector": selector,
                "service_type": service_type,
                "tls_secret": tls_secret,
            },
            CreatePgbouncerResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )

    def show(self, *clusters: str, selector: str = "", namespace: str | None = None) -> ShowPgBouncerResponse:
        """Show the pgBouncer user, password and Service of clusters (``pgo show pgbouncer CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "pgbouncer"),
            clusters,
            {"selector": selector},
            ShowPgBouncerResponse,
            namespace=namespace,
        )

    def update(
        self,
        *clusters: str,
        cpu: str = "",
        cpu_limit: str = "",
        memory: str = "",
        memory_limit: str = "",
        replicas: int = 0,
        rotate_password: bool = False,
        selector: str = "",
        service_type: Literal["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] = "",
        namespace: str | None = None,
    ) -> UpdatePgBouncerResponse:
        """Change the pgBouncer of clusters (password, resources, replicas, Service type) (``pgo update
        pgbouncer CLUSTER...``).
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "update", "pgbouncer"),
            clusters,
            {
                "cpu": cpu,
                "cpu_limit": cpu_limit,
                "memory": memory,
                "memory_limit": memory_limit,
                "replicas": replicas,
                "rotate_password": rotate_password,
                "selector": selector,
                "service_type": service_type,
            },
            UpdatePgBouncerResponse,
            namespace=namespace,
        )

    def delete(
        self, *clusters: str, selector: str = "", uninstall: bool = False, namespace: str | None = None
    ) -> DeletePgbouncerResponse:
        """Remove pgBouncer from clusters (``pgo delete pgbouncer CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "pgbouncer"),
            clusters,
            {"selector": selector, "uninstall": uninstall},
            DeletePgbouncerResponse,
            namespace=namespace,
        )
