"""The restart routes (``cmd/pgo/api/restart.go``; routes.go ``RegisterRestartSvcRoutes``)."""

from __future__ import annotations

from pgo_cli.nouns.restart.messages import QueryRestartResponse, RestartRequest, RestartResponse
from pgo_cli.wire.endpoint import Endpoint

#: ``pgo restart``: one cluster per request.
RESTART = Endpoint("POST", "/restart", RestartResponse, permission="Restart", request=RestartRequest)
#: ``pgo restart --query``: pgo encodes the query with ``url.Values`` (sorted, escaped).
RESTART_QUERY = Endpoint(
    "GET",
    "/restart/{name}",
    QueryRestartResponse,
    permission="Restart",
    read=True,
    query=("version", "namespace"),
    query_encoding="values",
    content_type=False,
)
