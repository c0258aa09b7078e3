"""The scale messages (``pkg/apiservermsgs/clustermsgs.go``): ``ClusterScaleRequest`` with its
camelCase tags (``NodeAffinityType`` has none), and the scale / scaledown / query responses."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class ClusterScaleRequest:
    """Body of ``POST /clusters/scale/{name}``; keys in Go's struct order."""

    ccp_image_tag: str = key("ccpImageTag", "")
    client_version: str = key("clientVersion", "")
    name: str = key("name", "")
    namespace: str = key("namespace", "")
    #: ``crv1.NodeAffinityType``: 0 preferred, 1 required (untagged, so the Go name is the key).
    node_affinity_type: int = key("NodeAffinityType", 0)
    node_label: str = key("nodeLabel", "")
    replica_count: int = key("replicaCount", 0)
    service_type: str = key("serviceType", "")
    storage_config: str = key("storageConfig", "")
    #: ``[]v1.Toleration`` (``key``/``operator``/``value``/``effect``, omitempty); pgo always sends ``[]``.
    tolerations: list[dict[str, str]] | None = key("tolerations", factory=list)


@dataclass
class ClusterScaleResponse:
    """Answer of ``POST /clusters/scale/{name}``: one ``created Pgreplica <name>`` per replica."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class ScaleQueryTargetSpec:
    """One replica that ``scaledown --query`` lists (lag in MB, -1 when unknown)."""

    name: str = key("Name", "")
    node: str = key("Node", "")
    replication_lag: int = key("ReplicationLag", 0)
    status: str = key("Status", "")
    timeline: int = key("Timeline", 0)
    pending_restart: bool = key("PendingRestart", False)


@dataclass
class ScaleQueryResponse:
    """Answer of ``GET /scale/{name}``."""

    results: list[ScaleQueryTargetSpec] | None = key("Results", None)
    status: Status = status()
    standby: bool = key("Standby", False)


@dataclass
class ScaleDownResponse:
    """Answer of ``GET /scaledown/{name}``: ``deleted replica <name>``."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
