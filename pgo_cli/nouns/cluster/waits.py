"""``--wait`` for the cluster commands: polls ``show cluster`` (a read) until the change is visible.

create: every instance (the primary and ``--replica-count`` replicas) Running and ready; the
cluster vanishing meanwhile is a failure. (delete's probe, which migrate uses too, is
:func:`pgo_cli.nouns.shared.instance_waits.deleted`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.cluster import calls
from pgo_cli.nouns.shared.instance_waits import instances_ready

if TYPE_CHECKING:
    from pgo_cli.cli.wait import Probe
    from pgo_cli.sdk.connection import Connection


def created(client: Connection, name: str, namespace: str, replicas: int) -> Probe:
    """The probe of ``create cluster NAME --wait``."""

    def probe() -> Progress:
        response = calls.show(client, name, namespace)
        results = response.results or []
        if not results:
            return Progress(failed=f"cluster {name} is gone")
        return instances_ready(results[0], 1 + replicas)

    return probe
