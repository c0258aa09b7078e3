"""The schedule names TAB offers (``pgo __complete schedule [CLUSTER]``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def schedules(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The schedules of the cluster named first, else of every cluster of the namespace."""
    from pgo_cli.nouns.schedule.endpoints import SHOW
    from pgo_cli.nouns.schedule.messages import ScheduleRequest

    # The apiserver reads the cluster name "all" as every cluster of the namespace (getSchedules).
    cluster = args[0] if args else "all"
    request = ScheduleRequest(namespace=settings.require_namespace(), cluster_name=cluster)
    # Each result is a block whose first line is "<name>:" (scheduleservice.go ShowSchedule).
    heads = (text.partition("\n")[0] for text in client.call(SHOW, request).response.results or [])
    return [head[:-1] for head in heads if head.endswith(":")]


COMPLETIONS = [Completion("schedule", server=schedules)]
