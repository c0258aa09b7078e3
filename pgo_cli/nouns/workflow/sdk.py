"""The typed SDK calls of operator workflows: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.workflow import commands
from pgo_cli.nouns.workflow.messages import ShowWorkflowResponse


class WorkflowAPI(programmatic.NounAPI):
    """The operator workflows calls of a :class:`~pgo_cli.client.Client`."""

    def show(self, workflow_id: str, *, namespace: str | None = None) -> ShowWorkflowResponse:
        """Show the parameters of a workflow (``pgo show workflow ID``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "workflow"),
            [workflow_id],
            {},
            ShowWorkflowResponse,
            namespace=namespace,
        )
