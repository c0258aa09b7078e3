"""The emulator's side of the cluster routes: create, show, delete (the checks of
``internal/apiserver/clusterservice/clusterservice.go``, the work in :mod:`.emulator`) and test.

The handlers read the request as a dict keyed by the Go JSON keys (``to_wire`` of the leniently
decoded message), which is what :class:`~pgo_cli.nouns.cluster.emulation.Operator` takes.

``TestCluster`` (``internal/apiserver/clusterservice/clusterimpl.go``): one result per selected
cluster, an instance per primary/replica pod (available when the pod is ready) and an endpoint per
service (``<ClusterIP>:5432``, available when a ready pod backs it); a cluster without pods gets
one unavailable primary instance.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import auth
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.cluster.emulation import Operator
from pgo_cli.nouns.cluster.endpoints import CREATE, DELETE, SHOW, TEST
from pgo_cli.nouns.cluster.messages import (
    ClusterTestDetail,
    ClusterTestRequest,
    ClusterTestResponse,
    ClusterTestResult,
)
from pgo_cli.wire.codec import error_status, ok_status, to_wire

#: ``c.Spec.Port`` of every cluster the emulator makes.
POSTGRES_PORT = "5432"


def _refusal(request: EmulatorRequest, client_version: str, namespace: str) -> dict[str, str] | None:
    """The version check, then ``GetNamespace``'s, as the handlers run them: a Status, or None."""
    problem = request.version_error(client_version) or request.namespace_error(namespace)
    return None if problem is None else {"Code": "error", "Msg": problem}


def handle_create(request: EmulatorRequest) -> dict[str, Any]:
    """``CreateClusterHandler``: Authn (done), ShowSystemAccounts check, version, namespace, create."""
    body = to_wire(request.body)
    if body["ShowSystemAccounts"] and not request.authorized("ShowSystemAccounts"):
        raise auth.Denied(403, auth.MSG_NOT_AUTHORIZED)
    refused = _refusal(request, body["ClientVersion"], body["Namespace"])
    if refused is not None:
        zero = {"Database": "", "Name": "", "Users": None, "WorkflowID": ""}
        return {"result": zero, "status": refused}
    return Operator(request.world).create(body, body["Namespace"], request.username)


def handle_show(request: EmulatorRequest) -> dict[str, Any]:
    """``ShowClusterHandler``: Authn (done), version, namespace, ``ShowCluster``."""
    body = to_wire(request.body)
    refused = _refusal(request, body["clientversion"], body["namespace"])
    if refused is not None:
        return {"Results": [], **refused}
    return Operator(request.world).show(
        body["clustername"], body["selector"], body["ccpimagetag"], body["namespace"], body["allflag"]
    )


def handle_delete(request: EmulatorRequest) -> dict[str, Any]:
    """``DeleteClusterHandler``: Authn (done), version, namespace, ``DeleteCluster``."""
    body = to_wire(request.body)
    refused = _refusal(request, body["ClientVersion"], body["Namespace"])
    if refused is not None:
        return {"Results": [], **refused}
    return Operator(request.world).delete(
        body["Clustername"], body["Selector"], body["DeleteData"], body["DeleteBackups"], body["Namespace"]
    )


def handle_test(request: EmulatorRequest) -> ClusterTestResponse:
    """``TestClusterHandler``: Authn (done), version check, namespace check, ``TestCluster``."""
    body: ClusterTestRequest = request.body
    problem = request.version_error(body.client_version) or request.namespace_error(body.namespace)
    if problem:
        return ClusterTestResponse(results=None, status=error_status(problem))
    # ShowCluster's selection is TestCluster's: the selector, else all (AllFlag), else name=<c>.
    answer = Operator(request.world).show(body.clustername, body.selector, "", body.namespace, body.all_flag)
    if answer.get("Code") == "error":
        return ClusterTestResponse(results=[], status=error_status(answer.get("Msg", "")))
    results = [_test(detail) for detail in answer["Results"]]
    return ClusterTestResponse(results=results, status=ok_status())


def _test(detail: dict[str, Any]) -> ClusterTestResult:
    name = detail["cluster"]["metadata"]["name"]
    pods = [pod for pod in detail["Pods"] if pod["Type"] in ("primary", "replica")]
    result = ClusterTestResult(cluster_name=name, endpoints=[], instances=[])
    assert result.instances is not None and result.endpoints is not None
    if not pods:
        result.instances.append(ClusterTestDetail(available=False, instance_type="primary"))
        return result
    for pod in pods:
        result.instances.append(ClusterTestDetail(pod["Ready"], pod["Name"], pod["Type"]))
    ready = {pod["Type"] for pod in pods if pod["Ready"]}
    for service in detail["Services"]:
        service_name: str = service["Name"]
        if service_name.endswith("-replica") and service_name.count("-replica") == 1:
            kind, available = "replica", "replica" in ready
        elif service["PGAdmin"]:
            kind, available = "pgadmin", True
        elif service["Pgbouncer"]:
            kind, available = "pgbouncer", bool(ready)
        elif service["BackrestRepo"]:
            kind, available = "backups", bool(ready)
        else:
            kind, available = "primary", "primary" in ready
        result.endpoints.append(ClusterTestDetail(available, f"{service['ClusterIP']}:{POSTGRES_PORT}", kind))
    return result


HANDLERS = {CREATE: handle_create, SHOW: handle_show, DELETE: handle_delete, TEST: handle_test}
