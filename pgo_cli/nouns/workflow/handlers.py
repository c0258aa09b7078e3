"""The emulator's ``GET /workflow/{id}`` (``internal/apiserver/workflowservice/``).

``ShowWorkflowHandler``: Authn (done by the pipeline), the version and namespace from the query
string, then ``ShowWorkflow``: the pgtasks labelled ``workflowid=<id>``; more than one is
``more than 1 workflow id found for id <id>``, none ``workflow id NOT found for id <id>``.
"""

from __future__ import annotations

from pgo_cli.emulator import pgtasks, selectors
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.workflow.endpoints import SHOW_WORKFLOW
from pgo_cli.nouns.workflow.messages import ShowWorkflowDetail, ShowWorkflowResponse
from pgo_cli.wire.codec import error_status, ok_status


def handle_show_workflow(request: EmulatorRequest) -> ShowWorkflowResponse:
    """``ShowWorkflowHandler`` then ``ShowWorkflow``."""
    query = request.query
    workflow_id = request.path["id"]
    now = request.world.now()
    namespace = query.get("namespace", "")
    try:
        with request.state.write() as conn:
            # A restore's workflow moves on with its cluster: the delayed effects catch up first.
            request.world.reconcile(conn, now)
            tasks = pgtasks.find_workflow(conn, namespace, workflow_id, now)
    except selectors.SelectorError as error:
        return ShowWorkflowResponse(status=error_status(str(error)))
    if len(tasks) > 1:
        return ShowWorkflowResponse(
            status=error_status("more than 1 workflow id found for id " + workflow_id)
        )
    if not tasks:
        return ShowWorkflowResponse(status=error_status("workflow id NOT found for id " + workflow_id))
    # Go's encoding/json writes a map's keys sorted (byte-wise), whatever order they were set in.
    parameters = dict(sorted(pgtasks.parameters(tasks[0]).items(), key=lambda item: item[0].encode("utf-8")))
    detail = ShowWorkflowDetail(cluster_name=parameters.get(pgtasks.CLUSTER_LABEL, ""), parameters=parameters)
    return ShowWorkflowResponse(results=detail, status=ok_status())


HANDLERS = {SHOW_WORKFLOW: handle_show_workflow}
