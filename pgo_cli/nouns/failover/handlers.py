"""The emulator's failover routes (``internal/apiserver/failoverservice/``), checks in Go's order.

A failover promotes the target replica's pod (or, without a target, the best running replica:
least lag, then name) and demotes the old primary to a replica; the cluster's timeline moves on
and its ``current-primary`` annotation names the new primary. ``patronictl``'s refusals are
reproduced as the apiserver passes them on (stderr, ``master`` replaced by ``primary``).
"""

from __future__ import annotations

from pgo_cli.emulator import model, patroni
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.failover.endpoints import FAILOVER, FAILOVER_QUERY
from pgo_cli.nouns.failover.messages import (
    CreateFailoverRequest,
    CreateFailoverResponse,
    FailoverTargetSpec,
    QueryFailoverResponse,
)
from pgo_cli.wire.codec import error_status, ok_status

#: What ``patronictl switchover --force`` writes to stderr, as the apiserver returns it.
NO_LEADER = "Error: This cluster has no master\n"
NO_CANDIDATES = "Error: No candidates found to switchover to\n"


class Refused(Exception):
    """A failover refusal; the message is the status ``Msg``."""


def handle_failover(request: EmulatorRequest) -> CreateFailoverResponse:
    """``CreateFailoverHandler`` / ``CreateFailover``."""
    body: CreateFailoverRequest = request.body
    now = request.world.now()
    try:
        with request.state.write() as conn:
            cluster = model.get(conn, body.namespace, body.cluster_name)
            if cluster is None:
                raise Refused("no cluster found named " + body.cluster_name)
            upgrade = cluster.upgrade_error()
            if upgrade:
                raise Refused(upgrade)
            _check_target(cluster, body, now)
            candidate = _candidate_pod(cluster, body.target, now)
            promoted = candidate if body.force else _switchover(cluster, body.target, candidate, now)
            _promote(cluster, promoted)
            cluster.save(conn)
    except Refused as refused:
        return CreateFailoverResponse(status=error_status(str(refused)))
    return CreateFailoverResponse(results="failover success for cluster " + cluster.name, status=ok_status())


def _instances(cluster: model.Cluster) -> list[model.Pod]:
    return [pod for pod in cluster.pods if pod.is_instance]


def _check_target(cluster: model.Cluster, body: CreateFailoverRequest, now: float) -> None:
    """``isValidFailoverTarget``: a Deployment of that name in the cluster, not the running primary."""
    target = body.target
    if target == "":
        if body.force:
            raise Refused("target is required when forcing a failover.")
        return
    if not cluster.has_deployment(target):
        raise Refused(f"no target found named {target}")
    for pod in _instances(cluster):
        if pod.deployment == target and pod.is_primary and cluster.running(pod, now):
            raise Refused("The primary database cannot be selected as a failover target")


def _candidate_pod(cluster: model.Cluster, target: str, now: float) -> model.Pod:
    """``getCandidatePod``: a running instance pod (of the target's Deployment when given)."""
    for pod in _instances(cluster):
        if cluster.running(pod, now) and (target == "" or pod.deployment == target):
            return pod
    raise Refused(f"no pods found for instance {target}")


def _switchover(cluster: model.Cluster, target: str, candidate: model.Pod, now: float) -> model.Pod:
    """``patronictl switchover --force``: needs a running leader; picks the best replica if no target."""
    pods = _instances(cluster)
    if not any(pod.is_primary and cluster.running(pod, now) for pod in pods):
        raise Refused(_exec_error(NO_LEADER))
    if target:
        return candidate
    replicas = [pod for pod in pods if pod.role == model.REPLICA and cluster.running(pod, now)]
    if not replicas:
        raise Refused(_exec_error(NO_CANDIDATES))
    return min(replicas, key=lambda pod: (int(pod.lag or 0), pod.name))


def _exec_error(stderr: str) -> str:
    """The apiserver's message for a failed ``patronictl`` exec (``master`` becomes ``primary``)."""
    return stderr.replace("master", "primary")


def _promote(cluster: model.Cluster, promoted: model.Pod) -> None:
    """The new primary, the old one demoted, a new timeline."""
    for pod in _instances(cluster):
        if pod.name == promoted.name:
            pod.role = model.MASTER
            pod.lag = 0
        elif pod.is_primary:
            pod.role = model.REPLICA
            pod.lag = 0
    cluster.timeline = cluster.timeline + 1
    annotations = cluster.metadata.setdefault("annotations", {})
    annotations["current-primary"] = promoted.deployment


def handle_failover_query(request: EmulatorRequest) -> QueryFailoverResponse:
    """``QueryFailoverHandler`` / ``QueryFailover``: the running replicas (no primary, no busted)."""
    query = request.query
    namespace = query.get("namespace", "")
    name = request.path["name"]
    now = request.world.now()
    with request.state.read() as conn:
        cluster = model.get(conn, namespace, name)
    if cluster is None:
        return QueryFailoverResponse(results=[], status=error_status("no cluster found named " + name))
    found = patroni.replication_status(cluster, now, include_primary=False, include_busted=False)
    results = [
        FailoverTargetSpec(i.name, i.node, i.replication_lag, i.status, i.timeline, i.pending_restart)
        for i in found
    ]
    return QueryFailoverResponse(results=results, status=ok_status(), standby=cluster.is_standby)


HANDLERS = {FAILOVER: handle_failover, FAILOVER_QUERY: handle_failover_query}
