"""``-o table`` for clusters: the cluster and pod tables (laid out by :mod:`pgo_cli.output.table`)
and the summary of a created cluster (rich, imported only for it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pgo_cli.nouns.cluster import text
from pgo_cli.nouns.cluster.messages import Pgcluster, ShowClusterDetail
from pgo_cli.nouns.cluster.text import PlainCluster
from pgo_cli.output.table import Row, _console, _screen, _write_records, _write_table

if TYPE_CHECKING:
    from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse

__all__ = [
    "cluster_rows",
    "plain_cluster_row",
    "plain_pod_rows",
    "pod_rows",
    "write_clusters",
    "write_created",
]

#: The terminal table: what pgo's text shows, one row per cluster. The columns of ``_DROP`` give
#: way, in that order, on a terminal too narrow for all of them (the block layout keeps them).
_HEADERS = ("CLUSTER", "PODS", "IMAGE TAG", "RESOURCES", "STORAGE", "REPLICAS", "SERVICES", "LABELS")
_DROP = (6, 2, 7, 5, 4)
#: ``--wide`` / ``-o wide``: every column, plus the namespace and the deployments; never dropped.
_WIDE_HEADERS = (
    "CLUSTER",
    "NAMESPACE",
    "PODS",
    "IMAGE TAG",
    "RESOURCES",
    "STORAGE",
    "REPLICAS",
    "DEPLOYMENTS",
    "SERVICES",
    "LABELS",
)
_POD_HEADERS = ("POD", "PHASE", "NODE", "READY", "TYPE", "VOLUMES")
_DROPPED_NOTE = "--wide or -o pgo shows all"


def _pods_cell(states: Sequence[tuple[bool, str]]) -> str:
    """``2/3 ready (Pending)`` of the pods' (ready, phase)."""
    if not states:
        return "none"
    ready = sum(1 for is_ready, phase in states if is_ready and phase == "Running")
    phases = sorted({phase for _, phase in states if phase != "Running"})
    text = f"{ready}/{len(states)} ready"
    return f"{text} ({', '.join(phases)})" if phases else text


def _services_cell(services: Iterable[tuple[str, str, Sequence[str]]], *, ports: bool = False) -> str:
    """One line per service: its name and address (external, else cluster IP), and ports."""
    parts = []
    for name, address, cluster_ports in services:
        part = f"{name} {address}"
        if ports and cluster_ports:
            part += " " + ",".join(cluster_ports)
        parts.append(part)
    return "\n".join(parts) or "-"


def _resources_cell(resources: Mapping[str, Any], limits: Mapping[str, Any]) -> str:
    """``cpu 500m`` and ``memory 1Gi`` lines (pgo's ``resources :`` and ``limits :``), or ``-``."""
    lines = []
    for key in ("cpu", "memory"):
        request = text.resource_text(resources.get(key))
        limit = text.resource_text(limits.get(key))
        if request and limit:
            lines.append(f"{key} {request} (limit {limit})")
        elif request or limit:
            lines.append(f"{key} {request}" if request else f"{key} limit {limit}")
    return "\n".join(lines) or "-"


def _storage_cell(capacities: Iterable[str]) -> str:
    """The instances' volumes by size: ``3 x 1G`` (pgo's ``pvc:`` lines, counted)."""
    sizes: dict[str, int] = {}
    for capacity in capacities:
        sizes[capacity] = sizes.get(capacity, 0) + 1
    return "\n".join(f"{count} x {size or '?'}" for size, count in sizes.items()) or "-"


#: Labels the operator sets to the cluster's name on every cluster: the default view leaves them out.
_NAME_LABELS = ("name", "pg-cluster")


def _labels_cell(labels: Iterable[tuple[str, str]], name: str, *, wide: bool = False) -> str:
    """The labels (sorted by key) one a line; the default view leaves out those naming the cluster."""
    shown = [f"{key}={value}" for key, value in labels if wide or not (key in _NAME_LABELS and value == name)]
    return "\n".join(shown) or "-"


def _name(cluster: Pgcluster) -> str:
    return cluster.spec.name or cluster.metadata.name


def _row(
    name: str,
    namespace: str,
    cells: tuple[str, str, str, str, str],
    deployments: Sequence[str],
    services: Sequence[tuple[str, str, Sequence[str]]],
    labels: Sequence[tuple[str, str]],
    *,
    standby: bool,
    wide: bool,
) -> Row:
    """The row of a cluster from its values (``cells``: pods, image tag, resources, storage,
    replicas); the typed and the plain readings both come here."""
    pods, tag, resources, storage, replicas = cells
    shown_name = f"{name} (standby)" if standby else name
    if not wide:
        return (
            shown_name,
            pods,
            tag,
            resources,
            storage,
            replicas,
            _services_cell(services),
            _labels_cell(labels, name),
        )
    return (
        shown_name,
        namespace,
        pods,
        tag,
        resources,
        storage,
        replicas,
        "\n".join(deployments) or "-",
        _services_cell(services, ports=True),
        _labels_cell(labels, name, wide=True),
    )


def cluster_rows(detail: ShowClusterDetail, cluster: Pgcluster | None = None, *, wide: bool = False) -> Row:
    """One table row: what pgo's text shows of a cluster (``wide``: with the namespace, the
    deployments and the services' ports).

    ``cluster`` is ``detail.pgcluster()`` when the caller has decoded it already.
    """
    if cluster is None:
        cluster = detail.pgcluster()
    pods = detail.pods or []
    cells = (
        _pods_cell([(pod.ready, pod.phase) for pod in pods]),
        cluster.spec.ccpimagetag,
        _resources_cell(cluster.spec.resources or {}, cluster.spec.limits or {}),
        _storage_cell(pvc.capacity for pod in pods for pvc in pod.pvc or []),
        "\n".join(replica.name for replica in detail.replicas or []) or "-",
    )
    services = [
        (service.name, service.external_ip or service.cluster_ip, service.cluster_ports or [])
        for service in detail.services or []
    ]
    return _row(
        _name(cluster),
        cluster.metadata.namespace,
        cells,
        [deployment.name for deployment in detail.deployments or []],
        services,
        sorted(text.cluster_labels(cluster).items()),
        standby=detail.standby,
        wide=wide,
    )


def plain_cluster_row(view: PlainCluster, *, wide: bool = False) -> Row:
    """:func:`cluster_rows` of a show result checked by :func:`~pgo_cli.nouns.cluster.text.plain_cluster`,
    read from its JSON values (no typed copy)."""
    spec, metadata = view.spec, view.metadata
    cells = (
        _pods_cell([(bool(pod.get("Ready")), pod.get("Phase") or "") for pod, _ in view.pods]),
        spec.get("ccpimagetag") or "",
        _resources_cell(view.resources, view.limits),
        _storage_cell(pvc.get("Capacity") or "" for _, pvcs in view.pods for pvc in pvcs),
        "\n".join(replica.get("Name") or "" for replica in view.replicas) or "-",
    )
    services = [
        (
            service.get("Name") or "",
            service.get("ExternalIP") or service.get("ClusterIP") or "",
            service.get("ClusterPorts") or [],
        )
        for service in view.services
    ]
    return _row(
        spec.get("name") or metadata.get("name") or "",
        metadata.get("namespace") or "",
        cells,
        [deployment.get("Name") or "" for deployment in view.deployments],
        services,
        text.plain_labels(view),
        standby=view.standby,
        wide=wide,
    )


def plain_pod_rows(view: PlainCluster) -> list[Row]:
    """:func:`pod_rows` of a checked show result, read from its JSON values."""
    return [
        _pod_row(
            (pod.get("Name") or "", pod.get("Phase") or "", pod.get("NodeName") or ""),
            (pod.get("ReadyStatus") or "", pod.get("Type") or ""),
            [(pvc.get("Name") or "", pvc.get("Capacity") or "") for pvc in pvcs],
        )
        for pod, pvcs in view.pods
    ]


def write_clusters(
    details: Iterable[ShowClusterDetail | PlainCluster],
    out: TextIO,
    *,
    wide: bool = False,
    width: int | None = None,
    clusters: Sequence[Pgcluster] | None = None,
) -> None:
    """A table of clusters (one block per cluster when a table cannot fit); ``wide`` adds the
    namespace, deployments and ports, and a table of each cluster's pods.

    ``details`` are typed results or checked JSON values
    (:func:`~pgo_cli.nouns.cluster.text.readings`). ``clusters``, when
    given, are the typed details' decoded Pgclusters, in the same order. The details are read
    once, in order, and only their cells are kept: a lazily read answer (:mod:`pgo_cli.cli.large`)
    holds one cluster at a time.
    """
    screen_width, styled = _screen(out, width)
    given = iter(clusters) if clusters is not None else None
    rows: list[Row] = []
    pods: list[tuple[str, list[Row]]] = []
    for detail in details:
        if isinstance(detail, PlainCluster):
            rows.append(plain_cluster_row(detail, wide=wide))
            if wide:
                name = detail.spec.get("name") or detail.metadata.get("name") or ""
                pods.append((name, plain_pod_rows(detail)))
            continue
        cluster = next(given) if given is not None else detail.pgcluster()
        rows.append(cluster_rows(detail, cluster, wide=wide))
        if wide:
            pods.append((_name(cluster), pod_rows(detail)))
    headers = _WIDE_HEADERS if wide else _HEADERS
    drop = () if wide else _DROP
    if not _write_table(
        headers, rows, out, screen_width, styled, drop=drop, dropped_note=_DROPPED_NOTE, atomic=True
    ):
        _write_records(headers, rows, out, screen_width)
    for name, rows_of_pods in pods:
        _write_pods(rows_of_pods, name, out, screen_width, styled)


def pod_rows(detail: ShowClusterDetail) -> list[Row]:
    """The rows of a cluster's pods table (``-o wide``)."""
    return [
        _pod_row(
            (pod.name, pod.phase, pod.node_name),
            (pod.ready_status, pod.type),
            [(pvc.name, pvc.capacity) for pvc in pod.pvc or []],
        )
        for pod in detail.pods or []
    ]


def _pod_row(where: tuple[str, str, str], state: tuple[str, str], volumes: Sequence[tuple[str, str]]) -> Row:
    """A pod's row: name, phase, node, ready, type, and its volumes one a line."""
    return (*where, *state, "\n".join(f"{name} {capacity}" for name, capacity in volumes) or "-")


def _write_pods(rows: list[Row], name: str, out: TextIO, width: int, styled: bool) -> None:
    title = f"pods of {name}"
    if not _write_table(_POD_HEADERS, rows, out, width, styled, title=title, atomic=True):
        out.write(f"\n{title}\n")
        _write_records(_POD_HEADERS, rows, out, width)


def write_created(
    response: CreateClusterResponse, namespace: str, out: TextIO, width: int | None = None
) -> None:
    """A short summary of a created cluster (its users' passwords included, as pgo prints them)."""
    from rich import box
    from rich.table import Table

    result = response.result
    console = _console(out, width)
    console.print(f"Cluster {result.name} is being created in namespace {namespace}.")
    console.print(f"  workflow id:   {result.workflow_id}")
    console.print(f"  database:      {result.database}")
    users = Table("USERNAME", "PASSWORD", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for user in result.users or []:
        users.add_row(user.username, user.password)
    console.print(users)
    console.print(f"Follow it with: pgo show cluster {result.name} -n {namespace}")
