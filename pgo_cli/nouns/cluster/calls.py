"""The cluster noun's wire calls on a :class:`~pgo_cli.sdk.connection.Connection`.

Shared by the hand-built create/show/delete cluster commands, the ``--wait`` probes that poll
``show cluster`` (cluster, scale, backup) and ``client.clusters``; nothing here imports the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pgo_cli.nouns.cluster import endpoints
from pgo_cli.nouns.cluster.messages import (
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterRequest,
    ShowClusterResponse,
)

if TYPE_CHECKING:
    from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse
    from pgo_cli.sdk.connection import Connection


def send_create(connection: Connection, body: Mapping[str, Any]) -> CreateClusterResponse:
    """``POST /clusters`` with a ``CreateClusterRequest`` body."""
    from pgo_cli.nouns.cluster.create_messages import CREATE

    response: CreateClusterResponse = connection.call(CREATE, dict(body)).response
    return response


def send_show(connection: Connection, request: ShowClusterRequest) -> ShowClusterResponse:
    """``POST /showclusters`` (a read: retried on transient failures); ``.raw`` is the JSON."""
    answer = connection.call(endpoints.SHOW, request)
    response: ShowClusterResponse = answer.response
    response.raw = answer.raw
    return response


def send_delete(connection: Connection, request: DeleteClusterRequest) -> DeleteClusterResponse:
    """``POST /clustersdelete``."""
    response: DeleteClusterResponse = connection.call(endpoints.DELETE, request).response
    return response


def show(connection: Connection, name: str, namespace: str) -> ShowClusterResponse:
    """``show cluster NAME`` in ``namespace`` (what the ``--wait`` probes poll)."""
    request = ShowClusterRequest(
        clustername=name, clientversion=connection.settings.client_version, namespace=namespace
    )
    return send_show(connection, request)
