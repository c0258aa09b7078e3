"""The label routes (``cmd/pgo/api/label.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.label.messages import DeleteLabelRequest, LabelRequest, LabelResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

LABEL = Endpoint(
    "POST",
    "/label",
    LabelResponse,
    permission="Label",
    request=LabelRequest,
    # internal/apiserver/labelservice/labelservice.go:51-77 LabelHandler
    steps=STANDARD,
)
DELETE = Endpoint(
    "POST",
    "/labeldelete",
    LabelResponse,
    permission="Label",
    request=DeleteLabelRequest,
    # internal/apiserver/labelservice/labelservice.go:108-133 DeleteLabelHandler
    steps=STANDARD,
)
