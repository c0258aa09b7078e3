"""The label routes (``cmd/pgo/api/label.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.label.messages import DeleteLabelRequest, LabelRequest, LabelResponse
from pgo_cli.wire.endpoint import Endpoint

LABEL = Endpoint("POST", "/label", LabelResponse, permission="Label", request=LabelRequest)
DELETE = Endpoint("POST", "/labeldelete", LabelResponse, permission="Label", request=DeleteLabelRequest)
