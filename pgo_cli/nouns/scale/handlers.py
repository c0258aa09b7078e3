"""The emulator's scale routes: ``ScaleClusterHandler``, ``ScaleQueryHandler``, ``ScaleDownHandler``
(``internal/apiserver/clusterservice/scaleservice.go`` and ``scaleimpl.go``), checks in their order.

``scale`` adds Pgreplicas and, as the operator would, a Deployment, a pod (Pending until the ready
delay has passed), PVCs and the ``<c>-replica`` Service; ``scaledown`` removes one replica with its
pod and Deployment (and its PVCs unless ``--keep-data``), and the replica Service with the last one.
"""

from __future__ import annotations

import copy
from typing import Any

from pgo_cli.emulator import model, patroni, state
from pgo_cli.emulator.config import EMPTY_STORAGE
from pgo_cli.emulator.publishing import Outcome, Written, cluster_event
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import LOWERCASE, World
from pgo_cli.nouns.cluster.emulation import SERVICE_TYPES
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

NODES = ("worker-1", "worker-2", "worker-3")
#: ``crv1.PgreplicaStateCreated`` and the message the apiserver stores with it.
PGREPLICA_STATE = "pgreplica Created"
PGREPLICA_MESSAGE = "Created, not processed yet"


# ---------------------------------------------------------------------------------------- scale


def handle_scale(request: EmulatorRequest) -> ClusterScaleResponse:
    """``ScaleClusterHandler``: version, namespace, then ``ScaleCluster``'s checks in order."""
    body: ClusterScaleRequest = request.body
    body.name = request.path["name"]  # the URL's name wins over the body's
    if body.replica_count < 1:
        return ClusterScaleResponse(results=None, status=error_status("replica count must be at least 1"))
    world = request.world
    now = world.now()
    with request.state.write() as conn:
        cluster = model.get(conn, body.namespace, body.name)
        if cluster is None:
            return ClusterScaleResponse(results=None, status=error_status(model.not_found(body.name)))
        if cluster.is_upgrade_pending:
            return ClusterScaleResponse(results=None, status=error_status(body.name + model.UPGRADE_ERROR))
        spec = cluster.spec
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
            name = _new_replica_name(cluster, body.name, world)
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
            _add_replica(conn, cluster, replica_spec, world, now + request.settings.ready_delay)
            results.append("created Pgreplica " + name)
        cluster.save(conn)
    return ClusterScaleResponse(results=results, status=ok_status())


def _new_replica_name(cluster: model.Cluster, name: str, world: World) -> str:
    taken = set(cluster.deployments) | set(cluster.replicas)
    while True:
        candidate = f"{name}-{world.suffix(4, LOWERCASE)}"
        if candidate not in taken:
            return candidate


def _add_replica(
    conn: Any, cluster: model.Cluster, replica: dict[str, Any], world: World, ready_at: float
) -> None:
    """What the operator makes for a new Pgreplica: Deployment, Pending pod, PVCs, replica Service."""
    name: str = replica["name"]
    spec = cluster.spec
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
        capacity = model.capacity(pvc["size"])
        state.put_pvc(conn, cluster.namespace, pvc["name"], cluster.name, capacity, "instance")
    containers = next(
        (pod.containers for pod in cluster.pods if pod.is_primary),
        1 + int(bool(spec.get("exporter"))) + int(bool(spec.get("pgBadger"))),
    )
    cluster.pods.append(
        model.Pod(
            name=f"{name}-{world.suffix(10)}-{world.suffix(5)}",
            stored_deployment=name,
            role=model.REPLICA,
            node=world.rng.choice(NODES),
            containers=containers,
            pvcs=[model.Volume(p["volume"], p["name"]) for p in pvcs],
            ready_at=ready_at,
        )
    )
    cluster.pods.sort(key=lambda p: p.name)
    cluster.add_deployment(name)
    cluster.replicas = sorted({*cluster.replicas, name})
    cluster.extra.setdefault("pgreplicas", {})[name] = replica
    replica_service = f"{cluster.name}-replica"
    if cluster.find_service(replica_service) is None:
        primary = cluster.find_service(cluster.name)
        ports = primary.ports if primary else ["2022/TCP", "5432/TCP"]
        cluster.put_service(model.Service(replica_service, world.cluster_ip(), list(ports)))


# ---------------------------------------------------------------------------------- scale query


def handle_scale_query(request: EmulatorRequest) -> ScaleQueryResponse:
    """``ScaleQueryHandler`` / ``ScaleQuery``: the replicas, busted ones included."""
    query = request.query
    namespace = query.get("namespace", "")
    name = request.path["name"]
    now = request.world.now()
    with request.state.read() as conn:
        cluster = model.get(conn, namespace, name)
    if cluster is None:
        return ScaleQueryResponse(results=[], status=error_status(f'No cluster found for "{name}"'))
    found = patroni.replication_status(cluster, now, include_primary=False, include_busted=True)
    results = [
        ScaleQueryTargetSpec(i.name, i.node, i.replication_lag, i.status, i.timeline, i.pending_restart)
        for i in found
    ]
    return ScaleQueryResponse(results=results, status=ok_status(), standby=cluster.is_standby)


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
    name = request.path["name"]
    target = query.get("replica-name", "")
    with request.state.write() as conn:
        cluster = model.get(conn, namespace, name)
        if cluster is None:
            return ScaleDownResponse(results=[], status=error_status(model.not_found(name)))
        if cluster.is_shutdown:
            message = "Nothing to scale, the cluster is currently shutdown"
            return ScaleDownResponse(results=[], status=error_status(message))
        victims = [
            pod for pod in cluster.pods if pod.is_instance and not pod.is_primary and pod.deployment == target
        ]
        if not victims:
            return ScaleDownResponse(
                results=[], status=error_status(f"Unable to find replica with name {target}")
            )
        _remove_replica(conn, cluster, target, victims, delete_data)
        cluster.save(conn)
    return ScaleDownResponse(results=["deleted replica " + target], status=ok_status())


def _remove_replica(
    conn: Any, cluster: model.Cluster, target: str, pods: list[model.Pod], data: bool
) -> None:
    """The rmdata task for one replica: its pod, Deployment, Pgreplica, and PVCs when ``data``."""
    gone = {pod.name for pod in pods}
    cluster.pods = [pod for pod in cluster.pods if pod.name not in gone]
    cluster.remove_deployment(target)
    cluster.replicas = [r for r in cluster.replicas if r != target]
    cluster.extra.get("pgreplicas", {}).pop(target, None)
    if data:
        for pod in pods:
            for pvc in pod.pvcs:
                state.delete_pvc(conn, cluster.namespace, pvc.name)
    if not any(pod.role == model.REPLICA for pod in cluster.pods if pod.is_instance):
        cluster.remove_service(f"{cluster.name}-replica")


HANDLERS = {SCALE: handle_scale, SCALE_QUERY: handle_scale_query, SCALEDOWN: handle_scaledown}


def _scaled(w: Written) -> Outcome:
    for replica in w.results("created Pgreplica "):
        yield cluster_event("ScaleCluster", w, w.path.get("name", ""), replicaname=replica)


def _scaled_down(w: Written) -> Outcome:
    if w.results("deleted replica "):
        # ScaleDownBase leaves Replicaname empty.
        yield cluster_event("ScaleDownCluster", w, w.path.get("name", ""), replicaname="")


EVENTS = {SCALE: _scaled, SCALEDOWN: _scaled_down}
