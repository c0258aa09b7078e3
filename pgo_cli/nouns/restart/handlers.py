"""The emulator's restart routes (``internal/apiserver/restartservice/``, ``internal/patroni``).

A restart marks each restarted instance pod (``restarted_at``, no restart pending); a pod that is
not running cannot be exec'd into and reports an error instead. ``--rolling`` stores the pgtask
``<c>-restart`` (replacing an earlier one) and restarts every running instance.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import model, patroni, state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.restart.endpoints import RESTART, RESTART_QUERY
from pgo_cli.nouns.restart.messages import (
    InstanceDetail,
    QueryRestartResponse,
    RestartDetail,
    RestartRequest,
    RestartResponse,
    RestartTargetSpec,
)
from pgo_cli.wire.codec import error_status, ok_status

#: ``patroni.ErrInstanceNotFound``.
INSTANCE_NOT_FOUND = "The instance does not exist in the cluster"
#: The exec error for a pod whose containers are not running yet.
NOT_RUNNING = 'unable to upgrade connection: container not found ("database")'
#: The kind under which pgtasks are stored, and ``crv1.PgtaskRollingUpdate``.
PGTASK = "pgtask"
ROLLING_UPDATE = "rolling update"


def handle_restart(request: EmulatorRequest) -> RestartResponse:
    """``Restart``: the cluster, its upgrade state, then the restarts (checks: the route's steps)."""
    body: RestartRequest = request.body
    # The version and namespace checks are the route's steps; a mismatch does not stop a restart.
    world = request.world
    now = world.now()
    with request.state.write() as conn:
        row = model.get(conn, body.namespace, body.cluster_name)
        if row is None:
            return RestartResponse(status=error_status(model.not_found(body.cluster_name)))
        if row.is_upgrade_pending:
            # restartimpl.go formats "%s %s": two spaces before the message.
            return RestartResponse(status=error_status(f"{row.name} {model.UPGRADE_ERROR}"))
        if body.rolling_update:
            task_name = f"{row.name}-restart"
            task: dict[str, Any] = {
                "name": task_name,
                "labels": {"pg-cluster": row.name, "pgouser": request.username},
                "spec": {"tasktype": ROLLING_UPDATE, "parameters": {"pg-cluster": row.name}},
                "created": now,
            }
            state.delete_object(conn, PGTASK, row.namespace, task_name)
            state.put_object(conn, PGTASK, row.namespace, task_name, task)
            for pod in row.pods:
                if pod.is_instance and row.running(pod, now):
                    _restarted(pod, now)
            row.save(conn)
            return RestartResponse(status=ok_status())
        by_instance = {pod.deployment: pod for pod in row.pods if pod.is_instance}
        details: list[InstanceDetail] = []
        chosen: list[str] = []
        if body.targets:
            for target in body.targets:
                if target in by_instance:
                    if target not in chosen:
                        chosen.append(target)
                else:
                    details.append(InstanceDetail(target, True, INSTANCE_NOT_FOUND))
        else:
            chosen = list(by_instance)
        world.rng.shuffle(chosen)  # Go ranges over a map: the order is random
        for name in chosen:
            pod = by_instance[name]
            if row.running(pod, now):
                _restarted(pod, now)
                details.append(InstanceDetail(name))
            else:
                details.append(InstanceDetail(name, True, NOT_RUNNING))
        row.save(conn)
    result = RestartDetail(cluster_name=body.cluster_name, instances=details or None)
    return RestartResponse(result=result, status=ok_status())


def _restarted(pod: model.Pod, now: float) -> None:
    pod.restarted_at = now
    pod.pending_restart = False


def handle_restart_query(request: EmulatorRequest) -> QueryRestartResponse:
    """``QueryRestartHandler`` / ``QueryRestart``: every instance, the primary and busted ones too."""
    query = request.query
    namespace = query.get("namespace", "")
    name = request.path["name"]
    now = request.world.now()
    with request.state.read() as conn:
        row = model.get(conn, namespace, name)
    if row is None:
        return QueryRestartResponse(results=None, status=error_status(model.not_found(name)))
    found = patroni.replication_status(row, now, include_primary=True, include_busted=True)
    if not found:
        return QueryRestartResponse(results=None, status=ok_status())
    results = [
        RestartTargetSpec(i.name, i.node, i.replication_lag, i.status, i.timeline, i.pending_restart, i.role)
        for i in found
    ]
    return QueryRestartResponse(results=results, status=ok_status(), standby=row.is_standby)


HANDLERS = {RESTART: handle_restart, RESTART_QUERY: handle_restart_query}
