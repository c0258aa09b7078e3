"""``pgo create|show|update|delete namespace`` (``cmd/pgo/cmd/namespace.go``).

The operator works in the namespaces it *watches* (labelled for its installation). ``show``
lists namespaces with two columns: whether the calling pgouser may use it and whether the
installation watches it. ``create``/``update``/``delete`` need the apiserver's namespace mode
``dynamic`` (otherwise the apiserver answers 405).

pgo's own namespace rules are kept: ``show namespace`` also asks for ``$PGO_NAMESPACE`` (and says
so first), ``update namespace`` sends no namespace at all and ``delete namespace`` sends only a
typed ``-n``. pgo's ``delete namespace`` has no flags (it always asks); here it takes
``--no-prompt``. A name Kubernetes would refuse (not a DNS-1123 label) is refused before sending.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.k8s import dns1123_label_errors
from pgo_cli.nouns.namespace.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.namespace.messages import (
    CreateNamespaceRequest,
    DeleteNamespaceRequest,
    ShowNamespaceRequest,
    ShowNamespaceResponse,
    UpdateNamespaceRequest,
)
from pgo_cli.nouns.shared.results import write_results
from pgo_cli.output.pad import rpad
from pgo_cli.wire.gojson import go_quote

NOTHING_FOUND = "Nothing found."
ACCESSIBLE = "accessible"
NO_ACCESS = "no access"


def check_names(names: Sequence[str]) -> None:
    """Kubernetes' namespace name rule (``IsDNS1123Label``), which the API server would apply."""
    for name in names:
        errors = dns1123_label_errors(name)
        if errors:
            raise UsageError(f"invalid namespace name {go_quote(name)}: {errors[0]}", hint="e.g. pgouser2")


# ------------------------------------------------------------------------------------------ show


def default_namespace(invocation: Invocation) -> str:
    """``os.Getenv("PGO_NAMESPACE")``, which show namespace reads itself (not ``-n``)."""
    return str(invocation.io.environ.get("PGO_NAMESPACE", ""))


def plan_show(invocation: Invocation) -> Plan:
    """namespace.go ``showNamespace``: the arguments plus ``$PGO_NAMESPACE`` when not among them."""
    names = list(invocation.args)
    default = default_namespace(invocation)
    if default and default not in names:
        names.append(default)
    all_flag = bool(invocation.value("all"))
    if not names and not all_flag:
        raise UsageError(
            "namespace args or --all is required",
            hint="e.g. pgo show namespace pgo, pgo show namespace --all",
        )
    request = ShowNamespaceRequest(args=names, all_flag=all_flag, client_version=invocation.client_version)
    return Plan([Call(SHOW, request)])


def _access(invocation: Invocation, allowed: bool, width: int = 0) -> str:
    """``accessible`` in green or ``no access`` in red, padded to ``width`` inside the colour."""
    if allowed:
        return invocation.io.colour(rpad(ACCESSIBLE, width), "32")
    return invocation.io.colour(rpad(NO_ACCESS, width), "31")


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's access table: ``namespace`` (25) ``useraccess`` (20) ``installaccess`` (20)."""
    response: ShowNamespaceResponse = reply.response
    default = default_namespace(invocation)
    if default:
        out.write(f"current local default namespace: {default}\n")
    if response.status.code != "ok":
        return  # pgo prints the line above before sending; the Error line is the runner's
    if not response.results:
        out.write(NOTHING_FOUND + "\n")
        return
    out.write(f"pgo username: {response.username}\n")
    out.write(rpad("namespace", 25) + rpad("useraccess", 20) + rpad("installaccess", 20) + "\n")
    for result in response.results:
        out.write(
            rpad(result.namespace, 25)
            + _access(invocation, result.user_access, 20)
            + _access(invocation, result.installation_access, 20)
            + "\n"
        )


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per namespace, the pgouser in the title."""
    from pgo_cli.output.table import write_table

    for reply in replies:
        response: ShowNamespaceResponse = reply.response
        if not response.results:
            out.write(NOTHING_FOUND + "\n")
            continue
        rows = [
            (
                result.namespace,
                _access(invocation, result.user_access),
                _access(invocation, result.installation_access),
            )
            for result in response.results
        ]
        write_table(
            ("NAMESPACE", "USER ACCESS", "INSTALL ACCESS"),
            rows,
            out,
            width=invocation.io.width,
            title=f"pgo username: {response.username}",
        )


# ------------------------------------------------------------------------------------------ create


def plan_create(invocation: Invocation) -> Plan:
    """create.go ``createNamespaceCmd`` / namespace.go ``createNamespace``: one call for all names."""
    if not invocation.args:
        raise UsageError(
            "A namespace name is required for this command.", hint="e.g. pgo create namespace pgouser2"
        )
    check_names(invocation.args)
    request = CreateNamespaceRequest(
        args=list(invocation.args),
        namespace=invocation.session.settings.namespace,
        client_version=invocation.client_version,
    )
    return Plan([Call(CREATE, request, target=" ".join(invocation.args))], check="pgo show namespace --all")


# ------------------------------------------------------------------------------------------ update


def plan_update(invocation: Invocation) -> Plan:
    """update.go ``UpdateNamespaceCmd`` / namespace.go ``updateNamespace`` (no namespace is sent)."""
    if not invocation.args:
        raise UsageError(
            "You must specify the name of a Namespace.", hint="e.g. pgo update namespace pgouser2"
        )
    check_names(invocation.args)
    request = UpdateNamespaceRequest(args=list(invocation.args), client_version=invocation.client_version)
    return Plan([Call(UPDATE, request, target=" ".join(invocation.args))], check="pgo show namespace --all")


def text_update(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's line, trailing space included (the Results are not printed)."""
    out.write("namespace updated \n")


# ------------------------------------------------------------------------------------------ delete


def plan_delete(invocation: Invocation) -> Plan:
    """delete.go ``deleteNamespaceCmd`` / namespace.go ``deleteNamespace``: asks, then one call."""
    if not invocation.args:
        raise UsageError(
            "namespace name or selector is required to delete a namespace.",
            hint="e.g. pgo delete namespace pgouser2 (pgo's --selector does not exist)",
        )
    request = DeleteNamespaceRequest(
        args=list(invocation.args),
        selector="",
        namespace=str(invocation.typed_global("namespace") or ""),
        all_flag=False,
        client_version=invocation.client_version,
    )
    return Plan(
        [Call(DELETE, request, target=" ".join(invocation.args))],
        prompt=ARE_YOU_SURE,
        check="pgo show namespace --all",
    )


COMMANDS = [
    Command(
        path=("show", "namespace"),
        summary="Show namespaces and who may use them.",
        help="Show namespaces: whether your pgouser may use each (useraccess) and whether the "
        "installation watches it (installaccess). $PGO_NAMESPACE is always included, as pgo does.\n\n"
        "Examples:\n\n  pgo show namespace --all\n  pgo show namespace pgo pgouser1\n",
        flags=(Flag("all", "bool", "Show every namespace of the Kubernetes cluster."),),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=Args("NAMESPACE", "any", completes="any-namespace"),
        text_on_error=True,
    ),
    Command(
        path=("create", "namespace"),
        summary="Create namespaces watched by the operator.",
        help="Create namespaces that the operator watches (namespace mode dynamic only).\n\n"
        "Examples:\n\n  pgo create namespace pgouser2\n",
        flags=(),
        plan=plan_create,
        text=write_results,
        args=Args("NAMESPACE", "some"),
        writes=True,
    ),
    Command(
        path=("update", "namespace"),
        summary="Make existing namespaces watched by the operator.",
        help="Label existing namespaces for this installation, so that the operator watches them "
        "(namespace mode dynamic only).\n\nExamples:\n\n  pgo update namespace team-a\n",
        flags=(),
        plan=plan_update,
        text=text_update,
        args=Args("NAMESPACE", "some", completes="any-namespace"),
        writes=True,
    ),
    Command(
        path=("delete", "namespace"),
        summary="Delete namespaces and everything in them.",
        help="Delete namespaces, with every cluster and object in them (namespace mode dynamic only). "
        "Asks for confirmation first (see --no-prompt).\n\n"
        "Examples:\n\n  pgo delete namespace pgouser2 --no-prompt\n",
        flags=(NO_PROMPT,),
        plan=plan_delete,
        text=write_results,
        args=Args("NAMESPACE", "some", completes="any-namespace"),
        writes=True,
        prompts=True,
    ),
]
