"""The wire of ``pgo show workflow`` (``pkg/apiservermsgs/workflowmsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class ShowWorkflowDetail:
    """``ShowWorkflowDetail``: the cluster and the parameters of the workflow's pgtask."""

    cluster_name: str = key("ClusterName", "")
    parameters: dict[str, str] | None = key("Parameters", None)


@dataclass
class ShowWorkflowResponse:
    """Answer of ``GET /workflow/{id}`` (``Results`` is one detail, not a list)."""

    results: ShowWorkflowDetail = key("Results", factory=ShowWorkflowDetail)
    status: Status = status()
