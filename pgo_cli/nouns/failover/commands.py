"""``pgo failover`` (``cmd/pgo/cmd/failover.go``): promote a replica, or list the candidates.

Without ``--query`` pgo asks, then sends one ``CreateFailoverRequest`` for the cluster and prints
the server's one-line result. With ``--query`` it lists the healthy replicas (no prompt).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.failover.endpoints import FAILOVER, FAILOVER_QUERY
from pgo_cli.nouns.failover.messages import (
    CreateFailoverRequest,
    CreateFailoverResponse,
    QueryFailoverResponse,
)
from pgo_cli.nouns.shared import instance_text as querytext
from pgo_cli.nouns.shared import instance_waits

FLAGS = (
    Flag(
        "force",
        "bool",
        'Promote the target whatever its health (a failover, not a switchover); needs "--target".',
    ),
    NO_PROMPT,
    Flag("query", "bool", "List the replicas that can be promoted (asks nothing, changes nothing)."),
    Flag(
        "target",
        "string",
        "The replica to promote (default: the apiserver picks the best one).",
        metavar="REPLICA",
        completes="replica",
    ),
)

#: pgo's hint when the server says the cluster has no primary (``createFailover``).
FORCE_HINT = 'Try using the "--force" flag'


def error_text(message: str) -> str:
    """pgo's ``strings.ReplaceAll(Msg, "Error: ", "")``: patronictl's stderr comes back as the
    server's ``Msg`` with its own ``Error: `` prefix, which pgo drops (no ``Error: Error: ...``)."""
    return message.replace("Error: ", "")


def plan(invocation: Invocation) -> Plan:
    """One call for the one cluster: the listing, or the failover (asked first)."""
    names = invocation.args
    if not names:
        raise UsageError(
            "You must specify the cluster to failover.",
            hint="e.g. pgo failover hippo --query, then pgo failover hippo --target hippo-abcd",
        )
    if len(names) > 1:
        raise UsageError(
            f"failover acts on one cluster, got {len(names)}: {' '.join(names)}",
            hint="pgo would use the first one only; name one cluster",
        )
    name = names[0]
    namespace = invocation.namespace()
    if invocation.value("query"):
        instance_waits.refuse_with_query(invocation, "failover")
        query = {"version": invocation.client_version, "namespace": namespace}
        return Plan([Call(FAILOVER_QUERY, path={"name": name}, query=query, target=name)])
    request = CreateFailoverRequest(
        client_version=invocation.client_version,
        cluster_name=name,
        force=invocation.value("force"),
        namespace=namespace,
        target=invocation.value("target"),
    )
    return Plan(
        [Call(FAILOVER, request, target=name)],
        prompt=ARE_YOU_SURE,
        check=f"pgo failover {name} --query -n {namespace}",
    )


def wait(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``failover --wait``: see :func:`pgo_cli.nouns.failover.waits.failed_over`."""
    from pgo_cli.nouns.failover import waits

    return waits.failed_over(invocation, replies)


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's text: the result line, or ``\\nCluster: <c>`` and the REPLICA table."""
    if reply.call.endpoint is FAILOVER:
        answer: CreateFailoverResponse = reply.response
        if answer.status.is_error:
            if "no primary" in answer.status.msg:
                invocation.io.stderr.write(f"hint: {FORCE_HINT}\n")
            return
        out.write(answer.results + "\n")
        return
    response: QueryFailoverResponse = reply.response
    out.write(querytext.cluster_line(reply.call.target, response.standby))
    if response.status.is_error:
        return
    # pgo's failover table has no "unknown" lag branch: -1 prints as a number.
    querytext.write_replicas(response.results, out, unknown_lag=False)


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the candidates as a table, names whole (the result line otherwise)."""
    for reply in replies:
        if reply.call.endpoint is FAILOVER:
            text(reply, invocation, out)
    queries = [reply for reply in replies if reply.call.endpoint is FAILOVER_QUERY]
    if queries:
        querytext.write_query_table(
            queries,
            ("REPLICA", "CLUSTER", "STATUS", "NODE", "REPLICATION LAG", "TIMELINE", "PENDING RESTART"),
            lambda target, cluster: (
                target.name,
                cluster,
                target.status,
                target.node,
                querytext.lag_cell(target),
                str(target.timeline),
                querytext.go_bool(target.pending_restart),
            ),
            "No replicas found.",
            out,
            invocation.io.width,
        )


COMMANDS = [
    Command(
        path=("failover",),
        summary="Promote a replica of a PostgreSQL cluster (manual failover), or list the candidates.",
        help="""Promote a replica to primary (a controlled switchover; with --force a failover), or list the candidates.

Without --target the apiserver picks the best replica (latest timeline, least lag). The old \
primary becomes a replica. Asks for confirmation first (see --no-prompt).

--query lists the healthy replicas instead (pgo's REPLICA table); it changes nothing.

--wait (not with --query, which changes nothing: exit 2, nothing sent) then polls pgo show \
cluster until the --target instance is the only primary and its pod is Running and ready (without \
--target: one ready primary, the one the cluster's current-primary annotation names); exit 6 when \
--wait-timeout passes first, 1 when the target disappears.

Examples:

  pgo failover hippo --query
  pgo failover hippo --target hippo-abcd
  pgo failover hippo --target hippo-abcd --force --no-prompt
  pgo failover hippo --target hippo-abcd --no-prompt --wait
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        table=table,
        args=Args("CLUSTER", "one", completes="cluster"),
        writes=True,
        prompts=True,
        text_on_error=True,
        error_text=error_text,
        wait=wait,
    )
]
