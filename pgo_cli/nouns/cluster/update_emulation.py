"""The emulator's ``POST /clustersupdate``: pgo 4.7.4's ``UpdateCluster`` and what the operator then does.

The apiserver side follows ``internal/apiserver/clusterservice/clusterimpl.go`` ``UpdateCluster``
check for check, in its order: startup with shutdown, the six request/limit pairs
(``ValidateResourceRequestLimit`` with a zero default), the tablespaces, the three PVC sizes, the
selection (``--all``, ``--selector``, or each name, whose absence is Kubernetes' NotFound), then
per cluster, validating and storing one cluster after the other as the Go loop does (so a refusal
for the second cluster leaves the first one updated): PVC growth (``util.ValidatePVCResize``), the
TLS settings (``validateClusterTLS``), autofail, sidecars, the service type, standby, the run
state, resources, annotations, tablespaces and tolerations.

The operator side (``internal/controller/pgcluster/pgclustercontroller.go`` ``onUpdate``,
``internal/operator/cluster/clusterlogic.go``) is applied at once: a shutdown keeps the pods aside
and marks the cluster ``pgcluster Shutdown``; a startup brings them back (the primary first, the
replicas one ready delay later); a larger size resizes the PVCs; a new tablespace adds a PVC per
instance; sidecar changes change the container count and the ports; changes that roll the
Deployments restart their pods (new names, ready after the ready delay).
"""

from __future__ import annotations

import copy
from typing import Any

from pgo_cli.emulator import model, selectors, state
from pgo_cli.emulator.model import PVC_SIZE_MSG, SHUTDOWN_STATE, capacity
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import PASSWORD_CHARS
from pgo_cli.k8s import Quantity, QuantityError, parse_quantity
from pgo_cli.nouns.cluster.emulation import SERVICE_TYPES
from pgo_cli.nouns.cluster.update_messages import (
    DISABLE,
    ENABLE,
    UpdateClusterRequest,
    UpdateClusterResponse,
)
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import go_quote, sorted_map

INITIALIZED = {"state": "pgcluster Initialized", "message": "Cluster has been initialized"}
#: Where a shut-down cluster's pods wait for the startup (a key of the cluster's document).
EXPORTER_PORT, BADGER_PORT = "9187/TCP", "10000/TCP"


class Refused(Exception):
    """One of UpdateCluster's refusals; the message is the Status Msg."""


def handle_update(request: EmulatorRequest) -> UpdateClusterResponse:
    """``UpdateClusterHandler``: Authn (done), version check, namespace check, ``UpdateCluster``."""
    body: UpdateClusterRequest = request.body
    results: list[str] = []
    try:
        _validate_request(request, body)
        with request.state.write() as conn:
            try:
                _update(request, conn, body, results)
            except Refused as refused:
                # The clusters stored before the refusal stay updated (commit), as in Go's loop.
                return UpdateClusterResponse(results=results, status=error_status(str(refused)))
    except Refused as refused:
        return UpdateClusterResponse(results=results, status=error_status(str(refused)))
    return UpdateClusterResponse(results=results, status=ok_status())


# ---------------------------------------------------------------------- checks before the selection


def _parse(text: str) -> Quantity:
    try:
        return parse_quantity(text)
    except QuantityError as error:
        raise Refused(error.message) from None


def _request_limit(request_text: str, limit_text: str) -> None:
    """``apiserver.ValidateResourceRequestLimit(request, limit, zero)`` (``internal/apiserver/common.go``)."""
    request_q = _parse(request_text) if request_text else None
    limit_q = _parse(limit_text) if limit_text else None
    if request_q is None or limit_q is None or request_q.is_zero() or limit_q.is_zero():
        return
    if limit_q < request_q:
        raise Refused(f"limit {go_quote(str(limit_q))} is lower than the request {go_quote(str(request_q))}")


def _validate_request(request: EmulatorRequest, body: UpdateClusterRequest) -> None:
    if body.startup and body.shutdown:
        raise Refused("Both a startup and a shutdown was requested. Please specify one or the other")
    for request_text, limit_text in (
        (body.cpu_request, body.cpu_limit),
        (body.memory_request, body.memory_limit),
        (body.backrest_cpu_request, body.backrest_cpu_limit),
        (body.backrest_memory_request, body.backrest_memory_limit),
        (body.exporter_cpu_request, body.exporter_cpu_limit),
        (body.exporter_memory_request, body.exporter_memory_limit),
    ):
        _request_limit(request_text, limit_text)
    storage = request.world.pgo.storage
    for tablespace in body.tablespaces or []:
        if tablespace.storage_config not in storage:
            raise Refused(
                f"{tablespace.storage_config} storage config for tablespace {tablespace.name} was not found"
            )
        if tablespace.pvc_size:
            try:
                parse_quantity(tablespace.pvc_size)
            except QuantityError as error:
                raise Refused(PVC_SIZE_MSG.format(tablespace.pvc_size, error.message)) from None
    for size in (body.pvc_size, body.backrest_pvc_size, body.wal_pvc_size):
        if size:
            _parse(size)


# ---------------------------------------------------------------------- selection and the loop


def _select(conn: Any, body: UpdateClusterRequest, now: float) -> list[model.Cluster]:
    ns = body.namespace
    if body.all_flag:
        return model.list_in(conn, ns)
    if body.selector:
        try:
            requirements = selectors.parse(body.selector)
        except selectors.SelectorError as error:
            raise Refused(str(error)) from None
        return [
            c for c in model.list_in(conn, ns) if selectors.matches(requirements, c.effective_labels(now))
        ]
    rows = []
    for name in body.clustername or []:
        row = model.get(conn, ns, name)
        if row is None:
            raise Refused(model.not_found(name))
        rows.append(row)
    return rows


def _update(request: EmulatorRequest, conn: Any, body: UpdateClusterRequest, results: list[str]) -> None:
    now = request.world.now()
    request.world.reconcile(conn, now)
    rows = _select(conn, body, now)
    if not rows:
        raise Refused("no clusters found")
    for row in rows:
        old_spec = copy.deepcopy(row.spec)
        _apply_spec(request, conn, row, body)
        _operate(request, conn, row, old_spec, now)
        row.save(conn)
        results.append("updated pgcluster " + row.spec["name"])


def _resize(old: str, new: str) -> None:
    """``util.ValidatePVCResize`` (``internal/util/cluster.go``): a PVC may only grow."""
    old = old if old.strip() else "0"
    try:
        old_q, new_q = parse_quantity(old), parse_quantity(new)
    except QuantityError as error:
        raise Refused(f"cannot resize PVC due to invalid storage size: {error.message}") from None
    if not old_q < new_q:
        raise Refused(
            f"cannot resize PVC: new size {go_quote(str(new_q))} is less than old size {go_quote(str(old_q))}"
        )


def _check_tls(conn: Any, ns: str, ca: str, replication: str, tls: str, tls_only: bool) -> None:
    """``validateClusterTLS`` with the merged settings (no pgBouncer TLS on update)."""
    if replication and (not tls or not ca):
        raise Refused(
            "Both TLS secret and CA secret must be set in order to enable certificate-based "
            "authentication for replication"
        )
    if not tls_only and not tls and not ca:
        return
    if tls_only and not (tls and ca):
        raise Refused("TLS only clusters requires both a TLS secret and CA secret")
    if bool(tls) != bool(ca):
        raise Refused("Both TLS secret and CA secret must be set in order to enable TLS for PostgreSQL")
    for secret in (tls, ca, replication):
        if secret and state.get_secret(conn, ns, secret) is None:
            raise Refused(f'secrets "{secret}" not found')


def _toleration(item: dict[str, Any]) -> dict[str, Any]:
    """A toleration as Go compares it (``reflect.DeepEqual``): unset fields dropped."""
    return {k: v for k, v in item.items() if v not in ("", None)}


def _apply_spec(
    request: EmulatorRequest,
    conn: Any,
    row: model.Cluster,
    body: UpdateClusterRequest,
) -> None:
    """The body of Go's per-cluster loop, on the stored Pgcluster (raises :class:`Refused`)."""
    spec = row.spec
    for size, storage in (
        (body.pvc_size, "PrimaryStorage"),
        (body.backrest_pvc_size, "BackrestStorage"),
        (body.wal_pvc_size, "WALStorage"),
    ):
        if size:
            _resize(spec[storage].get("size", ""), size)
            spec[storage]["size"] = size
    tls = spec.setdefault("tls", {"caSecret": "", "replicationTLSSecret": "", "tlsSecret": ""})
    if body.disable_tls:
        tls.update(caSecret="", replicationTLSSecret="", tlsSecret="")
        spec["tlsOnly"] = False
    else:
        for field, value in (
            ("caSecret", body.ca_secret),
            ("replicationTLSSecret", body.replication_tls_secret),
            ("tlsSecret", body.tls_secret),
        ):
            if value:
                tls[field] = value
        if body.tls_only == ENABLE:
            spec["tlsOnly"] = True
        elif body.tls_only == DISABLE:
            spec["tlsOnly"] = False
        _check_tls(
            conn,
            row.namespace,
            tls["caSecret"],
            tls["replicationTLSSecret"],
            tls["tlsSecret"],
            bool(spec.get("tlsOnly")),
        )
    for enum, field, enabled in (
        (body.autofail, "disableAutofail", False),
        (body.metrics, "exporter", True),
        (body.pgbadger, "pgBadger", True),
    ):
        if enum == ENABLE:
            spec[field] = enabled
        elif enum == DISABLE:
            spec[field] = not enabled
    if body.service_type not in SERVICE_TYPES:
        raise Refused(f"invalid service type {go_quote(body.service_type)}")
    if body.service_type:
        spec["serviceType"] = body.service_type
    if body.standby == ENABLE:
        if row.status.get("state") != SHUTDOWN_STATE:
            raise Refused("Cluster must be shutdown in order to enable standby mode")
        spec["standby"] = True
    elif body.standby == DISABLE:
        spec["standby"] = False
    if spec.get("standby") and not {"s3", "gcs"} & set(spec.get("backrestStorageTypes") or []):
        raise Refused("Backrest storage type 's3' or 'gcs' must be enabled in order to enable standby mode")
    if body.startup:
        spec["shutdown"] = False
    elif body.shutdown:
        spec["shutdown"] = True
    for field, key, value in (
        ("limits", "cpu", body.cpu_limit),
        ("resources", "cpu", body.cpu_request),
        ("limits", "memory", body.memory_limit),
        ("resources", "memory", body.memory_request),
        ("backrestLimits", "cpu", body.backrest_cpu_limit),
        ("backrestResources", "cpu", body.backrest_cpu_request),
        ("backrestLimits", "memory", body.backrest_memory_limit),
        ("backrestResources", "memory", body.backrest_memory_request),
        ("exporterLimits", "cpu", body.exporter_cpu_limit),
        ("exporterResources", "cpu", body.exporter_cpu_request),
        ("exporterLimits", "memory", body.exporter_memory_limit),
        ("exporterResources", "memory", body.exporter_memory_request),
    ):
        if value:
            group = dict(spec.get(field) or {})
            group[key] = str(parse_quantity(value))
            spec[field] = sorted_map(group)
    if spec.get("exporter") and body.exporter_rotate_password:
        _rotate_exporter_password(request, conn, row)
    annotations = spec.setdefault("annotations", {})
    for group_name, requested in (
        ("global", body.annotations.global_),
        ("postgres", body.annotations.postgres),
        ("backrest", body.annotations.backrest),
        ("pgBouncer", body.annotations.pg_bouncer),
    ):
        group = dict(annotations.get(group_name) or {})
        for key, value in (requested or {}).items():  # a group left out of the body is Go's nil map
            if value == "":
                group.pop(key, None)
            else:
                group[key] = value
        annotations[group_name] = sorted_map(group)
    configs = request.world.pgo.storage
    mounts = dict(spec.get("tablespaceMounts") or {})
    for tablespace in body.tablespaces or []:
        mount = dict(configs[tablespace.storage_config])
        if tablespace.pvc_size:
            mount["size"] = tablespace.pvc_size
        mounts[tablespace.name] = mount
    if body.tablespaces:
        spec["tablespaceMounts"] = sorted_map(mounts)
    if body.tolerations_delete:
        removed = [_toleration(t) for t in body.tolerations_delete]
        spec["tolerations"] = [t for t in spec.get("tolerations") or [] if _toleration(t) not in removed]
    if body.tolerations:
        spec["tolerations"] = [*(spec.get("tolerations") or []), *(_toleration(t) for t in body.tolerations)]


def _rotate_exporter_password(request: EmulatorRequest, conn: Any, row: model.Cluster) -> None:
    """``RotateExporterPassword``: a new password in ``<c>-exporter-secret``."""
    rng = request.world.rng
    password = "".join(rng.choice(PASSWORD_CHARS) for _ in range(request.world.pgo.password_length))
    name = f"{row.name}-exporter-secret"
    secret = state.get_secret(conn, row.namespace, name) or {"kind": "user", "username": "ccp_monitoring"}
    secret["password"] = password
    state.put_secret(conn, row.namespace, name, row.name, secret)


# ---------------------------------------------------------------------- what the operator does


def _new_pod_name(request: EmulatorRequest, deployment: str) -> str:
    """A new pod of the Deployment (a new ReplicaSet hash and pod suffix)."""
    return f"{deployment}-{request.world.suffix(10)}-{request.world.suffix(5)}"


def _operate(
    request: EmulatorRequest,
    conn: Any,
    cluster: model.Cluster,
    old: dict[str, Any],
    now: float,
) -> None:
    """The operator's reaction to the stored change (``pgclustercontroller.go`` ``onUpdate``)."""
    spec = cluster.spec
    ns, name = cluster.namespace, cluster.name
    delay = float(request.settings.ready_delay)
    instances = cluster.pods + cluster.stopped_pods
    containers = 1 + int(bool(spec.get("exporter"))) + int(bool(spec.get("pgBadger")))
    for pod in instances:
        pod.containers = containers
    if spec.get("exporter") != old.get("exporter") or spec.get("pgBadger") != old.get("pgBadger"):
        for service in cluster.services:
            if service.name in (name, f"{name}-replica"):
                ports = [p for p in service.ports if p not in (EXPORTER_PORT, BADGER_PORT)]
                extra = ([BADGER_PORT] if spec.get("pgBadger") else []) + (
                    [EXPORTER_PORT] if spec.get("exporter") else []
                )
                service.ports = extra + ports
    # PVC growth (ResizeClusterPVC, backrest ResizePVC, the WAL PVCs).
    for storage, volume in (("PrimaryStorage", "pgdata"), ("WALStorage", "pgwal-volume")):
        if spec[storage].get("size") != old[storage].get("size"):
            for pod in instances:
                for pvc in pod.pvcs:
                    if pvc.volume == volume:
                        state.set_pvc_capacity(conn, ns, pvc.name, capacity(spec[storage]["size"]))
    if spec["BackrestStorage"].get("size") != old["BackrestStorage"].get("size"):
        state.set_pvc_capacity(conn, ns, f"{name}-pgbr-repo", capacity(spec["BackrestStorage"]["size"]))
    # New tablespaces: one PVC per instance.
    for tablespace, mount in (spec.get("tablespaceMounts") or {}).items():
        if tablespace in (old.get("tablespaceMounts") or {}):
            continue
        for pod in instances:
            pvc_name = f"{pod.deployment}-tablespace-{tablespace}"
            state.put_pvc(conn, ns, pvc_name, name, capacity(mount.get("size", "")), "instance")
            pod.pvcs.append(model.Volume(f"tablespace-{tablespace}", pvc_name))
    rolled = any(
        spec.get(field) != old.get(field)
        for field in (
            "exporter",
            "pgBadger",
            "resources",
            "limits",
            "exporterResources",
            "exporterLimits",
            "tablespaceMounts",
            "annotations",
            "tolerations",
            "tls",
            "tlsOnly",
            "PrimaryStorage",
            "WALStorage",
        )
    )
    state_name = cluster.status.get("state")
    if spec.get("shutdown") and state_name != SHUTDOWN_STATE:
        _shutdown(cluster, now)
    elif not spec.get("shutdown") and state_name in (SHUTDOWN_STATE, ""):
        _startup(request, cluster, now, delay)
    elif rolled:
        for pod in cluster.pods:
            pod.name = _new_pod_name(request, pod.deployment)
            pod.ready_at = now + delay


def _shutdown(cluster: model.Cluster, now: float) -> None:
    """``ShutdownCluster``: needs a running primary; every Deployment to 0, the state recorded."""
    if not cluster.primary_running(now):
        return  # the operator logs "Could not find primary pod for shutdown" and does nothing
    name = cluster.name
    bouncer = f"{name}-pgbouncer" if cluster.has_deployment(f"{name}-pgbouncer") else ""
    cluster.stopped_pods = [*cluster.stopped_pods, *cluster.pods]
    cluster.pods = []
    cluster.pgcluster["status"] = {
        "state": SHUTDOWN_STATE,
        "message": f"Database shutdown along with the following services: [{name}-backrest-shared-repo {bouncer}]",
    }


def _startup(request: EmulatorRequest, cluster: model.Cluster, now: float, delay: float) -> None:
    """``StartupCluster``: the primary (and repository, pgBouncer) first, the replicas after it."""
    for pod in cluster.stopped_pods:
        pod.name = _new_pod_name(request, pod.deployment)
        pod.ready_at = now + (delay if pod.is_primary else 2 * delay)
    cluster.pods = sorted([*cluster.pods, *cluster.stopped_pods], key=lambda p: p.name)
    cluster.stopped_pods = []
    cluster.pgcluster["status"] = dict(INITIALIZED)
