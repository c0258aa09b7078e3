"""``failover --wait``: polls ``show cluster`` until the promoted instance is the one ready primary.

* ``--target T``: T's pod is the primary (``Type: primary``), Running and ready, and no other
  instance still shows as primary. T disappearing from the cluster (no pod, no Deployment) is a
  visible failure.
* no target (the apiserver picks): the wait cannot tell the new primary from the old one, so it
  waits for one primary, Running and ready, that is the instance the cluster's
  ``current-primary`` annotation names (the operator moves it on a failover).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Waiting
from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.shared import instance_waits

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.nouns.cluster.messages import ShowClusterDetail

#: The Pgcluster annotation naming the primary's Deployment.
CURRENT_PRIMARY = "current-primary"


def primaries(detail: ShowClusterDetail) -> list[str]:
    """The instances with a pod shown as primary, in name order."""
    pods = instance_waits.instance_pods(detail)
    return sorted(name for name, mine in pods.items() if any(pod.type == "primary" for pod in mine))


def promoted(detail: ShowClusterDetail, target: str) -> Progress:
    """Whether ``target`` is the one primary and its pod is Running and ready."""
    pods = instance_waits.instance_pods(detail).get(target, [])
    deployments = {deployment.name for deployment in detail.deployments or []}
    if not pods:
        if target not in deployments:
            return Progress(failed=f"{target} is gone from the cluster")
        return Progress(pending=f"{target} has no pod yet")
    mine = [pod for pod in pods if pod.type == "primary"]
    if not mine:
        return Progress(pending=f"{target} is still a replica")
    if not all(instance_waits.is_up(pod) for pod in mine):
        return Progress(
            pending=f"{target} is primary, {', '.join(instance_waits.state_of(pod) for pod in mine)}"
        )
    others = [name for name in primaries(detail) if name != target]
    if others:
        return Progress(pending=f"{target} is primary, {', '.join(others)} still shows as primary too")
    return Progress(done=True)


def one_ready_primary(detail: ShowClusterDetail) -> Progress:
    """Without a target: one primary, Running and ready, the one ``current-primary`` names."""
    found = primaries(detail)
    if not found:
        return Progress(pending="no primary yet")
    if len(found) > 1:
        return Progress(pending=f"{len(found)} instances show as primary: {', '.join(found)}")
    annotations = (detail.cluster or {}).get("metadata", {}).get("annotations") or {}
    current = str(annotations.get(CURRENT_PRIMARY, "") or found[0])
    if current != found[0]:
        return Progress(pending=f"{found[0]} shows as primary, the cluster names {current}")
    return promoted(detail, found[0])


def failed_over(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``failover CLUSTER [--target T] --wait`` (``failover --query --wait`` is refused in the plan)."""
    namespace = invocation.namespace()
    cluster = replies[0].call.target if replies else invocation.args[0]
    target = str(invocation.value("target") or "")
    if target:
        judge: instance_waits.Judge = lambda detail: promoted(detail, target)  # noqa: E731
        operation = f"failover to {target}"
    else:
        judge = one_ready_primary
        operation = "failover"
    return Waiting(
        instance_waits.per_cluster(invocation.client(), namespace, {cluster: judge}),
        instance_waits.what([cluster], operation),
        instance_waits.show_check([cluster], namespace),
    )
