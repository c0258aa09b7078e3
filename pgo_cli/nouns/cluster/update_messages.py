"""The wire of ``pgo update cluster``: ``UpdateClusterRequest`` and its answer, and the route.

Go structs of ``pkg/apiservermsgs/clustermsgs.go`` (``UpdateClusterRequest``,
``ClusterTablespaceDetail``, ``UpdateClusterResponse``) and ``crv1.ClusterAnnotations``; the route
is ``POST /clustersupdate`` (``cmd/pgo/api/cluster.go``, ``internal/apiserver/routing/routes.go``).

Only ``annotations``, ``tolerations`` and ``tolerationsDelete`` carry JSON tags; every other key is
the Go field name. pgo always sends the four annotation maps, and the two toleration lists and
``Tablespaces`` as ``[]`` (never ``null``). A toleration is a Kubernetes ``v1.Toleration`` whose
fields are all ``omitempty``, so it travels as a plain map of the keys that are set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgo_cli.wire.codec import Status, key, status
from pgo_cli.wire.endpoint import STANDARD, Endpoint

#: ``UpdateClusterAutofailStatus`` and its siblings (Metrics, PGBadger, Standby, TLSOnly).
DO_NOTHING, ENABLE, DISABLE = 0, 1, 2


@dataclass
class ClusterAnnotations:
    """``crv1.ClusterAnnotations``: one map per group (a ``""`` value removes the key)."""

    backrest: dict[str, str] = key("backrest", factory=dict)
    global_: dict[str, str] = key("global", factory=dict)
    pg_bouncer: dict[str, str] = key("pgBouncer", factory=dict)
    postgres: dict[str, str] = key("postgres", factory=dict)


@dataclass
class ClusterTablespaceDetail:
    """One ``--tablespace``: its name, optional PVC size and storage configuration."""

    name: str = key("Name", "")
    pvc_size: str = key("PVCSize", "")
    storage_config: str = key("StorageConfig", "")


@dataclass
class UpdateClusterRequest:
    """Body of ``POST /clustersupdate``, keys in Go's field order."""

    clustername: list[str] | None = key("Clustername", None)
    selector: str = key("Selector", "")
    client_version: str = key("ClientVersion", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    annotations: ClusterAnnotations = key("annotations", factory=ClusterAnnotations)
    autofail: int = key("Autofail", DO_NOTHING)
    backrest_cpu_limit: str = key("BackrestCPULimit", "")
    backrest_cpu_request: str = key("BackrestCPURequest", "")
    backrest_memory_limit: str = key("BackrestMemoryLimit", "")
    backrest_memory_request: str = key("BackrestMemoryRequest", "")
    backrest_pvc_size: str = key("BackrestPVCSize", "")
    ca_secret: str = key("CASecret", "")
    disable_tls: bool = key("DisableTLS", False)
    exporter_cpu_limit: str = key("ExporterCPULimit", "")
    exporter_cpu_request: str = key("ExporterCPURequest", "")
    exporter_memory_limit: str = key("ExporterMemoryLimit", "")
    exporter_memory_request: str = key("ExporterMemoryRequest", "")
    exporter_rotate_password: bool = key("ExporterRotatePassword", False)
    cpu_limit: str = key("CPULimit", "")
    cpu_request: str = key("CPURequest", "")
    memory_limit: str = key("MemoryLimit", "")
    memory_request: str = key("MemoryRequest", "")
    metrics: int = key("Metrics", DO_NOTHING)
    pgbadger: int = key("PGBadger", DO_NOTHING)
    pvc_size: str = key("PVCSize", "")
    replication_tls_secret: str = key("ReplicationTLSSecret", "")
    service_type: str = key("ServiceType", "")
    standby: int = key("Standby", DO_NOTHING)
    startup: bool = key("Startup", False)
    shutdown: bool = key("Shutdown", False)
    tablespaces: list[ClusterTablespaceDetail] | None = key("Tablespaces", None)
    tls_secret: str = key("TLSSecret", "")
    tolerations: list[dict[str, Any]] | None = key("tolerations", None)
    tls_only: int = key("TLSOnly", DO_NOTHING)
    tolerations_delete: list[dict[str, Any]] | None = key("tolerationsDelete", None)
    wal_pvc_size: str = key("WALPVCSize", "")


@dataclass
class UpdateClusterResponse:
    """Answer of ``POST /clustersupdate``: one ``updated pgcluster <c>`` line per cluster."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


UPDATE = Endpoint(
    "POST",
    "/clustersupdate",
    UpdateClusterResponse,
    permission="UpdateCluster",
    request=UpdateClusterRequest,
    # internal/apiserver/clusterservice/clusterservice.go:335-362 UpdateClusterHandler
    steps=STANDARD,
    empty_on_error=("results",),
)
