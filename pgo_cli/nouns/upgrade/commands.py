"""``pgo upgrade CLUSTER...``: ask the operator to upgrade clusters (``cmd/pgo/cmd/upgrade.go``).

pgo prints that the replicas will be scaled down and the primary recreated, asks, then sends one
``CreateUpgradeRequest`` for all the names (``POST /upgrades``). ``Selector`` is always empty:
pgo reads a ``--selector`` it never registers for this command. pgo prints the server's lines
(``created upgrade task for <c>``) but not the workflow ID; the terminal table and ``-o json``
show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.shared.results import write_results
from pgo_cli.nouns.upgrade.endpoints import CREATE_UPGRADE
from pgo_cli.nouns.upgrade.messages import CreateUpgradeRequest, CreateUpgradeResponse

WARNING = (
    "All active replicas will be scaled down and the primary database in this cluster will be "
    "stopped and recreated as part of this workflow!"
)

FLAGS = (
    Flag(
        "ccp-image-tag",
        "string",
        "Image tag to upgrade to (e.g. for PostGIS images); overrides the server's default tag "
        "and skips its tag check.",
        metavar="TAG",
    ),
    Flag(
        "ignore-validation",
        "bool",
        "Skip the server's checks of the Postgres Operator version and of the image tag.",
    ),
    NO_PROMPT,
)


def plan(invocation: Invocation) -> Plan:
    """One request for every named cluster (``createUpgrade``)."""
    if not invocation.args:
        raise UsageError("You must specify the cluster to upgrade.", hint="e.g. pgo upgrade hippo")
    namespace = invocation.namespace()
    request = CreateUpgradeRequest(
        args=list(invocation.args),
        selector="",
        namespace=namespace,
        client_version=invocation.client_version,
        ignore_validation=invocation.value("ignore-validation"),
        upgrade_ccp_image_tag=invocation.value("ccp-image-tag"),
    )
    names = " ".join(invocation.args)
    return Plan(
        [Call(CREATE_UPGRADE, request, target=names)],
        prompt=ARE_YOU_SURE,
        warnings=[WARNING],
        check=f"pgo show cluster {names} -n {namespace}",
    )


def wait(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``upgrade --wait``: see :func:`pgo_cli.nouns.upgrade.waits.upgrades_done`."""
    from pgo_cli.nouns.upgrade import waits

    return waits.upgrades_done(invocation, replies)


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the lines, then the workflow ID to follow with ``pgo show workflow``."""
    for reply in replies:
        response: CreateUpgradeResponse = reply.response
        for line in response.results or []:
            out.write(line + "\n")
        if response.workflow_id:
            out.write(f"workflow id {response.workflow_id} (pgo show workflow {response.workflow_id})\n")


COMMANDS = [
    Command(
        path=("upgrade",),
        summary="Upgrade clusters made by an older Postgres Operator.",
        help="""Upgrade PostgreSQL clusters for use with this Postgres Operator version: the operator scales the replicas down, recreates the primary with the current images and brings the replicas back. Asks for confirmation first (see --no-prompt).

The server refuses a cluster from an unsupported operator version or an image tag of another PostgreSQL major version, unless --ignore-validation is given, and refuses a cluster whose previous upgrade task still exists.

--wait then polls pgo show cluster until each upgraded cluster's pgo-version label is this version (and its image tag the --ccp-image-tag, when given) and every instance is Running and ready again (exit 0); exit 6 when --wait-timeout passes first, 1 when a cluster disappears.

Examples:

  pgo upgrade hippo -n pgo
  pgo upgrade hippo --ccp-image-tag centos8-13.5-3.0-4.7.4 --no-prompt
  pgo upgrade hippo --no-prompt --wait --wait-timeout 20m
""",
        flags=FLAGS,
        plan=plan,
        text=write_results,
        table=table,
        args=Args("CLUSTER", "some", completes="cluster"),
        writes=True,
        prompts=True,
        wait=wait,
    )
]
