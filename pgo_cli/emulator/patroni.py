"""What Patroni reports about a cluster's instances: ``util.ReplicationStatus``
(``internal/util/failover.go``) over the typed model, with ``patronictl list`` simulated.

Every instance pod is a Patroni member; a pod that is not running is a "busted" member (no
state). The failover, restart and scale queries list these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.emulator.model import MASTER, REPLICA, Cluster

#: Roles as pgo reports them.
ROLE_PRIMARY = "primary"
ROLE_REPLICA = "replica"
ROLE_UNKNOWN = "unknown"
STATUS_RUNNING = "running"
STATUS_UNAVAILABLE = "unavailable"


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


def replication_status(
    cluster: Cluster, now: float, *, include_primary: bool, include_busted: bool
) -> list[InstanceInfo]:
    """``util.ReplicationStatus``: the instances pgo's queries list, in ``patronictl list`` order.

    The pods are selected by label first (all instances with the primary; else the replicas;
    without busted ones only the running replicas, as a new pod gets its ``role=replica`` label
    from Patroni once it runs), and when none of those is running every selected pod is reported
    with role ``unknown``, status ``unavailable``, lag and timeline -1. Otherwise each Patroni
    member is reported, the primary only when asked, a busted one (not running) only when asked.
    """
    pods = [pod for pod in cluster.pods if pod.is_instance]
    if include_primary:
        selected = pods
    elif include_busted:
        # role!=master: the replicas, and any pod Patroni has not labelled yet.
        selected = [pod for pod in pods if pod.role == REPLICA]
    else:
        # role=replica: Patroni labels a pod only once it runs, so a Pending replica is not selected.
        selected = [pod for pod in pods if pod.role == REPLICA and cluster.running(pod, now)]
    if not selected:
        return []
    names = {pod.name: (pod.deployment, pod.node) for pod in selected}
    if not any(cluster.running(pod, now) for pod in selected):
        return [
            InstanceInfo(
                name=names[pod.name][0],
                node=names[pod.name][1],
                replication_lag=-1,
                status=STATUS_UNAVAILABLE,
                timeline=-1,
                pending_restart=False,
                pod_name="",
                role=ROLE_UNKNOWN,
            )
            for pod in selected
        ]
    current = cluster.timeline
    found: list[InstanceInfo] = []
    for pod in sorted(pods, key=lambda p: p.name):
        primary = pod.role == MASTER
        if primary and not include_primary:
            continue
        busted = not cluster.running(pod, now)
        if busted and not include_busted:
            continue
        name, node = names.get(pod.name, ("", ""))
        found.append(
            InstanceInfo(
                name=name,
                node=node,
                replication_lag=-1 if busted else (0 if primary else int(pod.lag or 0)),
                status=STATUS_UNAVAILABLE if busted else STATUS_RUNNING,
                timeline=-1 if busted else current,
                pending_restart=not busted and bool(pod.pending_restart),
                pod_name=pod.name,
                role=ROLE_PRIMARY if primary else ROLE_REPLICA,
            )
        )
    return found
