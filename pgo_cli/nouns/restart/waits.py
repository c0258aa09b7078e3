"""``restart --wait``: polls ``show cluster`` until the restarted instances are Running and ready.

* ``restart CLUSTER [--target I …]``: the instances the answer reports restarted (without an
  error) each have a pod, all Running and ready (an answer that names none: the ``--target``
  instances, or every instance);
* ``--rolling`` (a pgtask; the answer names nothing): every instance of the cluster Running and
  ready. The operator restarts them one by one after the answer, so a poll may see them all up
  before it has begun: the wait can end early, never late.
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
    from pgo_cli.nouns.restart.messages import RestartResponse


def restarted_names(replies: Sequence[Reply]) -> list[str]:
    """The instances an accepted restart reports restarted."""
    names: list[str] = []
    for reply in replies:
        response: RestartResponse = reply.response
        for instance in response.result.instances or []:
            if not instance.error and instance.instance_name not in names:
                names.append(instance.instance_name)
    return names


def restarted_up(detail: ShowClusterDetail, names: Sequence[str]) -> Progress:
    """The named instances up, or, without names, every instance up."""
    if names:
        return instance_waits.instances_up(detail, sorted(names), "restarted instances")
    return instance_waits.every_instance_up(detail)


def restarted(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``restart CLUSTER … --wait`` (``restart --query --wait`` is refused in the plan)."""
    namespace = invocation.namespace()
    cluster = replies[0].call.target if replies else invocation.args[0]
    rolling = bool(invocation.value("rolling"))
    names = [] if rolling else (restarted_names(replies) or list(invocation.value("target") or []))
    return Waiting(
        instance_waits.per_cluster(
            invocation.client(), namespace, {cluster: lambda detail: restarted_up(detail, names)}
        ),
        instance_waits.what([cluster], "rolling restart" if rolling else "restart"),
        instance_waits.show_check([cluster], namespace),
    )
