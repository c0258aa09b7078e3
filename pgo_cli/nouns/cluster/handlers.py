"""The emulator's side of the cluster routes: create, show, delete, update and test
(``internal/apiserver/clusterservice/``): the checks of each handler, then the work.

``create`` is long enough to have its own module (:mod:`.emulation`); ``update`` too
(:mod:`.update_emulation`). ``ShowCluster`` and ``DeleteCluster`` select clusters by the
selector, else ``name=<c>`` (or every cluster with ``--all``), against the labels the operator
keeps on each Pgcluster (:meth:`~pgo_cli.emulator.model.Cluster.effective_labels`).

``TestCluster`` (``clusterimpl.go``): one result per selected cluster, an instance per
primary/replica pod (available when the pod is ready) and an endpoint per service
(``<ClusterIP>:5432``, available when a ready pod backs it); a cluster without pods gets one
unavailable primary instance.
"""

from __future__ import annotations

import copy
import sqlite3

from pgo_cli.emulator import model, selectors, state
from pgo_cli.emulator.publishing import Later, Outcome, Written, cluster_event, delete_delay, ready_delay
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.cluster import deletion, emulation
from pgo_cli.nouns.cluster.create_messages import CREATE, CreateClusterRequest, CreateClusterResponse
from pgo_cli.nouns.cluster.endpoints import DELETE, SHOW, TEST
from pgo_cli.nouns.cluster.messages import (
    ClusterTestDetail,
    ClusterTestRequest,
    ClusterTestResponse,
    ClusterTestResult,
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterDeployment,
    ShowClusterDetail,
    ShowClusterPod,
    ShowClusterPodPVC,
    ShowClusterReplica,
    ShowClusterRequest,
    ShowClusterResponse,
    ShowClusterService,
)
from pgo_cli.nouns.cluster.update_emulation import handle_update
from pgo_cli.nouns.cluster.update_messages import UPDATE
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import lookup

#: ``c.Spec.Port`` of every cluster the emulator makes.
POSTGRES_PORT = "5432"


def handle_create(request: EmulatorRequest) -> CreateClusterResponse:
    """``CreateClusterHandler``: Authn (done), ShowSystemAccounts check, version, namespace, create."""
    body: CreateClusterRequest = request.body
    return emulation.create(request.world, body, request.username)


def handle_show(request: EmulatorRequest) -> ShowClusterResponse:
    """``ShowClusterHandler``: Authn (done), version, namespace, ``ShowCluster``."""
    body: ShowClusterRequest = request.body
    return show(request, body.clustername, body.selector, body.ccpimagetag, body.namespace, body.allflag)


def handle_delete(request: EmulatorRequest) -> DeleteClusterResponse:
    """``DeleteClusterHandler``: Authn (done), version, namespace, ``DeleteCluster``."""
    body: DeleteClusterRequest = request.body
    return delete(request, body)


def handle_test(request: EmulatorRequest) -> ClusterTestResponse:
    """``TestClusterHandler``: Authn (done), version check, namespace check, ``TestCluster``."""
    body: ClusterTestRequest = request.body
    # ShowCluster's selection is TestCluster's: the selector, else all (AllFlag), else name=<c>.
    answer = show(request, body.clustername, body.selector, "", body.namespace, body.all_flag)
    if answer.status.code == "error":
        return ClusterTestResponse(results=[], status=error_status(answer.status.msg))
    results = [_test(detail) for detail in answer.results or []]
    return ClusterTestResponse(results=results, status=ok_status())


# ---------------------------------------------------------------------------------------- show


def _select(conn: sqlite3.Connection, ns: str, selector: str, now: float) -> list[model.Cluster]:
    """The clusters the selector picks among the operator's labels (raises ``SelectorError``)."""
    requirements = selectors.parse(selector)
    return [c for c in model.list_in(conn, ns) if selectors.matches(requirements, c.effective_labels(now))]


def show(
    request: EmulatorRequest, name: str, selector: str, ccpimagetag: str, ns: str, allflag: bool
) -> ShowClusterResponse:
    """``ShowCluster``: the whole ``ShowClusterResponse``."""
    if not (selector == "" and allflag) and selector == "":
        selector = "name=" + name
    world = request.world
    world.reconcile()
    now = world.now()
    try:
        with request.state.read() as conn:
            results = [_detail(conn, cluster, now) for cluster in _select(conn, ns, selector, now)]
    except selectors.SelectorError as exc:
        return ShowClusterResponse(results=[], status=error_status(str(exc)))
    if ccpimagetag:
        results = [d for d in results if (d.cluster or {})["spec"]["ccpimagetag"] == ccpimagetag]
    return ShowClusterResponse(results=results, status=ok_status())


def _detail(conn: sqlite3.Connection, cluster: model.Cluster, now: float) -> ShowClusterDetail:
    pgcluster = copy.deepcopy(cluster.pgcluster)
    if cluster.is_ready(now) and pgcluster["status"].get("state") == model.CREATED_STATE:
        # The operator's first reconcile; a later state (shutdown, restoring …) is kept as stored.
        pgcluster["spec"]["status"] = "completed"
        pgcluster["status"] = {"state": model.INITIALIZED_STATE, "message": "Cluster has been initialized"}
    # the labels the operator keeps on it (its initialisation copies the creation's user labels)
    labels = pgcluster["metadata"]["labels"] = dict(sorted(cluster.effective_labels(now).items()))
    policy_labels = sorted(k for k, v in labels.items() if v == "pgpolicy")
    pods = []
    for pod in cluster.pods:
        ready = cluster.running(pod, now)
        pvcs = []
        for volume in pod.pvcs:
            capacity = state.pvc_capacity(conn, cluster.namespace, volume.name)
            if capacity is not None:
                pvcs.append(ShowClusterPodPVC(capacity=capacity, name=volume.name))
        kind = "primary" if pod.is_primary else "replica"
        count = pod.containers
        pods.append(
            ShowClusterPod(
                name=pod.name,
                phase="Running" if ready else "Pending",
                node_name=pod.node,
                pvc=pvcs,
                ready_status=f"{count if ready else 0}/{count}",
                ready=ready,
                primary=kind == "primary",
                type=kind,
            )
        )
    services = []
    for svc in cluster.services:
        pgbouncer = svc.name.endswith("-pgbouncer") and not svc.name.endswith("-backrest-repo")
        backrest = svc.name.endswith("-backrest-repo")
        pgadmin = svc.name.endswith("-pgadmin") and not svc.name.endswith(("-backrest-repo", "-pgbouncer"))
        services.append(
            ShowClusterService(
                name=svc.name,
                data="",
                cluster_ip=svc.ip,
                cluster_ports=list(svc.ports) or None,
                external_ip="",
                cluster_name=cluster.name if (pgbouncer or backrest or pgadmin) else "",
                pgbouncer=pgbouncer,
                backrest_repo=backrest,
                pgadmin=pgadmin,
            )
        )
    return ShowClusterDetail(
        cluster=pgcluster,
        deployments=[ShowClusterDeployment(d, list(policy_labels)) for d in cluster.deployments],
        pods=pods,
        services=services,
        replicas=[ShowClusterReplica(name=r) for r in cluster.replicas],
        standby=bool(pgcluster["spec"]["standby"]),
    )


# -------------------------------------------------------------------------------------- delete


def delete(request: EmulatorRequest, body: DeleteClusterRequest) -> DeleteClusterResponse:
    """``DeleteCluster``: schedules the rmdata job of each selected cluster (:mod:`.deletion`)."""
    selector = body.selector
    if body.clustername != "all" and selector == "":
        selector = "name=" + body.clustername
    world = request.world
    world.reconcile()
    now = world.now()
    results: list[str] = []
    try:
        with request.state.write() as conn:
            clusters = _select(conn, body.namespace, selector, now)
            if not clusters:
                return DeleteClusterResponse(results=results, status=error_status("no clusters found"))
            for cluster in clusters:
                upgrade = cluster.upgrade_error()
                if upgrade:
                    return DeleteClusterResponse(results=results, status=error_status(upgrade))
                at = now + world.settings.delete_delay
                state.mark_deleted(
                    conn, body.namespace, cluster.name, at, body.delete_data, body.delete_backups
                )
                results.append("deleted pgcluster " + cluster.spec["name"])
    except selectors.SelectorError as exc:
        return DeleteClusterResponse(results=[], status=error_status(str(exc)))
    return DeleteClusterResponse(results=results, status=ok_status())


# ---------------------------------------------------------------------------------------- test


def _test(detail: ShowClusterDetail) -> ClusterTestResult:
    name = (detail.cluster or {})["metadata"]["name"]
    pods = [pod for pod in detail.pods or [] if pod.type in ("primary", "replica")]
    result = ClusterTestResult(cluster_name=name, endpoints=[], instances=[])
    assert result.instances is not None and result.endpoints is not None
    if not pods:
        result.instances.append(ClusterTestDetail(available=False, instance_type="primary"))
        return result
    for pod in pods:
        result.instances.append(ClusterTestDetail(pod.ready, pod.name, pod.type))
    ready = {pod.type for pod in pods if pod.ready}
    for service in detail.services or []:
        if service.name.endswith("-replica") and service.name.count("-replica") == 1:
            kind, available = "replica", "replica" in ready
        elif service.pgadmin:
            kind, available = "pgadmin", True
        elif service.pgbouncer:
            kind, available = "pgbouncer", bool(ready)
        elif service.backrest_repo:
            kind, available = "backups", bool(ready)
        else:
            kind, available = "primary", "primary" in ready
        result.endpoints.append(ClusterTestDetail(available, f"{service.cluster_ip}:{POSTGRES_PORT}", kind))
    return result


HANDLERS = {
    CREATE: handle_create,
    SHOW: handle_show,
    DELETE: handle_delete,
    TEST: handle_test,
    UPDATE: handle_update,
}


# ---------------------------------------------------------------------------------------- events


def _create_cluster(w: Written) -> Outcome:
    result = lookup(w.answer, "result", {}) or {}
    name = str(lookup(result, "Name", "") or w.get("Name"))
    workflow = str(lookup(result, "WorkflowID", ""))
    yield cluster_event("CreateCluster", w, name, workflowid=workflow)
    yield Later(ready_delay, cluster_event("CreateClusterCompleted", w, name, workflowid=workflow))


def _delete_cluster(w: Written) -> Outcome:
    for name in w.results("deleted pgcluster "):
        yield cluster_event("DeleteCluster", w, name)
        yield Later(delete_delay, cluster_event("DeleteClusterCompleted", w, name))


def _update_cluster(w: Written) -> Outcome:
    for name in w.results("updated pgcluster "):
        if w.get("Shutdown", False):
            yield cluster_event("ShutdownCluster", w, name)
        if w.get("Standby", 0) in (1, 2):
            # pgo publishes StandbyEnabled both when enabling and when promoting (disabling).
            yield cluster_event("StandbyEnabled", w, name)


EVENTS = {CREATE: _create_cluster, DELETE: _delete_cluster, UPDATE: _update_cluster}
#: Delayed effects ``World.reconcile`` runs before a request is served: deleted clusters go.
RECONCILE = (deletion.RMDATA,)
