"""Pgtasks in the emulator's state, and the workflows among them.

A pgtask is stored with ``state.put_object(conn, PGTASK, ns, name, doc)``; ``doc`` is the
Kubernetes object as the operator writes it (``pkg/apis/crunchydata.com/v1/task.go``)::

    {"metadata": {"name": ..., "namespace": ..., "labels": {...}},
     "spec": {"name": ..., "tasktype": ..., "status": ..., "parameters": {...}}}

A workflow is any pgtask labelled ``workflowid=<id>`` (``GET /workflow/{id}`` lists pgtasks by
that label). Any noun that starts a workflow (restore, upgrade …) stores its pgtask with
:func:`pgtask` and :func:`put_pgtask`.

The create-cluster workflow (``<c>-createcluster``, ``clusterimpl.go`` ``createWorkflowTask``)
is derived from the stored cluster rather than stored twice: its ID is the cluster's
``userlabels.workflowid``, submitted when the cluster was created and completed
(``task completed``, ``internal/operator/task/workflow.go``) once its primary is ready. It goes
away with the cluster, as the operator's pgtasks do. A stored pgtask of the same name wins.

Deleting a cluster removes its pgtasks (the rmdata job deletes them by ``pg-cluster`` label). Here
a stored pgtask records the ``uid`` of its cluster (``metadata.ownerUID``, an emulator field) and
counts as gone once that cluster is gone or was deleted and made again.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import model, selectors, state
from pgo_cli.emulator.world import rfc3339

PGTASK = "pgtask"
WORKFLOW_ID = "workflowid"
SUBMITTED = "task submitted"
COMPLETED = "task completed"
CLUSTER_LABEL = "pg-cluster"
WORKFLOW_TASK_TYPE = "workflow"
CREATE_CLUSTER_SUFFIX = "-createcluster"
#: A key of a cluster's document: when an upgrade submitted the cluster again (a new workflow).
RECREATED = "recreated_at"


def pgtask(
    name: str,
    namespace: str,
    *,
    task_type: str,
    parameters: dict[str, str],
    labels: dict[str, str],
    status: str = "",
    owner_uid: str = "",
) -> dict[str, Any]:
    """A pgtask document (``crv1.Pgtask``); ``owner_uid`` is the ``uid`` of its cluster."""
    return {
        "metadata": {"name": name, "namespace": namespace, "labels": dict(labels), "ownerUID": owner_uid},
        "spec": {"name": name, "tasktype": task_type, "status": status, "parameters": dict(parameters)},
    }


def put_pgtask(conn: Any, namespace: str, task: dict[str, Any]) -> None:
    """Create or replace a pgtask (in the caller's transaction)."""
    state.put_object(conn, PGTASK, namespace, task["metadata"]["name"], task)


def get_pgtask(conn: Any, namespace: str, name: str) -> dict[str, Any] | None:
    """One stored pgtask of a live cluster, or None."""
    task = state.get_object(conn, PGTASK, namespace, name)
    if task is None or not _alive(conn, namespace, task):
        return None
    return task


def _alive(conn: Any, namespace: str, task: dict[str, Any]) -> bool:
    """Whether the cluster a pgtask belongs to still exists (the same one, by uid)."""
    cluster = _labels(task).get(CLUSTER_LABEL)
    if not cluster:
        return True
    row = model.get(conn, namespace, cluster)
    if row is None:
        return False
    owner = (task.get("metadata") or {}).get("ownerUID")
    return not owner or owner == row.metadata.get("uid")


def _labels(task: dict[str, Any]) -> dict[str, str]:
    metadata = task.get("metadata") or {}
    return dict(metadata.get("labels") or task.get("labels") or {})


def _create_cluster_workflows(conn: Any, namespace: str, now: float) -> list[dict[str, Any]]:
    tasks = []
    for row in model.list_in(conn, namespace):
        spec = row.spec
        workflow_id = (spec.get("userlabels") or {}).get(WORKFLOW_ID, "")
        if not workflow_id:
            continue
        submitted = float(row.extra.get(RECREATED, row.created))
        parameters = {SUBMITTED: rfc3339(submitted), CLUSTER_LABEL: row.name, WORKFLOW_ID: workflow_id}
        if now >= row.ready_at:
            parameters[COMPLETED] = rfc3339(row.ready_at)
        pgouser = row.labels.get("pgouser", "")
        tasks.append(
            pgtask(
                row.name + CREATE_CLUSTER_SUFFIX,
                namespace,
                task_type=WORKFLOW_TASK_TYPE,
                parameters=parameters,
                labels={CLUSTER_LABEL: row.name, "pgouser": pgouser, WORKFLOW_ID: workflow_id},
            )
        )
    return tasks


def pgtasks(conn: Any, namespace: str, now: float) -> list[dict[str, Any]]:
    """Every pgtask of a namespace: the stored ones and the derived create-cluster workflows."""
    stored = [
        data for _, _, data in state.list_objects(conn, PGTASK, namespace) if _alive(conn, namespace, data)
    ]
    names = {(task.get("metadata") or {}).get("name") for task in stored}
    derived = [
        t for t in _create_cluster_workflows(conn, namespace, now) if t["metadata"]["name"] not in names
    ]
    return stored + derived


def find_workflow(conn: Any, namespace: str, workflow_id: str, now: float) -> list[dict[str, Any]]:
    """The pgtasks the label selector ``workflowid=<id>`` selects (raises ``SelectorError``)."""
    requirements = selectors.parse(f"{WORKFLOW_ID}={workflow_id}")
    return [task for task in pgtasks(conn, namespace, now) if selectors.matches(requirements, _labels(task))]


def parameters(task: dict[str, Any]) -> dict[str, str]:
    """A pgtask's ``spec.parameters``."""
    spec = task.get("spec") or {}
    return dict(spec.get("parameters") or task.get("parameters") or {})
