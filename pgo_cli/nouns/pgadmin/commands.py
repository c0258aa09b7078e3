"""``pgo create|show|delete pgadmin`` (``cmd/pgo/cmd/pgadmin.go``, flags in ``create.go``, ``show.go``
and ``delete.go``).

Each command sends one request naming the clusters and/or a selector. pgo's ``show pgadmin``
prints ``outputting text`` (or ``outputting in json``) before its payload; here the text keeps that
line when piped, but ``-o json`` prints only the JSON document, so that it parses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.nouns.pgadmin.endpoints import CREATE, DELETE, SHOW
from pgo_cli.nouns.pgadmin.messages import (
    CreatePgAdminRequest,
    DeletePgAdminRequest,
    ShowPgAdminRequest,
    ShowPgAdminResponse,
)
from pgo_cli.nouns.shared.pgbouncer_pgadmin import (
    NAME_OR_SELECTOR,
    NAMES_OR_SELECTOR,
    NOTHING_FOUND,
    OUTPUT,
    SELECTOR,
    require_targets,
    targets,
    write_padded_table,
)
from pgo_cli.nouns.shared.results import write_results

OUTPUTTING_TEXT = "outputting text"


def plan_create(invocation: Invocation) -> Plan:
    """``createPgAdminCmd`` then ``createPgAdmin``."""
    require_targets(invocation, NAME_OR_SELECTOR, "create", "pgadmin")
    namespace = invocation.namespace()
    request = CreatePgAdminRequest(
        args=list(invocation.args),
        client_version=invocation.client_version,
        namespace=namespace,
        selector=invocation.value("selector"),
        storage_config=invocation.value("storage-config"),
        pvc_size=invocation.value("pvc-size"),
    )
    return Plan([Call(CREATE, request)], check=f"pgo show pgadmin {targets(invocation)} -n {namespace}")


def plan_delete(invocation: Invocation) -> Plan:
    """``deletePgAdminCmd``: names or selector, then the question."""
    require_targets(invocation, NAME_OR_SELECTOR, "delete", "pgadmin")
    namespace = invocation.namespace()
    request = DeletePgAdminRequest(
        args=list(invocation.args),
        selector=invocation.value("selector"),
        namespace=namespace,
        client_version=invocation.client_version,
    )
    return Plan(
        [Call(DELETE, request)],
        prompt=ARE_YOU_SURE,
        check=f"pgo show pgadmin {targets(invocation)} -n {namespace}",
    )


def plan_show(invocation: Invocation) -> Plan:
    """``showPgAdmin``: names or selector."""
    require_targets(invocation, NAMES_OR_SELECTOR, "show", "pgadmin")
    request = ShowPgAdminRequest(
        client_version=invocation.client_version,
        cluster_names=list(invocation.args),
        namespace=invocation.namespace(),
        selector=invocation.value("selector"),
    )
    return Plan([Call(SHOW, request)])


SHOW_HEADINGS = ("CLUSTER", "SERVICE", "CLUSTER IP", "EXTERNAL IP")


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``outputting text``, then ``printShowPgAdminText`` (after a refusal, pgo's first line only)."""
    response: ShowPgAdminResponse = reply.response
    out.write(OUTPUTTING_TEXT + "\n")
    if response.status.is_error:
        return  # the Error line is on stderr
    rows = [
        (d.cluster_name, d.service_name, d.service_cluster_ip, d.service_external_ip)
        for d in response.results or []
    ]
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_padded_table(SHOW_HEADINGS, rows, out)


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the same columns plus pgAdmin's logins."""
    from pgo_cli.output.table import write_table

    rows = []
    for reply in replies:
        response: ShowPgAdminResponse = reply.response
        for d in response.results or []:
            users = ", ".join(user for user in d.users or [] if user)
            rows.append((d.cluster_name, d.service_name, d.service_cluster_ip, d.service_external_ip, users))
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_table((*SHOW_HEADINGS, "USERS"), rows, out, width=invocation.io.width)


ARGS = Args("CLUSTER", "any", completes="cluster")


def _wait_created(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``create pgadmin --wait``: ``show pgadmin`` lists pgAdmin for every cluster named or selected."""
    from pgo_cli.cli.wait import listed_by_show

    return listed_by_show(invocation, SHOW, ShowPgAdminRequest, "has_pgadmin", "pgAdmin")


COMMANDS = [
    Command(
        path=("create", "pgadmin"),
        summary="Add a pgAdmin 4 web console to clusters.",
        help="""Add a pgAdmin 4 deployment, its Service (<cluster>-pgadmin, port 5050) and its PVC to each cluster named or selected.

The cluster's users whose passwords the operator keeps can log in with them. The PVC uses pgo.yaml's PGAdminStorage unless --storage-config names another storage configuration; --pvc-size overrides its size.

Examples:

  pgo create pgadmin hippo -n pgo
  pgo create pgadmin hippo --storage-config gce --pvc-size 1Gi
""",
        flags=(
            SELECTOR,
            Flag(
                "storage-config",
                "string",
                "Storage configuration (from pgo.yaml) for pgAdmin's PVC.",
                metavar="NAME",
            ),
            Flag(
                "pvc-size",
                "string",
                "Size of pgAdmin's PVC, a Kubernetes quantity such as \"10.1Gi\" (default: the storage's).",
                metavar="SIZE",
            ),
        ),
        plan=plan_create,
        wait=_wait_created,
        text=write_results,
        args=ARGS,
        writes=True,
        text_on_error=True,
    ),
    Command(
        path=("show", "pgadmin"),
        summary="Show the pgAdmin Service of clusters.",
        help="""Show the pgAdmin of each cluster named or selected: its Service and addresses (and, with -o json or on a terminal, its logins).

A cluster without pgAdmin gets a row with only its name. Piped, the text starts with pgo's "outputting text" line; -o json prints one JSON document and nothing else.

Examples:

  pgo show pgadmin hippo -n pgo
  pgo show pgadmin -s env=prod -o json
""",
        flags=(
            SELECTOR,
            OUTPUT,
        ),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=ARGS,
        text_on_error=True,
    ),
    Command(
        path=("delete", "pgadmin"),
        summary="Remove pgAdmin from clusters.",
        help="""Remove the pgAdmin deployment, Service and PVC of each cluster named or selected.

It reports "<cluster> pgAdmin delete scheduled" even for a cluster that has no pgAdmin. Asks for confirmation first (see --no-prompt).

Examples:

  pgo delete pgadmin hippo -n pgo
  pgo delete pgadmin -s env=dev --no-prompt
""",
        flags=(NO_PROMPT, SELECTOR),
        plan=plan_delete,
        text=write_results,
        args=ARGS,
        writes=True,
        prompts=True,
    ),
]
