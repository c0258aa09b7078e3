"""``--wait`` for the cluster commands: polls ``show cluster`` (a read) until the change is visible.

* create: every instance (the primary and ``--replica-count`` replicas) Running and ready; the
  cluster vanishing meanwhile is a failure;
* delete: no cluster left that the delete selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.cluster import calls
from pgo_cli.nouns.cluster.messages import ShowClusterDetail, ShowClusterRequest

if TYPE_CHECKING:
    from pgo_cli.cli.wait import Probe
    from pgo_cli.sdk.connection import Connection


def instances_ready(detail: ShowClusterDetail, expected: int) -> Progress:
    """Whether a shown cluster has ``expected`` instances, all Running and ready."""
    pods = [pod for pod in detail.pods or [] if pod.type in ("primary", "replica")]
    ready = [pod for pod in pods if pod.ready and pod.phase == "Running"]
    if len(ready) >= expected and len(ready) == len(pods):
        return Progress(done=True)
    waiting = ", ".join(f"{pod.name} {pod.phase or 'unknown'}" for pod in pods if pod not in ready)
    pending = f"{len(ready)}/{max(expected, len(pods))} instances ready"
    return Progress(pending=f"{pending} — {waiting}" if waiting else pending)


def created(client: Connection, name: str, namespace: str, replicas: int) -> Probe:
    """The probe of ``create cluster NAME --wait``."""

    def probe() -> Progress:
        response = calls.show(client, name, namespace)
        results = response.results or []
        if not results:
            return Progress(failed=f"cluster {name} is gone")
        return instances_ready(results[0], 1 + replicas)

    return probe


def deleted(client: Connection, request: ShowClusterRequest) -> Probe:
    """The probe of ``delete cluster … --wait``: the same selection shows nothing any more."""

    def probe() -> Progress:
        response = calls.send_show(client, request)
        names = [detail.pgcluster().spec.name for detail in response.results or []]
        if not names:
            return Progress(done=True)
        return Progress(pending=f"still there: {', '.join(names)}")

    return probe
