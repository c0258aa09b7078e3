"""``--wait`` judgements of a cluster's instances, for every command that waits on them: scale,
scaledown, failover, restart, upgrade, create and delete cluster, restore and migrate.

Every probe is one ``show cluster`` per cluster (``POST /showclusters``, a read) and a pure
judgement of what it shows, so each judgement is tested without a server. A cluster that no
longer shows is a visible failure (exit 1). A pod is an instance's when its name is the
instance's Deployment name plus the ReplicaSet and pod suffixes (``hippo-abcd-6f7c9d8b5-x2x4q``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.wait import Progress
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster import calls

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation
    from pgo_cli.cli.wait import Probe
    from pgo_cli.nouns.cluster.messages import ShowClusterDetail, ShowClusterPod, ShowClusterRequest
    from pgo_cli.sdk.connection import Connection

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


def instances_ready(detail: ShowClusterDetail, expected: int) -> Progress:
    """Whether a shown cluster has ``expected`` instances, all Running and ready."""
    pods = [pod for pod in detail.pods or [] if pod.type in ("primary", "replica")]
    ready = [pod for pod in pods if pod.ready and pod.phase == "Running"]
    if len(ready) >= expected and len(ready) == len(pods):
        return Progress(done=True)
    waiting = ", ".join(f"{pod.name} {pod.phase or 'unknown'}" for pod in pods if pod not in ready)
    pending = f"{len(ready)}/{max(expected, len(pods))} instances ready"
    return Progress(pending=f"{pending} — {waiting}" if waiting else pending)


def deleted(client: Connection, request: ShowClusterRequest) -> Probe:
    """The probe of ``delete cluster … --wait``: the same selection shows nothing any more."""

    def probe() -> Progress:
        response = calls.send_show(client, request)
        names = [detail.pgcluster().spec.name for detail in response.results or []]
        if not names:
            return Progress(done=True)
        return Progress(pending=f"still there: {', '.join(names)}")

    return probe
