"""The 83 flags of ``pgo create cluster`` (and the few pgo_cli adds), as data.

Every pgo 4.7.4 flag appears here once, with its long name, short form, pflag type, default, the
``CreateClusterRequest`` key it fills (``field``, dotted for nested objects) and the named
``transform`` that :mod:`pgo_cli.nouns.cluster.request` applies. The same records build the click
options, the request body, the help, the docs and the completions.

Transforms:

* ``quantity`` — a Kubernetes quantity, checked before sending (empty is allowed);
* ``invert`` — the request carries the opposite boolean (``--disable-autofail`` → ``AutofailFlag``);
* ``labels`` / ``annotations`` / ``tolerations`` / ``tablespaces`` — parsed as pgo parses them;
* ``node_affinity_type`` — ``preferred``/``required`` → 0/1, needs ``--node-label``;
* ``tri_state`` — ``null`` unless typed (``--sync-replication``; ``true`` raises replicas to 1);
* ``verify_tls_enum`` — not typed 0, true 1, false 2 (``--pgbackrest-s3-verify-tls``);
* ``file_base64`` — the named file's contents, base64 (``--pgbackrest-gcs-key``);
* ``secret`` — a password, which may also come from a file or the environment (:data:`SECRETS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.cli.command import WAIT_FLAGS
from pgo_cli.cli.flagspec import Flag

__all__ = [
    "CREATE_EXTRA_FLAGS",
    "CREATE_FLAGS",
    "QUANTITY_CHECK_ORDER",
    "SECRETS",
    "SecretSource",
    "create_flag",
]

_CLUSTER = "Cluster"
_IMAGES = "Images"
_RESOURCES = "Resources"
_STORAGE = "Storage"
_USERS = "Users and passwords"
_BACKREST = "pgBackRest"
_BOUNCER = "pgBouncer"
_METRICS = "Monitoring"
_SCHEDULING = "Scheduling"
_ANTI_AFFINITY = "Pod anti-affinity"
_TLS = "TLS"
_RESTORE = "Restore and standby"
_METADATA = "Labels and annotations"
_OUTPUT = "Output"

_QUANTITY_CPU = "A Kubernetes quantity, e.g. 500m (half a core) or 2."
_QUANTITY_MEM = "A Kubernetes quantity, e.g. 512Mi or 1Gi."


def _q(name: str, field: str, what: str, panel: str, example: str) -> Flag:
    return Flag(name, "string", f"{what} {example}", field=field, transform="quantity", panel=panel)


#: The 83 flags of ``pgo create cluster`` in the order of the reference (§4.2).
CREATE_FLAGS: tuple[Flag, ...] = (
    Flag(
        "annotation",
        "stringSlice",
        "Annotation for every Deployment of the cluster: key=value, or key- to drop it. Repeatable.",
        field="annotations.global",
        transform="annotations",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    Flag(
        "annotation-pgbackrest",
        "stringSlice",
        "Annotation for the pgBackRest repository Deployment only (key=value or key-).",
        field="annotations.backrest",
        transform="annotations",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    Flag(
        "annotation-pgbouncer",
        "stringSlice",
        "Annotation for the pgBouncer Deployment only (key=value or key-).",
        field="annotations.pgBouncer",
        transform="annotations",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    Flag(
        "annotation-postgres",
        "stringSlice",
        "Annotation for the PostgreSQL instance Deployments only (key=value or key-).",
        field="annotations.postgres",
        transform="annotations",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    Flag(
        "ccp-image",
        "string",
        "Container image name for PostgreSQL (server default: crunchy-postgres-ha).",
        field="CCPImage",
        panel=_IMAGES,
    ),
    Flag(
        "ccp-image-tag",
        "string",
        "Tag of the PostgreSQL image (server default: from pgo.yaml).",
        short="c",
        field="CCPImageTag",
        panel=_IMAGES,
    ),
    Flag(
        "ccp-image-prefix",
        "string",
        "Registry prefix of the PostgreSQL images, instead of the server's setting.",
        field="CCPImagePrefix",
        panel=_IMAGES,
    ),
    Flag(
        "pgo-image-prefix",
        "string",
        "Registry prefix of the Operator's own images, instead of the server's setting.",
        field="PGOImagePrefix",
        panel=_IMAGES,
    ),
    _q("cpu", "CPURequest", "CPU requested by each PostgreSQL instance.", _RESOURCES, _QUANTITY_CPU),
    _q("cpu-limit", "CPULimit", "CPU limit of each PostgreSQL instance.", _RESOURCES, _QUANTITY_CPU),
    Flag(
        "custom-config",
        "string",
        "Name of a ConfigMap with PostgreSQL configuration files that override the defaults.",
        field="CustomConfig",
        panel=_CLUSTER,
    ),
    Flag(
        "database",
        "string",
        "Name of the initial database (default: the server's setting, else the cluster name).",
        short="d",
        field="Database",
        panel=_USERS,
    ),
    Flag(
        "disable-autofail",
        "bool",
        "Turn automatic failover off once the cluster is initialized.",
        field="AutofailFlag",
        transform="invert",
        panel=_CLUSTER,
    ),
    Flag(
        "label",
        "stringSlice",
        "Label for the cluster: key=value (Kubernetes label rules). Repeatable or comma-separated.",
        field="UserLabels",
        transform="labels",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    _q("memory", "MemoryRequest", "Memory requested by each PostgreSQL instance.", _RESOURCES, _QUANTITY_MEM),
    _q("memory-limit", "MemoryLimit", "Memory limit of each PostgreSQL instance.", _RESOURCES, _QUANTITY_MEM),
    Flag(
        "metrics",
        "bool",
        "Run the crunchy-postgres-exporter sidecar in each PostgreSQL pod.",
        field="MetricsFlag",
        panel=_METRICS,
    ),
    _q(
        "exporter-cpu",
        "ExporterCPURequest",
        "CPU requested by the exporter sidecar.",
        _METRICS,
        _QUANTITY_CPU,
    ),
    _q(
        "exporter-cpu-limit",
        "ExporterCPULimit",
        "CPU limit of the exporter sidecar.",
        _METRICS,
        _QUANTITY_CPU,
    ),
    _q(
        "exporter-memory",
        "ExporterMemoryRequest",
        "Memory requested by the exporter sidecar.",
        _METRICS,
        _QUANTITY_MEM,
    ),
    _q(
        "exporter-memory-limit",
        "ExporterMemoryLimit",
        "Memory limit of the exporter sidecar.",
        _METRICS,
        _QUANTITY_MEM,
    ),
    Flag(
        "node-affinity-type",
        "string",
        "How strictly --node-label applies: preferred (default) or required.",
        field="NodeAffinityType",
        transform="node_affinity_type",
        choices=("preferred", "required"),
        panel=_SCHEDULING,
    ),
    Flag(
        "node-label",
        "string",
        "Node label key=value that places the primary; without it any node is used.",
        field="NodeLabel",
        panel=_SCHEDULING,
        metavar="KEY=VALUE",
    ),
    Flag(
        "password",
        "string",
        "Password of the standard user. A command line is visible to ps and shell history: see "
        "--password-file.",
        field="Password",
        transform="secret",
        panel=_USERS,
    ),
    Flag(
        "password-length",
        "int",
        "Length of generated passwords (default: the server's setting).",
        field="PasswordLength",
        panel=_USERS,
    ),
    Flag(
        "password-type",
        "string",
        "Password hashing for managed users: md5 (default) or scram-sha-256.",
        field="PasswordType",
        choices=("md5", "scram-sha-256"),
        panel=_USERS,
    ),
    Flag(
        "password-superuser",
        "string",
        "Password of the postgres superuser (safer: --password-superuser-file).",
        field="PasswordSuperuser",
        transform="secret",
        panel=_USERS,
    ),
    Flag(
        "password-replication",
        "string",
        "Password of the replication user (safer: --password-replication-file).",
        field="PasswordReplication",
        transform="secret",
        panel=_USERS,
    ),
    _q(
        "pgbackrest-cpu",
        "BackrestCPURequest",
        "CPU requested by the pgBackRest repository.",
        _BACKREST,
        _QUANTITY_CPU,
    ),
    _q(
        "pgbackrest-cpu-limit",
        "BackrestCPULimit",
        "CPU limit of the pgBackRest repository.",
        _BACKREST,
        _QUANTITY_CPU,
    ),
    Flag(
        "pgbackrest-custom-config",
        "string",
        "Name of a ConfigMap with pgBackRest configuration files.",
        field="BackrestConfig",
        panel=_BACKREST,
    ),
    _q(
        "pgbackrest-memory",
        "BackrestMemoryRequest",
        "Memory requested by the pgBackRest repository.",
        _BACKREST,
        _QUANTITY_MEM,
    ),
    _q(
        "pgbackrest-memory-limit",
        "BackrestMemoryLimit",
        "Memory limit of the pgBackRest repository.",
        _BACKREST,
        _QUANTITY_MEM,
    ),
    Flag(
        "pgbackrest-pvc-size",
        "string",
        "Size of the pgBackRest repository volume, e.g. 10Gi (checked by the server).",
        field="BackrestPVCSize",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-repo-path",
        "string",
        "Path of the pgBackRest repository; a standby cluster needs it to find an existing repository.",
        field="BackrestRepoPath",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-gcs-bucket",
        "string",
        'GCS bucket for the "gcs" repository type.',
        field="BackrestGCSBucket",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-gcs-endpoint",
        "string",
        'GCS endpoint for the "gcs" repository type.',
        field="BackrestGCSEndpoint",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-gcs-key",
        "string",
        'Path of a GCS key file for the "gcs" repository type; its contents are sent.',
        field="BackrestGCSKey",
        transform="file_base64",
        completes="file",
        panel=_BACKREST,
        metavar="FILE",
    ),
    Flag(
        "pgbackrest-gcs-key-type",
        "string",
        "Kind of the GCS key: service or token.",
        default="service",
        field="BackrestGCSKeyType",
        choices=("service", "token"),
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-key",
        "string",
        'AWS S3 access key for the "s3" repository type.',
        field="BackrestS3Key",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-bucket",
        "string",
        'AWS S3 bucket for the "s3" repository type.',
        field="BackrestS3Bucket",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-ca-secret",
        "string",
        'Name of a Secret holding "aws-s3-ca.crt", the CA that signs the S3 endpoint\'s certificate.',
        field="BackrestS3CASecretName",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-endpoint",
        "string",
        'AWS S3 endpoint for the "s3" repository type.',
        field="BackrestS3Endpoint",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-key-secret",
        "string",
        'AWS S3 secret key for the "s3" repository type.',
        field="BackrestS3KeySecret",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-region",
        "string",
        'AWS S3 region for the "s3" repository type.',
        field="BackrestS3Region",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-uri-style",
        "string",
        "S3 URI style: host or path.",
        field="BackrestS3URIStyle",
        choices=("host", "path"),
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-s3-verify-tls",
        "bool",
        "Verify the S3 endpoint's TLS certificate; =false turns it off (not typed: the server's default).",
        default=True,
        field="BackrestS3VerifyTLS",
        transform="verify_tls_enum",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-storage-config",
        "string",
        "Storage config (from pgo.yaml) of the local pgBackRest repository.",
        field="BackrestStorageConfig",
        panel=_BACKREST,
    ),
    Flag(
        "pgbackrest-storage-type",
        "string",
        'Repository storage: "posix", "s3", "gcs", "posix,s3" or "posix,gcs" (server default posix).',
        field="BackrestStorageType",
        panel=_BACKREST,
    ),
    Flag(
        "pgbadger",
        "bool",
        "Run the crunchy-pgbadger sidecar in each PostgreSQL pod.",
        field="BadgerFlag",
        panel=_METRICS,
    ),
    Flag(
        "pgbouncer",
        "bool",
        "Add a pgBouncer connection pooler Deployment.",
        field="PgbouncerFlag",
        panel=_BOUNCER,
    ),
    _q(
        "pgbouncer-cpu",
        "PgBouncerCPURequest",
        "CPU requested by each pgBouncer pod.",
        _BOUNCER,
        _QUANTITY_CPU,
    ),
    _q(
        "pgbouncer-cpu-limit",
        "PgBouncerCPULimit",
        "CPU limit of each pgBouncer pod.",
        _BOUNCER,
        _QUANTITY_CPU,
    ),
    _q(
        "pgbouncer-memory",
        "PgBouncerMemoryRequest",
        "Memory requested by each pgBouncer pod.",
        _BOUNCER,
        _QUANTITY_MEM,
    ),
    _q(
        "pgbouncer-memory-limit",
        "PgBouncerMemoryLimit",
        "Memory limit of each pgBouncer pod.",
        _BOUNCER,
        _QUANTITY_MEM,
    ),
    Flag(
        "pgbouncer-replicas",
        "int32",
        "Number of pgBouncer pods (0: the server makes 1).",
        field="PgBouncerReplicas",
        panel=_BOUNCER,
    ),
    Flag(
        "pgbouncer-service-type",
        "string",
        "Service type of pgBouncer (default: the cluster's service type).",
        field="PgBouncerServiceType",
        choices=("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
        panel=_BOUNCER,
    ),
    Flag(
        "pgbouncer-tls-secret",
        "string",
        "Name of the TLS Secret for pgBouncer; needs --server-tls-secret and --server-ca-secret.",
        field="PgBouncerTLSSecret",
        panel=_BOUNCER,
    ),
    Flag(
        "replica-storage-config",
        "string",
        "Storage config (from pgo.yaml) of the replicas.",
        field="ReplicaStorageConfig",
        panel=_STORAGE,
    ),
    Flag(
        "pod-anti-affinity",
        "string",
        "Anti-affinity of the PostgreSQL pods: required, preferred (server default) or disabled.",
        field="PodAntiAffinity",
        choices=("required", "preferred", "disabled"),
        metavar="MODE",
        panel=_ANTI_AFFINITY,
    ),
    Flag(
        "pod-anti-affinity-pgbackrest",
        "string",
        "Anti-affinity of the pgBackRest pod (default: as --pod-anti-affinity).",
        field="PodAntiAffinityPgBackRest",
        choices=("required", "preferred", "disabled"),
        metavar="MODE",
        panel=_ANTI_AFFINITY,
    ),
    Flag(
        "pod-anti-affinity-pgbouncer",
        "string",
        "Anti-affinity of the pgBouncer pods (default: as --pod-anti-affinity).",
        field="PodAntiAffinityPgBouncer",
        choices=("required", "preferred", "disabled"),
        metavar="MODE",
        panel=_ANTI_AFFINITY,
    ),
    Flag(
        "policies",
        "string",
        "Policies to apply once the cluster exists, comma-separated.",
        short="z",
        field="Policies",
        panel=_CLUSTER,
    ),
    Flag(
        "pvc-size",
        "string",
        "Size of each PostgreSQL data volume, e.g. 20Gi (checked by the server).",
        field="PVCSize",
        panel=_STORAGE,
    ),
    Flag(
        "replica-count",
        "int",
        "Number of replicas to create with the cluster.",
        field="ReplicaCount",
        panel=_CLUSTER,
    ),
    Flag(
        "replication-tls-secret",
        "string",
        "Name of a TLS Secret whose certificate authenticates the replication user.",
        field="ReplicationTLSSecret",
        panel=_TLS,
    ),
    Flag(
        "restore-from",
        "string",
        "Cluster whose pgBackRest repository bootstraps the new cluster.",
        field="PGDataSource.restoreFrom",
        panel=_RESTORE,
        completes="cluster",
    ),
    Flag(
        "restore-from-namespace",
        "string",
        "Namespace of --restore-from (default: the new cluster's namespace).",
        field="PGDataSource.namespace",
        panel=_RESTORE,
        completes="namespace",
    ),
    Flag(
        "restore-opts",
        "string",
        'Extra pgBackRest restore options for the bootstrap, e.g. "--type=time --target=...".',
        field="PGDataSource.restoreOpts",
        panel=_RESTORE,
    ),
    Flag(
        "secret-from",
        "string",
        "Cluster whose user Secrets (and passwords) are copied.",
        short="s",
        field="SecretFrom",
        panel=_USERS,
        completes="cluster",
    ),
    Flag(
        "server-ca-secret",
        "string",
        "Name of the Secret with the CA for PostgreSQL TLS; use with --server-tls-secret.",
        field="CASecret",
        panel=_TLS,
    ),
    Flag(
        "server-tls-secret",
        "string",
        "Name of the TLS Secret (key pair) for PostgreSQL TLS; use with --server-ca-secret.",
        field="TLSSecret",
        panel=_TLS,
    ),
    Flag(
        "service-type",
        "string",
        "Service type of the cluster (default: the server's setting).",
        field="ServiceType",
        choices=("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
        panel=_CLUSTER,
    ),
    Flag(
        "show-system-accounts",
        "bool",
        "Also list the system accounts (postgres, primaryuser) and their passwords in the answer.",
        field="ShowSystemAccounts",
        panel=_USERS,
    ),
    Flag(
        "storage-config",
        "string",
        "Storage config (from pgo.yaml) of the primary.",
        field="StorageConfig",
        panel=_STORAGE,
    ),
    Flag(
        "sync-replication",
        "bool",
        "Use synchronous replication (=true also makes at least one replica; not typed: the server's "
        "default).",
        field="SyncReplication",
        transform="tri_state",
        panel=_CLUSTER,
    ),
    Flag(
        "tls-only",
        "bool",
        "Accept TLS connections only; needs --server-tls-secret and --server-ca-secret.",
        field="TLSOnly",
        panel=_TLS,
    ),
    Flag(
        "toleration",
        "stringSlice",
        "Pod toleration: key, key:Effect, key=value or key=value:Effect "
        "(Effect: NoSchedule, PreferNoSchedule, NoExecute). Repeatable.",
        field="tolerations",
        transform="tolerations",
        panel=_SCHEDULING,
    ),
    Flag(
        "standby",
        "bool",
        "Create a standby cluster that replays from an external pgBackRest repository.",
        field="Standby",
        panel=_RESTORE,
    ),
    Flag(
        "tablespace",
        "stringSlice",
        "A tablespace, e.g. name=ts1:storageconfig=nfs (add :pvcsize=10Gi for its size). Repeatable.",
        field="Tablespaces",
        transform="tablespaces",
        panel=_STORAGE,
        metavar="SPEC",
    ),
    Flag(
        "username",
        "string",
        "Name of the standard PostgreSQL user (default: the server's setting).",
        short="u",
        field="Username",
        panel=_USERS,
    ),
    Flag(
        "wal-storage-config",
        "string",
        "Storage config (from pgo.yaml) of a separate WAL volume.",
        field="WALStorageConfig",
        panel=_STORAGE,
    ),
    Flag(
        "wal-storage-size",
        "string",
        "Size of the WAL volume, e.g. 5Gi (checked by the server).",
        field="WALPVCSize",
        panel=_STORAGE,
    ),
)


@dataclass(frozen=True)
class SecretSource:
    """Where a password may come from, besides its pgo flag: a file flag and a variable."""

    flag: str
    file_flag: str
    env: str


#: Passwords may be read from a file (first line) or the environment instead of the command line.
SECRETS: tuple[SecretSource, ...] = (
    SecretSource("password", "password-file", "PGO_CLUSTER_PASSWORD"),
    SecretSource("password-superuser", "password-superuser-file", "PGO_CLUSTER_PASSWORD_SUPERUSER"),
    SecretSource("password-replication", "password-replication-file", "PGO_CLUSTER_PASSWORD_REPLICATION"),
)

_OUTPUT_HELP = "Output: table (terminal default), pgo (pgo's text; default when piped), json or yaml."

#: Flags pgo_cli adds to ``create cluster``.
CREATE_EXTRA_FLAGS: tuple[Flag, ...] = (
    *(
        Flag(
            source.file_flag,
            "string",
            f"Read --{source.flag} from the first line of FILE ('-': standard input). The "
            "variable named in the command's help works too.",
            completes="file",
            metavar="FILE",
            panel=_USERS,
        )
        for source in SECRETS
    ),
    Flag(
        "dry-run",
        "bool",
        "Send nothing: print the request as a curl command (or as JSON with -o json).",
        panel=_OUTPUT,
    ),
    Flag(
        "output",
        "string",
        _OUTPUT_HELP,
        short="o",
        metavar="FORMAT",
        choices=("table", "pgo", "json", "yaml"),
        panel=_OUTPUT,
    ),
    *WAIT_FLAGS,
)

#: The client checks quantities in this order (pgo's ``createCluster``), after the other rules.
QUANTITY_CHECK_ORDER = (
    "cpu",
    "cpu-limit",
    "memory",
    "memory-limit",
    "pgbackrest-cpu",
    "pgbackrest-cpu-limit",
    "pgbackrest-memory",
    "pgbackrest-memory-limit",
    "exporter-cpu",
    "exporter-cpu-limit",
    "exporter-memory",
    "exporter-memory-limit",
    "pgbouncer-cpu",
    "pgbouncer-cpu-limit",
    "pgbouncer-memory",
    "pgbouncer-memory-limit",
)

_CREATE_BY_NAME = {flag.name: flag for flag in CREATE_FLAGS}


def create_flag(name: str) -> Flag:
    """The create flag called ``name`` (without dashes)."""
    return _CREATE_BY_NAME[name]
