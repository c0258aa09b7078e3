"""``pgo restart`` (``cmd/pgo/cmd/restart.go``): restart a cluster's instances, or list them.

pgo restarts exactly one cluster per invocation: all its instances, the ``--target`` ones, or all
of them one by one with ``--rolling`` (a pgtask; the answer is empty, so nothing is printed).
``--query`` lists every instance of each cluster, the primary included, with its role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.restart.endpoints import RESTART, RESTART_QUERY
from pgo_cli.nouns.restart.messages import QueryRestartResponse, RestartRequest, RestartResponse
from pgo_cli.nouns.shared import instance_text as querytext
from pgo_cli.nouns.shared import instance_waits

FLAGS = (
    NO_PROMPT,
    Flag(
        "output",
        "string",
        "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default).",
        short="o",
        metavar="FORMAT",
    ),
    Flag(
        "query",
        "bool",
        "List the instances of the clusters, primary included (asks nothing, changes nothing).",
    ),
    Flag("rolling", "bool", "Restart the instances one at a time (a rolling restart); not with --target."),
    Flag(
        "target",
        "stringSlice",
        "An instance to restart (repeat for several; see --query). Default: every instance.",
        metavar="INSTANCE",
    ),
)


def plan(invocation: Invocation) -> Plan:
    """``--query``: one listing per cluster; otherwise one restart of the one cluster (asked first)."""
    names = invocation.args
    if not names:
        raise UsageError("You must specify the cluster to restart.", hint="e.g. pgo restart hippo --query")
    namespace = invocation.namespace()
    if invocation.value("query"):
        instance_waits.refuse_with_query(invocation, "restart")
        query = {"version": invocation.client_version, "namespace": namespace}
        return Plan([Call(RESTART_QUERY, path={"name": name}, query=query, target=name) for name in names])
    if len(names) > 1:
        raise UsageError(
            "a single cluster must be specified when performing a restart",
            hint=f"got {len(names)}: {' '.join(names)}",
        )
    # pgo's --target is a StringArray: each occurrence is one name, commas and all.
    targets = list(invocation.value("target") or [])
    rolling = bool(invocation.value("rolling"))
    if rolling and targets:
        raise UsageError(
            f"cannot use --rolling with other flags (--target {' '.join(targets)})",
            hint="--rolling restarts every instance; without it, --target restarts the named ones",
        )
    request = RestartRequest(
        namespace=namespace,
        cluster_name=names[0],
        rolling_update=rolling,
        targets=targets,
        client_version=invocation.client_version,
    )
    return Plan(
        [Call(RESTART, request, target=names[0])],
        prompt=ARE_YOU_SURE,
        check=f"pgo restart {names[0]} --query -n {namespace}",
    )


def wait(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``restart --wait``: see :func:`pgo_cli.nouns.restart.waits.restarted`."""
    from pgo_cli.nouns.restart import waits

    return waits.restarted(invocation, replies)


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's text: a line per restarted instance, or ``\\nCluster: <c>`` and the INSTANCE table.

    An instance that failed to restart is not written here: :func:`problems` makes it an
    ``Error:`` line on stderr (pgo prints it on stdout) and the exit status 1, in every format.
    """
    if reply.call.endpoint is RESTART:
        response: RestartResponse = reply.response
        for instance in response.result.instances or []:
            if not instance.error:
                out.write(f"Successfully restarted instance {instance.instance_name}\n")
        return
    listing: QueryRestartResponse = reply.response
    out.write(querytext.cluster_line(reply.call.target, listing.standby))
    out.write(querytext.INSTANCE_HEADER)
    for target in listing.results or []:
        out.write(querytext.instance_row(target))


def problems(reply: Reply) -> list[str]:
    """The instances an accepted restart could not restart (pgo's ``Error restarting instance``)."""
    if reply.call.endpoint is not RESTART:
        return []
    response: RestartResponse = reply.response
    return [
        f"restarting instance {instance.instance_name}: {instance.error_message}"
        for instance in response.result.instances or []
        if instance.error
    ]


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: every listed instance in one table, names whole (restart results as lines)."""
    for reply in replies:
        if reply.call.endpoint is RESTART:
            text(reply, invocation, out)
    queries = [reply for reply in replies if reply.call.endpoint is RESTART_QUERY]
    if queries:
        querytext.write_query_table(
            queries,
            ("INSTANCE", "CLUSTER", "ROLE", "STATUS", "NODE", "REPLICATION LAG", "PENDING RESTART"),
            lambda target, cluster: (
                target.name,
                cluster,
                target.role,
                target.status,
                target.node,
                querytext.lag_cell(target),
                querytext.go_bool(target.pending_restart),
            ),
            "No instances found.",
            out,
            invocation.io.width,
        )


COMMANDS = [
    Command(
        path=("restart",),
        summary="Restart the PostgreSQL instances of a cluster, or list them.",
        help="""Restart PostgreSQL in the instances of one cluster: all of them, the --target ones, or all one at a time with --rolling.

Prints a line per restarted instance; a rolling restart is carried out in the background (a \
pgtask), so nothing is printed for it. Asks for confirmation first (see --no-prompt).

--query lists the instances of each cluster instead (pgo's INSTANCE table): every instance, \
the primary included, with its role, status, node, replication lag and pending restart.

--wait (not with --query, which changes nothing: exit 2, nothing sent) then polls pgo show \
cluster until the restarted instances (with --rolling: every instance) are Running and ready; \
exit 6 when --wait-timeout passes first, 1 when the cluster disappears.

Examples:

  pgo restart hippo --query
  pgo restart hippo --target hippo-abcd --target hippo-efgh
  pgo restart hippo --rolling --no-prompt
  pgo restart hippo --target hippo-abcd --no-prompt --wait
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        table=table,
        args=Args("CLUSTER", "one", completes="cluster"),
        writes=True,
        prompts=True,
        problems=problems,
        wait=wait,
    )
]
