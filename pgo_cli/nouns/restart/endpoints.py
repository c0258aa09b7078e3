"""The restart routes (``cmd/pgo/api/restart.go``; routes.go ``RegisterRestartSvcRoutes``)."""

from __future__ import annotations

from pgo_cli.nouns.restart.messages import QueryRestartResponse, RestartRequest, RestartResponse
from pgo_cli.wire.endpoint import Authn, Decode, Endpoint, Headers, Namespace, Version

#: ``pgo restart``: one cluster per request.
RESTART = Endpoint(
    "POST",
    "/restart",
    RestartResponse,
    permission="Restart",
    request=RestartRequest,
    # internal/apiserver/restartservice/restartservice.go:56-86 RestartHandler: decode before Authn,
    # JSON after the 401, the mismatch does not stop it
    steps=(Decode(), Authn(then="error"), Headers(), Version(stop=False), Namespace()),
)
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
    # internal/apiserver/restartservice/restartservice.go:131-151 QueryRestartHandler: JSON after
    # the 401, the mismatch does not stop it
    steps=(Authn(then="error"), Headers(), Version(stop=False), Namespace()),
)
