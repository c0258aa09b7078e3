"""The failover messages (``pkg/apiservermsgs/failovermsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreateFailoverRequest:
    """Body of ``POST /failover`` (Go field names, in struct order)."""

    client_version: str = key("ClientVersion", "")
    cluster_name: str = key("ClusterName", "")
    #: A failover rather than a switchover: promote the target whatever its health.
    force: bool = key("Force", False)
    namespace: str = key("Namespace", "")
    target: str = key("Target", "")


@dataclass
class CreateFailoverResponse:
    """Answer of ``POST /failover``: ``Results`` is one string (``failover success for cluster <c>``)."""

    results: str = key("Results", "")
    status: Status = status()


@dataclass
class FailoverTargetSpec:
    """A replica that can be promoted (lag in MB)."""

    name: str = key("Name", "")
    node: str = key("Node", "")
    replication_lag: int = key("ReplicationLag", 0)
    status: str = key("Status", "")
    timeline: int = key("Timeline", 0)
    pending_restart: bool = key("PendingRestart", False)


@dataclass
class QueryFailoverResponse:
    """Answer of ``GET /failover/{name}``."""

    results: list[FailoverTargetSpec] | None = key("Results", None)
    status: Status = status()
    standby: bool = key("Standby", False)
