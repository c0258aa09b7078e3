"""``--wait`` for the instance commands: scale, scaledown, failover, restart and upgrade.

Every probe is one ``show cluster`` per cluster (``POST /showclusters``, a read) and a pure
judgement of what it shows, so each judgement is tested without a server:

* scale: the replicas the answer names (``created Pgreplica <name>``) each have a pod that is
  Running and ready (without names in the answer: at least ``--replica-count`` replica
  instances, all Running and ready);
* scaledown: the target replica has no pod, no Deployment and no Pgreplica left;
* failover, restart, upgrade: see :mod:`pgo_cli.nouns.failover.waits`,
  :mod:`pgo_cli.nouns.restart.waits` and :mod:`pgo_cli.nouns.upgrade.waits`, built on the helpers
  here.

A cluster that no longer shows is a visible failure (exit 1). A pod is an instance's when its
name is the instance's Deployment name plus the ReplicaSet and pod suffixes
(``hippo-abcd-6f7c9d8b5-x2x4q``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Waiting
from pgo_cli.cli.wait import Progress
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster import calls

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.cli.wait import Probe
    from pgo_cli.nouns.cluster.messages import ShowClusterDetail, ShowClusterPod
    from pgo_cli.sdk.connection import Connection

#: The line of a scale answer that names one new replica.
CREATED = "created Pgreplica "
#: The pod types of PostgreSQL instances in a show answer (not pgBackRest, pgBouncer …).
INSTANCE_TYPES = ("primary", "replica")

#: One cluster's judgement.
Judge = Callable[["ShowClusterDetail"], Progress]


def refuse_with_query(invocation: Invocation, command: str) -> None:
    """``--query`` changes nothing, so ``--wait`` with it is refused (exit 2) before anything is sent."""
    if invocation.values.get("wait"):
        raise UsageError(
            f"--wait cannot be used with --query: 'pgo {command} --query' changes nothing to wait for",
            hint=f"drop --wait, or wait on the change itself (pgo {command} … --wait, without --query)",
        )


def instance_of(pod_name: str) -> str:
    """The instance (Deployment) of a pod: its name less the ReplicaSet and pod suffixes."""
    return pod_name.rsplit("-", 2)[0]


def instance_pods(detail: ShowClusterDetail) -> dict[str, list[ShowClusterPod]]:
    """The PostgreSQL instance pods of a shown cluster, by instance name."""
    found: dict[str, list[ShowClusterPod]] = {}
    for pod in detail.pods or []:
        if pod.type in INSTANCE_TYPES:
            found.setdefault(instance_of(pod.name), []).append(pod)
    return found


def is_up(pod: ShowClusterPod) -> bool:
    """Running and ready."""
    return pod.phase == "Running" and pod.ready


def state_of(pod: ShowClusterPod) -> str:
    """``Pending``, ``Running, not ready`` …: what a pod that is not up is doing."""
    phase = pod.phase or "unknown"
    return f"{phase}, not ready" if phase == "Running" else phase


def instances_up(detail: ShowClusterDetail, names: Sequence[str], noun: str) -> Progress:
    """Whether each named instance has a pod, and all its pods are Running and ready.

    ``noun`` names them in the pending text: ``1/2 new replicas ready — hippo-abcd Pending``.
    """
    pods = instance_pods(detail)
    waiting: list[str] = []
    for name in names:
        mine = pods.get(name, [])
        if not mine:
            waiting.append(f"{name} has no pod yet")
        elif not all(is_up(pod) for pod in mine):
            waiting.append(f"{name} {', '.join(state_of(pod) for pod in mine if not is_up(pod))}")
    if not waiting:
        return Progress(done=True)
    ready = len(names) - len(waiting)
    return Progress(pending=f"{ready}/{len(names)} {noun} ready — {'; '.join(waiting)}")


def every_instance_up(detail: ShowClusterDetail, expected: int = 1) -> Progress:
    """At least ``expected`` instances, every instance pod Running and ready."""
    pods = instance_pods(detail)
    names = sorted(pods)
    waiting = [
        f"{name} {', '.join(state_of(pod) for pod in pods[name] if not is_up(pod))}"
        for name in names
        if not all(is_up(pod) for pod in pods[name])
    ]
    ready = len(names) - len(waiting)
    if not waiting and ready >= expected:
        return Progress(done=True)
    total = max(expected, len(names))
    pending = f"{ready}/{total} instances ready"
    if waiting:
        pending += " — " + "; ".join(waiting)
    elif ready < expected:
        pending += f" — {expected - ready} not created yet"
    return Progress(pending=pending)


def per_cluster(client: Connection, namespace: str, judges: dict[str, Judge]) -> Probe:
    """One ``show cluster`` per cluster, each judged; done when every cluster is done.

    A cluster that no longer shows, or any cluster's failure, fails the wait. With several
    clusters each pending text starts with the cluster's name.
    """

    def probe() -> Progress:
        pending: list[str] = []
        for name, judge in judges.items():
            response = calls.show(client, name, namespace)
            details = [d for d in response.results or [] if _name_of(d) in (name, "")]
            if not details:
                return Progress(failed=f"cluster {name} is gone")
            progress = judge(details[0])
            if progress.failed is not None:
                prefix = f"{name}: " if len(judges) > 1 else ""
                return Progress(failed=prefix + progress.failed)
            if not progress.done:
                pending.append(f"{name}: {progress.pending}" if len(judges) > 1 else progress.pending)
        if not pending:
            return Progress(done=True)
        return Progress(pending="; ".join(pending))

    return probe


def _name_of(detail: ShowClusterDetail) -> str:
    return str(((detail.cluster or {}).get("spec") or {}).get("name", ""))


def what(names: Sequence[str], operation: str) -> str:
    """``hippo: scale`` / ``hippo, zebra: upgrade``."""
    return f"{', '.join(names)}: {operation}"


def show_check(names: Sequence[str], namespace: str) -> str:
    """The read a user runs to see what the probe sees."""
    return f"pgo show cluster {' '.join(names)} -n {namespace}"


# ---------------------------------------------------------------------------------------- scale


def created_replicas(reply: Reply) -> list[str]:
    """The replica names of one scale answer (``created Pgreplica hippo-abcd``)."""
    lines = reply.response.results or []
    return [line[len(CREATED) :].strip() for line in lines if line.startswith(CREATED)]


def new_replicas_up(detail: ShowClusterDetail, names: Sequence[str], count: int) -> Progress:
    """scale's judgement: the named new replicas up; without names, ``count`` replicas up."""
    if names:
        return instances_up(detail, names, "new replicas")
    pods = instance_pods(detail)
    replicas = {name: mine for name, mine in pods.items() if any(p.type == "replica" for p in mine)}
    up = [name for name, mine in replicas.items() if all(is_up(pod) for pod in mine)]
    if len(up) >= count and len(up) == len(replicas):
        return Progress(done=True)
    waiting = [
        f"{name} {', '.join(state_of(pod) for pod in replicas[name] if not is_up(pod))}"
        for name in sorted(replicas)
        if name not in up
    ]
    pending = f"{len(up)}/{max(count, len(replicas))} replicas ready"
    return Progress(pending=f"{pending} — {'; '.join(waiting)}" if waiting else pending)


def _scale_judge(names: Sequence[str], count: int) -> Judge:
    return lambda detail: new_replicas_up(detail, names, count)


def scaled(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``scale --wait``: every cluster's new replicas Running and ready."""
    namespace = invocation.namespace()
    count = int(invocation.value("replica-count") or 0)
    judges = {reply.call.target: _scale_judge(created_replicas(reply), count) for reply in replies}
    clusters = list(judges)
    return Waiting(
        per_cluster(invocation.client(), namespace, judges),
        what(clusters, "scale"),
        show_check(clusters, namespace),
    )


# ------------------------------------------------------------------------------------ scaledown


def replica_gone(detail: ShowClusterDetail, target: str) -> Progress:
    """scaledown's judgement: no pod, Deployment or Pgreplica of ``target`` left."""
    pods = instance_pods(detail).get(target, [])
    if any(pod.type == "primary" for pod in pods):
        return Progress(failed=f"{target} is the primary now")
    left: list[str] = []
    if pods:
        left.append("pod " + ", ".join(f"{pod.name} {pod.phase or 'unknown'}" for pod in pods))
    if any(deployment.name == target for deployment in detail.deployments or []):
        left.append("Deployment")
    if any(replica.name == target for replica in detail.replicas or []):
        left.append("Pgreplica")
    if not left:
        return Progress(done=True)
    return Progress(pending=f"{target} still there: {', '.join(left)}")


def scaled_down(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``scaledown --target R --wait``: R's pod gone."""
    namespace = invocation.namespace()
    cluster = replies[0].call.target if replies else invocation.args[0]
    target = str(invocation.value("target"))
    judges: dict[str, Judge] = {cluster: lambda detail: replica_gone(detail, target)}
    return Waiting(
        per_cluster(invocation.client(), namespace, judges),
        what([cluster], f"scaledown {target}"),
        show_check([cluster], namespace),
    )
