"""The show pvc route (``cmd/pgo/api/pvc.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.pvc.messages import ShowPVCRequest, ShowPVCResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

SHOW = Endpoint(
    "POST",
    "/showpvc",
    ShowPVCResponse,
    permission="ShowPVC",
    request=ShowPVCRequest,
    read=True,
    # internal/apiserver/pvcservice/pvcservice.go:66-90 ShowPVCHandler
    steps=STANDARD,
)
