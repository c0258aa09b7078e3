"""The pgAdmin messages of pgo 4.7.4 (``pkg/apiservermsgs/pgadminmsgs.go``), fields in Go's order.

Every key is the Go field name; ``Status`` is embedded (``Code`` and ``Msg`` beside ``Results``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreatePgAdminRequest:
    """Body of ``POST /pgadmin``."""

    args: list[str] | None = key("Args", None)
    client_version: str = key("ClientVersion", "")
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")
    storage_config: str = key("StorageConfig", "")
    pvc_size: str = key("PVCSize", "")


@dataclass
class CreatePgAdminResponse:
    """Answer of ``POST /pgadmin``: one line per cluster (``<c> pgAdmin addition scheduled``)."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class DeletePgAdminRequest:
    """Body of ``DELETE /pgadmin`` (pgo never sets ``Uninstall``)."""

    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")
    uninstall: bool = key("Uninstall", False)


@dataclass
class DeletePgAdminResponse:
    """Answer of ``DELETE /pgadmin``: one line per cluster (``<c> pgAdmin delete scheduled``)."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class ShowPgAdminDetail:
    """``ShowPgAdminDetail``: one cluster's pgAdmin (blank but the name when it has none)."""

    cluster_name: str = key("ClusterName", "")
    has_pgadmin: bool = key("HasPgAdmin", False)
    service_cluster_ip: str = key("ServiceClusterIP", "")
    service_external_ip: str = key("ServiceExternalIP", "")
    service_name: str = key("ServiceName", "")
    users: list[str] | None = key("Users", None)


@dataclass
class ShowPgAdminRequest:
    """Body of ``POST /pgadmin/show``."""

    client_version: str = key("ClientVersion", "")
    cluster_names: list[str] | None = key("ClusterNames", None)
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")


@dataclass
class ShowPgAdminResponse:
    """Answer of ``POST /pgadmin/show``."""

    results: list[ShowPgAdminDetail] | None = key("Results", None)
    status: Status = status()
