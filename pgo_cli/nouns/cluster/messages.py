"""Typed apiserver messages (``pkg/apiservermsgs`` of pgo 4.7.4), decoded by Go's rules.

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
# create cluster


@dataclass
class CreateClusterDetailUser:
    """A PostgreSQL user made by create (note: ``Password`` comes first on the wire)."""

    password: str = field(default="", metadata=_key("Password"))
    username: str = field(default="", metadata=_key("Username"))


@dataclass
class CreateClusterDetail:
    """``CreateClusterDetail``: what create made."""

    database: str = field(default="", metadata=_key("Database"))
    name: str = field(default="", metadata=_key("Name"))
    users: list[CreateClusterDetailUser] | None = field(default=None, metadata=_key("Users"))
    workflow_id: str = field(default="", metadata=_key("WorkflowID"))


@dataclass
class CreateClusterResponse:
    """Answer of ``POST /clusters``; the only response with a nested ``status``."""

    result: CreateClusterDetail = field(default_factory=CreateClusterDetail, metadata=_key("result"))
    status: Status = field(default_factory=Status, metadata=_key("status"))


# --------------------------------------------------------------------------------------------
# create cluster: the request (``CreateClusterRequest`` of clustermsgs.go)


@dataclass
class ClusterTablespaceDetail:
    """A tablespace of ``--tablespace``."""

    name: str = key("Name", "")
    pvc_size: str = key("PVCSize", "")
    storage_config: str = key("StorageConfig", "")


@dataclass
class Toleration:
    """A Kubernetes toleration (``--toleration``)."""

    toleration_key: str = key("key", "")
    operator: str = key("operator", "")
    value: str = key("value", "")
    effect: str = key("effect", "")
    toleration_seconds: int | None = key("tolerationSeconds", None)


@dataclass
class PGDataSourceSpec:
    """``crv1.PGDataSourceSpec``: where a new cluster's data comes from (``--restore-from``)."""

    namespace: str = key("namespace", "")
    restore_from: str = key("restoreFrom", "")
    restore_opts: str = key("restoreOpts", "")


@dataclass
class ClusterAnnotations:
    """The four annotation maps (pgo always sends all four, empty or not)."""

    backrest: dict[str, str] | None = key("backrest", factory=dict)
    global_: dict[str, str] | None = key("global", factory=dict)
    pg_bouncer: dict[str, str] | None = key("pgBouncer", factory=dict)
    postgres: dict[str, str] | None = key("postgres", factory=dict)


@dataclass
class CreateClusterRequest:
    """Body of ``POST /clusters`` in Go's field order; the defaults are the body pgo sends with no flags."""

    name: str = key("Name", "")
    namespace: str = key("Namespace", "")
    node_affinity_type: int = key("NodeAffinityType", 0)
    node_label: str = key("NodeLabel", "")
    password_length: int = key("PasswordLength", 0)
    password_superuser: str = key("PasswordSuperuser", "", secret="PGO_CLUSTER_PASSWORD_SUPERUSER")
    password_replication: str = key("PasswordReplication", "", secret="PGO_CLUSTER_PASSWORD_REPLICATION")
    password: str = key("Password", "", secret="PGO_CLUSTER_PASSWORD")
    secret_from: str = key("SecretFrom", "")
    user_labels: dict[str, str] | None = key("UserLabels", factory=dict)
    tablespaces: list[ClusterTablespaceDetail] | None = key("Tablespaces", factory=list)
    policies: str = key("Policies", "")
    ccp_image: str = key("CCPImage", "")
    ccp_image_tag: str = key("CCPImageTag", "")
    ccp_image_prefix: str = key("CCPImagePrefix", "")
    pgo_image_prefix: str = key("PGOImagePrefix", "")
    replica_count: int = key("ReplicaCount", 0)
    service_type: str = key("ServiceType", "")
    metrics_flag: bool = key("MetricsFlag", False)
    exporter_cpu_limit: str = key("ExporterCPULimit", "")
    exporter_cpu_request: str = key("ExporterCPURequest", "")
    exporter_memory_limit: str = key("ExporterMemoryLimit", "")
    exporter_memory_request: str = key("ExporterMemoryRequest", "")
    badger_flag: bool = key("BadgerFlag", False)
    autofail_flag: bool = key("AutofailFlag", True)
    archive_flag: bool = key("ArchiveFlag", False)
    backrest_storage_type: str = key("BackrestStorageType", "")
    pgbouncer_flag: bool = key("PgbouncerFlag", False)
    pg_bouncer_replicas: int = key("PgBouncerReplicas", 0)
    pg_bouncer_service_type: str = key("PgBouncerServiceType", "")
    pg_bouncer_tls_secret: str = key("PgBouncerTLSSecret", "")
    custom_config: str = key("CustomConfig", "")
    storage_config: str = key("StorageConfig", "")
    wal_storage_config: str = key("WALStorageConfig", "")
    replica_storage_config: str = key("ReplicaStorageConfig", "")
    client_version: str = key("ClientVersion", "")
    password_type: str = key("PasswordType", "")
    pod_anti_affinity: str = key("PodAntiAffinity", "")
    pod_anti_affinity_pg_back_rest: str = key("PodAntiAffinityPgBackRest", "")
    pod_anti_affinity_pg_bouncer: str = key("PodAntiAffinityPgBouncer", "")
    sync_replication: bool | None = key("SyncReplication", None)
    backrest_config: str = key("BackrestConfig", "")
    backrest_gcs_bucket: str = key("BackrestGCSBucket", "")
    backrest_gcs_endpoint: str = key("BackrestGCSEndpoint", "")
    backrest_gcs_key: str = key("BackrestGCSKey", "", secret=True)
    backrest_gcs_key_type: str = key("BackrestGCSKeyType", "service")
    backrest_s3_key: str = key("BackrestS3Key", "", secret=True)
    backrest_s3_key_secret: str = key("BackrestS3KeySecret", "", secret=True)
    backrest_s3_bucket: str = key("BackrestS3Bucket", "")
    backrest_s3_region: str = key("BackrestS3Region", "")
    backrest_s3_endpoint: str = key("BackrestS3Endpoint", "")
    backrest_s3_uri_style: str = key("BackrestS3URIStyle", "")
    backrest_s3_verify_tls: int = key("BackrestS3VerifyTLS", 0)
    standby: bool = key("Standby", False)
    backrest_repo_path: str = key("BackrestRepoPath", "")
    pvc_size: str = key("PVCSize", "")
    backrest_pvc_size: str = key("BackrestPVCSize", "")
    walpvc_size: str = key("WALPVCSize", "")
    username: str = key("Username", "")
    show_system_accounts: bool = key("ShowSystemAccounts", False)
    database: str = key("Database", "")
    tls_only: bool = key("TLSOnly", False)
    tls_secret: str = key("TLSSecret", "")
    ca_secret: str = key("CASecret", "")
    replication_tls_secret: str = key("ReplicationTLSSecret", "")
    cpu_limit: str = key("CPULimit", "")
    cpu_request: str = key("CPURequest", "")
    memory_limit: str = key("MemoryLimit", "")
    memory_request: str = key("MemoryRequest", "")
    pg_bouncer_cpu_limit: str = key("PgBouncerCPULimit", "")
    pg_bouncer_cpu_request: str = key("PgBouncerCPURequest", "")
    pg_bouncer_memory_limit: str = key("PgBouncerMemoryLimit", "")
    pg_bouncer_memory_request: str = key("PgBouncerMemoryRequest", "")
    backrest_cpu_limit: str = key("BackrestCPULimit", "")
    backrest_cpu_request: str = key("BackrestCPURequest", "")
    backrest_memory_limit: str = key("BackrestMemoryLimit", "")
    backrest_memory_request: str = key("BackrestMemoryRequest", "")
    backrest_storage_config: str = key("BackrestStorageConfig", "")
    backrest_s3_ca_secret_name: str = key("BackrestS3CASecretName", "")
    pg_data_source: PGDataSourceSpec = key("PGDataSource", factory=PGDataSourceSpec)
    annotations: ClusterAnnotations = key("annotations", factory=ClusterAnnotations)
    #: ``[]v1.Toleration``, whose fields are all ``omitempty``: each travels as a plain map of the
    #: keys that are set (as in ``UpdateClusterRequest``).
    tolerations: list[dict[str, Any]] | None = key("tolerations", factory=list)


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
