"""The df route (``cmd/pgo/api/df.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.df.messages import DfRequest, DfResponse
from pgo_cli.wire.endpoint import Authn, Decode, Endpoint, Headers, Namespace, Version

DF = Endpoint(
    "POST",
    "/df",
    DfResponse,
    permission="DfCluster",
    request=DfRequest,
    read=True,
    # internal/apiserver/dfservice/dfservice.go:62-96 DfHandler: the body's decode error before the headers
    steps=(Authn(), Decode(), Headers(), Version(), Namespace()),
)
