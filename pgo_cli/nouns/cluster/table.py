"""``-o table`` for clusters: the cluster and pod tables (laid out by :mod:`pgo_cli.output.table`)
and the summary of a created cluster (rich, imported only for it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from pgo_cli.nouns.cluster import text
from pgo_cli.nouns.cluster.messages import Pgcluster, ShowClusterDetail
from pgo_cli.output.table import Row, _console, _screen, _write_records, _write_table

if TYPE_CHECKING:
    from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse

__all__ = ["cluster_rows", "write_clusters", "write_created"]

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


def _pods_cell(detail: ShowClusterDetail) -> str:
    pods = detail.pods or []
    if not pods:
        return "none"
    ready = sum(1 for pod in pods if pod.ready and pod.phase == "Running")
    phases = sorted({pod.phase for pod in pods if pod.phase != "Running"})
    text = f"{ready}/{len(pods)} ready"
    return f"{text} ({', '.join(phases)})" if phases else text


def _services_cell(detail: ShowClusterDetail, *, ports: bool = False) -> str:
    parts = []
    for service in detail.services or []:
        part = f"{service.name} {service.external_ip or service.cluster_ip}"
        if ports and service.cluster_ports:
            part += " " + ",".join(service.cluster_ports)
        parts.append(part)
    return "\n".join(parts) or "-"


def _resources_cell(cluster: Pgcluster) -> str:
    """``cpu 500m`` and ``memory 1Gi`` lines (pgo's ``resources :`` and ``limits :``), or ``-``."""
    spec = cluster.spec
    lines = []
    for key in ("cpu", "memory"):
        request = text.resource_text((spec.resources or {}).get(key))
        limit = text.resource_text((spec.limits or {}).get(key))
        if request and limit:
            lines.append(f"{key} {request} (limit {limit})")
        elif request or limit:
            lines.append(f"{key} {request}" if request else f"{key} limit {limit}")
    return "\n".join(lines) or "-"


def _storage_cell(detail: ShowClusterDetail) -> str:
    """The instances' volumes by size: ``3 x 1G`` (pgo's ``pvc:`` lines, counted)."""
    sizes: dict[str, int] = {}
    for pod in detail.pods or []:
        for pvc in pod.pvc or []:
            sizes[pvc.capacity] = sizes.get(pvc.capacity, 0) + 1
    return "\n".join(f"{count} x {size or '?'}" for size, count in sizes.items()) or "-"


#: Labels the operator sets to the cluster's name on every cluster: the default view leaves them out.
_NAME_LABELS = ("name", "pg-cluster")


def _labels_cell(cluster: Pgcluster, *, wide: bool = False) -> str:
    labels = text.cluster_labels(cluster)
    name = _name(cluster)
    shown = [
        f"{key}={labels[key]}"
        for key in sorted(labels)
        if wide or not (key in _NAME_LABELS and labels[key] == name)
    ]
    return "\n".join(shown) or "-"


def _name(cluster: Pgcluster) -> str:
    return cluster.spec.name or cluster.metadata.name


def cluster_rows(detail: ShowClusterDetail, cluster: Pgcluster | None = None, *, wide: bool = False) -> Row:
    """One table row: what pgo's text shows of a cluster (``wide``: with the namespace, the
    deployments and the services' ports).

    ``cluster`` is ``detail.pgcluster()`` when the caller has decoded it already.
    """
    if cluster is None:
        cluster = detail.pgcluster()
    replicas = "\n".join(replica.name for replica in detail.replicas or []) or "-"
    name = _name(cluster)
    if detail.standby:
        name += " (standby)"
    if not wide:
        return (
            name,
            _pods_cell(detail),
            cluster.spec.ccpimagetag,
            _resources_cell(cluster),
            _storage_cell(detail),
            replicas,
            _services_cell(detail),
            _labels_cell(cluster),
        )
    deployments = "\n".join(deployment.name for deployment in detail.deployments or []) or "-"
    return (
        name,
        cluster.metadata.namespace,
        _pods_cell(detail),
        cluster.spec.ccpimagetag,
        _resources_cell(cluster),
        _storage_cell(detail),
        replicas,
        deployments,
        _services_cell(detail, ports=True),
        _labels_cell(cluster, wide=True),
    )


def write_clusters(
    details: Iterable[ShowClusterDetail],
    out: TextIO,
    *,
    wide: bool = False,
    width: int | None = None,
    clusters: Sequence[Pgcluster] | None = None,
) -> None:
    """A table of clusters (one block per cluster when a table cannot fit); ``wide`` adds the
    namespace, deployments and ports, and a table of each cluster's pods.

    ``clusters``, when given, are the details' decoded Pgclusters, in the same order. The
    details are read once, in order, and only their cells are kept: a lazily decoded answer
    (:mod:`pgo_cli.cli.large`) holds one decoded cluster at a time.
    """
    screen_width, styled = _screen(out, width)
    given = iter(clusters) if clusters is not None else None
    rows: list[Row] = []
    pods: list[tuple[str, list[Row]]] = []
    for detail in details:
        cluster = next(given) if given is not None else detail.pgcluster()
        rows.append(cluster_rows(detail, cluster, wide=wide))
        if wide:
            pods.append((_name(cluster), _pod_rows(detail)))
    headers = _WIDE_HEADERS if wide else _HEADERS
    drop = () if wide else _DROP
    if not _write_table(
        headers, rows, out, screen_width, styled, drop=drop, dropped_note=_DROPPED_NOTE, atomic=True
    ):
        _write_records(headers, rows, out, screen_width)
    for name, pod_rows in pods:
        _write_pods(pod_rows, name, out, screen_width, styled)


def _pod_rows(detail: ShowClusterDetail) -> list[Row]:
    rows: list[Row] = []
    for pod in detail.pods or []:
        volumes = "\n".join(f"{pvc.name} {pvc.capacity}" for pvc in pod.pvc or []) or "-"
        rows.append((pod.name, pod.phase, pod.node_name, pod.ready_status, pod.type, volumes))
    return rows


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
