"""The config route (``cmd/pgo/api/config.go``): ``GET /config?version=…&namespace=…``.

The query string is built by concatenation, unescaped; the route has no method filter in
routes.go; pgo sets ``Content-Type: application/json`` although the GET has no body.
"""

from __future__ import annotations

from pgo_cli.nouns.config.messages import ShowConfigResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

SHOW = Endpoint(
    "GET",
    "/config",
    ShowConfigResponse,
    permission="ShowConfig",
    read=True,
    query=("version", "namespace"),
    query_encoding="concat",
    any_method=True,
    # internal/apiserver/configservice/configservice.go:58-81 ShowConfigHandler (query values)
    steps=STANDARD,
)
