"""Messages of ``GET /status`` (``pkg/apiservermsgs/statusmsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class NodeInfo:
    """``NodeInfo`` (the apiserver never fills ``Nodes``)."""

    name: str = key("Name", "")
    status: str = key("Status", "")
    labels: dict[str, str] | None = key("Labels", None)


@dataclass
class KeyValue:
    """A deployment label ``k=v`` and how many deployments carry it."""

    label: str = key("Key", "")
    value: int = key("Value", 0)


@dataclass
class StatusDetail:
    """What ``pgo status`` shows."""

    num_databases: int = key("NumDatabases", 0)
    num_claims: int = key("NumClaims", 0)
    volume_cap: str = key("VolumeCap", "")
    db_tags: dict[str, int] | None = key("DbTags", None)
    not_ready: list[str] | None = key("NotReady", None)
    nodes: list[NodeInfo] | None = key("Nodes", None)
    labels: list[KeyValue] | None = key("Labels", None)


@dataclass
class StatusResponse:
    """Answer of ``GET /status``."""

    result: StatusDetail = key("Result", factory=StatusDetail)
    status: Status = status()
