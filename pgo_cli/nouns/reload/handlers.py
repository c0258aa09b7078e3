"""The emulator's reload route (``internal/apiserver/reloadservice/``), messages in Go's order.

``Reload`` collects one message per cluster it could not reload and joins them with ``\\n``; the
clusters it did reload are in ``Results`` either way. ``--selector`` picks every cluster of the
namespace (the 4.7.4 apiserver lists them without the selector). Reloading execs into each
instance pod; a pod that is not running fails with an empty message, as the exec's stderr is empty.
"""

from __future__ import annotations

from pgo_cli.emulator import model
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.reload.endpoints import RELOAD
from pgo_cli.nouns.reload.messages import ReloadRequest, ReloadResponse
from pgo_cli.wire.codec import error_status, ok_status

NO_CLUSTERS = "no clusters found with that selector"


def handle_reload(request: EmulatorRequest) -> ReloadResponse:
    """``ReloadHandler`` / ``Reload`` (no version check: the request has no ClientVersion)."""
    body: ReloadRequest = request.body
    namespace = body.namespace
    now = request.world.now()
    results: list[str] = []
    errors: list[str] = []
    with request.state.write() as conn:
        if body.selector:
            clusters = model.list_in(conn, namespace)
            if not clusters:
                return ReloadResponse(results=[NO_CLUSTERS], status=ok_status())
            names = [str(cluster.spec.get("name") or cluster.name) for cluster in clusters]
        else:
            names = list(body.args or [])
        for name in names:
            cluster = model.get(conn, namespace, name)
            if cluster is None:
                errors.append(f"{name} was not found, verify cluster name")
                continue
            if cluster.is_upgrade_pending:
                errors.append(f"{name} {model.UPGRADE_ERROR}")  # "%s %s": two spaces
                continue
            pods = [pod for pod in cluster.pods if pod.is_instance]
            if any(not cluster.running(pod, now) for pod in pods):
                errors.append("")  # patroni.reload: fmt.Errorf(stderr) of a failed exec
                continue
            for pod in pods:
                pod.reloaded_at = now
            cluster.save(conn)
            results.append(f"reload performed on {name}")
    if errors:
        return ReloadResponse(results=results or None, status=error_status("\n".join(errors)))
    return ReloadResponse(results=results or None, status=ok_status())


HANDLERS = {RELOAD: handle_reload}
