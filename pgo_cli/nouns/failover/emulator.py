"""The emulator's failover routes (``internal/apiserver/failoverservice/``), checks in Go's order.

A failover promotes the target replica's pod (or, without a target, the best running replica:
least lag, then name) and demotes the old primary to a replica; the cluster's timeline moves on
and its ``current-primary`` annotation names the new primary. ``patronictl``'s refusals are
reproduced as the apiserver passes them on (stderr, ``master`` replaced by ``primary``).
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.cluster.emulator import UPGRADE_ERROR
from pgo_cli.nouns.failover.endpoints import FAILOVER, FAILOVER_QUERY
from pgo_cli.nouns.failover.messages import (
    CreateFailoverRequest,
    CreateFailoverResponse,
    FailoverTargetSpec,
    QueryFailoverResponse,
)
from pgo_cli.nouns.scale import instances
from pgo_cli.wire.codec import error_status, ok_status

#: What ``patronictl switchover --force`` writes to stderr, as the apiserver returns it.
NO_LEADER = "Error: This cluster has no master\n"
NO_CANDIDATES = "Error: No candidates found to switchover to\n"


class Refused(Exception):
    """A failover refusal; the message is the status ``Msg``."""


def handle_failover(request: EmulatorRequest) -> CreateFailoverResponse:
    """``CreateFailoverHandler`` / ``CreateFailover``."""
    body: CreateFailoverRequest = request.body
    problem = request.version_error(body.client_version) or request.namespace_error(body.namespace)
    if problem:
        return CreateFailoverResponse(status=error_status(problem))
    now = request.world.now()
    try:
        with request.state.write() as conn:
            row = state.get_cluster(conn, body.namespace, body.cluster_name)
            if row is None:
                raise Refused("no cluster found named " + body.cluster_name)
            if instances.is_upgrade_pending(row.doc):
                raise Refused(row.name + UPGRADE_ERROR)
            _check_target(row, body, now)
            candidate = _candidate_pod(row, body.target, now)
            promoted = candidate if body.force else _switchover(row, body.target, candidate, now)
            _promote(row.doc, promoted)
            state.update_cluster_doc(conn, row.namespace, row.name, row.doc)
    except Refused as refused:
        return CreateFailoverResponse(status=error_status(str(refused)))
    return CreateFailoverResponse(results="failover success for cluster " + row.name, status=ok_status())


def _check_target(row: state.ClusterRow, body: CreateFailoverRequest, now: float) -> None:
    """``isValidFailoverTarget``: a Deployment of that name in the cluster, not the running primary."""
    target = body.target
    if target == "":
        if body.force:
            raise Refused("target is required when forcing a failover.")
        return
    if target not in row.doc.get("deployments", []):
        raise Refused(f"no target found named {target}")
    for pod in instances.database_pods(row.doc):
        if (
            instances.deployment_of(pod) == target
            and pod["role"] == instances.MASTER
            and instances.is_running(pod, row, now)
        ):
            raise Refused("The primary database cannot be selected as a failover target")


def _candidate_pod(row: state.ClusterRow, target: str, now: float) -> dict[str, Any]:
    """``getCandidatePod``: a running instance pod (of the target's Deployment when given)."""
    for pod in instances.database_pods(row.doc):
        if instances.is_running(pod, row, now) and (target == "" or instances.deployment_of(pod) == target):
            return pod
    raise Refused(f"no pods found for instance {target}")


def _switchover(row: state.ClusterRow, target: str, candidate: dict[str, Any], now: float) -> dict[str, Any]:
    """``patronictl switchover --force``: needs a running leader; picks the best replica if no target."""
    pods = instances.database_pods(row.doc)
    if not any(pod["role"] == instances.MASTER and instances.is_running(pod, row, now) for pod in pods):
        raise Refused(_exec_error(NO_LEADER))
    if target:
        return candidate
    replicas = [
        pod for pod in pods if pod["role"] == instances.REPLICA and instances.is_running(pod, row, now)
    ]
    if not replicas:
        raise Refused(_exec_error(NO_CANDIDATES))
    return min(replicas, key=lambda pod: (int(pod.get("lag", 0)), str(pod["name"])))


def _exec_error(stderr: str) -> str:
    """The apiserver's message for a failed ``patronictl`` exec (``master`` becomes ``primary``)."""
    return stderr.replace("master", "primary")


def _promote(doc: dict[str, Any], promoted: dict[str, Any]) -> None:
    """The new primary, the old one demoted, a new timeline."""
    for pod in instances.database_pods(doc):
        if pod["name"] == promoted["name"]:
            pod["role"] = instances.MASTER
            pod["lag"] = 0
        elif pod["role"] == instances.MASTER:
            pod["role"] = instances.REPLICA
            pod["lag"] = 0
    doc["timeline"] = instances.timeline(doc) + 1
    annotations = doc["cluster"]["metadata"].setdefault("annotations", {})
    annotations["current-primary"] = instances.deployment_of(promoted)


def handle_failover_query(request: EmulatorRequest) -> QueryFailoverResponse:
    """``QueryFailoverHandler`` / ``QueryFailover``: the running replicas (no primary, no busted)."""
    query = request.query
    namespace = query.get("namespace", "")
    problem = request.version_error(query.get("version", "")) or request.namespace_error(namespace)
    if problem:
        return QueryFailoverResponse(results=None, status=error_status(problem))
    name = request.path["name"]
    now = request.world.now()
    with request.state.read() as conn:
        row = state.get_cluster(conn, namespace, name)
    if row is None:
        return QueryFailoverResponse(results=[], status=error_status("no cluster found named " + name))
    found = instances.replication_status(row, now, include_primary=False, include_busted=False)
    results = [
        FailoverTargetSpec(i.name, i.node, i.replication_lag, i.status, i.timeline, i.pending_restart)
        for i in found
    ]
    return QueryFailoverResponse(results=results, status=ok_status(), standby=instances.is_standby(row.doc))


HANDLERS = {FAILOVER: handle_failover, FAILOVER_QUERY: handle_failover_query}
