"""``pgo create cluster``'s messages (``CreateClusterRequest`` and ``CreateClusterResponse`` of
``pkg/apiservermsgs/clustermsgs.go``) and its route, apart from the other cluster messages: the
request's ~90 fields are the costliest classes of the noun to build, and only create needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgo_cli.wire.codec import Status, _key, key
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace, SystemAccounts, Version

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


CREATE = Endpoint(
    "POST",
    "/clusters",
    CreateClusterResponse,
    permission="CreateCluster",
    request=CreateClusterRequest,
    # internal/apiserver/clusterservice/clusterservice.go:53-89 CreateClusterHandler
    steps=(Authn(), SystemAccounts(), Headers(), Version(), Namespace()),
)
