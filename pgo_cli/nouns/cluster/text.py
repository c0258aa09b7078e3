"""pgo 4.7.4's text output for the cluster commands, byte for byte (``-o pgo``).

The one deliberate difference: the ``labels :`` line lists its pairs sorted by key (Go prints a
map in random order).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

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
    "cluster_labels",
    "cluster_text",
    "format_ports",
    "plain_cluster_text",
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
    labels = {
        key: value for key, value in (cluster.spec.userlabels or {}).items() if key not in _HIDDEN_USER_LABELS
    }
    labels.update(cluster.metadata.labels or {})
    return labels


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
    from pgo_cli.wire.lazy import LazyList

    if isinstance(results, LazyList):
        for value in results.values():
            text = plain_cluster_text(value)
            out.write(text if text is not None else cluster_text(results.decode(value)))
        return
    for detail in results:
        write_cluster(detail, out)


def plain_cluster_text(value: Any) -> str | None:
    """:func:`cluster_text` of one show result read straight from its JSON value, or None.

    It is the text of the typed copy (``decode`` of :class:`ShowClusterDetail`, then its
    :class:`Pgcluster`) without making that copy, for a value the typed decoding reads as it
    is (:mod:`pgo_cli.wire.plain`): every object's keys plain, every field it
    decodes (printed or not) absent, null or of its exact JSON type, no null inside a list or
    map, resources given as strings. Any other value gives None: the caller decodes it, which
    converts it or fails exactly as the typed path does. ``tests/perf/test_lazy.py`` compares
    the two on random answers.
    """
    try:
        return _plain_text(value)
    except NotPlain:
        return None


def _plain_text(detail: Any) -> str:
    # Every field the typed decoding reads is checked, printed or not: a wrong one fails the answer.
    get = struct(detail, ShowClusterDetail).get
    cluster = struct(get("cluster"), Pgcluster)
    metadata = struct(cluster.get("metadata"), ObjectMeta)
    spec = struct(cluster.get("spec"), PgclusterSpec)
    status = struct(cluster.get("status"), PgclusterStatus)
    string(metadata.get("name"))
    string(metadata.get("namespace"))
    labels = string_map(metadata.get("labels"))
    string_map(metadata.get("annotations"))
    name = string(spec.get("name"))
    image = string(spec.get("ccpimage"))
    tag = string(spec.get("ccpimagetag"))
    resources = string_map(spec.get("resources"))
    limits = string_map(spec.get("limits"))
    string(spec.get("replicas"))
    user_labels = string_map(spec.get("userlabels"))
    check_bool(spec.get("standby"))
    string(status.get("state"))
    string(status.get("message"))
    standby = get("Standby")
    check_bool(standby)

    lines = ["", f"cluster : {name} ({image}:{tag})"]
    if standby:
        lines.append(f"{_BRANCH}standby : true")
    for pod in structs(get("Pods"), ShowClusterPod):
        field = pod.get
        pvcs = structs(field("PVC"), ShowClusterPodPVC)
        check_bool(field("Ready"))
        check_bool(field("Primary"))
        lines.append(
            f"{_BRANCH}pod : {string(field('Name'))} ({string(field('Phase'))}) on "
            f"{string(field('NodeName'))} ({string(field('ReadyStatus'))}) ({string(field('Type'))})"
        )
        for pvc in pvcs:
            lines.append(f"{_BRANCH}{_BRANCH}pvc: {string(pvc.get('Name'))} ({string(pvc.get('Capacity'))})")
    if resources:
        lines.append(_resource_line("resources", resources))
    if limits:
        lines.append(_resource_line("limits", limits))
    policies: list[str] | None = None
    for deployment in structs(get("Deployments"), ShowClusterDeployment):
        lines.append(f"{_BRANCH}deployment : {string(deployment.get('Name'))}")
        labels_of = strings(deployment.get("PolicyLabels"))
        if policies is None:
            policies = labels_of  # pgo prints the first deployment's
    lines.extend(f"{_BRANCH}policy: {label}" for label in policies or [])
    for service in structs(get("Services"), ShowClusterService):
        field = service.get
        string(field("Data"))
        string(field("ClusterName"))
        check_bool(field("Pgbouncer"))
        check_bool(field("BackrestRepo"))
        check_bool(field("PGAdmin"))
        external_ip = string(field("ExternalIP"))
        external = f" ExternalIP ({external_ip})" if external_ip else ""
        lines.append(
            f"{_BRANCH}service : {string(field('Name'))} - ClusterIP ({string(field('ClusterIP'))}){external}"
            f" - Ports ({format_ports(strings(field('ClusterPorts')))})"
        )
    for replica in structs(get("Replicas"), ShowClusterReplica):
        lines.append(f"{_BRANCH}pgreplica : {string(replica.get('Name'))}")
    shown = {key: text for key, text in user_labels.items() if key not in _HIDDEN_USER_LABELS}
    shown.update(labels)
    pairs = "".join(f"{key}={shown[key]} " for key in sorted(shown))
    lines.append(f"{_BRANCH}labels : {pairs}")
    return "\n".join(lines) + "\n"


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
