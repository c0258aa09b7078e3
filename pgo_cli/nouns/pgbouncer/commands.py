"""``pgo create|show|update|delete pgbouncer`` (``cmd/pgo/cmd/pgbouncer.go``, flags in ``create.go``,
``show.go``, ``update.go`` and ``delete.go``).

Each command sends one request naming the clusters (positional arguments) and/or a selector.
Every client-side check of pgo runs before anything is sent (and, for ``update``, before its
question, where pgo asks first); pgo's text is printed when piped, a table on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE, warning
from pgo_cli.errors import UsageError
from pgo_cli.nouns.pgbouncer.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgbouncer.messages import (
    CreatePgbouncerRequest,
    DeletePgbouncerRequest,
    ShowPgBouncerRequest,
    ShowPgBouncerResponse,
    UpdatePgBouncerRequest,
    UpdatePgBouncerResponse,
)
from pgo_cli.nouns.shared.pgbouncer_pgadmin import (
    NAME_OR_SELECTOR,
    NAMES_OR_SELECTOR,
    NOTHING_FOUND,
    OUTPUT,
    QUANTITY_FLAGS,
    SELECTOR,
    check_quantities,
    require_targets,
    targets,
    write_padded_table,
)
from pgo_cli.nouns.shared.results import write_results

#: ``pgBouncerPrompt`` (``cmd/pgo/cmd/update.go``).
UPDATE_PROMPT = "This may cause an interruption in your pgBouncer service. Are you sure you wish to proceed?"
REPLICAS = "You must specify one or more replicas."
CPU = Flag(
    "cpu", "string", "CPU to request for each pgBouncer pod, e.g. 250m (unset by default).", metavar="CPU"
)
CPU_LIMIT = Flag("cpu-limit", "string", "Most CPU a pgBouncer pod may use, e.g. 1.", metavar="CPU")
MEMORY = Flag(
    "memory",
    "string",
    "Memory to request for each pgBouncer pod (the server default is 24Mi).",
    metavar="MEMORY",
)
MEMORY_LIMIT = Flag(
    "memory-limit", "string", "Most memory a pgBouncer pod may use, e.g. 64Mi.", metavar="MEMORY"
)
REPLICAS_FLAG = Flag(
    "replicas",
    "int32",
    "How many pgBouncer pods to run (0 or unset: 1 on create, unchanged on update).",
    metavar="N",
)
SERVICE_TYPE = Flag(
    "service-type",
    "string",
    "Service type of pgBouncer: ClusterIP, NodePort, LoadBalancer or ExternalName (default: the cluster's).",
    metavar="TYPE",
    choices=("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
)


def _check_quantities(invocation: Invocation) -> None:
    check_quantities({flag: str(invocation.value(flag)) for flag in QUANTITY_FLAGS})


# ---------------------------------------------------------------------- create


def plan_create(invocation: Invocation) -> Plan:
    """``createPgbouncerCmd`` then ``createPgbouncer``: names or selector, replicas, quantities."""
    require_targets(invocation, NAME_OR_SELECTOR, "create", "pgbouncer")
    if invocation.value("replicas") < 0:
        raise UsageError(REPLICAS, hint="--replicas takes 1 or more (0 means the default, 1)")
    _check_quantities(invocation)
    namespace = invocation.namespace()
    request = CreatePgbouncerRequest(
        args=list(invocation.args),
        client_version=invocation.client_version,
        cpu_limit=invocation.value("cpu-limit"),
        cpu_request=invocation.value("cpu"),
        memory_limit=invocation.value("memory-limit"),
        memory_request=invocation.value("memory"),
        namespace=namespace,
        replicas=invocation.value("replicas"),
        selector=invocation.value("selector"),
        service_type=invocation.value("service-type"),
        tls_secret=invocation.value("tls-secret"),
    )
    return Plan([Call(CREATE, request)], check=f"pgo show pgbouncer {targets(invocation)} -n {namespace}")


# ---------------------------------------------------------------------- delete


def plan_delete(invocation: Invocation) -> Plan:
    """``deletePgbouncerCmd``: names or selector, then the question."""
    require_targets(invocation, NAME_OR_SELECTOR, "delete", "pgbouncer")
    namespace = invocation.namespace()
    request = DeletePgbouncerRequest(
        args=list(invocation.args),
        selector=invocation.value("selector"),
        namespace=namespace,
        client_version=invocation.client_version,
        uninstall=invocation.value("uninstall"),
    )
    return Plan(
        [Call(DELETE, request)],
        prompt=ARE_YOU_SURE,
        check=f"pgo show pgbouncer {targets(invocation)} -n {namespace}",
    )


# ---------------------------------------------------------------------- show


def plan_show(invocation: Invocation) -> Plan:
    """``showPgBouncer``: names or selector."""
    require_targets(invocation, NAMES_OR_SELECTOR, "show", "pgbouncer")
    request = ShowPgBouncerRequest(
        client_version=invocation.client_version,
        cluster_names=list(invocation.args),
        namespace=invocation.namespace(),
        selector=invocation.value("selector"),
    )
    return Plan([Call(SHOW, request)])


SHOW_HEADINGS = ("CLUSTER", "SERVICE", "USERNAME", "PASSWORD", "CLUSTER IP", "EXTERNAL IP")


def _show_rows(replies: Sequence[Reply]) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for reply in replies:
        response: ShowPgBouncerResponse = reply.response
        for detail in response.results or []:
            rows.append(
                (
                    detail.cluster_name,
                    detail.service_name,
                    detail.username,
                    detail.password,
                    detail.service_cluster_ip,
                    detail.service_external_ip,
                )
            )
    return rows


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``printShowPgBouncerText``: ``Nothing found.`` or pgo's padded table (the password included)."""
    rows = _show_rows([reply])
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_padded_table(SHOW_HEADINGS, rows, out)


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the same columns, values never cut."""
    from pgo_cli.output.table import write_table

    rows = _show_rows(replies)
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_table(SHOW_HEADINGS, rows, out, width=invocation.io.width)


# ---------------------------------------------------------------------- update


def plan_update(invocation: Invocation) -> Plan:
    """``UpdatePgBouncerCmd`` then ``updatePgBouncer``; pgo asks first, here every check comes first."""
    if invocation.value("replicas") < 0:
        raise UsageError(REPLICAS, hint="--replicas takes 1 or more (0 leaves it unchanged)")
    require_targets(invocation, NAMES_OR_SELECTOR, "update", "pgbouncer")
    _check_quantities(invocation)
    namespace = invocation.namespace()
    request = UpdatePgBouncerRequest(
        client_version=invocation.client_version,
        cluster_names=list(invocation.args),
        cpu_limit=invocation.value("cpu-limit"),
        cpu_request=invocation.value("cpu"),
        memory_limit=invocation.value("memory-limit"),
        memory_request=invocation.value("memory"),
        namespace=namespace,
        replicas=invocation.value("replicas"),
        rotate_password=invocation.value("rotate-password"),
        selector=invocation.value("selector"),
        service_type=invocation.value("service-type"),
    )
    return Plan(
        [Call(UPDATE, request)],
        prompt=warning(UPDATE_PROMPT),
        check=f"pgo show pgbouncer {targets(invocation)} -n {namespace}",
    )


UPDATE_HEADINGS = ("CLUSTER", "STATUS", "ERROR")


def _update_rows(replies: Sequence[Reply]) -> list[tuple[str, str, str]]:
    rows = []
    for reply in replies:
        response: UpdatePgBouncerResponse = reply.response
        for detail in response.results or []:
            rows.append((detail.cluster_name, "error" if detail.error else "ok", detail.error_message))
    return rows


def text_update(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``printUpdatePgBouncerText``: ``Nothing found.`` or ``CLUSTER STATUS ERROR`` (STATUS 7 wide)."""
    rows = _update_rows([reply])
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_padded_table(UPDATE_HEADINGS, rows, out, fixed={1: len("STATUS") + 1})


def update_problems(reply: Reply) -> list[str]:
    """pgo_cli's exit 1 for the clusters the server could not update (``Error: true`` rows; pgo exits
    0): one ``<cluster>: <ErrorMessage>`` line each, after the output, in every format."""
    response: UpdatePgBouncerResponse = reply.response
    return [f"{d.cluster_name}: {d.error_message}" for d in response.results or [] if d.error]


def table_update(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: cluster, whether it has pgBouncer, status and error."""
    from pgo_cli.output.table import write_table

    rows = []
    for reply in replies:
        response: UpdatePgBouncerResponse = reply.response
        for detail in response.results or []:
            rows.append(
                (
                    detail.cluster_name,
                    "yes" if detail.has_pgbouncer else "no",
                    invocation.io.colour("error", "31") if detail.error else invocation.io.colour("ok", "32"),
                    detail.error_message,
                )
            )
    if not rows:
        out.write(NOTHING_FOUND + "\n")
        return
    write_table(("CLUSTER", "PGBOUNCER", "STATUS", "ERROR"), rows, out, width=invocation.io.width)


ARGS = Args("CLUSTER", "any", completes="cluster")


def _wait_created(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``create pgbouncer --wait``: ``show pgbouncer`` lists pgBouncer for every cluster named or selected."""
    from pgo_cli.cli.wait import listed_by_show

    return listed_by_show(invocation, SHOW, ShowPgBouncerRequest, "has_pgbouncer", "pgBouncer")


COMMANDS = [
    Command(
        path=("create", "pgbouncer"),
        summary="Add pgBouncer connection pooling to clusters.",
        help="""Add a pgBouncer deployment (and its Service, <cluster>-pgbouncer) to each cluster named or selected.

Running it again on a cluster that has pgBouncer sets the given values again (the replicas go back to 1 unless --replicas is given). With --tls-secret pgBouncer accepts TLS connections; the cluster itself must have TLS enabled.

Examples:

  pgo create pgbouncer hippo -n pgo
  pgo create pgbouncer hippo --replicas 2 --memory 64Mi --memory-limit 128Mi
  pgo create pgbouncer -s env=prod --service-type LoadBalancer
""",
        flags=(
            CPU,
            CPU_LIMIT,
            MEMORY,
            MEMORY_LIMIT,
            REPLICAS_FLAG,
            SELECTOR,
            SERVICE_TYPE,
            Flag(
                "tls-secret",
                "string",
                "Secret holding the TLS key pair pgBouncer serves (the cluster must have TLS enabled).",
                metavar="SECRET",
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
        path=("show", "pgbouncer"),
        summary="Show the pgBouncer user, password and Service of clusters.",
        help="""Show the pgBouncer of each cluster named or selected: its Service, addresses, user and password.

A cluster without pgBouncer gets a row with only its name.

Examples:

  pgo show pgbouncer hippo -n pgo
  pgo show pgbouncer -s env=prod -o json
""",
        flags=(SELECTOR, OUTPUT),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=ARGS,
    ),
    Command(
        path=("update", "pgbouncer"),
        summary="Change the pgBouncer of clusters (password, resources, replicas, Service type).",
        help="""Change the pgBouncer deployment of each cluster named or selected.

--rotate-password gives the pgbouncer user a new password; the other flags change the pod resources, the number of pods or the Service type. A cluster without pgBouncer is left alone (STATUS ok). A cluster the server could not update (STATUS error) is also reported as an Error line on stderr, and the exit status is 1. This may interrupt pgBouncer's connections: asks for confirmation first (see --no-prompt).

Examples:

  pgo update pgbouncer hippo --rotate-password
  pgo update pgbouncer hippo --replicas 3 --memory 64Mi --no-prompt
  pgo update pgbouncer -s env=prod --service-type NodePort -o json --no-prompt
""",
        flags=(
            CPU,
            CPU_LIMIT,
            MEMORY,
            MEMORY_LIMIT,
            NO_PROMPT,
            OUTPUT,
            REPLICAS_FLAG,
            Flag(
                "rotate-password",
                "bool",
                "Give the pgbouncer user a new password (pgBouncer reconnects).",
            ),
            SELECTOR,
            SERVICE_TYPE,
        ),
        plan=plan_update,
        text=text_update,
        table=table_update,
        args=ARGS,
        writes=True,
        prompts=True,
        problems=update_problems,
    ),
    Command(
        path=("delete", "pgbouncer"),
        summary="Remove pgBouncer from clusters.",
        help="""Remove the pgBouncer deployment, Service and password Secret of each cluster named or selected.

It reports "<cluster> pgbouncer deleted" even for a cluster that had no pgBouncer. --uninstall also removes the pgbouncer user and objects from PostgreSQL (not possible on a standby cluster). Asks for confirmation first (see --no-prompt).

Examples:

  pgo delete pgbouncer hippo -n pgo
  pgo delete pgbouncer -s env=dev --uninstall --no-prompt
""",
        flags=(
            NO_PROMPT,
            SELECTOR,
            Flag(
                "uninstall",
                "bool",
                'Also remove the "pgbouncer" user and the objects it owns from PostgreSQL.',
            ),
        ),
        plan=plan_delete,
        text=write_results,
        args=ARGS,
        writes=True,
        prompts=True,
    ),
]
