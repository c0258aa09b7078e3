"""``show pvc``: the PVCs of clusters (``cmd/pgo/cmd/pvc.go``, ``show.go``).

One request per cluster name, or one with ``AllFlag`` (and no name) for ``--all``. pgo's text per
answer: ``%-20s\\t%-30s`` rows under a ``Cluster Name``/``PVC Name`` header, or ``No PVC Results``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.pvc.endpoints import SHOW
from pgo_cli.nouns.pvc.messages import ShowPVCRequest, ShowPVCResponse

NO_RESULTS = "No PVC Results"


def plan(invocation: Invocation) -> Plan:
    """``showPVC``: ``--all`` is one call (names ignored), else one call per name."""
    all_flag = bool(invocation.value("all"))
    if not invocation.args and not all_flag:
        raise UsageError(
            "Cluster name(s) or --all required for this command.",
            hint="e.g. pgo show pvc hippo, pgo show pvc --all",
        )
    names: Sequence[str] = ("",) if all_flag else invocation.args
    namespace = invocation.namespace()
    calls = [
        Call(
            SHOW,
            ShowPVCRequest(
                cluster_name=name,
                selector="",
                client_version=invocation.client_version,
                namespace=namespace,
                all_flag=all_flag,
            ),
            target=name,
        )
        for name in names
    ]
    return Plan(calls)


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``printPVC``: the header and one row per PVC, or ``No PVC Results``."""
    response: ShowPVCResponse = reply.response
    results = response.results or []
    if not results:
        out.write(NO_RESULTS + "\n")
        return
    # Go's %-20s and Python's :<20 both pad with spaces to that many runes, never cutting.
    out.write(f"{'Cluster Name':<20}\t{'PVC Name':<30}\n")
    for result in results:
        out.write(f"{result.cluster_name:<20}\t{result.pvc_name:<30}\n")


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per PVC of every answer, names whole."""
    from pgo_cli.output.table import write_table

    rows: list[tuple[str, str]] = []
    for reply in replies:
        response: ShowPVCResponse = reply.response
        rows.extend((r.cluster_name, r.pvc_name) for r in response.results or [])
    if not rows:
        out.write(NO_RESULTS + "\n")
        return
    write_table(("CLUSTER", "PVC"), rows, out, width=invocation.io.width)


COMMANDS = [
    Command(
        path=("show", "pvc"),
        summary="Show the PVCs of clusters.",
        help="""Show the persistent volume claims (PVCs) of PostgreSQL clusters: data, WAL, tablespace,
pgBackRest repository and pgAdmin volumes.

One request is sent per cluster name; --all lists every PVC of the namespace.

Examples:

  pgo show pvc hippo
  pgo show pvc --all -o json
""",
        flags=(Flag("all", "bool", "Show every PVC of the namespace."),),
        plan=plan,
        text=text,
        table=table,
        args=Args("CLUSTER", "any", completes="cluster"),
    )
]
