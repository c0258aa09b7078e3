"""``-o table`` for clusters: the cluster and pod tables (laid out by :mod:`pgo_cli.output.table`)
and the summary of a created cluster (rich, imported only for it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.nouns.cluster.messages import CreateClusterResponse, Pgcluster, ShowClusterDetail
from pgo_cli.output.table import Row, _console, _screen, _write_records, _write_table

__all__ = ["cluster_rows", "write_clusters", "write_created"]

_HEADERS = ("CLUSTER", "NAMESPACE", "IMAGE TAG", "PODS", "REPLICAS", "SERVICES")
_POD_HEADERS = ("POD", "PHASE", "NODE", "READY", "TYPE", "VOLUMES")


def _pods_cell(detail: ShowClusterDetail) -> str:
    pods = detail.pods or []
    if not pods:
        return "none"
    ready = sum(1 for pod in pods if pod.ready and pod.phase == "Running")
    phases = sorted({pod.phase for pod in pods if pod.phase != "Running"})
    text = f"{ready}/{len(pods)} ready"
    return f"{text} ({', '.join(phases)})" if phases else text


def _services_cell(detail: ShowClusterDetail) -> str:
    parts = [
        f"{service.name} {service.external_ip or service.cluster_ip}" for service in detail.services or []
    ]
    return "\n".join(parts) or "-"


def _name(cluster: Pgcluster) -> str:
    return cluster.spec.name or cluster.metadata.name


def cluster_rows(detail: ShowClusterDetail, cluster: Pgcluster | None = None) -> Row:
    """One table row: name, namespace, image tag, pod readiness, replicas, services.

    ``cluster`` is ``detail.pgcluster()`` when the caller has decoded it already.
    """
    if cluster is None:
        cluster = detail.pgcluster()
    replicas = "\n".join(replica.name for replica in detail.replicas or []) or "-"
    name = _name(cluster)
    if detail.standby:
        name += " (standby)"
    return (
        name,
        cluster.metadata.namespace,
        cluster.spec.ccpimagetag,
        _pods_cell(detail),
        replicas,
        _services_cell(detail),
    )


def write_clusters(
    details: Sequence[ShowClusterDetail],
    out: TextIO,
    *,
    wide: bool = False,
    width: int | None = None,
    clusters: Sequence[Pgcluster] | None = None,
) -> None:
    """A table of clusters (one block per cluster when a table cannot fit); ``wide`` adds pods.

    ``clusters``, when given, are the details' decoded Pgclusters, in the same order.
    """
    if clusters is None:
        clusters = [detail.pgcluster() for detail in details]
    screen_width, styled = _screen(out, width)
    rows = [cluster_rows(detail, cluster) for detail, cluster in zip(details, clusters, strict=True)]
    if not _write_table(_HEADERS, rows, out, screen_width, styled):
        _write_records(_HEADERS, rows, out)
    if wide:
        for detail, cluster in zip(details, clusters, strict=True):
            _write_pods(detail, _name(cluster), out, screen_width, styled)


def _write_pods(detail: ShowClusterDetail, name: str, out: TextIO, width: int, styled: bool) -> None:
    title = f"pods of {name}"
    rows = []
    for pod in detail.pods or []:
        volumes = "\n".join(f"{pvc.name} {pvc.capacity}" for pvc in pod.pvc or []) or "-"
        rows.append((pod.name, pod.phase, pod.node_name, pod.ready_status, pod.type, volumes))
    if not _write_table(_POD_HEADERS, rows, out, width, styled, title=title):
        out.write(f"\n{title}\n")
        _write_records(_POD_HEADERS, rows, out)


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
