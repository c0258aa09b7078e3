"""``pgo show workflow ID``: the parameters of one workflow (``cmd/pgo/cmd/workflow.go``).

pgo sends ``GET /workflow/<id>?version=4.7.4&namespace=<ns>`` and prints a two-column list,
``parameter`` padded to 20 bytes then ``value``, one row per parameter in Go's random map order
(here sorted by name, one of the orders pgo can print). An unknown ID is the server's
``workflow id NOT found for id <id>`` (exit 1; pgo exits 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.errors import UsageError
from pgo_cli.nouns.workflow.endpoints import SHOW_WORKFLOW
from pgo_cli.nouns.workflow.messages import ShowWorkflowResponse
from pgo_cli.output.pad import rpad
from pgo_cli.wire.gojson import go_quote

#: Characters that would change the URL pgo builds by concatenation (another path or query).
_URL_BREAKERS = "/?#"


def plan(invocation: Invocation) -> Plan:
    """One GET for the workflow ID (``showWorkflow``)."""
    if not invocation.args:
        raise UsageError(
            "workflow ID is a required parameter",
            hint="e.g. pgo show workflow 25927091-b343-4017-be4b-71575f0b3eb5 (create cluster prints the ID)",
        )
    if len(invocation.args) > 1:
        raise UsageError(
            f"show workflow takes one workflow ID, got {len(invocation.args)}: "
            + " ".join(go_quote(arg) for arg in invocation.args),
            hint="run pgo show workflow once per ID",
        )
    workflow_id = invocation.args[0]
    if workflow_id == "" or any(char in workflow_id for char in _URL_BREAKERS):
        raise UsageError(
            f"invalid workflow ID {go_quote(workflow_id)}: it must not be empty or contain / ? or #",
            hint="a workflow ID looks like 25927091-b343-4017-be4b-71575f0b3eb5",
        )
    namespace = invocation.namespace()
    return Plan(
        [
            Call(
                SHOW_WORKFLOW,
                path={"id": workflow_id},
                query={"version": invocation.client_version, "namespace": namespace},
                target=workflow_id,
            )
        ]
    )


def _rows(response: ShowWorkflowResponse) -> list[tuple[str, str]]:
    return sorted((response.results.parameters or {}).items(), key=lambda kv: kv[0].encode("utf-8"))


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's ``printWorkflow``: the header, the dashes, then one row per parameter."""
    out.write(rpad("parameter", 20) + "value\n")
    out.write(rpad("---------", 20) + "-----\n")
    for name, value in _rows(reply.response):
        out.write(rpad(name, 20) + value + "\n")


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the same two columns, names whole."""
    from pgo_cli.output.table import write_table

    for reply in replies:
        write_table(("PARAMETER", "VALUE"), _rows(reply.response), out, width=invocation.io.width)


COMMANDS = [
    Command(
        path=("show", "workflow"),
        summary="Show the parameters of a workflow.",
        help="""Show what the operator recorded for one workflow: the cluster, when the task was submitted and completed, and the workflow's own parameters. Workflow IDs are printed by pgo create cluster and pgo restore.

Examples:

  pgo show workflow 25927091-b343-4017-be4b-71575f0b3eb5 -n pgo
  pgo show workflow 25927091-b343-4017-be4b-71575f0b3eb5 -o json
""",
        flags=(),
        plan=plan,
        text=text,
        table=table,
        args=Args("WORKFLOW_ID", "one"),
    )
]
