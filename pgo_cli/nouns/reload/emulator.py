"""The emulator's reload route (``internal/apiserver/reloadservice/``), messages in Go's order.

``Reload`` collects one message per cluster it could not reload and joins them with ``\\n``; the
clusters it did reload are in ``Results`` either way. ``--selector`` picks every cluster of the
namespace (the 4.7.4 apiserver lists them without the selector). Reloading execs into each
instance pod; a pod that is not running fails with an empty message, as the exec's stderr is empty.
"""

from __future__ import annotations

from pgo_cli.emulator import state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.cluster.emulator import UPGRADE_ERROR
from pgo_cli.nouns.reload.endpoints import RELOAD
from pgo_cli.nouns.reload.messages import ReloadRequest, ReloadResponse
from pgo_cli.nouns.scale import instances
from pgo_cli.wire.codec import error_status, ok_status

NO_CLUSTERS = "no clusters found with that selector"


def handle_reload(request: EmulatorRequest) -> ReloadResponse:
    """``ReloadHandler`` / ``Reload`` (no version check: the request has no ClientVersion)."""
    body: ReloadRequest = request.body
    problem = request.namespace_error(body.namespace)
    if problem:
        return ReloadResponse(results=None, status=error_status(problem))
    namespace = body.namespace
    now = request.world.now()
    results: list[str] = []
    errors: list[str] = []
    with request.state.write() as conn:
        if body.selector:
            rows = state.list_clusters(conn, namespace)
            if not rows:
                return ReloadResponse(results=[NO_CLUSTERS], status=ok_status())
            names = [str(row.doc["cluster"]["spec"].get("name") or row.name) for row in rows]
        else:
            names = list(body.args or [])
        for name in names:
            row = state.get_cluster(conn, namespace, name)
            if row is None:
                errors.append(f"{name} was not found, verify cluster name")
                continue
            if instances.is_upgrade_pending(row.doc):
                errors.append(f"{name} {UPGRADE_ERROR}")  # "%s %s": two spaces
                continue
            pods = instances.database_pods(row.doc)
            if any(not instances.is_running(pod, row, now) for pod in pods):
                errors.append("")  # patroni.reload: fmt.Errorf(stderr) of a failed exec
                continue
            for pod in pods:
                pod["reloaded_at"] = now
            state.update_cluster_doc(conn, row.namespace, row.name, row.doc)
            results.append(f"reload performed on {name}")
    if errors:
        return ReloadResponse(results=results or None, status=error_status("\n".join(errors)))
    return ReloadResponse(results=results or None, status=ok_status())


HANDLERS = {RELOAD: handle_reload}
