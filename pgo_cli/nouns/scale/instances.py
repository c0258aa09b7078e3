"""The emulator's view of a cluster's PostgreSQL instances, shared by scale, failover and restart.

A cluster document (``pgo_cli/emulator/state.py``) lists its instance pods; each pod belongs to a
Deployment (the instance: ``<c>`` for the first primary, ``<c>-xxxx`` for replicas) and has a role
(``master``/``replica``, the ``role`` label Patroni keeps). A pod is running once ``now`` reaches
its ``ready_at`` (the cluster's by default). The WP1 keys kept on a pod: ``deployment``,
``pending_restart``, ``lag`` (MB) and ``restarted_at``; on the document: ``timeline``.

:func:`replication_status` is ``util.ReplicationStatus`` (``internal/util/failover.go``) with
``patronictl list`` simulated: every instance pod is a Patroni member, a pod that is not running
is a "busted" member (no state).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgo_cli.emulator import state

#: Roles as Patroni labels them on the pods, and as pgo reports them.
MASTER = "master"
REPLICA = "replica"
ROLE_PRIMARY = "primary"
ROLE_REPLICA = "replica"
ROLE_UNKNOWN = "unknown"
STATUS_RUNNING = "running"
STATUS_UNAVAILABLE = "unavailable"
#: ``crv1.PgclusterStateShutdown``.
SHUTDOWN_STATE = "pgcluster Shutdown"


def not_found(name: str) -> str:
    """The raw Kubernetes NotFound error of a Pgcluster ``Get``."""
    return f'pgclusters.crunchydata.com "{name}" not found'


@dataclass(frozen=True)
class InstanceInfo:
    """``util.InstanceReplicationInfo``: one row of a query."""

    name: str
    node: str
    replication_lag: int
    status: str
    timeline: int
    pending_restart: bool
    pod_name: str
    role: str


def database_pods(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The PostgreSQL instance pods of a cluster document (``pgo-pg-database`` pods)."""
    return [pod for pod in doc.get("pods", []) if pod.get("role") in (MASTER, REPLICA)]


def deployment_of(pod: dict[str, Any]) -> str:
    """The ``deployment-name`` label of a pod (its name less the ReplicaSet and pod suffixes)."""
    name = pod.get("deployment")
    if name:
        return str(name)
    return str(pod["name"]).rsplit("-", 2)[0]


def is_running(pod: dict[str, Any], row: state.ClusterRow, now: float) -> bool:
    """Whether the pod's phase is ``Running`` (ready once ``now`` reaches its ``ready_at``)."""
    return now >= float(pod.get("ready_at", row.ready_at))


def timeline(doc: dict[str, Any]) -> int:
    """The cluster's current timeline (1 after create, one more per failover)."""
    return int(doc.get("timeline", 1))


def is_upgrade_pending(doc: dict[str, Any]) -> bool:
    """The annotation ``is-upgraded: "false"`` (``config.ANNOTATION_IS_UPGRADED``)."""
    annotations = doc["cluster"]["metadata"].get("annotations") or {}
    return annotations.get("is-upgraded") == "false"


def is_shutdown(doc: dict[str, Any]) -> bool:
    """Whether the Pgcluster's state is ``pgcluster Shutdown`` (or its spec says shutdown)."""
    cluster = doc["cluster"]
    status = cluster.get("status") or {}
    return status.get("state") == SHUTDOWN_STATE or bool(cluster.get("spec", {}).get("shutdown"))


def is_standby(doc: dict[str, Any]) -> bool:
    """``cluster.Spec.Standby``."""
    return bool(doc["cluster"].get("spec", {}).get("standby"))


def replication_status(
    row: state.ClusterRow, now: float, *, include_primary: bool, include_busted: bool
) -> list[InstanceInfo]:
    """``util.ReplicationStatus``: the instances pgo's queries list, in ``patronictl list`` order.

    The pods are selected by label first (all instances with the primary; else the replicas;
    without busted ones only the running replicas, as a new pod gets its ``role=replica`` label
    from Patroni once it runs), and when none of those is running every selected pod is reported with role ``unknown``,
    status ``unavailable``, lag and timeline -1. Otherwise each Patroni member is reported,
    the primary only when asked, a busted one (not running) only when asked.
    """
    pods = database_pods(row.doc)
    if include_primary:
        selected = pods
    elif include_busted:
        # role!=master: the replicas, and any pod Patroni has not labelled yet.
        selected = [pod for pod in pods if pod["role"] == REPLICA]
    else:
        # role=replica: Patroni labels a pod only once it runs, so a Pending replica is not selected.
        selected = [pod for pod in pods if pod["role"] == REPLICA and is_running(pod, row, now)]
    if not selected:
        return []
    names = {pod["name"]: (deployment_of(pod), str(pod.get("node", ""))) for pod in selected}
    if not any(is_running(pod, row, now) for pod in selected):
        return [
            InstanceInfo(
                name=names[pod["name"]][0],
                node=names[pod["name"]][1],
                replication_lag=-1,
                status=STATUS_UNAVAILABLE,
                timeline=-1,
                pending_restart=False,
                pod_name="",
                role=ROLE_UNKNOWN,
            )
            for pod in selected
        ]
    current = timeline(row.doc)
    found: list[InstanceInfo] = []
    for pod in sorted(pods, key=lambda p: str(p["name"])):
        primary = pod["role"] == MASTER
        if primary and not include_primary:
            continue
        busted = not is_running(pod, row, now)
        if busted and not include_busted:
            continue
        name, node = names.get(pod["name"], ("", ""))
        found.append(
            InstanceInfo(
                name=name,
                node=node,
                replication_lag=-1 if busted else (0 if primary else int(pod.get("lag", 0))),
                status=STATUS_UNAVAILABLE if busted else STATUS_RUNNING,
                timeline=-1 if busted else current,
                pending_restart=not busted and bool(pod.get("pending_restart", False)),
                pod_name=str(pod["name"]),
                role=ROLE_PRIMARY if primary else ROLE_REPLICA,
            )
        )
    return found
