"""The restart messages (``pkg/apiservermsgs/restartmsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class RestartRequest:
    """Body of ``POST /restart`` (Go field names, in struct order)."""

    namespace: str = key("Namespace", "")
    cluster_name: str = key("ClusterName", "")
    rolling_update: bool = key("RollingUpdate", False)
    #: The instances (Deployments) to restart; pgo always sends a list, ``[]`` for all of them.
    targets: list[str] | None = key("Targets", factory=list)
    client_version: str = key("ClientVersion", "")


@dataclass
class InstanceDetail:
    """The outcome for one instance."""

    instance_name: str = key("InstanceName", "")
    error: bool = key("Error", False)
    error_message: str = key("ErrorMessage", "")


@dataclass
class RestartDetail:
    """The outcome for the cluster (empty for a rolling restart, which is a pgtask)."""

    cluster_name: str = key("ClusterName", "")
    instances: list[InstanceDetail] | None = key("Instances", None)
    error: bool = key("Error", False)
    error_message: str = key("ErrorMessage", "")


@dataclass
class RestartResponse:
    """Answer of ``POST /restart``."""

    result: RestartDetail = key("Result", factory=RestartDetail)
    status: Status = status()


@dataclass
class RestartTargetSpec:
    """An instance that ``restart --query`` lists (lag in MB, -1 when unknown)."""

    name: str = key("Name", "")
    node: str = key("Node", "")
    replication_lag: int = key("ReplicationLag", 0)
    status: str = key("Status", "")
    timeline: int = key("Timeline", 0)
    pending_restart: bool = key("PendingRestart", False)
    role: str = key("Role", "")


@dataclass
class QueryRestartResponse:
    """Answer of ``GET /restart/{name}``."""

    results: list[RestartTargetSpec] | None = key("Results", None)
    status: Status = status()
    standby: bool = key("Standby", False)
