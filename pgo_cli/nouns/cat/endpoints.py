"""The cat route (``cmd/pgo/api/cat.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.cat.messages import CatRequest, CatResponse
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace

CAT = Endpoint(
    "POST",
    "/cat",
    CatResponse,
    permission="Cat",
    request=CatRequest,
    read=True,
    # internal/apiserver/catservice/catservice.go:53-71 CatHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
