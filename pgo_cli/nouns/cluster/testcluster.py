"""``pgo test``: are a cluster's instances and service endpoints up? (``cmd/pgo/cmd/test.go``)

pgo sends one request per cluster name, or one with ``Clustername: "all"`` when ``--selector`` or
``--all`` is given. Its text is a tree per cluster (``\\tServices`` / ``\\tInstances``, one
``\\t\\t<type> (<where>): UP|DOWN`` line each), UP green and DOWN red only on a terminal; with
``-o json`` one document (pgo prints only the first answer; here several names merge into one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster.endpoints import TEST
from pgo_cli.nouns.cluster.messages import ClusterTestDetail, ClusterTestRequest, ClusterTestResponse

FLAGS = (
    Flag(
        "selector",
        "string",
        "Test the clusters with these labels, e.g. env=prod.",
        short="s",
        metavar="SELECTOR",
    ),
    Flag(
        "output",
        "string",
        "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default).",
        short="o",
        metavar="FORMAT",
    ),
    Flag("all", "bool", "Test every cluster of the namespace."),
)

NOTHING_FOUND = "Nothing found."


def plan(invocation: Invocation) -> Plan:
    """One call per name; one ``all`` call with ``--selector`` or ``--all`` (test.go ``showTest``)."""
    selector = invocation.value("selector")
    all_flag = invocation.value("all")
    names: Sequence[str] = invocation.args
    if not names and not selector and not all_flag:
        raise UsageError(
            "You must specify the name of the clusters to test or --all or a --selector.",
            hint="e.g. pgo test hippo, pgo test --all, pgo test -s env=prod",
        )
    if selector or all_flag:
        names = ("all",)
    namespace = invocation.namespace()
    calls = [
        Call(
            TEST,
            ClusterTestRequest(
                clustername=name,
                selector=selector,
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
    """pgo's tree for one answer (``Nothing found.`` when it holds no cluster)."""
    response: ClusterTestResponse = reply.response
    if not response.results:
        out.write(NOTHING_FOUND + "\n")
        return
    for result in response.results:
        out.write(f"\ncluster : {result.cluster_name}\n")
        _write_tests("Services", result.endpoints or [], invocation, out)
        _write_tests("Instances", result.instances or [], invocation, out)


def _write_tests(title: str, tests: Sequence[ClusterTestDetail], invocation: Invocation, out: TextIO) -> None:
    out.write(f"\t{title}\n")
    for test in tests:
        verdict = invocation.io.colour("UP", "32") if test.available else invocation.io.colour("DOWN", "31")
        out.write(f"\t\t{test.instance_type} ({test.message}): {verdict}\n")


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per instance and endpoint, names whole."""
    from pgo_cli.output.table import write_table

    rows = []
    for reply in replies:
        response: ClusterTestResponse = reply.response
        for result in response.results or []:
            for kind, tests in (("service", result.endpoints or []), ("instance", result.instances or [])):
                for test in tests:
                    status = (
                        invocation.io.colour("UP", "32")
                        if test.available
                        else invocation.io.colour("DOWN", "31")
                    )
                    rows.append((result.cluster_name, kind, test.instance_type, test.message, status))
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_table(("CLUSTER", "KIND", "TYPE", "ADDRESS / POD", "STATUS"), rows, out, width=invocation.io.width)


COMMANDS = [
    Command(
        path=("test",),
        summary="Test that a cluster's instances and services are up.",
        help="""Test the availability of PostgreSQL clusters: each instance (pod) and each service endpoint.

Sends pgo's request per cluster name (one for --selector or --all) and prints pgo's tree when
piped: UP or DOWN per endpoint and instance, coloured on a terminal only.

Examples:

  pgo test hippo -n pgo
  pgo test --all -n pgo -o json
  pgo test -s env=prod -n pgo
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        table=table,
        args=Args("CLUSTER", "any", completes="cluster"),
    )
]
