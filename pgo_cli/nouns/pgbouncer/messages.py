"""The pgBouncer messages of pgo 4.7.4 (``pkg/apiservermsgs/pgbouncermsgs.go``), fields in Go's order.

Every key is the Go field name except ``serviceType`` (a json tag). ``Status`` is embedded, so
``Code`` and ``Msg`` sit beside ``Results``. The pgBouncer password comes back from ``show`` only;
it is marked secret so that ``--debug`` never prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreatePgbouncerRequest:
    """Body of ``POST /pgbouncer``."""

    args: list[str] | None = key("Args", None)
    client_version: str = key("ClientVersion", "")
    cpu_limit: str = key("CPULimit", "")
    cpu_request: str = key("CPURequest", "")
    memory_limit: str = key("MemoryLimit", "")
    memory_request: str = key("MemoryRequest", "")
    namespace: str = key("Namespace", "")
    replicas: int = key("Replicas", 0)
    selector: str = key("Selector", "")
    service_type: str = key("serviceType", "")
    tls_secret: str = key("TLSSecret", "")


@dataclass
class CreatePgbouncerResponse:
    """Answer of ``POST /pgbouncer``: one line per cluster (``<c> pgbouncer added``)."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class DeletePgbouncerRequest:
    """Body of ``DELETE /pgbouncer``."""

    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")
    uninstall: bool = key("Uninstall", False)


@dataclass
class DeletePgbouncerResponse:
    """Answer of ``DELETE /pgbouncer``: one line per cluster (``<c> pgbouncer deleted``)."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class ShowPgBouncerDetail:
    """``ShowPgBouncerDetail``: one cluster's pgBouncer (blank but the name when it has none)."""

    cluster_name: str = key("ClusterName", "")
    has_pgbouncer: bool = key("HasPgBouncer", False)
    password: str = key("Password", "", secret=True)
    service_cluster_ip: str = key("ServiceClusterIP", "")
    service_external_ip: str = key("ServiceExternalIP", "")
    service_name: str = key("ServiceName", "")
    username: str = key("Username", "")


@dataclass
class ShowPgBouncerRequest:
    """Body of ``POST /pgbouncer/show``."""

    client_version: str = key("ClientVersion", "")
    cluster_names: list[str] | None = key("ClusterNames", None)
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")


@dataclass
class ShowPgBouncerResponse:
    """Answer of ``POST /pgbouncer/show``."""

    results: list[ShowPgBouncerDetail] | None = key("Results", None)
    status: Status = status()


@dataclass
class UpdatePgBouncerDetail:
    """``UpdatePgBouncerDetail``: how the update of one cluster went."""

    cluster_name: str = key("ClusterName", "")
    error: bool = key("Error", False)
    error_message: str = key("ErrorMessage", "")
    has_pgbouncer: bool = key("HasPgBouncer", False)


@dataclass
class UpdatePgBouncerRequest:
    """Body of ``PUT /pgbouncer``."""

    client_version: str = key("ClientVersion", "")
    cluster_names: list[str] | None = key("ClusterNames", None)
    cpu_limit: str = key("CPULimit", "")
    cpu_request: str = key("CPURequest", "")
    memory_limit: str = key("MemoryLimit", "")
    memory_request: str = key("MemoryRequest", "")
    namespace: str = key("Namespace", "")
    replicas: int = key("Replicas", 0)
    rotate_password: bool = key("RotatePassword", False)
    selector: str = key("Selector", "")
    service_type: str = key("serviceType", "")


@dataclass
class UpdatePgBouncerResponse:
    """Answer of ``PUT /pgbouncer``."""

    results: list[UpdatePgBouncerDetail] | None = key("Results", None)
    status: Status = status()
