"""pgo's instance tables for ``scaledown --query``, ``failover --query`` and ``restart --query``.

The printf layouts are those of ``cmd/pgo/cmd/scaledown.go`` (``queryCluster``), ``failover.go``
(``queryFailover``) and ``restart.go`` (``queryRestart``): Go's ``%-20s`` pads without cutting,
``%12d``/``%15t``/``%23t`` right-align, and a lag of -1 prints ``unknown`` (not in failover's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from pgo_cli.cli.command import Reply


class Target(Protocol):
    """What the three query answers have in common (``Role`` only in restart's)."""

    name: str
    node: str
    replication_lag: int
    status: str
    pending_restart: bool


def go_bool(value: bool) -> str:
    """Go's ``%t``."""
    return "true" if value else "false"


def cluster_line(name: str, standby: bool) -> str:
    """``\\nCluster: <c>`` or ``\\nCluster (standby): <c>``, pgo's first line per cluster."""
    return f"\nCluster (standby): {name}\n" if standby else f"\nCluster: {name}\n"


REPLICA_HEADER = f"{'REPLICA':<20}\t{'STATUS':<10}\t{'NODE':<10}\t{'REPLICATION LAG':<20}\tPENDING RESTART\n"
INSTANCE_HEADER = f"{'INSTANCE':<20}\t{'ROLE':<10}\t{'STATUS':<10}\t{'NODE':<10}\t{'REPLICATION LAG':<20}\tPENDING RESTART\n"


def replica_row(target: Target, *, unknown_lag: bool = True) -> str:
    """One row of the REPLICA table; ``unknown_lag=False`` is failover's (always ``%12d MB``)."""
    start = f"{target.name:<20}\t{target.status:<10}\t{target.node:<10}\t"
    return start + _lag(target, unknown_lag)


def instance_row(target: Any) -> str:
    """One row of restart's INSTANCE table (with the ROLE column)."""
    start = f"{target.name:<20}\t{target.role:<10}\t{target.status:<10}\t{target.node:<10}\t"
    return start + _lag(target, True)


def _lag(target: Target, unknown_lag: bool) -> str:
    pending = go_bool(target.pending_restart)
    if unknown_lag and target.replication_lag == -1:
        return f"{'unknown':>15}\t{pending:>23}\n"
    return f"{target.replication_lag:>12} {'MB':<7}\t{pending:>15}\n"


def write_replicas(targets: Sequence[Target] | None, out: TextIO, *, unknown_lag: bool = True) -> None:
    """The REPLICA table, or ``No replicas found.``."""
    if not targets:
        out.write("No replicas found.\n")
        return
    out.write(REPLICA_HEADER)
    for target in targets:
        out.write(replica_row(target, unknown_lag=unknown_lag))


def lag_cell(target: Target) -> str:
    """The lag for the terminal table: ``<n> MB`` or ``unknown``."""
    return "unknown" if target.replication_lag == -1 else f"{target.replication_lag} MB"


def write_query_table(
    queries: Sequence[Reply],
    headers: Sequence[str],
    row: Callable[[Any, str], tuple[str, ...]],
    empty: str,
    out: TextIO,
    width: int,
) -> None:
    """The terminal table of the three ``--query`` listings: ``row(target, cluster)`` per listed
    instance of every reply (``cluster`` is ``<c>`` or ``<c> (standby)``), names whole; ``empty``
    (``No replicas found.``) when none is listed."""
    from pgo_cli.output.table import write_table

    rows: list[tuple[str, ...]] = []
    for reply in queries:
        cluster = reply.call.target + (" (standby)" if reply.response.standby else "")
        rows.extend(row(target, cluster) for target in reply.response.results or [])
    if not rows:
        out.write(empty + "\n")
        return
    write_table(headers, rows, out, width=width)
