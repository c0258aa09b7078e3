"""``pgo scale`` and ``pgo scaledown`` (``cmd/pgo/cmd/scale.go``, ``cmd/pgo/cmd/scaledown.go``).

``scale`` sends one ``ClusterScaleRequest`` per cluster and stops at the first refusal, as pgo
does. ``scaledown --query`` lists the replicas of each cluster; ``scaledown --target`` removes one
replica of the (single) cluster. Both ask first; answering no exits 2, as pgo does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli import parsers
from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.scale import waits
from pgo_cli.nouns.scale.endpoints import SCALE, SCALE_QUERY, SCALEDOWN
from pgo_cli.nouns.scale.messages import ClusterScaleRequest, ScaleQueryResponse
from pgo_cli.nouns.shared import instance_text as querytext
from pgo_cli.nouns.shared import instance_waits

# ------------------------------------------------------------------------------------------ scale

SCALE_FLAGS = (
    Flag(
        "service-type",
        "string",
        "Service type of the new replicas' Service (ClusterIP, NodePort, LoadBalancer, ExternalName); "
        "default: pgo.yaml's.",
        metavar="TYPE",
    ),
    Flag(
        "ccp-image-tag",
        "string",
        "Container image tag for the new replicas (default: the cluster's).",
        metavar="TAG",
    ),
    Flag(
        "node-affinity-type",
        "string",
        "preferred (default) or required; needs --node-label.",
        metavar="TYPE",
        choices=("preferred", "required"),
    ),
    Flag(
        "node-label",
        "string",
        "Place the new replicas on nodes with this label (key=value); default: any node.",
        metavar="KEY=VALUE",
    ),
    NO_PROMPT,
    Flag("replica-count", "int", "How many replicas to add to each cluster.", default=1, metavar="N"),
    Flag(
        "storage-config",
        "string",
        "Storage configuration of pgo.yaml for the new replicas (default: the cluster's replica storage).",
        metavar="NAME",
    ),
    Flag(
        "toleration",
        "stringSlice",
        "Pod tolerations of the new replicas: key=value:Effect or key:Effect (comma-separated or repeated).",
        metavar="TOLERATION",
    ),
)


def plan_scale(invocation: Invocation) -> Plan:
    """One request per cluster (``scaleCluster``); pgo's toleration and affinity checks, up front."""
    names = invocation.args
    if not names:
        raise UsageError(
            "You must specify the clusters to scale.", hint="e.g. pgo scale hippo --replica-count 2"
        )
    node_label = invocation.value("node-label")
    affinity = parsers.node_affinity_type(invocation.value("node-affinity-type"), node_label)
    tolerations = parsers.tolerations(invocation.strings("toleration"))
    namespace = invocation.namespace()
    calls = [
        Call(
            SCALE,
            ClusterScaleRequest(
                ccp_image_tag=invocation.value("ccp-image-tag"),
                client_version=invocation.client_version,
                name=name,
                namespace=namespace,
                node_affinity_type=affinity,
                node_label=node_label,
                replica_count=invocation.value("replica-count"),
                service_type=invocation.value("service-type"),
                storage_config=invocation.value("storage-config"),
                tolerations=tolerations,
            ),
            path={"name": name},
            target=name,
        )
        for name in names
    ]
    return Plan(
        calls,
        prompt=ARE_YOU_SURE,
        stop_on_error=True,
        check=f"pgo scaledown {names[0]} --query -n {namespace}",
    )


def text_lines(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo prints each result on its own line."""
    if reply.response.status.is_error:
        return
    for line in reply.response.results or []:
        out.write(line + "\n")


# -------------------------------------------------------------------------------------- scaledown

SCALEDOWN_FLAGS = (
    Flag("query", "bool", "List the replicas that can be removed (asks nothing, changes nothing)."),
    Flag("target", "string", "The replica to remove (see --query).", metavar="REPLICA", completes="replica"),
    Flag(
        "delete-data",
        "bool",
        "Remove the replica's data too (the default).",
        short="d",
        default=True,
        deprecated="Data is deleted by default.",
        hidden=True,
    ),
    Flag("keep-data", "bool", "Keep the removed replica's data (its PVCs)."),
    NO_PROMPT,
)


def plan_scaledown(invocation: Invocation) -> Plan:
    """``--query``: one listing per cluster; otherwise one removal of ``--target`` (``scaleDownCluster``)."""
    names = invocation.args
    if not names:
        raise UsageError(
            "You must specify the clusters to scale down.",
            hint="e.g. pgo scaledown hippo --query, then pgo scaledown hippo --target hippo-abcd",
        )
    namespace = invocation.namespace()
    version = invocation.client_version
    if invocation.value("query"):
        instance_waits.refuse_with_query(invocation, "scaledown")
        calls = [
            Call(
                SCALE_QUERY,
                path={"name": name},
                query={"version": version, "namespace": namespace},
                target=name,
            )
            for name in names
        ]
        return Plan(calls)
    if len(names) > 1:
        raise UsageError(
            f"scaledown removes a replica of one cluster, got {len(names)}: {' '.join(names)}",
            hint="pgo would act on the first one only; name one cluster (--query lists several)",
        )
    target = invocation.value("target")
    if not target:
        # The apiserver answers "Unable to find replica with name " only after the question.
        raise UsageError(
            "scaledown needs --target REPLICA (the replica to remove) or --query (to list the replicas)",
            hint=f"pgo scaledown {names[0]} --query, then pgo scaledown {names[0]} --target <replica>",
        )
    # The deprecated --delete-data (default true) still counts: pgo sends !keep-data && delete-data.
    delete_data = not invocation.value("keep-data") and bool(invocation.value("delete-data"))
    query = {
        "version": version,
        "replica-name": target,
        "delete-data": "true" if delete_data else "false",
        "namespace": namespace,
    }
    call = Call(SCALEDOWN, path={"name": names[0]}, query=query, target=names[0])
    return Plan([call], prompt=ARE_YOU_SURE, check=f"pgo scaledown {names[0]} --query -n {namespace}")


def wait_scale(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``scale --wait``: see :func:`pgo_cli.nouns.scale.waits.scaled`."""
    return waits.scaled(invocation, replies)


def wait_scaledown(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``scaledown --target R --wait``: see :func:`pgo_cli.nouns.scale.waits.scaled_down`."""
    return waits.scaled_down(invocation, replies)


def text_scaledown(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's text: the REPLICA table per cluster (``\\nCluster: <c>`` first, even when refused) or
    the ``deleted replica <t>`` line."""
    if reply.call.endpoint is not SCALE_QUERY:
        text_lines(reply, invocation, out)
        return
    response: ScaleQueryResponse = reply.response
    out.write(querytext.cluster_line(reply.call.target, response.standby))
    if response.status.is_error:
        return
    querytext.write_replicas(response.results, out)


def table_scaledown(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one table of every listed replica, names whole."""
    if any(reply.call.endpoint is not SCALE_QUERY for reply in replies):
        for reply in replies:
            text_lines(reply, invocation, out)
        return
    querytext.write_query_table(
        replies,
        ("REPLICA", "CLUSTER", "STATUS", "NODE", "REPLICATION LAG", "PENDING RESTART"),
        lambda target, cluster: (
            target.name,
            cluster,
            target.status,
            target.node,
            querytext.lag_cell(target),
            querytext.go_bool(target.pending_restart),
        ),
        "No replicas found.",
        out,
        invocation.io.width,
    )


COMMANDS = [
    Command(
        path=("scale",),
        summary="Add replicas to PostgreSQL clusters.",
        help="""Add replicas to one or more PostgreSQL clusters.

The clusters are scaled one after the other, stopping at the first one the apiserver refuses. The new replicas start Pending and become ready after a while; see them with pgo scaledown --query or pgo show cluster. Asks for confirmation first (see --no-prompt); answering no exits 2, as pgo does.

--wait then polls pgo show cluster until every replica the answers name (created Pgreplica <name>) has a pod that is Running and ready (exit 0), or --wait-timeout passes (exit 6); a cluster that disappears meanwhile exits 1.

Examples:

  pgo scale hippo
  pgo scale hippo --replica-count 2 --no-prompt
  pgo scale hippo --no-prompt --wait --wait-timeout 5m
  pgo scale hippo --toleration zone=west:NoSchedule --node-label region=east
""",
        flags=SCALE_FLAGS,
        plan=plan_scale,
        text=text_lines,
        args=Args("CLUSTER", "some", completes="cluster"),
        writes=True,
        prompts=True,
        declined_exit=2,
        wait=wait_scale,
    ),
    Command(
        path=("scaledown",),
        summary="Remove a replica from a PostgreSQL cluster, or list its replicas.",
        help="""Remove one replica from a PostgreSQL cluster, or list the replicas that can be removed.

--query lists the replicas of each cluster (pgo's REPLICA table: the replicas, with status, node, replication lag and pending restart; unknown lag for one that is down).

--target REPLICA removes that replica with its data (its PVCs), unless --keep-data. Removing asks for confirmation first (see --no-prompt); answering no exits 2, as pgo does.

--wait (not with --query, which changes nothing: exit 2, nothing sent) then polls pgo show cluster until the replica has no pod, Deployment or Pgreplica left (exit 0), or --wait-timeout passes (exit 6).

Examples:

  pgo scaledown hippo --query
  pgo scaledown hippo --target hippo-abcd
  pgo scaledown hippo --target hippo-abcd --keep-data --no-prompt
""",
        flags=SCALEDOWN_FLAGS,
        plan=plan_scaledown,
        text=text_scaledown,
        table=table_scaledown,
        example=("hippo", "--target", "hippo-abcd", "--no-prompt"),
        args=Args("CLUSTER", "one", completes="cluster"),
        writes=True,
        prompts=True,
        declined_exit=2,
        text_on_error=True,
        wait=wait_scaledown,
    ),
]
