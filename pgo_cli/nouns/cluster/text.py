"""pgo 4.7.4's text output for the cluster commands, byte for byte (``-o pgo``).

The one deliberate difference: the ``labels :`` line lists its pairs sorted by key (Go prints a
map in random order).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from pgo_cli.k8s import QuantityError, parse_quantity
from pgo_cli.nouns.cluster.messages import (
    ObjectMeta,
    Pgcluster,
    PgclusterSpec,
    PgclusterStatus,
    ShowClusterDeployment,
    ShowClusterDetail,
    ShowClusterPod,
    ShowClusterPodPVC,
    ShowClusterReplica,
    ShowClusterService,
)
from pgo_cli.wire.plain import NotPlain, check_bool, string, string_map, strings, struct, structs

if TYPE_CHECKING:
    from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse

__all__ = [
    "NO_CLUSTERS",
    "PlainCluster",
    "cluster_labels",
    "cluster_text",
    "format_ports",
    "plain_cluster",
    "plain_cluster_text",
    "plain_labels",
    "readings",
    "resource_text",
    "write_cluster",
    "write_created",
    "write_lines",
    "write_results",
]

#: What pgo prints when a show request matched nothing.
NO_CLUSTERS = "No clusters found."

_BRANCH = "\t"
#: User labels pgo leaves out of the labels line (``util.GetCustomLabels``).
_HIDDEN_USER_LABELS = frozenset({"workflowid", "pgo-version"})


def format_ports(ports: list[str] | None) -> str:
    """``ClusterPorts`` as pgo prints it: ``%v`` of the slice, re-joined with ``", "``, brackets trimmed."""
    fields = ("[" + " ".join(ports or []) + "]").split()
    return ", ".join(fields).strip("[]")


def _quantity_text(raw: Any) -> tuple[bool, str]:
    """(is non-zero, Go's String()) of a resource value as Go decodes it from JSON."""
    if raw is None:
        return False, "0"
    if isinstance(raw, str):
        return _string_quantity_text(raw)
    return _parsed_quantity_text(json.dumps(raw))


@functools.lru_cache(maxsize=512)
def _string_quantity_text(text: str) -> tuple[bool, str]:
    # Clusters of one answer mostly share their few resource values: parse each once.
    return _parsed_quantity_text(text)


def _parsed_quantity_text(text: str) -> tuple[bool, str]:
    try:
        quantity = parse_quantity(text.strip())
    except QuantityError:
        return bool(text), text
    return not quantity.is_zero(), str(quantity)


def _resource_line(title: str, resources: Mapping[str, Any]) -> str:
    line = f"{_BRANCH}{title} :"
    nonzero, text = _quantity_text(resources.get("cpu"))
    if nonzero:
        line += f" CPU: {text}"
    nonzero, text = _quantity_text(resources.get("memory"))
    if nonzero:
        line += f" Memory: {text}"
    return line


def cluster_labels(cluster: Pgcluster) -> dict[str, str]:
    """The labels pgo's ``labels :`` line shows: the user labels pgo does not hide, then the
    cluster's own labels over them."""
    return _shown_labels(cluster.spec.userlabels or {}, cluster.metadata.labels or {})


def _shown_labels(user_labels: Mapping[str, str], labels: Mapping[str, str]) -> dict[str, str]:
    shown = {key: value for key, value in user_labels.items() if key not in _HIDDEN_USER_LABELS}
    shown.update(labels)
    return shown


def resource_text(raw: Any) -> str:
    """A resource value as pgo prints it (Go's ``Quantity.String()``), or ``""`` when zero."""
    nonzero, text = _quantity_text(raw)
    return text if nonzero else ""


def cluster_text(detail: ShowClusterDetail, cluster: Pgcluster | None = None) -> str:
    """pgo's ``printCluster`` for one show result, starting with its empty line.

    ``cluster`` is ``detail.pgcluster()`` when the caller has decoded it already.
    """
    if cluster is None:
        cluster = detail.pgcluster()
    spec = cluster.spec
    lines = ["", f"cluster : {spec.name} ({spec.ccpimage}:{spec.ccpimagetag})"]
    if detail.standby:
        lines.append(f"{_BRANCH}standby : true")
    for pod in detail.pods or []:
        lines.append(
            f"{_BRANCH}pod : {pod.name} ({pod.phase}) on {pod.node_name} ({pod.ready_status}) ({pod.type})"
        )
        lines.extend(f"{_BRANCH}{_BRANCH}pvc: {pvc.name} ({pvc.capacity})" for pvc in pod.pvc or [])
    if spec.resources:
        lines.append(_resource_line("resources", spec.resources))
    if spec.limits:
        lines.append(_resource_line("limits", spec.limits))
    deployments = detail.deployments or []
    lines.extend(f"{_BRANCH}deployment : {deployment.name}" for deployment in deployments)
    if deployments:
        lines.extend(f"{_BRANCH}policy: {label}" for label in deployments[0].policy_labels or [])
    for service in detail.services or []:
        external = f" ExternalIP ({service.external_ip})" if service.external_ip else ""
        lines.append(
            f"{_BRANCH}service : {service.name} - ClusterIP ({service.cluster_ip}){external}"
            f" - Ports ({format_ports(service.cluster_ports)})"
        )
    lines.extend(f"{_BRANCH}pgreplica : {replica.name}" for replica in detail.replicas or [])
    labels = cluster_labels(cluster)
    pairs = "".join(f"{key}={labels[key]} " for key in sorted(labels))
    lines.append(f"{_BRANCH}labels : {pairs}")
    return "\n".join(lines) + "\n"


def write_results(results: Sequence[ShowClusterDetail], out: TextIO) -> None:
    """pgo's text of a show answer's results: each cluster's block, or ``No clusters found.``.

    Results read lazily (:class:`~pgo_cli.wire.lazy.LazyList`, large answers) are printed from
    their JSON values by :func:`plain_cluster_text` where it can, without the typed copy of each
    cluster; any other value is decoded as usual, and fails as it would.
    """
    if not results:
        out.write(NO_CLUSTERS + "\n")
        return
    for item in readings(results):
        out.write(_plain_text(item) if isinstance(item, PlainCluster) else cluster_text(item))


def readings(results: Sequence[ShowClusterDetail]) -> Iterator[ShowClusterDetail | PlainCluster]:
    """A show answer's results as its renderers read them: results read lazily
    (:class:`~pgo_cli.wire.lazy.LazyList`) as their checked JSON values where the typed decoding
    would read them as they are (:func:`plain_cluster`, no typed copy), else decoded (which fails
    as it would); other results as they are."""
    from pgo_cli.wire.lazy import LazyList

    if not isinstance(results, LazyList):
        yield from results
        return
    for value in results.values():
        view = plain_cluster(value)
        yield view if view is not None else results.decode(value)


def plain_cluster_text(value: Any) -> str | None:
    """:func:`cluster_text` of one show result read straight from its JSON value, or None.

    It is the text of the typed copy (``decode`` of :class:`ShowClusterDetail`, then its
    :class:`Pgcluster`) without making that copy, for a value the typed decoding reads as it
    is (:func:`plain_cluster`); any other value gives None: the caller decodes it, which
    converts it or fails exactly as the typed path does. ``tests/perf/test_lazy.py`` compares
    the two on random answers.
    """
    view = plain_cluster(value)
    return None if view is None else _plain_text(view)


class PlainCluster(NamedTuple):
    """A show result's JSON value whose every field was checked by :func:`plain_cluster`: what
    the typed copy would hold, as JSON values (a null list or map is empty here)."""

    metadata: dict[str, Any]
    spec: dict[str, Any]
    labels: dict[str, str]
    user_labels: dict[str, str]
    resources: dict[str, str]
    limits: dict[str, str]
    standby: bool
    pods: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    deployments: list[dict[str, Any]]
    policies: list[str]
    services: list[dict[str, Any]]
    replicas: list[dict[str, Any]]


def plain_cluster(value: Any) -> PlainCluster | None:
    """One show result's JSON value, checked to be read by the typed decoding as it is, or None.

    Every object's keys plain, every field it decodes (printed or not: a wrong one fails the
    answer) absent, null or of its exact JSON type, no null inside a list or map, resources
    given as strings (:mod:`pgo_cli.wire.plain`).
    """
    try:
        return _checked(value)
    except NotPlain:
        return None


def _checked(detail: Any) -> PlainCluster:
    get = struct(detail, ShowClusterDetail).get
    cluster = struct(get("cluster"), Pgcluster)
    metadata = struct(cluster.get("metadata"), ObjectMeta)
    spec = struct(cluster.get("spec"), PgclusterSpec)
    status = struct(cluster.get("status"), PgclusterStatus)
    string(metadata.get("name"))
    string(metadata.get("namespace"))
    labels = string_map(metadata.get("labels"))
    string_map(metadata.get("annotations"))
    string(spec.get("name"))
    string(spec.get("ccpimage"))
    string(spec.get("ccpimagetag"))
    string(spec.get("replicas"))
    resources = string_map(spec.get("resources"))
    limits = string_map(spec.get("limits"))
    user_labels = string_map(spec.get("userlabels"))
    check_bool(spec.get("standby"))
    string(status.get("state"))
    string(status.get("message"))
    standby = get("Standby")
    check_bool(standby)
    pods = []
    for pod in structs(get("Pods"), ShowClusterPod):
        pvcs = structs(pod.get("PVC"), ShowClusterPodPVC)
        for pvc in pvcs:
            string(pvc.get("Name"))
            string(pvc.get("Capacity"))
        check_bool(pod.get("Ready"))
        check_bool(pod.get("Primary"))
        string(pod.get("Name"))
        string(pod.get("Phase"))
        string(pod.get("NodeName"))
        string(pod.get("ReadyStatus"))
        string(pod.get("Type"))
        pods.append((pod, pvcs))
    deployments = structs(get("Deployments"), ShowClusterDeployment)
    policies: list[str] | None = None
    for deployment in deployments:
        string(deployment.get("Name"))
        labels_of = strings(deployment.get("PolicyLabels"))
        if policies is None:
            policies = labels_of  # pgo prints the first deployment's
    services = structs(get("Services"), ShowClusterService)
    for service in services:
        string(service.get("Name"))
        string(service.get("Data"))
        string(service.get("ClusterIP"))
        string(service.get("ExternalIP"))
        string(service.get("ClusterName"))
        strings(service.get("ClusterPorts"))
        check_bool(service.get("Pgbouncer"))
        check_bool(service.get("BackrestRepo"))
        check_bool(service.get("PGAdmin"))
    replicas = structs(get("Replicas"), ShowClusterReplica)
    for replica in replicas:
        string(replica.get("Name"))
    return PlainCluster(
        metadata,
        spec,
        labels,
        user_labels,
        resources,
        limits,
        bool(standby),
        pods,
        deployments,
        policies or [],
        services,
        replicas,
    )


def _plain_text(view: PlainCluster) -> str:
    # The values were checked: each is a string or null (``or ""``).
    spec = view.spec
    lines = [
        "",
        f"cluster : {spec.get('name') or ''} ({spec.get('ccpimage') or ''}:{spec.get('ccpimagetag') or ''})",
    ]
    if view.standby:
        lines.append(f"{_BRANCH}standby : true")
    for pod, pvcs in view.pods:
        field = pod.get
        lines.append(
            f"{_BRANCH}pod : {field('Name') or ''} ({field('Phase') or ''}) on "
            f"{field('NodeName') or ''} ({field('ReadyStatus') or ''}) ({field('Type') or ''})"
        )
        for pvc in pvcs:
            lines.append(f"{_BRANCH}{_BRANCH}pvc: {pvc.get('Name') or ''} ({pvc.get('Capacity') or ''})")
    if view.resources:
        lines.append(_resource_line("resources", view.resources))
    if view.limits:
        lines.append(_resource_line("limits", view.limits))
    for deployment in view.deployments:
        lines.append(f"{_BRANCH}deployment : {deployment.get('Name') or ''}")
    lines.extend(f"{_BRANCH}policy: {label}" for label in view.policies)
    for service in view.services:
        field = service.get
        external_ip = field("ExternalIP")
        external = f" ExternalIP ({external_ip})" if external_ip else ""
        lines.append(
            f"{_BRANCH}service : {field('Name') or ''} - ClusterIP ({field('ClusterIP') or ''}){external}"
            f" - Ports ({format_ports(field('ClusterPorts') or [])})"
        )
    for replica in view.replicas:
        lines.append(f"{_BRANCH}pgreplica : {replica.get('Name') or ''}")
    lines.append(f"{_BRANCH}labels : {''.join(f'{key}={value} ' for key, value in plain_labels(view))}")
    return "\n".join(lines) + "\n"


def plain_labels(view: PlainCluster) -> list[tuple[str, str]]:
    """:func:`cluster_labels` of a checked value, sorted by key."""
    return sorted(_shown_labels(view.user_labels, view.labels).items())


def write_cluster(detail: ShowClusterDetail, out: TextIO, cluster: Pgcluster | None = None) -> None:
    """Write one cluster as pgo prints it (``cluster``: its decoded Pgcluster, if at hand)."""
    out.write(cluster_text(detail, cluster))


def write_created(response: CreateClusterResponse, out: TextIO) -> None:
    """The lines pgo prints after a successful create (the users' passwords included, as pgo does)."""
    result = response.result
    out.write(f"created cluster: {result.name}\n")
    out.write(f"workflow id: {result.workflow_id}\n")
    out.write(f"database name: {result.database}\n")
    out.write("users:\n")
    for user in result.users or []:
        out.write(f"\tusername: {user.username} password: {user.password}\n")


def write_lines(lines: Iterable[str], out: TextIO) -> None:
    """One item per line (delete's ``Results``)."""
    for line in lines:
        out.write(f"{line}\n")
