"""The emulator's side of the cluster routes added through the registry (``POST /testclusters``).

``TestCluster`` (``internal/apiserver/clusterservice/clusterimpl.go``): one result per selected
cluster, an instance per primary/replica pod (available when the pod is ready) and an endpoint per
service (``<ClusterIP>:5432``, available when a ready pod backs it); a cluster without pods gets
one unavailable primary instance.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.cluster.endpoints import TEST
from pgo_cli.nouns.cluster.messages import (
    ClusterTestDetail,
    ClusterTestRequest,
    ClusterTestResponse,
    ClusterTestResult,
)
from pgo_cli.wire.codec import error_status, ok_status

#: ``c.Spec.Port`` of every cluster the emulator makes.
POSTGRES_PORT = "5432"


def handle_test(request: EmulatorRequest) -> ClusterTestResponse:
    """``TestClusterHandler``: Authn (done), version check, namespace check, ``TestCluster``."""
    body: ClusterTestRequest = request.body
    problem = request.version_error(body.client_version) or request.namespace_error(body.namespace)
    if problem:
        return ClusterTestResponse(results=None, status=error_status(problem))
    # ShowCluster's selection is TestCluster's: the selector, else all (AllFlag), else name=<c>.
    answer = request.server.operator.show(body.clustername, body.selector, "", body.namespace, body.all_flag)
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


HANDLERS = {TEST: handle_test}
