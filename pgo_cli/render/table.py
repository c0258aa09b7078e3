"""``-o table``: readable tables for a terminal, drawn with rich (imported only when used).

Cluster and pod names never wrap or shrink: the other columns give way (they fold) so that the
table fits the terminal's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pgo_cli.messages import CreateClusterResponse, ShowClusterDetail
from pgo_cli.render.pgo_text import format_ports

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["cluster_rows", "write_clusters", "write_created"]

_HEADERS = ("CLUSTER", "NAMESPACE", "IMAGE TAG", "PODS", "REPLICAS", "SERVICES")
_POD_HEADERS = ("CLUSTER", "POD", "PHASE", "NODE", "READY", "TYPE", "VOLUMES")


def _console(out: TextIO, width: int | None) -> Console:
    from rich.console import Console

    return Console(file=out, width=width, highlight=False, soft_wrap=False)


def _pods_cell(detail: ShowClusterDetail) -> str:
    pods = detail.pods or []
    if not pods:
        return "none"
    ready = sum(1 for pod in pods if pod.ready and pod.phase == "Running")
    phases = sorted({pod.phase for pod in pods if pod.phase != "Running"})
    text = f"{ready}/{len(pods)} ready"
    return f"{text} ({', '.join(phases)})" if phases else text


def _services_cell(detail: ShowClusterDetail) -> str:
    parts = []
    for service in detail.services or []:
        address = service.external_ip or service.cluster_ip
        parts.append(f"{service.name} {address} ({format_ports(service.cluster_ports)})")
    return "\n".join(parts) or "-"


def cluster_rows(detail: ShowClusterDetail) -> tuple[str, ...]:
    """One table row: name, namespace, image tag, pod readiness, replicas, services."""
    cluster = detail.pgcluster()
    replicas = ", ".join(replica.name for replica in detail.replicas or []) or "-"
    name = cluster.spec.name or cluster.metadata.name
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
    details: Sequence[ShowClusterDetail], out: TextIO, *, wide: bool = False, width: int | None = None
) -> None:
    """A table of clusters; with ``wide``, a second table of their pods and volumes."""
    from rich import box
    from rich.table import Table

    console = _console(out, width)
    rows = [cluster_rows(detail) for detail in details]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    name_width = max((len(row[0]) for row in rows), default=len(_HEADERS[0]))
    for index, header in enumerate(_HEADERS):
        if index == 0:
            table.add_column(header, no_wrap=True, min_width=max(name_width, len(header)))
        else:
            table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if wide:
        console.print(_pod_table(details))


def _pod_table(details: Sequence[ShowClusterDetail]) -> Any:
    from rich import box
    from rich.table import Table

    pod_rows = []
    for detail in details:
        cluster = detail.pgcluster()
        for pod in detail.pods or []:
            volumes = "\n".join(f"{pvc.name} {pvc.capacity}" for pvc in pod.pvc or []) or "-"
            pod_rows.append(
                (cluster.spec.name, pod.name, pod.phase, pod.node_name, pod.ready_status, pod.type, volumes)
            )
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for index, header in enumerate(_POD_HEADERS):
        if index < 2:
            widest = max((len(row[index]) for row in pod_rows), default=0)
            table.add_column(header, no_wrap=True, min_width=max(widest, len(header)))
        else:
            table.add_column(header, overflow="fold")
    for row in pod_rows:
        table.add_row(*row)
    return table


def write_created(
    response: CreateClusterResponse, namespace: str, out: TextIO, width: int | None = None
) -> None:
    """A short summary of a created cluster (its users' passwords included, as pgo prints them)."""
    from rich import box
    from rich.table import Table

    result = response.result
    console = _console(out, width)
    console.print(f"Cluster [bold]{result.name}[/bold] is being created in namespace {namespace}.")
    console.print(f"  workflow id:   {result.workflow_id}")
    console.print(f"  database:      {result.database}")
    users = Table("USERNAME", "PASSWORD", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for user in result.users or []:
        users.add_row(user.username, user.password)
    console.print(users)
    console.print(f"Follow it with: pgo show cluster {result.name} -n {namespace}")
