"""Typed apiserver messages (``pkg/apiservermsgs`` of pgo 4.7.4), decoded by Go's rules: show,
delete and test (create's, the largest, are in :mod:`~pgo_cli.nouns.cluster.create_messages`, so
that ``pgo show cluster`` does not build them).

Each message is a dataclass whose fields carry their exact wire key in ``metadata["json"]``.
:func:`decode` fills one from parsed JSON as Go's ``encoding/json`` fills a struct: keys match
case-insensitively, absent keys and ``null`` give zero values, unknown keys are ignored, and a
value of the wrong JSON type is an error (:class:`WireShapeError`). :func:`to_wire` produces the
body the Go client sends, keys in struct order.

``Status`` is embedded without a tag in most responses, so Go *flattens* ``Code`` and ``Msg`` into
the top level; such fields are marked ``flatten``. ``CreateClusterResponse`` nests it as ``status``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgo_cli.wire.codec import (
    Status,
    WireShapeError,
    _key,
    decode,
    key,
    status,
    to_wire,
)

__all__ = ["Status", "WireShapeError", "decode", "to_wire"]


# --------------------------------------------------------------------------------------------
# show cluster


@dataclass
class ShowClusterRequest:
    """Body of ``POST /showclusters`` (lowercase tags in Go)."""

    clustername: str = field(default="", metadata=_key("clustername"))
    selector: str = field(default="", metadata=_key("selector"))
    ccpimagetag: str = field(default="", metadata=_key("ccpimagetag"))
    clientversion: str = field(default="", metadata=_key("clientversion"))
    namespace: str = field(default="", metadata=_key("namespace"))
    allflag: bool = field(default=False, metadata=_key("allflag"))

    def to_wire(self) -> dict[str, Any]:
        return to_wire(self)


@dataclass
class ShowClusterPodPVC:
    capacity: str = field(default="", metadata=_key("Capacity"))
    name: str = field(default="", metadata=_key("Name"))


@dataclass
class ShowClusterPod:
    name: str = field(default="", metadata=_key("Name"))
    phase: str = field(default="", metadata=_key("Phase"))
    node_name: str = field(default="", metadata=_key("NodeName"))
    pvc: list[ShowClusterPodPVC] | None = field(default=None, metadata=_key("PVC"))
    ready_status: str = field(default="", metadata=_key("ReadyStatus"))
    ready: bool = field(default=False, metadata=_key("Ready"))
    primary: bool = field(default=False, metadata=_key("Primary"))
    type: str = field(default="", metadata=_key("Type"))


@dataclass
class ShowClusterService:
    name: str = field(default="", metadata=_key("Name"))
    data: str = field(default="", metadata=_key("Data"))
    cluster_ip: str = field(default="", metadata=_key("ClusterIP"))
    cluster_ports: list[str] | None = field(default=None, metadata=_key("ClusterPorts"))
    external_ip: str = field(default="", metadata=_key("ExternalIP"))
    cluster_name: str = field(default="", metadata=_key("ClusterName"))
    pgbouncer: bool = field(default=False, metadata=_key("Pgbouncer"))
    backrest_repo: bool = field(default=False, metadata=_key("BackrestRepo"))
    pgadmin: bool = field(default=False, metadata=_key("PGAdmin"))


@dataclass
class ShowClusterDeployment:
    name: str = field(default="", metadata=_key("Name"))
    policy_labels: list[str] | None = field(default=None, metadata=_key("PolicyLabels"))


@dataclass
class ShowClusterReplica:
    name: str = field(default="", metadata=_key("Name"))


@dataclass
class ObjectMeta:
    """``metav1.ObjectMeta`` of a Pgcluster: only the parts that pgo reads, in Go's order."""

    name: str = field(default="", metadata=_key("name"))
    namespace: str = field(default="", metadata=_key("namespace"))
    labels: dict[str, str] | None = field(default=None, metadata=_key("labels"))
    annotations: dict[str, str] | None = field(default=None, metadata=_key("annotations"))


@dataclass
class PgclusterSpec:
    """``crv1.PgclusterSpec``: only the parts that pgo's renderers read, in Go's order.

    Resource maps hold Kubernetes quantities, which Go decodes from strings or numbers.
    """

    name: str = field(default="", metadata=_key("name"))
    ccpimage: str = field(default="", metadata=_key("ccpimage"))
    ccpimagetag: str = field(default="", metadata=_key("ccpimagetag"))
    resources: dict[str, str | int | float] | None = field(default=None, metadata=_key("resources"))
    limits: dict[str, str | int | float] | None = field(default=None, metadata=_key("limits"))
    replicas: str = field(default="", metadata=_key("replicas"))
    userlabels: dict[str, str] | None = field(default=None, metadata=_key("userlabels"))
    standby: bool = field(default=False, metadata=_key("standby"))


@dataclass
class PgclusterStatus:
    state: str = field(default="", metadata=_key("state"))
    message: str = field(default="", metadata=_key("message"))


@dataclass
class Pgcluster:
    """A typed view of the ``cluster`` object of a show result."""

    metadata: ObjectMeta = field(default_factory=ObjectMeta, metadata=_key("metadata"))
    spec: PgclusterSpec = field(default_factory=PgclusterSpec, metadata=_key("spec"))
    status: PgclusterStatus = field(default_factory=PgclusterStatus, metadata=_key("status"))


@dataclass
class ShowClusterDetail:
    """One cluster of a show answer. ``cluster`` is the Pgcluster object exactly as sent."""

    cluster: dict[str, Any] | None = field(default=None, metadata=_key("cluster"))
    deployments: list[ShowClusterDeployment] | None = field(default=None, metadata=_key("Deployments"))
    pods: list[ShowClusterPod] | None = field(default=None, metadata=_key("Pods"))
    services: list[ShowClusterService] | None = field(default=None, metadata=_key("Services"))
    replicas: list[ShowClusterReplica] | None = field(default=None, metadata=_key("Replicas"))
    standby: bool = field(default=False, metadata=_key("Standby"))

    def pgcluster(self) -> Pgcluster:
        """Decode ``cluster`` into the typed view (raises :class:`WireShapeError`)."""
        return decode(Pgcluster, self.cluster or {}, path="ShowClusterDetail.cluster")


@dataclass
class ShowClusterResponse:
    """Answer of ``POST /showclusters``. ``raw`` keeps the decoded JSON as the server sent it."""

    results: list[ShowClusterDetail] | None = field(default=None, metadata=_key("Results"))
    status: Status = field(default_factory=Status, metadata=_key("Status", flatten=True))
    raw: dict[str, Any] = field(default_factory=dict, metadata={"skip": True})


# --------------------------------------------------------------------------------------------
# delete cluster


@dataclass
class DeleteClusterRequest:
    """Body of ``POST /clustersdelete`` (Go field names as keys)."""

    clustername: str = field(default="", metadata=_key("Clustername"))
    selector: str = field(default="", metadata=_key("Selector"))
    client_version: str = field(default="", metadata=_key("ClientVersion"))
    namespace: str = field(default="", metadata=_key("Namespace"))
    all_flag: bool = field(default=False, metadata=_key("AllFlag"))
    delete_backups: bool = field(default=False, metadata=_key("DeleteBackups"))
    delete_data: bool = field(default=False, metadata=_key("DeleteData"))

    def to_wire(self) -> dict[str, Any]:
        return to_wire(self)


@dataclass
class DeleteClusterResponse:
    """Answer of ``POST /clustersdelete``."""

    results: list[str] | None = field(default=None, metadata=_key("Results"))
    status: Status = field(default_factory=Status, metadata=_key("Status", flatten=True))


# --------------------------------------------------------------------------------------------
# test (pkg/apiservermsgs/clustermsgs.go)


@dataclass
class ClusterTestRequest:
    """Body of ``POST /testclusters``."""

    clustername: str = key("Clustername", "")
    selector: str = key("Selector", "")
    client_version: str = key("ClientVersion", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)


@dataclass
class ClusterTestDetail:
    """The test of one instance (pod) or service endpoint."""

    available: bool = key("Available", False)
    message: str = key("Message", "")
    instance_type: str = key("InstanceType", "")


@dataclass
class ClusterTestResult:
    """The tests of one cluster: its service endpoints and its instances."""

    cluster_name: str = key("ClusterName", "")
    endpoints: list[ClusterTestDetail] | None = key("Endpoints", None)
    instances: list[ClusterTestDetail] | None = key("Instances", None)


@dataclass
class ClusterTestResponse:
    """Answer of ``POST /testclusters``."""

    results: list[ClusterTestResult] | None = key("Results", None)
    status: Status = status()
