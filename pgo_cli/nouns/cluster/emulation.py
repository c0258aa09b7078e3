"""The cluster business logic of the apiserver and, in a few lines, of the operator behind it.

``create`` runs ``CreateCluster``'s validations in their order with their messages and stores the
Pgcluster that ``getClusterParams`` builds, plus the objects the operator would make (Deployments,
instance Pods, PVCs, Services, Pgreplicas, Secrets). ``show`` and ``delete`` follow
``ShowCluster`` and ``DeleteCluster``. Time is simulated: pods become ready ``ready_delay`` seconds
after create; an rmdata job finishes ``delete_delay`` seconds after delete.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from typing import Any

from pgo_cli.emulator import model, state
from pgo_cli.emulator.config import EMPTY_STORAGE
from pgo_cli.emulator.world import LOWERCASE, World, rfc3339
from pgo_cli.k8s import QuantityError, dns1035_label_errors, parse_quantity, validate_labels
from pgo_cli.nouns.cluster.create_messages import (
    CreateClusterDetail,
    CreateClusterDetailUser,
    CreateClusterRequest,
    CreateClusterResponse,
)
from pgo_cli.wire.codec import error_status, ok_status, to_wire
from pgo_cli.wire.gojson import go_quote, sorted_map

SUPERUSER = "postgres"
REPLICATION_USER = "primaryuser"
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "")
ANTI_AFFINITY_TYPES = ("required", "preferred", "disabled", "")
PASSWORD_TYPES = ("", "md5", "scram", "scram-sha-256")


class CreateError(Exception):
    """A create validation failure; the message is the status ``Msg``."""


def go_base64_error(text: str) -> str | None:
    """The error of Go's ``base64.StdEncoding.DecodeString``, or None when ``text`` decodes."""
    alphabet = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    src = text.encode("utf-8", errors="surrogateescape")
    si = 0
    while True:
        j = 0
        while j < 4:
            if si == len(src):
                if j == 0:
                    return None
                return f"illegal base64 data at input byte {si - j}"
            ch = src[si]
            si += 1
            if ch in alphabet:
                j += 1
                continue
            if ch in b"\r\n":
                continue
            if ch != ord("="):
                return f"illegal base64 data at input byte {si - 1}"
            if j < 2:
                return f"illegal base64 data at input byte {si - 1}"
            if j == 2:
                while si < len(src) and src[si] in b"\r\n":
                    si += 1
                if si == len(src):
                    return f"illegal base64 data at input byte {len(src)}"
                if src[si] != ord("="):
                    return f"illegal base64 data at input byte {si - 1}"
                si += 1
            while si < len(src) and src[si] in b"\r\n":
                si += 1
            if si < len(src):
                return f"illegal base64 data at input byte {si}"
            return None


def _storage(world: World, name: str) -> dict[str, str]:
    return dict(world.pgo.storage.get(name, EMPTY_STORAGE))


# ------------------------------------------------------------------ create


def create(world: World, body: CreateClusterRequest, pgouser: str) -> CreateClusterResponse:
    """``CreateCluster``: the whole ``CreateClusterResponse`` (a refusal keeps what was filled in).

    The checks read the typed request; its fields name the Go fields they cite (``PVCSize`` is
    ``pvc_size``).
    """
    result = CreateClusterDetail()
    try:
        _create(world, body, body.namespace, pgouser, result)
    except CreateError as exc:
        return CreateClusterResponse(result=result, status=error_status(str(exc)))
    return CreateClusterResponse(result=result, status=ok_status())


def _check_request_limit(world: World, request: str, limit: str, default: str) -> None:
    """``ValidateResourceRequestLimit``."""
    try:
        req_q = parse_quantity(request) if request else None
        lim_q = parse_quantity(limit) if limit else None
    except QuantityError as exc:
        raise CreateError(str(exc)) from exc
    if req_q is None or req_q.is_zero():
        req_q = parse_quantity(default) if default else None
    if (
        lim_q is not None
        and not lim_q.is_zero()
        and req_q is not None
        and not req_q.is_zero()
        and lim_q < req_q
    ):
        raise CreateError(f"limit {go_quote(str(lim_q))} is lower than the request {go_quote(str(req_q))}")


def _check_pvc_size(size: str) -> None:
    if size:
        try:
            parse_quantity(size)
        except QuantityError as exc:
            raise CreateError(model.PVC_SIZE_MSG.format(size, exc)) from exc


def _create(
    world: World, body: CreateClusterRequest, ns: str, pgouser: str, result: CreateClusterDetail
) -> None:
    name: str = body.name
    if name == "all":
        raise CreateError("invalid cluster name 'all' is not allowed as a cluster name")
    if body.replica_count < 0:
        raise CreateError("invalid replica-count , should be greater than or equal to 0")
    errs = dns1035_label_errors(name)
    if errs:
        raise CreateError("invalid cluster name format " + errs[0])
    now = world.now()
    failure: CreateError | None = None
    with world.state.write() as conn:
        # A failure after the user Secrets were written keeps them, as in Kubernetes: commit.
        try:
            _create_locked(world, conn, body, ns, pgouser, result, now)
        except CreateError as exc:
            failure = exc
    if failure is not None:
        raise failure


def _create_locked(
    world: World,
    conn: Any,
    body: CreateClusterRequest,
    ns: str,
    pgouser: str,
    result: CreateClusterDetail,
    now: float,
) -> None:
    """The part of create that runs under the database write lock."""
    name: str = body.name
    pgo = world.pgo
    world.reconcile(conn, now)
    if state.get_cluster(conn, ns, name) is not None:
        raise CreateError(f"pgcluster {name} was found so we will not create it")
    message = validate_labels(body.user_labels or {})
    if message:
        raise CreateError(message)
    _check_data_source(world, conn, body, ns)
    for size in (body.pvc_size, body.backrest_pvc_size, body.walpvc_size):
        _check_pvc_size(size)
    _check_request_limit(world, body.cpu_request, body.cpu_limit, "")
    _check_request_limit(world, body.memory_request, body.memory_limit, pgo.default_instance_memory)
    _check_request_limit(world, body.backrest_cpu_request, body.backrest_cpu_limit, "")
    _check_request_limit(
        world, body.backrest_memory_request, body.backrest_memory_limit, pgo.default_backrest_memory
    )
    _check_request_limit(world, body.pg_bouncer_cpu_request, body.pg_bouncer_cpu_limit, "")
    _check_request_limit(
        world, body.pg_bouncer_memory_request, body.pg_bouncer_memory_limit, pgo.default_pgbouncer_memory
    )
    _check_request_limit(world, body.exporter_cpu_request, body.exporter_cpu_limit, "")
    # The real server compares the exporter memory with the pgBouncer default (a bug, kept).
    _check_request_limit(
        world, body.exporter_memory_request, body.exporter_memory_limit, pgo.default_pgbouncer_memory
    )
    for ts in body.tablespaces or []:
        if ts.storage_config not in pgo.storage:
            raise CreateError(f"{ts.storage_config} storage config for tablespace {ts.name} was not found")
        _check_pvc_size(ts.pvc_size)
    _check_tls(world, conn, body, ns)
    if body.custom_config:
        raise CreateError(body.custom_config + " configmap was not found ")
    if body.service_type not in SERVICE_TYPES:
        raise CreateError(f"invalid service type {go_quote(body.service_type)}")
    if body.standby:
        if not ("s3" in body.backrest_storage_type or "gcs" in body.backrest_storage_type):
            raise CreateError(
                "Backrest storage type 's3' must be selected in order to create a standby cluster"
            )
        if body.backrest_repo_path == "":
            raise CreateError(
                "A pgBackRest repository path must be specified when creating a standby cluster"
            )
    if body.backrest_config:
        raise CreateError(f'configmaps "{body.backrest_config}" not found')
    storage_types = _check_storage_types(world, body)
    for config in (body.backrest_storage_config, body.storage_config, body.wal_storage_config):
        if config and config not in pgo.storage:
            raise CreateError(f"{go_quote(config)} storage config was not found")
    if body.walpvc_size and not body.wal_storage_config and not pgo.wal_storage:
        raise CreateError("WAL size requires WAL storage")
    if body.node_label and len(body.node_label.split("=")) != 2:
        raise CreateError(body.node_label + " node label does not follow key=value format")
    if body.replica_storage_config and body.replica_storage_config not in pgo.storage:
        raise CreateError(body.replica_storage_config + " Storage config was not found ")
    if body.password_type not in PASSWORD_TYPES:
        raise CreateError("invalid password type. choices are (md5, scram-sha-256)")
    if body.password_type == "scram":
        body = dataclasses.replace(body, password_type="scram-sha-256")
    if body.pgbouncer_flag:
        if body.pg_bouncer_replicas < 0:
            raise CreateError("must have at least 1 replica(s) for pgBouncer")
        if body.pg_bouncer_service_type not in SERVICE_TYPES:
            raise CreateError(f"invalid pgBouncer service type {go_quote(body.pg_bouncer_service_type)}")
    for anti_affinity in (
        body.pod_anti_affinity,
        body.pod_anti_affinity_pg_back_rest,
        body.pod_anti_affinity_pg_bouncer,
    ):
        if anti_affinity not in ANTI_AFFINITY_TYPES:
            raise CreateError(
                "Invalid pod anti-affinity type.  Valid values are 'required', 'preferred' or 'disabled'"
            )
    if body.backrest_s3_uri_style not in ("", "path", "host"):
        raise CreateError('pgBackRest S3 URI style must be set to either "path" or "host".')

    cluster = _cluster_params(world, body, name, ns, pgouser)
    spec = cluster["spec"]
    spec["backrestStorageTypes"] = storage_types
    if body.secret_from:
        _check_secret_from(world, conn, ns, body.secret_from, spec["user"])
    # Policies (Pgpolicy objects) are not emulated; the real server ignores lookup errors too.
    for username, requested, shown in (
        (SUPERUSER, body.password_superuser, body.show_system_accounts),
        (REPLICATION_USER, body.password_replication, body.show_system_accounts),
        (spec["user"], body.password, True),
    ):
        password = _user_secret(world, conn, body, ns, name, username, requested)
        if shown:
            result.users = [*(result.users or []), CreateClusterDetailUser(password, username)]
    if (
        body.backrest_s3_ca_secret_name
        and state.get_secret(conn, ns, body.backrest_s3_ca_secret_name) is None
    ):
        secret = body.backrest_s3_ca_secret_name
        raise CreateError(f'Error finding pgBackRest S3 CA secret "{secret}": secrets "{secret}" not found')
    if body.backrest_gcs_key:
        problem = go_base64_error(body.backrest_gcs_key)
        if problem:
            raise CreateError(f"could not decode GCS key: {problem}")
    repo_secret = {
        "kind": "backrest",
        "annotations": {
            "s3-bucket": spec["backrestS3Bucket"],
            "s3-endpoint": spec["backrestS3Endpoint"],
            "s3-region": spec["backrestS3Region"],
            "gcs-bucket": spec["backrestGCSBucket"],
        },
        "aws-s3-key": body.backrest_s3_key,
        "aws-s3-key-secret": body.backrest_s3_key_secret,
        "gcs-key": body.backrest_gcs_key,
    }
    state.put_secret(conn, ns, f"{name}-backrest-repo-config", name, repo_secret)
    workflow_id = str(uuid.uuid4())
    result.workflow_id = workflow_id
    spec["userlabels"][("workflowid")] = workflow_id
    spec["userlabels"] = sorted_map(spec["userlabels"])
    result.database = spec["database"]
    cluster["metadata"]["creationTimestamp"] = rfc3339(now)
    made = _operator_objects(world, conn, cluster, ns)
    made.initial_user_labels = dict(spec["userlabels"])  # what initialisation copies (effective_labels)
    doc = made.to_doc()
    state.insert_cluster(conn, ns, name, doc, now, now + world.settings.ready_delay)
    result.name = name


def _check_data_source(world: World, conn: Any, body: CreateClusterRequest, ns: str) -> None:
    source = body.pg_data_source
    restore_from, opts = source.restore_from, source.restore_opts
    from_ns = source.namespace or body.namespace
    if not restore_from and not opts:
        return
    if opts and not restore_from:
        raise CreateError("A cluster to restore from must be specified when providing restore options")
    pvc = f"{restore_from}-pgbr-repo"
    if state.pvc_capacity(conn, from_ns, pvc) is None:
        raise CreateError(
            f"Unable to find PVC {pvc} for cluster {restore_from} (namespace {from_ns}), cannot restore "
            "from the specified data source"
        )
    secret_name = f"{restore_from}-backrest-repo-config"
    secret = state.get_secret(conn, from_ns, secret_name)
    if secret is None:
        raise CreateError(
            f"Unable to find secret {secret_name} for cluster {restore_from} (namespace {from_ns}), cannot "
            "restore from the specified data source"
        )
    annotations = secret.get("annotations", {})
    if re.search(r"--repo1?-type[= ]+s3\b", opts) and not (
        annotations.get("s3-bucket")
        and annotations.get("s3-endpoint")
        and annotations.get("s3-region")
        and secret.get("aws-s3-key")
        and secret.get("aws-s3-key-secret")
    ):
        raise CreateError(
            f"Secret {secret_name} (namespace {from_ns}) is missing the S3 configuration required to "
            "restore from an S3 repository"
        )
    if re.search(r"--repo1?-type[= ]+gcs\b", opts) and not (
        annotations.get("gcs-bucket") and secret.get("gcs-key")
    ):
        raise CreateError(
            f"Secret {secret_name} (namespace {from_ns}) is missing the GCS configuration required to "
            "restore from a GCS repository"
        )


def _check_tls(world: World, conn: Any, body: CreateClusterRequest, ns: str) -> None:
    tls, ca, repl, bouncer = (
        body.tls_secret,
        body.ca_secret,
        body.replication_tls_secret,
        body.pg_bouncer_tls_secret,
    )
    if repl and (not tls or not ca):
        raise CreateError(
            "Both TLS secret and CA secret must be set in order to enable certificate-based authentication for replication"
        )
    if bouncer:
        if not body.pgbouncer_flag:
            raise CreateError("pgBouncer must be enabled in order to enable TLS for pgBouncer")
        if not tls or not ca:
            raise CreateError(
                "Both TLS secret and CA secret must be set in order to enable TLS for pgBouncer"
            )
    if not body.tls_only and not tls and not ca:
        return
    if body.tls_only and not (tls and ca):
        raise CreateError("TLS only clusters requires both a TLS secret and CA secret")
    if bool(tls) != bool(ca):
        raise CreateError("Both TLS secret and CA secret must be set in order to enable TLS for PostgreSQL")
    for secret in (tls, ca, repl, bouncer):
        if secret and state.get_secret(conn, body.namespace, secret) is None:
            raise CreateError(f'secrets "{secret}" not found')


def _check_storage_types(world: World, body: CreateClusterRequest) -> list[str]:
    text: str = body.backrest_storage_type
    if text == "":
        return []
    types: list[str] = []
    for item in text.split(","):
        if item in ("posix", "local"):
            types.append("posix")
        elif item in ("s3", "gcs"):
            types.append(item)
        else:
            raise CreateError(f"invalid storage type: {item}")
    if sum(1 for t in types if t in ("s3", "gcs")) == 2:
        raise CreateError("Cannot use S3 and GCS at the same time.")
    for item in types:
        if item == "gcs" and not (body.backrest_gcs_bucket or world.pgo.backrest_gcs_bucket):
            raise CreateError(
                "A configuration settings for GCS storage is missing. Values must be provided for the GCS bucket, "
                "GCS endpoint, and a GCS key in order to use the GCS storage type with pgBackRest."
            )
        if item == "s3":
            if not (
                (body.backrest_s3_bucket or world.pgo.backrest_s3_bucket)
                and (body.backrest_s3_endpoint or world.pgo.backrest_s3_endpoint)
                and (body.backrest_s3_region or world.pgo.backrest_s3_region)
            ):
                raise CreateError(
                    "A configuration setting for AWS S3 storage is missing. Values must be provided for the S3 "
                    "bucket, S3 endpoint and S3 region in order to use the 's3' storage type with pgBackRest."
                )
            if body.backrest_gcs_key_type not in ("", "service", "token"):
                raise CreateError('Invalid GCS key type. Must either be "service" or "token".')
    return types


def _check_secret_from(world: World, conn: Any, ns: str, source: str, user: str) -> None:
    names = set(state.secrets_of_cluster(conn, ns, source))
    if not names:
        raise CreateError(f"no secrets found for {go_quote(source)}")
    for username in (SUPERUSER, REPLICATION_USER, user):
        if model.user_secret_name(source, username) not in names:
            raise CreateError(f"could not find secret {go_quote(username)} in cluster {go_quote(source)}")


def _user_secret(
    world: World,
    conn: Any,
    body: CreateClusterRequest,
    ns: str,
    cluster: str,
    username: str,
    password: str,
) -> str:
    """``createUserSecret``: reuse an existing Secret, else the requested, copied or a new password."""
    name = model.user_secret_name(cluster, username)
    existing = state.get_secret(conn, ns, name)
    if existing is not None:
        return str(existing["password"])
    if not password and body.secret_from:
        source_name = model.user_secret_name(body.secret_from, username)
        source = state.get_secret(conn, ns, source_name)
        if source is None:
            raise CreateError(f'secrets "{source_name}" not found')
        password = str(source["password"])
    elif not password:
        length = body.password_length if body.password_length > 0 else (world.pgo.password_length or 24)
        password = world.password(length)
    state.put_secret(conn, ns, name, cluster, {"kind": "user", "username": username, "password": password})
    return password


# ------------------------------------------------------------------ the stored Pgcluster


def _quantities(pairs: list[tuple[str, str]]) -> dict[str, str]:
    out = {}
    for key, value in pairs:
        if value:
            out[key] = str(parse_quantity(value))
    return dict(sorted(out.items()))


def _cluster_params(
    world: World, body: CreateClusterRequest, name: str, ns: str, pgouser: str
) -> dict[str, Any]:
    """``getClusterParams`` plus the labels the handler adds: the Pgcluster object."""
    pgo = world.pgo
    q = _quantities
    primary = _storage(world, body.storage_config or pgo.primary_storage)
    if body.pvc_size:
        primary["size"] = body.pvc_size
    wal = dict(EMPTY_STORAGE)
    if pgo.wal_storage:
        wal = _storage(world, pgo.wal_storage)
    if body.wal_storage_config:
        wal = _storage(world, body.wal_storage_config)
    if body.walpvc_size:
        wal["size"] = body.walpvc_size
    tablespaces: dict[str, dict[str, str]] = {}
    for ts in body.tablespaces or []:
        spec_ts = _storage(world, ts.storage_config)
        if ts.pvc_size:
            spec_ts["size"] = ts.pvc_size
        tablespaces[ts.name] = spec_ts
    replica = _storage(world, body.replica_storage_config or pgo.replica_storage)
    if body.pvc_size:
        replica["size"] = body.pvc_size
    backrest = _storage(world, body.backrest_storage_config or pgo.backrest_storage)
    if body.backrest_pvc_size:
        backrest["size"] = body.backrest_pvc_size

    default_aa = body.pod_anti_affinity or pgo.pod_anti_affinity
    backrest_aa = body.pod_anti_affinity_pg_back_rest or pgo.pod_anti_affinity_pgbackrest or default_aa
    if body.pod_anti_affinity_pg_bouncer:
        bouncer_aa = body.pod_anti_affinity_pg_bouncer
    elif pgo.pod_anti_affinity_pgbackrest:  # the real code tests the pgBackRest setting here
        bouncer_aa = pgo.pod_anti_affinity_pgbouncer
    else:
        bouncer_aa = default_aa

    node_affinity: dict[str, Any] = {}
    if body.node_label:
        key, value = body.node_label.split("=")
        requirement = {"key": key, "operator": "In", "values": [value]}
        default: dict[str, Any]
        if body.node_affinity_type == 1:
            default = {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [{"matchExpressions": [requirement]}]
                }
            }
        else:
            default = {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 10, "preference": {"matchExpressions": [requirement]}}
                ]
            }
        node_affinity = {"default": default}

    replicas = pgo.replicas or "0"
    if body.replica_count > 0:
        replicas = str(body.replica_count)
    if body.sync_replication and int(replicas) < 1:
        replicas = "1"

    if body.database:
        database = body.database
    elif pgo.database:
        database = pgo.database
    else:
        database = name

    user_labels = dict(body.user_labels) if body.user_labels is not None else {}
    user_labels["pgo-version"] = world.settings.version

    if body.backrest_s3_verify_tls == 0:
        verify_tls = pgo.backrest_s3_verify_tls
    else:
        verify_tls = "false" if body.backrest_s3_verify_tls == 2 else "true"

    def group(requested: dict[str, str] | None) -> dict[str, str]:
        return sorted_map({k: v for k, v in (requested or {}).items() if v != ""}) or {}

    bouncer_replicas = max(1, body.pg_bouncer_replicas) if body.pgbouncer_flag else 0
    tolerations = None
    if body.tolerations is not None:
        tolerations = [{k: v for k, v in t.items() if v not in ("", None)} for t in body.tolerations]

    spec: dict[str, Any] = {
        "name": name,
        "clustername": name,
        "policies": body.policies or pgo.policies,
        "ccpimage": body.ccp_image or "crunchy-postgres-ha",
        "ccpimagetag": body.ccp_image_tag or pgo.ccp_image_tag,
        "ccpimageprefix": body.ccp_image_prefix or pgo.ccp_image_prefix,
        "pgoimageprefix": body.pgo_image_prefix or pgo.pgo_image_prefix,
        "port": pgo.port,
        "disableAutofail": (not body.autofail_flag) or pgo.disable_autofail,
        "pgBadger": body.badger_flag or pgo.badger,
        "pgbadgerport": pgo.pgbadger_port,
        "exporter": body.metrics_flag or pgo.metrics,
        "exporterport": pgo.exporter_port,
        "PrimaryStorage": primary,
        "WALStorage": wal,
        "ReplicaStorage": replica,
        "BackrestStorage": backrest,
        "PGAdminStorage": dict(EMPTY_STORAGE),
        "resources": q(
            [("cpu", body.cpu_request), ("memory", body.memory_request or pgo.default_instance_memory)]
        ),
        "limits": q([("cpu", body.cpu_limit), ("memory", body.memory_limit)]),
        "backrestResources": q(
            [
                ("cpu", body.backrest_cpu_request),
                ("memory", body.backrest_memory_request or pgo.default_backrest_memory),
            ]
        ),
        "backrestLimits": q([("cpu", body.backrest_cpu_limit), ("memory", body.backrest_memory_limit)]),
        "exporterResources": q(
            [
                ("cpu", body.exporter_cpu_request),
                ("memory", body.exporter_memory_request or pgo.default_exporter_memory),
            ]
        ),
        "exporterLimits": q([("cpu", body.exporter_cpu_limit), ("memory", body.exporter_memory_limit)]),
        "pgBouncer": {
            "replicas": bouncer_replicas,
            "resources": q(
                [
                    ("cpu", body.pg_bouncer_cpu_request),
                    ("memory", body.pg_bouncer_memory_request or pgo.default_pgbouncer_memory),
                ]
            ),
            "limits": q([("cpu", body.pg_bouncer_cpu_limit), ("memory", body.pg_bouncer_memory_limit)]),
            "serviceType": body.pg_bouncer_service_type if body.pgbouncer_flag else "",
            "tlsSecret": body.pg_bouncer_tls_secret,
        },
        "user": body.username or pgo.user,
        "passwordType": body.password_type,
        "database": database,
        "replicas": replicas,
        "status": "",
        "customconfig": body.custom_config,
        "userlabels": user_labels,
        "nodeAffinity": node_affinity,
        "podAntiAffinity": {"default": default_aa, "pgBackRest": backrest_aa, "pgBouncer": bouncer_aa},
    }
    if body.sync_replication is not None:
        spec["syncReplication"] = body.sync_replication
    if body.backrest_config:
        spec["backrestConfig"] = [{"configMap": {"name": body.backrest_config}}]
    spec.update(
        {
            "backrestGCSBucket": body.backrest_gcs_bucket or pgo.backrest_gcs_bucket,
            "backrestGCSEndpoint": body.backrest_gcs_endpoint or pgo.backrest_gcs_endpoint,
            "backrestGCSKeyType": body.backrest_gcs_key_type or pgo.backrest_gcs_key_type,
            "backrestS3Bucket": body.backrest_s3_bucket or pgo.backrest_s3_bucket,
            "backrestS3Region": body.backrest_s3_region or pgo.backrest_s3_region,
            "backrestS3Endpoint": body.backrest_s3_endpoint or pgo.backrest_s3_endpoint,
            "backrestS3URIStyle": body.backrest_s3_uri_style or pgo.backrest_s3_uri_style,
            "backrestS3VerifyTLS": verify_tls,
            "backrestRepoPath": body.backrest_repo_path,
            "backrestStorageTypes": [],
            "tablespaceMounts": sorted_map(tablespaces),
            "tls": {
                "caSecret": body.ca_secret,
                "replicationTLSSecret": body.replication_tls_secret,
                "tlsSecret": body.tls_secret,
            },
            "tlsOnly": body.tls_only,
            "standby": body.standby,
            "shutdown": False,
            "pgDataSource": to_wire(body.pg_data_source),
            "annotations": {
                "backrest": group(body.annotations.backrest),
                "global": group(body.annotations.global_),
                "pgBouncer": group(body.annotations.pg_bouncer),
                "postgres": group(body.annotations.postgres),
            },
            "serviceType": body.service_type,
            "tolerations": tolerations,
        }
    )
    return {
        "kind": "Pgcluster",
        "apiVersion": "crunchydata.com/v1",
        "metadata": {
            "name": name,
            "namespace": ns,
            "uid": str(uuid.uuid4()),
            "resourceVersion": world.resource_version(),
            "generation": 1,
            "creationTimestamp": None,
            "labels": sorted_map({"name": name, "pg-cluster": name, "pgouser": pgouser}),
            "annotations": {"current-primary": name, "primary-deployment": name},
        },
        "spec": spec,
        "status": {"state": "pgcluster Created", "message": "Created, not processed yet"},
    }


# ------------------------------------------------------------------ what the operator makes


def _operator_objects(world: World, conn: Any, cluster: dict[str, Any], ns: str) -> model.Cluster:
    """The new Pgcluster with the Deployments, instance pods, Services and Pgreplicas the operator
    makes for it; its PVCs go into the state."""
    spec = cluster["spec"]
    name = spec["name"]
    replica_names: list[str] = []
    while len(replica_names) < int(spec["replicas"]):
        candidate = f"{name}-{world.suffix(4, LOWERCASE)}"
        if candidate not in replica_names:
            replica_names.append(candidate)
    containers = 1 + int(spec["exporter"]) + int(spec["pgBadger"])

    def instance_pvcs(deployment: str, storage: dict[str, str]) -> list[dict[str, str]]:
        pvcs = [{"volume": "pgdata", "name": deployment, "size": storage["size"]}]
        if spec["WALStorage"]["storagetype"]:
            pvcs.append(
                {
                    "volume": "pgwal-volume",
                    "name": f"{deployment}-wal",
                    "size": spec["WALStorage"]["size"],
                }
            )
        for ts, ts_storage in spec["tablespaceMounts"].items():
            pvcs.append(
                {
                    "volume": f"tablespace-{ts}",
                    "name": f"{deployment}-tablespace-{ts}",
                    "size": ts_storage["size"],
                }
            )
        return pvcs

    pods = []
    nodes = [f"worker-{i}" for i in (1, 2, 3)]
    world.rng.shuffle(nodes)
    for index, (deployment, role, storage) in enumerate(
        [(name, "master", spec["PrimaryStorage"])]
        + [(rn, "replica", spec["ReplicaStorage"]) for rn in replica_names]
    ):
        pvcs = instance_pvcs(deployment, storage)
        for pvc in pvcs:
            state.put_pvc(conn, ns, pvc["name"], name, model.capacity(pvc["size"]), "instance")
        pods.append(
            model.Pod(
                name=f"{deployment}-{world.suffix(10)}-{world.suffix(5)}",
                role=role,
                node=nodes[index % len(nodes)],
                containers=containers,
                pvcs=[model.Volume(p["volume"], p["name"]) for p in pvcs],
            )
        )
    state.put_pvc(
        conn, ns, f"{name}-pgbr-repo", name, model.capacity(spec["BackrestStorage"]["size"]), "backrest"
    )

    deployments = [name, f"{name}-backrest-shared-repo", *replica_names]
    base_ports = []
    if spec["pgBadger"]:
        base_ports.append("10000/TCP")
    if spec["exporter"]:
        base_ports.append("9187/TCP")
    instance_ports = [*base_ports, "2022/TCP", "5432/TCP"]
    services = [model.Service(name, world.cluster_ip(), list(instance_ports))]
    if replica_names:
        services.append(model.Service(f"{name}-replica", world.cluster_ip(), list(instance_ports)))
    if spec["pgBouncer"]["replicas"] > 0:
        deployments.append(f"{name}-pgbouncer")
        services.append(model.Service(f"{name}-pgbouncer", world.cluster_ip(), ["5432/TCP"]))
    return model.Cluster(
        namespace=ns,
        name=name,
        pgcluster=cluster,
        pods=sorted(pods, key=lambda p: p.name),
        services=sorted(services, key=lambda s: s.name),
        deployments=sorted(deployments),
        replicas=sorted(replica_names),
    )
