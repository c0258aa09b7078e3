"""The cluster names TAB offers (``pgo __complete cluster``): what ``pgo show cluster --all`` lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def clusters(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The clusters of the namespace."""
    from pgo_cli.nouns.cluster.endpoints import SHOW
    from pgo_cli.nouns.cluster.messages import ShowClusterRequest
    from pgo_cli.nouns.cluster.names import cluster_name

    request = ShowClusterRequest(
        clientversion=settings.client_version, namespace=settings.require_namespace(), allflag=True
    )
    return [cluster_name(detail) for detail in client.call(SHOW, request).response.results or []]


COMPLETIONS = [Completion("cluster", server=clusters)]
