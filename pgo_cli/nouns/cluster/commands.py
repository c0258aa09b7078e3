"""``pgo create cluster``, ``pgo show cluster`` and ``pgo delete cluster``: registered commands.

create's 83 flags are the table of :mod:`pgo_cli.nouns.cluster.flags`, show's and delete's are
here; the create request comes from
:mod:`pgo_cli.nouns.cluster.request`, the text from :mod:`pgo_cli.nouns.cluster.text` and the
terminal table from :mod:`pgo_cli.nouns.cluster.table`. Importing this module imports neither
rich nor requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, WAIT_FLAGS, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster import endpoints
from pgo_cli.nouns.cluster.flags import CREATE_EXTRA_FLAGS, CREATE_FLAGS
from pgo_cli.nouns.cluster.messages import DeleteClusterRequest, ShowClusterRequest

__all__ = ["COMMANDS", "DELETE_FLAGS", "DELETE_PROMPTS", "SHOW_FLAGS"]

#: pgo's confirmation prompts, by (--keep-backups, --keep-data).
DELETE_PROMPTS = {
    (False, False): "WARNING - This will delete ALL OF YOUR DATA, including backups. Proceed? (yes/no): ",
    (True, False): "WARNING - This will delete your active data, but your backups will still be available. "
    "Proceed? (yes/no): ",
    (False, True): "WARNING - This will delete your cluster as well as your backups, but your data is still "
    "accessible if you recreate the cluster. Proceed? (yes/no): ",
    (True, True): "WARNING: Are you sure? (yes/no): ",
}

#: ``pgo show cluster`` (§5.1), plus ``--wide`` for the table.
SHOW_FLAGS: tuple[Flag, ...] = (
    Flag("all", "bool", "Show every cluster of the namespace (names are then ignored)."),
    Flag(
        "selector",
        "string",
        "Kubernetes label selector on the clusters, e.g. env=prod (names are then ignored).",
        short="s",
        metavar="SELECTOR",
    ),
    Flag(
        "output",
        "string",
        "Output: table (terminal default), wide (the table with every column), pgo (pgo's text; default "
        "when piped), json (one document), yaml (the same document as YAML), name (one name per line).",
        short="o",
        metavar="FORMAT",
        choices=("table", "wide", "pgo", "json", "yaml", "name"),
    ),
    Flag(
        "ccp-image-tag",
        "string",
        "Only clusters running this PostgreSQL image tag (filtered by the server).",
        metavar="TAG",
    ),
    Flag(
        "wide",
        "bool",
        "Table output: every column (namespace, deployments, ports, all labels) and each cluster's pods "
        "and volumes (the same as -o wide).",
        short="w",
    ),
)

#: ``pgo delete cluster`` (§6.1), plus ``--yes`` and ``--dry-run``.
DELETE_FLAGS: tuple[Flag, ...] = (
    Flag("all", "bool", "Delete every cluster of the namespace."),
    Flag(
        "selector",
        "string",
        "Kubernetes label selector on the clusters to delete, e.g. env=test.",
        short="s",
        metavar="SELECTOR",
    ),
    Flag("keep-backups", "bool", "Keep the pgBackRest backups (e.g. to recreate the cluster later)."),
    Flag("keep-data", "bool", "Keep the PostgreSQL data volume (a cluster of the same name can reuse it)."),
    NO_PROMPT,
    Flag(
        "delete-backups",
        "bool",
        "Deprecated: backups are deleted unless --keep-backups is given.",
        short="b",
        hidden=True,
        deprecated="Backups are deleted by default. If you would like to keep your backups, use the "
        "--keep-backups flag",
    ),
    Flag(
        "delete-data",
        "bool",
        "Deprecated: data is deleted unless --keep-data is given.",
        short="d",
        hidden=True,
        deprecated="Data is deleted by default. You can preserve your data by keeping your backups with "
        "the --keep-backups flag",
    ),
    Flag("dry-run", "bool", "Send nothing: print the request(s) as curl commands (or JSON with -o json)."),
    Flag(
        "output",
        "string",
        "Output: pgo (the server's result lines, default), json or yaml.",
        short="o",
        metavar="FORMAT",
        choices=("pgo", "json", "yaml"),
    ),
    *WAIT_FLAGS,
)


# --------------------------------------------------------------------------------------------------
# create cluster


def plan_create(invocation: Invocation) -> Plan:
    """pgo's checks in pgo's order (create.go, cluster.go ``createCluster``), then one POST /clusters."""
    from pgo_cli.nouns.cluster.create_messages import CREATE
    from pgo_cli.nouns.cluster.request import CreateInput, check_cluster_name, create_request

    name = check_cluster_name(invocation.args, invocation.values)
    values = invocation.values
    settings = invocation.session.settings
    request = create_request(
        CreateInput(
            name=name,
            namespace=settings.namespace,
            client_version=settings.client_version,
            values=values,
            typed=invocation.typed,
            environ=invocation.io.environ,
            stdin=invocation.io.stdin,
        )
    )
    if request.pg_data_source.restore_from:
        _check_bootstrap_target(request.pg_data_source.restore_opts)
    namespace = invocation.namespace()  # an empty one is refused only after pgo's own checks
    gcs_key = str(values.get("pgbackrest_gcs_key") or "")
    return Plan(
        [
            Call(
                CREATE,
                request,
                target=name,
                secret_files={"BackrestGCSKey": gcs_key} if gcs_key else {},
            )
        ],
        check=f"pgo show cluster {name} -n {namespace}",
    )


def _check_bootstrap_target(opts: str) -> None:
    """Refuse ``--restore-opts`` whose ``--type`` and ``--target`` cannot work together.

    The new cluster is bootstrapped by ``pgbackrest restore`` with these options
    (internal/operator/cluster/clusterlogic.go); pgBackRest takes a ``--target`` only with
    ``--type`` time, name, xid or lsn, and needs one with those types. The apiserver checks only
    the option names, so the cluster is made and its bootstrap job then fails.
    """
    from pgo_cli.nouns.shared import backup_options as options

    restore_type = options.restore_type(opts)
    has_target = options.RESTORE_TARGET.search(opts) is not None
    if restore_type in options.TARGET_TYPES and not has_target:
        raise UsageError(
            f"--restore-opts {opts!r} asks for a --type={restore_type} restore without a --target: "
            "pgBackRest would refuse it and the new cluster would never bootstrap",
            hint=f"add the {restore_type} to recover to, e.g. --restore-opts='--type=time "
            '--target="2021-06-30 11:59:59+00"\''
            if restore_type == "time"
            else f"add --target=<the {restore_type} to recover to> to --restore-opts",
        )
    if has_target and restore_type not in options.TARGET_TYPES:
        got = f"--type={restore_type}" if restore_type else "no --type"
        raise UsageError(
            f"--restore-opts {opts!r} has a --target but {got}: pgBackRest takes a target only with "
            "--type time, name, xid or lsn, so the new cluster would never bootstrap",
            hint="add the matching --type, e.g. --restore-opts='--type=time --target=…'",
        )


def text_create(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    from pgo_cli.nouns.cluster.text import write_created

    write_created(reply.response, out)


def table_create(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    from pgo_cli.nouns.cluster.table import write_created

    for reply in replies:
        write_created(reply.response, invocation.namespace(), out)


def wait_create(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    from pgo_cli.nouns.cluster import waits

    call = replies[0].call
    name, namespace = call.target, invocation.namespace()
    probe = waits.created(invocation.client(), name, namespace, int(call.request.replica_count))
    return Waiting(probe, f"{name}: create", f"pgo test {name} -n {namespace}")


_CREATE_HELP = """Create a PostgreSQL cluster: a primary, optional replicas, pgBackRest, and more.

Sends exactly what pgo 4.7.4 sends for the same flags. Values are checked first (quantities, \
labels, annotations, tolerations, tablespaces, node affinity, the GCS key file); a bad one stops \
the command with exit 2 before anything is sent.

Passwords need not be typed on the command line (where ps and shell history see them): \
--password-file, --password-superuser-file and --password-replication-file read the first line of \
a file ('-': standard input); the variables PGO_CLUSTER_PASSWORD, PGO_CLUSTER_PASSWORD_SUPERUSER and \
PGO_CLUSTER_PASSWORD_REPLICATION are used when neither flag is given.

Examples:

  pgo create cluster hippo -n pgo
  pgo create cluster hippo --replica-count=1 --memory=1Gi --label=env=prod -n pgo
  pgo create cluster hippo --dry-run -n pgo
"""


# --------------------------------------------------------------------------------------------------
# show cluster


def plan_show(invocation: Invocation) -> Plan:
    """One POST /showclusters per name, or one for --all / --selector (show.go, cluster.go)."""
    names = invocation.args
    all_flag = bool(invocation.value("all"))
    selector = str(invocation.value("selector"))
    if not names and not selector and not all_flag:
        raise UsageError(
            "Cluster name(s), --selector, or --all required for this command.",
            hint="e.g. pgo show cluster hippo, pgo show cluster --all, pgo show cluster -s env=prod",
        )
    namespace = invocation.namespace()
    targets: Sequence[str] = names
    warnings: list[str] = []
    if selector or all_flag:
        if names:
            warnings.append(f"note: cluster names are ignored with {'--selector' if selector else '--all'}")
        targets = ("",)
    calls = [
        Call(
            endpoints.SHOW,
            ShowClusterRequest(
                clustername=target,
                selector=selector,
                ccpimagetag=str(invocation.value("ccp-image-tag")),
                clientversion=invocation.client_version,
                namespace=namespace,
                allflag=all_flag,
            ),
            target=target,
        )
        for target in targets
    ]
    return Plan(calls, warnings=warnings)


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's blocks, one cluster at a time (``large_answers``: the runner writes an answer only
    once every cluster of it has been read, so a malformed one fails the answer as a whole, as in
    pgo)."""
    from pgo_cli.nouns.cluster.text import write_results

    write_results(reply.response.results or [], out)


def names_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``-o name``: one cluster name per line."""
    from pgo_cli.nouns.cluster.names import write_name

    for detail in reply.response.results or []:
        write_name(detail, out)


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """The terminal table of every answer's clusters (``-o wide``: every column, their pods and
    volumes too), read one cluster at a time."""
    if not any(reply.response.results for reply in replies):
        out.write("No clusters found.\n")
        return
    from pgo_cli.nouns.cluster.table import write_clusters
    from pgo_cli.nouns.cluster.text import readings

    details = (detail for reply in replies for detail in readings(reply.response.results or []))
    write_clusters(details, out, wide=invocation.wide)


_SHOW_HELP = """Show PostgreSQL clusters: by name, all of a namespace (--all) or by label (-s).

Output (-o): table on a terminal (what pgo's text shows, the columns that do not fit left out and \
named below it; -o wide or --wide: every column, and the pods and their volumes); pgo's own text \
when piped, so scripts written for pgo keep working; json (one document, even for several names); name (one \
cluster name per line, e.g. for xargs).

Examples:

  pgo show cluster hippo -n pgo
  pgo show cluster --all -n pgo -o name
  pgo show cluster -s env=prod -o json -n pgo
"""


# --------------------------------------------------------------------------------------------------
# delete cluster


def plan_delete(invocation: Invocation) -> Plan:
    """One POST /clustersdelete per name, or one for --all / --selector, after pgo's question."""
    names = invocation.args
    all_flag = bool(invocation.value("all"))
    selector = str(invocation.value("selector"))
    keep_backups = bool(invocation.value("keep-backups"))
    keep_data = bool(invocation.value("keep-data"))
    if not names and not selector and not all_flag:
        raise UsageError(
            "A cluster name,  selector, or --all is required for this command.",
            hint="e.g. pgo delete cluster hippo, pgo delete cluster --all, pgo delete cluster -s env=test",
        )
    namespace = invocation.namespace()
    if all_flag:
        targets: Sequence[str] = ("all",)
    elif names:
        targets = names
    else:
        targets = ("",)  # a selector alone: one request carrying it (pgo sends none)
    calls = []
    for target in targets:
        request = DeleteClusterRequest(
            clustername=target,
            selector=selector,
            client_version=invocation.client_version,
            namespace=namespace,
            all_flag=False,
            delete_backups=not keep_backups,
            delete_data=not keep_data,
        )
        calls.append(Call(endpoints.DELETE, request, target=target, check=_show_again(request, namespace)))
    return Plan(calls, prompt=DELETE_PROMPTS[(keep_backups, keep_data)])


def _what(request: DeleteClusterRequest) -> str:
    if request.clustername not in ("", "all"):
        return request.clustername
    return request.selector or "--all"


def _show_again(request: DeleteClusterRequest, namespace: str) -> str:
    """How to see whether a delete that may have reached the server was carried out."""
    if request.selector:
        return f"pgo show cluster -s {request.selector} -n {namespace}"
    shown = request.clustername if request.clustername not in ("", "all") else "--all"
    return f"pgo show cluster {shown} -n {namespace}"


def text_delete(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """The server's result lines, one per line."""
    from pgo_cli.nouns.cluster.text import write_lines

    write_lines(reply.response.results or [], out)


def wait_delete(invocation: Invocation, replies: Sequence[Reply]) -> list[Waiting]:
    """``--wait``: per request, until the same selection shows nothing any more."""
    from pgo_cli.nouns.shared import instance_waits

    waiting = []
    for reply in replies:
        request = reply.call.request
        selection = ShowClusterRequest(
            clustername=request.clustername if request.clustername != "all" else "",
            selector=request.selector,
            clientversion=invocation.client_version,
            namespace=request.namespace,
            allflag=request.clustername == "all",
        )
        what = _what(request)
        check = f"pgo show cluster {what} -n {request.namespace}"
        waiting.append(
            Waiting(instance_waits.deleted(invocation.client(), selection), f"{what}: delete", check)
        )
    return waiting


_DELETE_HELP = """Delete PostgreSQL clusters: by name, all of a namespace (--all) or by label (-s).

Data and backups are deleted unless --keep-data / --keep-backups is given. Asks for confirmation \
first (see --no-prompt); answering no is not an error (exit 0).

Examples:

  pgo delete cluster hippo -n pgo
  pgo delete cluster hippo --keep-backups --yes -n pgo
  pgo delete cluster -s env=test --dry-run -n pgo
"""


COMMANDS = [
    Command(
        path=("create", "cluster"),
        summary="Create a PostgreSQL cluster.",
        help=_CREATE_HELP,
        flags=(*CREATE_FLAGS, *CREATE_EXTRA_FLAGS),
        args=Args(count="one"),
        plan=plan_create,
        text=text_create,
        table=table_create,
        writes=True,
        wait=wait_create,
    ),
    Command(
        path=("show", "cluster"),
        summary="Show PostgreSQL clusters.",
        help=_SHOW_HELP,
        flags=SHOW_FLAGS,
        args=Args("CLUSTER", completes="cluster"),
        plan=plan_show,
        text=text_show,
        table=table_show,
        names=names_show,
        large_answers=True,
    ),
    Command(
        path=("delete", "cluster"),
        summary="Delete PostgreSQL clusters.",
        help=_DELETE_HELP,
        flags=DELETE_FLAGS,
        args=Args("CLUSTER", completes="cluster"),
        plan=plan_delete,
        text=text_delete,
        writes=True,
        prompts=True,
        wait=wait_delete,
    ),
]
