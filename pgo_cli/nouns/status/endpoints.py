"""``GET /status?version=…&namespace=…`` (``cmd/pgo/api/status.go``: string concatenation, no
escaping, and no ``Content-Type`` header: ShowStatus builds the GET without setting one)."""

from __future__ import annotations

from pgo_cli.nouns.status.messages import StatusResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

STATUS = Endpoint(
    "GET",
    "/status",
    StatusResponse,
    permission="Status",
    read=True,
    query=("version", "namespace"),
    query_encoding="concat",
    any_method=True,
    content_type=False,
    # internal/apiserver/statusservice/statusservice.go:62-85 StatusHandler (query values)
    steps=STANDARD,
)
