"""The emulator's ``POST /showpvc`` (``internal/apiserver/pvcservice/pvcimpl.go``).

PVCs labelled ``vendor=crunchydata`` (all of the emulator's) and, without ``AllFlag``,
``pg-cluster=<name>``; listed by name as Kubernetes lists them. A name that makes the selector
unparsable is refused with the selector's error, as the Kubernetes API refuses it.
"""

from __future__ import annotations

from pgo_cli.emulator import selectors
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.pvc.endpoints import SHOW
from pgo_cli.nouns.pvc.messages import ShowPVCRequest, ShowPVCResponse, ShowPVCResponseResult
from pgo_cli.wire.codec import error_status, ok_status


def handle_show(request: EmulatorRequest) -> ShowPVCResponse:
    """``ShowPVCHandler``: version, namespace, then the PVCs the label selector picks."""
    body: ShowPVCRequest = request.body
    selector = "vendor=crunchydata"
    if not body.all_flag:
        selector += f",pg-cluster={body.cluster_name}"
    try:
        requirements = selectors.parse(selector)
    except selectors.SelectorError as exc:
        return ShowPVCResponse(results=[], status=error_status(str(exc)))
    request.world.reconcile()
    with request.state.read() as conn:
        rows = conn.execute("SELECT name, cluster FROM pvcs WHERE namespace=?", (body.namespace,)).fetchall()
    found = [
        ShowPVCResponseResult(cluster_name=str(cluster), pvc_name=str(name))
        for name, cluster in rows
        if selectors.matches(requirements, {"vendor": "crunchydata", "pg-cluster": str(cluster)})
    ]
    found.sort(key=lambda r: r.pvc_name.encode("utf-8"))
    return ShowPVCResponse(results=found, status=ok_status())


HANDLERS = {SHOW: handle_show}
