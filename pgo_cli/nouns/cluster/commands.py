"""``pgo create cluster``, ``pgo show cluster`` and ``pgo delete cluster``.

The commands are built from the flag tables of :mod:`pgo_cli.nouns.cluster.flags`; the request
bodies come from :mod:`pgo_cli.nouns.cluster.request` and :mod:`pgo_cli.nouns.cluster.messages`, the output from
:mod:`pgo_cli.render`. Importing this module imports neither rich nor requests.

Errors are raised (the boundary in :mod:`pgo_cli.cli.app` prints them); the one exception is a
request that fails while others of the same command still run (several names): its ``Error:``
line is written when it happens and the command exits 1 at the end.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click
from typer.core import TyperArgument, TyperCommand

from pgo_cli.cli.flagspec import Flag, given
from pgo_cli.cli.prompt import NO_ANSWERS, YES_ANSWERS, confirm, no_terminal
from pgo_cli.cli.registry import ClickCommand
from pgo_cli.cli.runtime import note_if_sent, write_error
from pgo_cli.errors import ApiError, ExitCode, PgoError, UsageError
from pgo_cli.nouns.cluster.flags import CREATE_EXTRA_FLAGS, CREATE_FLAGS, DELETE_FLAGS, SHOW_FLAGS

if TYPE_CHECKING:
    from pgo_cli.cli.runtime import Session

__all__ = ["COMMANDS", "DELETE_PROMPTS", "NO_ANSWERS", "YES_ANSWERS", "confirm"]

_CONTEXT = {"help_option_names": ["-h", "--help"]}

#: pgo's confirmation prompts, by (--keep-backups, --keep-data).
DELETE_PROMPTS = {
    (False, False): "WARNING - This will delete ALL OF YOUR DATA, including backups. Proceed? (yes/no): ",
    (True, False): "WARNING - This will delete your active data, but your backups will still be available. "
    "Proceed? (yes/no): ",
    (False, True): "WARNING - This will delete your cluster as well as your backups, but your data is still "
    "accessible if you recreate the cluster. Proceed? (yes/no): ",
    (True, True): "WARNING: Are you sure? (yes/no): ",
}


# --------------------------------------------------------------------------------------------------
# shared helpers


def _names_argument() -> click.Argument:
    return TyperArgument(param_decls=["names"], nargs=-1, required=False, metavar="[NAME]...")


def _typed(ctx: click.Context, flags: Iterable[Flag]) -> frozenset[str]:
    return frozenset(flag.name for flag in flags if given(ctx, flag))


def _warn_deprecated(ctx: click.Context, flags: Iterable[Flag]) -> None:
    for flag in flags:
        if flag.deprecated and given(ctx, flag):
            sys.stderr.write(f"Flag --{flag.name} has been deprecated, {flag.deprecated}\n")


def _command(
    name: str, flags: Sequence[Flag], callback: Callable[..., Any], help_text: str, short: str
) -> TyperCommand:
    return TyperCommand(
        name=name,
        params=[flag.option() for flag in flags] + [_names_argument()],
        callback=callback,
        help=help_text,
        short_help=short,
        context_settings=_CONTEXT,
        no_args_is_help=False,
    )


# --------------------------------------------------------------------------------------------------
# create cluster


def _create(names: tuple[str, ...], **values: Any) -> int:
    from pgo_cli.cli.runtime import choose_output, session_for
    from pgo_cli.nouns.cluster import calls
    from pgo_cli.nouns.cluster.request import CreateInput, build_create_body, check_cluster_name
    from pgo_cli.sdk.session import environment

    ctx = click.get_current_context()
    name = check_cluster_name(names, values)
    wait_timeout = _wait_timeout(values)
    body = build_create_body(
        CreateInput(
            name=name,
            namespace="",
            client_version="",
            values=values,
            typed=_typed(ctx, CREATE_FLAGS),
            environ=environment(),
            stdin=sys.stdin,
        )
    )
    output = choose_output(values.get("output"), ("table", "pgo", "json"))
    session = session_for(ctx)
    namespace = session.namespace()
    body["Namespace"] = namespace
    body["ClientVersion"] = session.settings.client_version
    if values.get("dry_run"):
        from pgo_cli.output import dry_run

        secret_files = {"BackrestGCSKey": values.get("pgbackrest_gcs_key") or ""}
        request = dry_run.PlannedRequest("POST", "/clusters", body)
        dry_run.write_requests(
            [request], session.settings, output == "json", sys.stdout, secret_files, env=session.env
        )
        return ExitCode.OK
    try:
        response = calls.send_create(session.client(), body)
    except PgoError as error:
        note_if_sent(error, f"pgo show cluster {name} -n {namespace}")
        raise
    if output == "json":
        from pgo_cli.nouns.cluster.messages import to_wire
        from pgo_cli.output.json_out import write_document

        write_document(to_wire(response), sys.stdout)
    elif output == "table":
        from pgo_cli.nouns.cluster import table

        table.write_created(response, namespace, sys.stdout)
    else:
        from pgo_cli.nouns.cluster import text as pgo_text

        pgo_text.write_created(response, sys.stdout)
    if wait_timeout is None:
        return ExitCode.OK
    from pgo_cli.nouns.cluster import waits

    probe = waits.created(session.client(), name, namespace, int(body["ReplicaCount"]))
    return _wait(probe, f"{name}: create", f"pgo test {name} -n {namespace}", wait_timeout)


def _wait_timeout(values: dict[str, Any]) -> float | None:
    """``--wait-timeout`` in seconds when ``--wait`` is given (checked before anything is sent)."""
    if not values.get("wait"):
        return None
    from pgo_cli.cli.wait import parse_duration

    return parse_duration(str(values.get("wait_timeout") or "10m"))


def _wait(probe: Any, what: str, check: str, timeout: float) -> int:
    from pgo_cli.cli.io import IO
    from pgo_cli.cli.wait import wait_for

    sys.stdout.flush()
    return wait_for(probe, what=what, check=check, timeout=timeout, io=IO.system())


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


def _create_command() -> TyperCommand:
    return _command(
        "cluster", (*CREATE_FLAGS, *CREATE_EXTRA_FLAGS), _create, _CREATE_HELP, "Create a PostgreSQL cluster."
    )


# --------------------------------------------------------------------------------------------------
# show cluster


def _show(names: tuple[str, ...], **values: Any) -> int:
    from pgo_cli.cli.runtime import choose_output, session_for

    all_flag = bool(values.get("all"))
    selector = values.get("selector") or ""
    if not names and not selector and not all_flag:
        raise UsageError(
            "Cluster name(s), --selector, or --all required for this command.",
            hint="e.g. pgo show cluster hippo, pgo show cluster --all, pgo show cluster -s env=prod",
        )
    output = choose_output(values.get("output"), ("table", "wide", "pgo", "json", "name"))
    if output == "wide":
        output, values["wide"] = "table", True
    session = session_for(click.get_current_context())
    namespace = session.namespace()
    targets: Sequence[str] = names
    if selector or all_flag:
        if names:
            sys.stderr.write(
                f"note: cluster names are ignored with {'--selector' if selector else '--all'}\n"
            )
        targets = ("",)
    with _no_cycle_collection():
        return _show_targets(session, targets, output, namespace, values)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Run without Python's cyclic garbage collector (reference counting still frees everything).

    Decoding and printing a large answer allocates a great many small objects and no cycles; the
    collector would walk them again and again for nothing to free (~120 ms of the ~530 ms of
    ``show --all`` for 2,000 clusters).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _show_targets(
    session: Session, targets: Sequence[str], output: str, namespace: str, values: dict[str, Any]
) -> int:
    """One request per target, each answer printed as it comes (the table and json at the end)."""
    from pgo_cli.cli import large
    from pgo_cli.nouns.cluster import endpoints
    from pgo_cli.nouns.cluster.messages import ShowClusterRequest

    all_flag = bool(values.get("all"))
    selector = values.get("selector") or ""
    client = session.client()
    out = sys.stdout
    failed = False
    answers: list[dict[str, Any]] = []
    fetched: list[large.Fetched] = []
    for target in targets:
        request = ShowClusterRequest(
            clustername=target,
            selector=selector,
            ccpimagetag=values.get("ccp_image_tag") or "",
            clientversion=session.settings.client_version,
            namespace=namespace,
            allflag=all_flag,
        )
        try:
            if output == "json":
                # Passed through as decoded: only Code/Msg are read (no typed copy of 2,000 clusters).
                answers.append(_show_raw(client, request))
                continue
            # The clusters are decoded one at a time as they are printed; an answer with a
            # malformed cluster fails as a whole, as in pgo (large.rendered).
            answer = large.fetch(client, endpoints.SHOW, request)
        except ApiError as error:
            # The refusal goes to stderr only: stdout holds data, never an error.
            failed = True
            write_error(error.message, error.hint)  # the other names still run
            continue
        if output == "table":
            fetched.append(answer)
            continue
        out.write(large.rendered(client, [answer], _write_names if output == "name" else _write_text))
        out.flush()
    if output == "json":
        from pgo_cli.output.json_out import merge_answers, write_document

        if answers:  # nothing on stdout when every request was refused
            write_document(merge_answers(answers), out)
    elif output == "table":
        if any(answer.response.results for answer in fetched):
            wide = bool(values.get("wide"))
            out.write(
                large.rendered(
                    client, fetched, lambda responses, stream: _write_table(responses, stream, wide)
                )
            )
        elif not failed:
            out.write("No clusters found.\n")
    return ExitCode.API_ERROR if failed else ExitCode.OK


def _write_text(responses: Sequence[Any], out: TextIO) -> None:
    from pgo_cli.nouns.cluster.text import NO_CLUSTERS, write_cluster

    for response in responses:
        results = response.results or []
        if not results:
            out.write(NO_CLUSTERS + "\n")
        for detail in results:
            write_cluster(detail, out)


def _write_names(responses: Sequence[Any], out: TextIO) -> None:
    from pgo_cli.nouns.cluster.names import write_name

    for response in responses:
        for detail in response.results or []:
            write_name(detail, out)


def _write_table(responses: Sequence[Any], out: TextIO, wide: bool) -> None:
    from pgo_cli.nouns.cluster.table import write_clusters

    write_clusters((detail for response in responses for detail in response.results or []), out, wide=wide)


def _show_raw(client: Any, request: Any) -> dict[str, Any]:
    """``POST /showclusters`` for ``-o json``: the answer as decoded, its status checked.

    Only ``Code``/``Msg`` and the type of ``Results`` are read: the document is printed as sent,
    so the typed decoding of every cluster (~80 ms for 2,000) would be thrown away.
    """
    from dataclasses import make_dataclass, replace

    from pgo_cli.errors import ResponseError
    from pgo_cli.nouns.cluster import endpoints
    from pgo_cli.wire import codec
    from pgo_cli.wire.gojson import lookup

    status_only = make_dataclass("ShowClusterStatus", [("status", codec.Status, codec.status())])
    answer = client.call(replace(endpoints.SHOW, response=status_only), request, check_status=False)
    results = lookup(answer.raw, "Results")
    if results is not None and not (
        isinstance(results, list) and all(item is None or isinstance(item, dict) for item in results)
    ):
        raise ResponseError(
            "the apiserver's answer to POST /showclusters has an unexpected shape: json: cannot "
            "unmarshal into Go struct field ShowClusterResponse.Results of type []ShowClusterDetail",
            status=200,
        )
    client.raise_for_status(answer.response.status, answer.response)
    return dict(answer.raw)


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


def _show_command() -> TyperCommand:
    return _command("cluster", SHOW_FLAGS, _show, _SHOW_HELP, "Show PostgreSQL clusters.")


# --------------------------------------------------------------------------------------------------
# delete cluster


def _delete(names: tuple[str, ...], **values: Any) -> int:
    from pgo_cli.cli.runtime import choose_output, session_for, stdin_is_terminal
    from pgo_cli.nouns.cluster.messages import DeleteClusterRequest, to_wire

    ctx = click.get_current_context()
    _warn_deprecated(ctx, DELETE_FLAGS)
    all_flag = bool(values.get("all"))
    selector = values.get("selector") or ""
    keep_backups = bool(values.get("keep_backups"))
    keep_data = bool(values.get("keep_data"))
    if not names and not selector and not all_flag:
        raise UsageError(
            "A cluster name,  selector, or --all is required for this command.",
            hint="e.g. pgo delete cluster hippo, pgo delete cluster --all, pgo delete cluster -s env=test",
        )
    output = choose_output(values.get("output") or "pgo", ("pgo", "json"))
    wait_timeout = _wait_timeout(values)
    session = session_for(ctx)
    namespace = session.namespace()
    if all_flag:
        targets: Sequence[str] = ("all",)
    elif names:
        targets = names
    else:
        targets = ("",)  # a selector alone: one request carrying it (pgo sends none)
    requests = [
        DeleteClusterRequest(
            clustername=target,
            selector=selector,
            client_version=session.settings.client_version,
            namespace=namespace,
            all_flag=False,
            delete_backups=not keep_backups,
            delete_data=not keep_data,
        )
        for target in targets
    ]
    if values.get("dry_run"):
        from pgo_cli.output import dry_run

        planned = [
            dry_run.PlannedRequest("POST", "/clustersdelete", to_wire(request)) for request in requests
        ]
        dry_run.write_requests(planned, session.settings, output == "json", sys.stdout, env=session.env)
        return ExitCode.OK
    if not values.get("no_prompt"):
        if not stdin_is_terminal():
            raise no_terminal("delete cluster")
        if not confirm(DELETE_PROMPTS[(keep_backups, keep_data)], sys.stdin, sys.stderr):
            sys.stderr.write("Aborting...\n")
            return ExitCode.OK
    from pgo_cli.nouns.cluster import calls

    client = session.client()
    failed = False
    answers: list[dict[str, Any]] = []
    for request in requests:
        try:
            response = calls.send_delete(client, request)
        except ApiError as error:
            # The refusal goes to stderr only: stdout holds data, never an error.
            failed = True
            write_error(error.message, error.hint)  # the other names still run
            continue
        except PgoError as error:
            shown = request.clustername if request.clustername not in ("", "all") else "--all"
            check = f"pgo show cluster {shown} -n {namespace}"
            if request.selector:
                check = f"pgo show cluster -s {request.selector} -n {namespace}"
            note_if_sent(error, check)
            raise
        if output == "json":
            answers.append(to_wire(response))
        else:
            from pgo_cli.nouns.cluster.text import write_lines

            write_lines(response.results or [], sys.stdout)
            sys.stdout.flush()
    if output == "json" and answers:  # nothing on stdout when every request was refused
        from pgo_cli.output.json_out import merge_answers, write_document

        write_document(merge_answers(answers), sys.stdout)
    if failed or wait_timeout is None:
        return ExitCode.API_ERROR if failed else ExitCode.OK
    from pgo_cli.nouns.cluster import waits
    from pgo_cli.nouns.cluster.messages import ShowClusterRequest

    code: int = ExitCode.OK
    for request in requests:
        selection = ShowClusterRequest(
            clustername=request.clustername if request.clustername != "all" else "",
            selector=request.selector,
            clientversion=session.settings.client_version,
            namespace=namespace,
            allflag=request.clustername == "all",
        )
        what = (
            request.clustername if request.clustername not in ("", "all") else (request.selector or "--all")
        )
        check = f"pgo show cluster {what} -n {namespace}"
        code = _wait(waits.deleted(client, selection), f"{what}: delete", check, wait_timeout) or code
    return code


_DELETE_HELP = """Delete PostgreSQL clusters: by name, all of a namespace (--all) or by label (-s).

Data and backups are deleted unless --keep-data / --keep-backups is given. pgo's question is asked \
on a terminal; without a terminal (CI, pipes) pass --no-prompt (alias --yes), or nothing is \
deleted (exit 2). Answering no is not an error (exit 0).

Examples:

  pgo delete cluster hippo -n pgo
  pgo delete cluster hippo --keep-backups --yes -n pgo
  pgo delete cluster -s env=test --dry-run -n pgo
"""


def _delete_command() -> TyperCommand:
    return _command("cluster", DELETE_FLAGS, _delete, _DELETE_HELP, "Delete PostgreSQL clusters.")


COMMANDS = [
    ClickCommand(("create", "cluster"), "Create a PostgreSQL cluster.", _create_command),
    ClickCommand(("show", "cluster"), "Show PostgreSQL clusters.", _show_command, completes="cluster"),
    ClickCommand(("delete", "cluster"), "Delete PostgreSQL clusters.", _delete_command, completes="cluster"),
]
