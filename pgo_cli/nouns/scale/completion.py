"""The replica names TAB offers (``pgo __complete replica CLUSTER``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def replicas(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The replicas of the cluster named first (what ``pgo scaledown --query`` lists)."""
    from pgo_cli.nouns.scale.endpoints import SCALE_QUERY

    query = {"version": settings.client_version, "namespace": settings.require_namespace()}
    response = client.call(SCALE_QUERY, None, path={"name": args[0]}, query=query).response
    return [replica.name for replica in response.results or []]


COMPLETIONS = [Completion("replica", server=replicas, needs_cluster=True)]
