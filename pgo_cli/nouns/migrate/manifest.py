"""The PGO v5 ``PostgresCluster`` of a v4 cluster: a pure function of :class:`~.source.V4Cluster`.

What v4 keeps in its Pgcluster (``pkg/apis/crunchydata.com/v1/cluster.go`` at v4.7.4) is mapped
onto the v5.8.9 CRD (``config/crd/bases/postgres-operator.crunchydata.com_postgresclusters.yaml``);
the method's data source is the one the v4→v5 guide (``docs/content/upgrade/v4tov5/`` before its
removal) requires. Everything that has no v5 equivalent is named in :attr:`Migration.dropped`
with why, never left out silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pgo_cli.errors import ApiError
from pgo_cli.nouns.migrate.source import INITIALIZED, V4Cluster

METHODS = ("volumes", "backups", "standby")
API_VERSION = "postgres-operator.crunchydata.com/v1beta1"
INSTANCE_SET = "instance1"
REPO = "repo1"
#: PostgreSQL majors PGO v5.8.9 runs (the CRD's ``postgresVersion`` bounds).
V5_POSTGRES = range(11, 19)
#: Labels v4 adds to a Pgcluster's ``userlabels`` itself (not the user's).
V4_LABELS = frozenset(
    {"pgo-version", "workflowid", "pg-cluster", "name", "pgouser", "crunchy-pgha-scope", "vendor"}
)
#: The user name rule of the v5 CRD (``spec.users[].name``).
V5_USER_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
#: v4 system accounts: v5 manages its own (``postgres`` is kept, see :func:`_users`).
SYSTEM_USERS = frozenset({"crunchyadm", "ccp_monitoring", "pgbouncer", "primaryuser"})
#: v4 storage types whose volumes are made by hand (NFS, HostPath): the guide's fsGroup warning.
HAND_MADE = "create"


class Refused(ApiError):
    """A migration the guide does not allow for this cluster (exit 1, nothing on stdout)."""


@dataclass
class Migration:
    """The manifest and what the user must know about it."""

    manifest: dict[str, Any]
    #: ``(setting, why it is not carried)``.
    dropped: list[tuple[str, str]] = field(default_factory=list)
    #: Warnings of the guide that apply to this cluster.
    warnings: list[str] = field(default_factory=list)


def repo_path(cluster: V4Cluster) -> str:
    """The v4 repository path: ``backrestRepoPath`` or ``/backrestrepo/<cluster>-backrest-shared-repo``."""
    return str(cluster.spec.get("backrestRepoPath") or f"/backrestrepo/{cluster.name}-backrest-shared-repo")


def postgres_major(tag: str) -> int | None:
    """The PostgreSQL major of a crunchy image tag (``centos8-13.5-4.7.4`` → 13, ``ubi8-9.6.24-4.7.4`` → 9)."""
    for part in tag.split("-"):
        match = re.fullmatch(r"(\d+)(?:\.\d+){0,2}", part)
        if match is not None:
            return int(match.group(1))
    return None


def postgis_version(image: str, tag: str) -> str:
    """PostGIS's version of a ``crunchy-postgres-gis-ha`` tag (``centos8-13.5-3.0-4.7.4`` → ``3.0``)."""
    if "gis" not in image:
        return ""
    parts = tag.split("-")
    return parts[2] if len(parts) >= 4 and re.fullmatch(r"\d+\.\d+", parts[2]) else ""


def refuse(cluster: V4Cluster, method: str) -> None:
    """What the guide forbids, before anything is built: raise :class:`Refused`."""
    if cluster.spec.get("standby"):
        raise Refused(
            f"cluster {cluster.name} is a v4 standby cluster: migrate the cluster it follows instead",
            hint="a standby's data comes from another cluster's repository; promote it first (pgo update cluster --promote-standby) to migrate it",
        )
    if cluster.state != INITIALIZED:
        raise Refused(
            f"cluster {cluster.name} is not initialized (state {cluster.state or 'unknown'!r}): "
            f"the guide requires {INITIALIZED!r}",
            hint=f"wait until it is up (pgo show cluster {cluster.name}), or start it (pgo update cluster {cluster.name} --startup)",
        )
    if method == "standby" and not cluster.cloud_repo():
        raise Refused(
            f"cluster {cluster.name} keeps its pgBackRest repository on a PVC (posix): the standby method needs an S3 or GCS repository",
            hint="use --method volumes or --method backups",
        )


def build(cluster: V4Cluster, method: str, postgres_version: int | None = None) -> Migration:
    """The v5 manifest of ``cluster`` for ``method`` (``volumes``, ``backups`` or ``standby``)."""
    refuse(cluster, method)
    spec = cluster.spec
    tag = str(spec.get("ccpimagetag", ""))
    major = postgres_version or postgres_major(tag)
    if major is None:
        raise Refused(
            f"cannot tell the PostgreSQL major version of cluster {cluster.name} from its image tag {tag!r}",
            hint="give it with --postgres-version N",
        )
    if major not in V5_POSTGRES:
        raise Refused(
            f"cluster {cluster.name} runs PostgreSQL {major}: PGO v5.8.9 runs {V5_POSTGRES.start} to {V5_POSTGRES.stop - 1}",
            hint="upgrade the PostgreSQL major version first (pg_upgrade), then migrate",
        )
    migration = Migration(manifest={})
    dropped = migration.dropped
    labels = {k: str(v) for k, v in sorted((spec.get("userlabels") or {}).items()) if k not in V4_LABELS}
    annotations = _group(spec, "global")
    metadata: dict[str, Any] = {"name": cluster.name, "namespace": cluster.namespace}
    if labels:
        metadata["labels"] = labels
    v5: dict[str, Any] = {}
    if labels or annotations:
        v5["metadata"] = _metadata(labels, annotations)
    v5["postgresVersion"] = major
    gis = postgis_version(str(spec.get("ccpimage", "")), tag)
    if gis:
        v5["postGISVersion"] = gis
    dropped.append(
        (
            f"image {spec.get('ccpimage', '')}:{tag}",
            "v4 images do not run under PGO v5; v5 picks its own image for postgresVersion (set spec.image to pin one)",
        )
    )
    port = str(spec.get("port") or "5432")
    if port != "5432":
        v5["port"] = int(port)
    source = _data_source(cluster, method)
    if source:
        v5["dataSource"] = source
    v5["instances"] = [_instances(cluster, migration)]
    groups = _supplemental_groups(cluster)
    if groups:
        v5["supplementalGroups"] = groups
    anti = str((spec.get("podAntiAffinity") or {}).get("default", ""))
    if anti == "disabled":
        v5["disableDefaultPodScheduling"] = True
    v5["backups"] = _backups(cluster, method, migration)
    if method == "standby":
        v5["standby"] = {"enabled": True, "repoName": REPO}
    bouncer = spec.get("pgBouncer") or {}
    if int(bouncer.get("replicas") or 0) > 0:
        v5["proxy"] = {"pgBouncer": _pgbouncer(cluster, bouncer, migration)}
    if spec.get("exporter"):
        exporter: dict[str, Any] = {}
        resources = _resources(spec.get("exporterResources"), spec.get("exporterLimits"))
        if resources:
            exporter["resources"] = resources
        v5["monitoring"] = {"pgmonitor": {"exporter": exporter}}
    if spec.get("syncReplication"):
        v5["patroni"] = {"dynamicConfiguration": {"synchronous_mode": True}}
    service_type = str(spec.get("serviceType") or "")
    if service_type in ("NodePort", "LoadBalancer", "ClusterIP"):
        if service_type != "ClusterIP":
            v5["service"] = {"type": service_type}
    elif service_type:
        dropped.append((f"serviceType {service_type}", "v5 services are ClusterIP, NodePort or LoadBalancer"))
    _tls(cluster, v5, migration)
    v5["users"] = _users(cluster, migration)
    _dropped(cluster, migration)
    migration.manifest = {
        "apiVersion": API_VERSION,
        "kind": "PostgresCluster",
        "metadata": metadata,
        "spec": v5,
    }
    migration.warnings.extend(_warnings(cluster, method))
    return migration


# ---------------------------------------------------------------------------------------- parts


def _metadata(labels: Mapping[str, str], annotations: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if annotations:
        out["annotations"] = dict(annotations)
    if labels:
        out["labels"] = dict(labels)
    return out


def _group(spec: Mapping[str, Any], name: str) -> dict[str, str]:
    """One of v4's four annotation groups (``global``, ``postgres``, ``backrest``, ``pgBouncer``)."""
    groups = spec.get("annotations") or {}
    return {k: str(v) for k, v in sorted((groups.get(name) or {}).items())}


def _quantity(value: Any) -> Any:
    """A resource quantity as the CRD takes it (int-or-string): numbers stay numbers."""
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _resources(requests: Any, limits: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if limits:
        out["limits"] = {k: _quantity(v) for k, v in sorted(dict(limits).items()) if str(v) not in ("", "0")}
    if requests:
        out["requests"] = {
            k: _quantity(v) for k, v in sorted(dict(requests).items()) if str(v) not in ("", "0")
        }
    return {k: v for k, v in out.items() if v}


def _storage(cluster: V4Cluster, key: str, config_key: str) -> dict[str, str]:
    """A v4 storage spec (``PrimaryStorage`` …), filled from pgo.yaml's storage config when empty."""
    stored = {k: str(v) for k, v in dict(cluster.spec.get(key) or {}).items()}
    if stored.get("size") or stored.get("storagetype"):
        return stored
    name = str(cluster.config.get(config_key) or "")
    configs = cluster.config.get("Storage") or {}
    config = configs.get(name) if isinstance(configs, Mapping) else None
    if not isinstance(config, Mapping):
        return stored
    return {
        "accessmode": str(config.get("AccessMode", "")),
        "size": str(config.get("Size", "")),
        "storagetype": str(config.get("StorageType", "")),
        "storageclass": str(config.get("StorageClass", "")),
        "supplementalgroups": str(config.get("SupplementalGroups", "")),
        "matchLabels": str(config.get("MatchLabels", "")),
    }


def _claim(storage: Mapping[str, str], size: str = "") -> dict[str, Any]:
    """A PVC spec from a v4 storage spec: access mode, size, storage class, match labels."""
    claim: dict[str, Any] = {
        "accessModes": [storage.get("accessmode") or "ReadWriteOnce"],
        "resources": {"requests": {"storage": size or storage.get("size") or "1G"}},
    }
    if storage.get("storageclass"):
        claim["storageClassName"] = storage["storageclass"]
    match = storage.get("matchLabels", "")
    if match and "=" in match:
        key, _, value = match.partition("=")
        claim["selector"] = {"matchLabels": {key.strip(): value.strip()}}
    return claim


def _affinity(cluster: V4Cluster, kind: str, extra: Mapping[str, str]) -> dict[str, Any]:
    """v4's pod anti-affinity type as a v5 term; ``preferred`` is v5's default and adds nothing."""
    anti = dict(cluster.spec.get("podAntiAffinity") or {})
    value = str(anti.get(kind) or anti.get("default") or "")
    if value != "required":
        return {}
    labels = {"postgres-operator.crunchydata.com/cluster": cluster.name, **extra}
    term = {"labelSelector": {"matchLabels": labels}, "topologyKey": "kubernetes.io/hostname"}
    return {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term]}}


def _tolerations(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for item in spec.get("tolerations") or []:
        toleration = {k: v for k, v in dict(item).items() if v not in ("", None)}
        if toleration:
            out.append(toleration)
    return out


def _instances(cluster: V4Cluster, migration: Migration) -> dict[str, Any]:
    spec = cluster.spec
    instance: dict[str, Any] = {"name": INSTANCE_SET}
    postgres = _group(spec, "postgres")
    if postgres:
        instance["metadata"] = {"annotations": postgres}
    instance["replicas"] = 1 + len(cluster.replicas)
    primary = _storage(cluster, "PrimaryStorage", "PrimaryStorage")
    instance["dataVolumeClaimSpec"] = _claim(primary)
    wal = _storage(cluster, "WALStorage", "WALStorage")
    if wal.get("storagetype") or cluster.wal_pvc():
        instance["walVolumeClaimSpec"] = _claim(wal)
    resources = _resources(spec.get("resources"), spec.get("limits"))
    if resources:
        instance["resources"] = resources
    tolerations = _tolerations(spec)
    if tolerations:
        instance["tolerations"] = tolerations
    affinity: dict[str, Any] = {}
    node = (spec.get("nodeAffinity") or {}).get("default")
    if node:
        affinity["nodeAffinity"] = node
    affinity.update(
        _affinity(cluster, "default", {"postgres-operator.crunchydata.com/instance-set": INSTANCE_SET})
    )
    if affinity:
        instance["affinity"] = affinity
    replica = _storage(cluster, "ReplicaStorage", "ReplicaStorage")
    if replica.get("size") and (replica.get("storageclass"), replica.get("size")) != (
        primary.get("storageclass"),
        primary.get("size"),
    ):
        migration.dropped.append(
            (
                "ReplicaStorage",
                "v5 gives every instance of a set the same volume claim: replicas get the primary's "
                f"({primary.get('size')}); add a second instance set for other storage",
            )
        )
    return instance


def _supplemental_groups(cluster: V4Cluster) -> list[int]:
    groups: set[int] = set()
    for key in ("PrimaryStorage", "WALStorage", "BackrestStorage"):
        text = _storage(cluster, key, key).get("supplementalgroups", "")
        groups.update(int(g) for g in re.split(r"[,\s]+", text) if g.isdigit() and int(g) > 0)
    return sorted(groups)


def _data_source(cluster: V4Cluster, method: str) -> dict[str, Any]:
    repo_volume = {
        "pvcName": f"{cluster.name}-pgbr-repo",
        "directory": f"{cluster.name}-backrest-shared-repo",
    }
    if method == "volumes":
        data = cluster.data_pvc()
        volumes: dict[str, Any] = {"pgDataVolume": {"pvcName": data, "directory": data}}
        if cluster.wal_pvc():
            volumes["pgWALVolume"] = {"pvcName": cluster.wal_pvc()}
        volumes["pgBackRestVolume"] = repo_volume
        return {"volumes": volumes}
    if method == "backups":
        source: dict[str, Any] = {}
        if repo_kind(cluster, method) == "posix":
            source["volumes"] = {"pgBackRestVolume": repo_volume}
        source["postgresCluster"] = {"repoName": REPO}
        return source
    return {}


def repo_kind(cluster: V4Cluster, method: str) -> str:
    """The repository repo1 is: the PVC for volumes (and backups when there is one), else the cloud."""
    if method == "volumes" or (method == "backups" and cluster.has_posix_repo()):
        return "posix"
    return cluster.cloud_repo() or "posix"


def _backups(cluster: V4Cluster, method: str, migration: Migration) -> dict[str, Any]:
    spec = cluster.spec
    kind = repo_kind(cluster, method)
    repo: dict[str, Any] = {"name": REPO}
    pgbackrest: dict[str, Any] = {}
    backrest = _group(spec, "backrest")
    if backrest:
        pgbackrest["metadata"] = {"annotations": backrest}
    settings: dict[str, str] = {}
    if kind == "posix":
        repo["volume"] = {"volumeClaimSpec": _claim(_storage(cluster, "BackrestStorage", "BackrestStorage"))}
    elif kind == "s3":
        repo["s3"] = {
            "bucket": str(spec.get("backrestS3Bucket", "")),
            "endpoint": str(spec.get("backrestS3Endpoint", "")),
            "region": str(spec.get("backrestS3Region", "")),
        }
        settings[f"{REPO}-path"] = repo_path(cluster)
        style = str(spec.get("backrestS3URIStyle") or "")
        if style:
            settings[f"{REPO}-s3-uri-style"] = style
        if str(spec.get("backrestS3VerifyTLS", "true")) == "false":
            settings[f"{REPO}-storage-verify-tls"] = "n"
        pgbackrest["configuration"] = [{"secret": {"name": f"{cluster.name}-pgbackrest-secret"}}]
    else:
        repo["gcs"] = {"bucket": str(spec.get("backrestGCSBucket", ""))}
        settings[f"{REPO}-path"] = repo_path(cluster)
        if spec.get("backrestGCSEndpoint"):
            settings[f"{REPO}-gcs-endpoint"] = str(spec["backrestGCSEndpoint"])
        if spec.get("backrestGCSKeyType"):
            settings[f"{REPO}-gcs-key-type"] = str(spec["backrestGCSKeyType"])
        pgbackrest["configuration"] = [{"secret": {"name": f"{cluster.name}-pgbackrest-secret"}}]
    if settings:
        pgbackrest["global"] = settings
    host: dict[str, Any] = {}
    resources = _resources(spec.get("backrestResources"), spec.get("backrestLimits"))
    if resources:
        host["resources"] = resources
    affinity = _affinity(cluster, "pgBackRest", {"postgres-operator.crunchydata.com/data": "pgbackrest"})
    if affinity:
        host["affinity"] = affinity
    if host:
        pgbackrest["repoHost"] = host
    pgbackrest["repos"] = [repo]
    other = cluster.cloud_repo() if kind == "posix" else ("posix" if cluster.has_posix_repo() else "")
    if other:
        migration.dropped.append(
            (
                f"the {other} pgBackRest repository",
                f"the {method} method reads one repository ({kind}) as repo1; add the {other} one as repo2 after the migration",
            )
        )
    return {"pgbackrest": pgbackrest}


def _pgbouncer(cluster: V4Cluster, bouncer: Mapping[str, Any], migration: Migration) -> dict[str, Any]:
    out: dict[str, Any] = {}
    annotations = _group(cluster.spec, "pgBouncer")
    if annotations:
        out["metadata"] = {"annotations": annotations}
    out["replicas"] = int(bouncer.get("replicas") or 1)
    resources = _resources(bouncer.get("resources"), bouncer.get("limits"))
    if resources:
        out["resources"] = resources
    service_type = str(bouncer.get("serviceType") or "")
    if service_type in ("NodePort", "LoadBalancer"):
        out["service"] = {"type": service_type}
    elif service_type not in ("", "ClusterIP"):
        migration.dropped.append(
            (f"pgBouncer serviceType {service_type}", "v5 services are ClusterIP, NodePort or LoadBalancer")
        )
    affinity = _affinity(cluster, "pgBouncer", {"postgres-operator.crunchydata.com/role": "pgbouncer"})
    if affinity:
        out["affinity"] = affinity
    tolerations = _tolerations(cluster.spec)
    if tolerations:
        out["tolerations"] = tolerations
    secret = str(bouncer.get("tlsSecret") or "")
    if secret:
        out["customTLSSecret"] = {"name": secret}
    return out


def _tls(cluster: V4Cluster, v5: dict[str, Any], migration: Migration) -> None:
    tls = dict(cluster.spec.get("tls") or {})
    secret, ca, replication = (
        str(tls.get(k) or "") for k in ("tlsSecret", "caSecret", "replicationTLSSecret")
    )
    if secret:
        v5["customTLSSecret"] = {"name": secret}
        migration.warnings.append(
            f"custom TLS: v5 reads ca.crt, tls.crt and tls.key from one Secret; v4 keeps the CA apart "
            f"({ca}): add its ca.crt to {secret} (and to {replication or secret}) before applying"
        )
    if replication:
        v5["customReplicationTLSSecret"] = {"name": replication}
    if cluster.spec.get("tlsOnly"):
        migration.dropped.append(
            (
                "tlsOnly",
                "v5 has no switch for it: add hostssl-only rules under "
                "spec.patroni.dynamicConfiguration.postgresql.pg_hba",
            )
        )


def _users(cluster: V4Cluster, migration: Migration) -> list[dict[str, Any]]:
    """v4's users with the application database for its owner; never a password."""
    spec = cluster.spec
    owner = str(spec.get("user") or "")
    database = str(spec.get("database") or cluster.name)
    names = sorted({*cluster.users, owner} - {""} - SYSTEM_USERS)
    users: list[dict[str, Any]] = [{"name": "postgres"}]
    for name in names:
        if name == "postgres":
            continue
        if not V5_USER_NAME.fullmatch(name):
            migration.dropped.append(
                (f"user {name}", "v5 user names are lowercase letters, digits and '-': create it with SQL")
            )
            continue
        user: dict[str, Any] = {"name": name}
        if name == owner:
            user["databases"] = [database]
        users.append(user)
    migration.warnings.append(
        f"passwords are not carried: v5 sets new ones on these roles from the Secrets {cluster.name}-pguser-<user>; "
        "to keep a v4 password, create that Secret with it (key password) before applying"
    )
    return users


def _dropped(cluster: V4Cluster, migration: Migration) -> None:
    spec = cluster.spec
    dropped = migration.dropped
    if spec.get("pgBadger"):
        dropped.append(("pgBadger", "PGO v5 has no pgBadger sidecar"))
    if spec.get("customconfig"):
        dropped.append(
            (
                f"custom configuration ConfigMap {spec['customconfig']}",
                "copy its postgresql parameters to spec.patroni.dynamicConfiguration.postgresql.parameters",
            )
        )
    if spec.get("disableAutofail"):
        dropped.append(
            (
                "disabled autofail",
                "v5 always runs Patroni failover; pause it with patroni's own tools if needed",
            )
        )
    for name in sorted(spec.get("tablespaceMounts") or {}):
        dropped.append(
            (
                f"tablespace {name}",
                "v5 tablespace volumes are behind the TablespaceVolumes feature gate: add "
                "spec.instances[].tablespaceVolumes when it is on",
            )
        )
    if str(spec.get("passwordType") or "") == "md5":
        dropped.append(
            (
                "passwordType md5",
                "set spec.patroni.dynamicConfiguration.postgresql.parameters.password_encryption: md5",
            )
        )
    if spec.get("policies"):
        dropped.append((f"policies {spec['policies']}", "v5 has no SQL policies: run them with psql"))
    if spec.get("backrestConfig"):
        dropped.append(
            ("pgBackRest custom configuration", "add it under spec.backups.pgbackrest.configuration")
        )


def _warnings(cluster: V4Cluster, method: str) -> list[str]:
    warnings = []
    hand_made = [
        key
        for key in ("PrimaryStorage", "WALStorage", "BackrestStorage")
        if _storage(cluster, key, key).get("storagetype") == HAND_MADE
    ]
    if hand_made and method != "standby":
        warnings.append(
            "NFS/HostPath storage ("
            + ", ".join(hand_made)
            + "): Kubernetes does not apply fsGroups to such volumes; before applying, set the group of "
            "their directories, and at least of the pgBackRest repository directory and all its "
            "subdirectories, to 26 (postgres in PGO v5)"
        )
    if cluster.down:
        warnings.append(
            f"pgo test {cluster.name} reports down: {', '.join(cluster.down)}; "
            + (
                "a fresh backup needs the primary up"
                if method != "volumes"
                else "the primary's data should be cleanly shut down by the delete"
            )
        )
    if method == "backups" and cluster.backups == 0:
        warnings.append(
            f"cluster {cluster.name} has no backup yet: take one (pgo backup {cluster.name}) first"
        )
    return warnings
