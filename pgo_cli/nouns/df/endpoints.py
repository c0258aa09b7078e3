"""The df route (``cmd/pgo/api/df.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.df.messages import DfRequest, DfResponse
from pgo_cli.wire.endpoint import Endpoint

DF = Endpoint("POST", "/df", DfResponse, permission="DfCluster", request=DfRequest, read=True)
