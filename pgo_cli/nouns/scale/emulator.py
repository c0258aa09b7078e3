"""The emulator's scale routes: ``ScaleClusterHandler``, ``ScaleQueryHandler``, ``ScaleDownHandler``
(``internal/apiserver/clusterservice/scaleservice.go`` and ``scaleimpl.go``), checks in their order.

``scale`` adds Pgreplicas and, as the operator would, a Deployment, a pod (Pending until the ready
delay has passed), PVCs and the ``<c>-replica`` Service; ``scaledown`` removes one replica with its
pod and Deployment (and its PVCs unless ``--keep-data``), and the replica Service with the last one.
"""

from __future__ import annotations

import copy
from typing import Any

from pgo_cli.emulator import state
from pgo_cli.emulator.config import EMPTY_STORAGE
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import K8S_NAME_CHARS, World
from pgo_cli.nouns.cluster.emulator import SERVICE_TYPES, UPGRADE_ERROR, _capacity
from pgo_cli.nouns.scale import instances
from pgo_cli.nouns.scale.endpoints import SCALE, SCALE_QUERY, SCALEDOWN
from pgo_cli.nouns.scale.messages import (
    ClusterScaleRequest,
    ClusterScaleResponse,
    ScaleDownResponse,
    ScaleQueryResponse,
    ScaleQueryTargetSpec,
)
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import go_quote, parse_go_bool

LETTERS = "abcdefghijklmnopqrstuvwxyz"  # util.RandStringBytesRmndr's alphabet
NODES = ("worker-1", "worker-2", "worker-3")
#: ``crv1.PgreplicaStateCreated`` and the message the apiserver stores with it.
PGREPLICA_STATE = "pgreplica Created"
PGREPLICA_MESSAGE = "Created, not processed yet"


# ---------------------------------------------------------------------------------------- scale


def handle_scale(request: EmulatorRequest) -> ClusterScaleResponse:
    """``ScaleClusterHandler``: version, namespace, then ``ScaleCluster``'s checks in order."""
    body: ClusterScaleRequest = request.body
    problem = request.version_error(body.client_version) or request.namespace_error(body.namespace)
    if problem:
        return ClusterScaleResponse(results=None, status=error_status(problem))
    body.name = request.path["name"]  # the URL's name wins over the body's
    if body.replica_count < 1:
        return ClusterScaleResponse(results=None, status=error_status("replica count must be at least 1"))
    world = request.world
    now = world.now()
    with request.state.write() as conn:
        row = state.get_cluster(conn, body.namespace, body.name)
        if row is None:
            return ClusterScaleResponse(results=None, status=error_status(instances.not_found(body.name)))
        doc = row.doc
        if instances.is_upgrade_pending(doc):
            return ClusterScaleResponse(results=None, status=error_status(body.name + UPGRADE_ERROR))
        spec = doc["cluster"]["spec"]
        storage = copy.deepcopy(spec.get("ReplicaStorage") or EMPTY_STORAGE)
        if body.storage_config:
            # pgo ignores the lookup error: an unknown name gives an empty storage spec.
            storage = dict(request.settings.pgo.storage.get(body.storage_config, EMPTY_STORAGE))
        user_labels = dict(spec.get("userlabels") or {})
        if body.ccp_image_tag:
            user_labels["ccp-image-tag"] = body.ccp_image_tag
        if body.service_type not in SERVICE_TYPES:
            message = f"invalid service type {go_quote(body.service_type)}"
            return ClusterScaleResponse(results=None, status=error_status(message))
        node_affinity = None
        if body.node_label:
            parts = body.node_label.split("=")
            if len(parts) != 2:
                message = body.node_label + " node label does not follow key=value format"
                return ClusterScaleResponse(results=None, status=error_status(message))
            node_affinity = {"type": body.node_affinity_type, "key": parts[0], "values": [parts[1]]}
        results: list[str] = []
        for _ in range(body.replica_count):
            name = _new_replica_name(doc, body.name, world.rng)
            replica_spec = {
                "name": name,
                "clustername": body.name,
                "replicastorage": storage,
                "userlabels": user_labels,
                "serviceType": body.service_type,
                "nodeAffinity": node_affinity,
                "tolerations": body.tolerations or [],
                "pgouser": request.username,
                "status": {"state": PGREPLICA_STATE, "message": PGREPLICA_MESSAGE},
            }
            _add_replica(conn, doc, row, replica_spec, world, now + request.settings.ready_delay)
            results.append("created Pgreplica " + name)
        state.update_cluster_doc(conn, row.namespace, row.name, doc)
    return ClusterScaleResponse(results=results, status=ok_status())


def _new_replica_name(doc: dict[str, Any], cluster: str, rng: Any) -> str:
    taken = set(doc.get("deployments", [])) | set(doc.get("replicas", []))
    while True:
        name = f"{cluster}-{''.join(rng.choice(LETTERS) for _ in range(4))}"
        if name not in taken:
            return name


def _add_replica(
    conn: Any,
    doc: dict[str, Any],
    row: state.ClusterRow,
    replica: dict[str, Any],
    world: World,
    ready_at: float,
) -> None:
    """What the operator makes for a new Pgreplica: Deployment, Pending pod, PVCs, replica Service."""
    name: str = replica["name"]
    cluster = row.name
    spec = doc["cluster"]["spec"]
    pvcs = [{"volume": "pgdata", "name": name, "size": replica["replicastorage"].get("size", "")}]
    wal = spec.get("WALStorage") or {}
    if wal.get("storagetype"):
        pvcs.append({"volume": "pgwal-volume", "name": f"{name}-wal", "size": wal.get("size", "")})
    for tablespace, ts_storage in (spec.get("tablespaceMounts") or {}).items():
        pvcs.append(
            {
                "volume": f"tablespace-{tablespace}",
                "name": f"{name}-tablespace-{tablespace}",
                "size": ts_storage.get("size", ""),
            }
        )
    for pvc in pvcs:
        state.put_pvc(conn, row.namespace, pvc["name"], cluster, _capacity(pvc["size"]), "instance")
    pods = doc.setdefault("pods", [])
    containers = next(
        (pod.get("containers", 1) for pod in pods if pod.get("role") == instances.MASTER),
        1 + int(bool(spec.get("exporter"))) + int(bool(spec.get("pgBadger"))),
    )
    suffix = "".join(world.rng.choice(K8S_NAME_CHARS) for _ in range(10))
    tail = "".join(world.rng.choice(K8S_NAME_CHARS) for _ in range(5))
    pods.append(
        {
            "name": f"{name}-{suffix}-{tail}",
            "deployment": name,
            "role": instances.REPLICA,
            "node": world.rng.choice(NODES),
            "containers": containers,
            "pvcs": [{"volume": p["volume"], "name": p["name"]} for p in pvcs],
            "ready_at": ready_at,
        }
    )
    pods.sort(key=lambda p: str(p["name"]))
    doc["deployments"] = sorted({*doc.get("deployments", []), name})
    doc["replicas"] = sorted({*doc.get("replicas", []), name})
    doc.setdefault("pgreplicas", {})[name] = replica
    services = doc.setdefault("services", [])
    replica_service = f"{cluster}-replica"
    if not any(service["name"] == replica_service for service in services):
        ports = next((s["ports"] for s in services if s["name"] == cluster), ["2022/TCP", "5432/TCP"])
        services.append({"name": replica_service, "ip": world.cluster_ip(), "ports": list(ports)})
        services.sort(key=lambda s: str(s["name"]))


# ---------------------------------------------------------------------------------- scale query


def handle_scale_query(request: EmulatorRequest) -> ScaleQueryResponse:
    """``ScaleQueryHandler`` / ``ScaleQuery``: the replicas, busted ones included."""
    query = request.query
    namespace = query.get("namespace", "")
    problem = request.version_error(query.get("version", "")) or request.namespace_error(namespace)
    if problem:
        return ScaleQueryResponse(results=None, status=error_status(problem))
    name = request.path["name"]
    now = request.world.now()
    with request.state.read() as conn:
        row = state.get_cluster(conn, namespace, name)
    if row is None:
        return ScaleQueryResponse(results=[], status=error_status(f'No cluster found for "{name}"'))
    found = instances.replication_status(row, now, include_primary=False, include_busted=True)
    results = [
        ScaleQueryTargetSpec(i.name, i.node, i.replication_lag, i.status, i.timeline, i.pending_restart)
        for i in found
    ]
    return ScaleQueryResponse(results=results, status=ok_status(), standby=instances.is_standby(row.doc))


# ------------------------------------------------------------------------------------ scaledown


def handle_scaledown(request: EmulatorRequest) -> ScaleDownResponse:
    """``ScaleDownHandler`` / ``ScaleDown``: delete-data parse, version, namespace, then the checks."""
    query = request.query
    raw_delete = query.get("delete-data", "")
    delete_data = parse_go_bool(raw_delete)
    if delete_data is None:
        message = f"strconv.ParseBool: parsing {go_quote(raw_delete)}: invalid syntax"
        return ScaleDownResponse(results=None, status=error_status(message))
    namespace = query.get("namespace", "")
    problem = request.version_error(query.get("version", "")) or request.namespace_error(namespace)
    if problem:
        return ScaleDownResponse(results=None, status=error_status(problem))
    name = request.path["name"]
    target = query.get("replica-name", "")
    with request.state.write() as conn:
        row = state.get_cluster(conn, namespace, name)
        if row is None:
            return ScaleDownResponse(results=[], status=error_status(instances.not_found(name)))
        doc = row.doc
        if instances.is_shutdown(doc):
            message = "Nothing to scale, the cluster is currently shutdown"
            return ScaleDownResponse(results=[], status=error_status(message))
        victims = [
            pod
            for pod in instances.database_pods(doc)
            if pod["role"] != instances.MASTER and instances.deployment_of(pod) == target
        ]
        if not victims:
            return ScaleDownResponse(
                results=[], status=error_status(f"Unable to find replica with name {target}")
            )
        _remove_replica(conn, doc, row, target, victims, delete_data)
        state.update_cluster_doc(conn, row.namespace, row.name, doc)
    return ScaleDownResponse(results=["deleted replica " + target], status=ok_status())


def _remove_replica(
    conn: Any, doc: dict[str, Any], row: state.ClusterRow, target: str, pods: list[dict[str, Any]], data: bool
) -> None:
    """The rmdata task for one replica: its pod, Deployment, Pgreplica, and PVCs when ``data``."""
    gone = {pod["name"] for pod in pods}
    doc["pods"] = [pod for pod in doc.get("pods", []) if pod["name"] not in gone]
    doc["deployments"] = [d for d in doc.get("deployments", []) if d != target]
    doc["replicas"] = [r for r in doc.get("replicas", []) if r != target]
    doc.get("pgreplicas", {}).pop(target, None)
    if data:
        for pod in pods:
            for pvc in pod.get("pvcs", []):
                state.delete_pvc(conn, row.namespace, pvc["name"])
    if not any(pod["role"] == instances.REPLICA for pod in instances.database_pods(doc)):
        replica_service = f"{row.name}-replica"
        doc["services"] = [s for s in doc.get("services", []) if s["name"] != replica_service]


HANDLERS = {SCALE: handle_scale, SCALE_QUERY: handle_scale_query, SCALEDOWN: handle_scaledown}
