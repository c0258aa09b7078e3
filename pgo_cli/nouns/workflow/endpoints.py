"""The workflow route (``cmd/pgo/api/workflow.go``; ``internal/apiserver/routing/routes.go``).

pgo concatenates the URL: ``/workflow/<id>?version=4.7.4&namespace=<ns>``, nothing escaped, no
``Content-Type`` (a GET without a body).
"""

from __future__ import annotations

from pgo_cli.nouns.workflow.messages import ShowWorkflowResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

SHOW_WORKFLOW = Endpoint(
    "GET",
    "/workflow/{id}",
    ShowWorkflowResponse,
    permission="ShowWorkflow",
    read=True,
    query=("version", "namespace"),
    query_encoding="concat",
    content_type=False,
    # internal/apiserver/workflowservice/workflowservice.go:68-93 ShowWorkflowHandler
    steps=STANDARD,
)
