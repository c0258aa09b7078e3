"""``GET /version`` (``cmd/pgo/api/version.go``; routes.go, no method filter)."""

from __future__ import annotations

from pgo_cli.nouns.version.messages import VersionResponse
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers

#: routes.go registers it with no method filter.
VERSION = Endpoint(
    "GET",
    "/version",
    VersionResponse,
    permission="Version",
    read=True,
    any_method=True,
    # internal/apiserver/versionservice/versionservice.go:43-50 VersionHandler
    steps=(Authn(), Headers()),
)
