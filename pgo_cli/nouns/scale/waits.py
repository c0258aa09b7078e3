"""``--wait`` for scale and scaledown (the judgements they share with failover, restart, upgrade
and migrate are in :mod:`pgo_cli.nouns.shared.instance_waits`):

* scale: the replicas the answer names (``created Pgreplica <name>``) each have a pod that is
  Running and ready (without names in the answer: at least ``--replica-count`` replica
  instances, all Running and ready);
* scaledown: the target replica has no pod, no Deployment and no Pgreplica left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Waiting
from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.shared.instance_waits import (
    Judge,
    instance_pods,
    instances_up,
    is_up,
    per_cluster,
    replica_gone,
    show_check,
    state_of,
    what,
)

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.nouns.cluster.messages import ShowClusterDetail

#: The line of a scale answer that names one new replica.
CREATED = "created Pgreplica "


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


# ------------------------------------------------------------------------------------ scaledown


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
