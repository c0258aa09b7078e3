"""The reload route (``cmd/pgo/api/reload.go``; routes.go ``RegisterReloadSvcRoutes``)."""

from __future__ import annotations

from pgo_cli.nouns.reload.messages import ReloadRequest, ReloadResponse
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace

RELOAD = Endpoint(
    "POST",
    "/reload",
    ReloadResponse,
    permission="Reload",
    request=ReloadRequest,
    # internal/apiserver/reloadservice/reloadservice.go:57-73 ReloadHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
