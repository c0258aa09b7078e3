"""``-o table``: readable tables for a terminal, drawn with rich (imported only when used).

Cluster and pod names never wrap or shrink: the other columns give way (they fold) so that the
table fits the terminal's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from pgo_cli.messages import CreateClusterResponse, ShowClusterDetail

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["cluster_rows", "write_clusters", "write_created"]

_HEADERS = ("CLUSTER", "NAMESPACE", "IMAGE TAG", "PODS", "REPLICAS", "SERVICES")
#: Space rich puts between two columns of a SIMPLE_HEAD table without edges.
_GAP = 3
_POD_HEADERS = ("POD", "PHASE", "NODE", "READY", "TYPE", "VOLUMES")


def _console(out: TextIO, width: int | None) -> Console:
    from rich.console import Console

    return Console(file=out, width=width, highlight=False, soft_wrap=False, markup=False, emoji=False)


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


def cluster_rows(detail: ShowClusterDetail) -> tuple[str, ...]:
    """One table row: name, namespace, image tag, pod readiness, replicas, services."""
    cluster = detail.pgcluster()
    replicas = "\n".join(replica.name for replica in detail.replicas or []) or "-"
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
    """A table of clusters (one block per cluster when a table cannot fit); ``wide`` adds pods."""
    from rich import box
    from rich.table import Table

    console = _console(out, width)
    rows = [cluster_rows(detail) for detail in details]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in _HEADERS:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    if _fits(_HEADERS, rows, console.width):
        console.print(table)
    else:
        _write_records(_HEADERS, rows, out)
    if wide:
        for detail in details:
            _write_pods(detail, console, out)


def _fits(headers: Sequence[str], rows: Sequence[tuple[str, ...]], width: int) -> bool:
    """Whether a table can show every cell without breaking a word (names included)."""
    needed = 0
    for index, header in enumerate(headers):
        words = [word for row in rows for word in row[index].split()] + header.split()
        needed += max(len(word) for word in words)
    return needed + _GAP * (len(headers) - 1) <= width


def _write_records(headers: Sequence[str], rows: Sequence[tuple[str, ...]], out: TextIO) -> None:
    """The narrow-terminal layout: the first cell on its own line, then one field per line."""
    label_width = max(len(header) for header in headers[1:])
    for row in rows:
        out.write(f"{row[0]}\n")
        for header, value in zip(headers[1:], row[1:], strict=True):
            shown = value.replace("\n", ", ")
            out.write(f"  {header.lower():<{label_width}} {shown}\n")


def _write_pods(detail: ShowClusterDetail, console: Console, out: TextIO) -> None:
    from rich import box
    from rich.table import Table

    cluster = detail.pgcluster()
    title = f"pods of {cluster.spec.name or cluster.metadata.name}"
    rows = []
    for pod in detail.pods or []:
        volumes = "\n".join(f"{pvc.name} {pvc.capacity}" for pvc in pod.pvc or []) or "-"
        rows.append((pod.name, pod.phase, pod.node_name, pod.ready_status, pod.type, volumes))
    if not _fits(_POD_HEADERS, rows, console.width):
        out.write(f"\n{title}\n")
        _write_records(_POD_HEADERS, rows, out)
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=title, title_justify="left")
    for header in _POD_HEADERS:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


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
