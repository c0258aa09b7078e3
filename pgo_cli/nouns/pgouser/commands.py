"""``pgo create|show|update|delete pgouser``: the operator's own users (``cmd/pgo/cmd/pgouser.go``).

A pgouser is what ``PGOUSER``/``PGOUSERNAME`` log in as: a password, a comma-separated list of
pgoroles (which grant the permissions) and a comma-separated list of namespaces (empty: all).
The checks run in pgo's order (``create.go``/``update.go``/``delete.go`` ``Run``, then
``pgouser.go``); pgo prints them and exits 0, here each is one ``Error:`` line and exit 2 with
nothing sent. Like the apiserver, the name must be a DNS-1035 label (refused here before sending).

The password may also come from a file or standard input (``--pgouser-password-file``), so that it
shows neither in ``ps`` nor in the shell history; it is masked by ``--dry-run`` and ``--debug``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, NO_PROMPT_IGNORED, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.k8s import dns1035_label_errors
from pgo_cli.nouns.pgouser.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgouser.messages import (
    CreatePgouserRequest,
    DeletePgouserRequest,
    ShowPgouserRequest,
    ShowPgouserResponse,
    UpdatePgouserRequest,
)
from pgo_cli.nouns.shared.results import write_results
from pgo_cli.wire.gojson import go_quote

NO_USERS = "No pgousers found."
MUTUALLY_EXCLUSIVE = (
    "pgouser-namespaces flag and --all-namespaces flag are mutually exclusive, choose one or the other."
)


def _flags(verb: str) -> tuple[Flag, ...]:
    """The four settings flags shared by create and update (create.go / update.go ``init``)."""
    return (
        Flag(
            "pgouser-password",
            "string",
            f"The password to {verb} for the pgouser. A command line shows in ps and shell history: "
            "--pgouser-password-file is safer.",
            metavar="PASSWORD",
        ),
        Flag(
            "pgouser-password-file",
            "string",
            "Read the pgouser's password from the first line of FILE ('-': standard input) instead.",
            metavar="FILE",
            completes="file",
        ),
        Flag(
            "pgouser-roles",
            "string",
            f"Comma-separated pgoroles to {verb} for the pgouser, e.g. pgoadmin.",
            metavar="ROLES",
        ),
        Flag(
            "pgouser-namespaces",
            "string",
            f"Comma-separated namespaces to {verb} for the pgouser (each must be watched).",
            metavar="NAMESPACES",
        ),
        Flag("all-namespaces", "bool", "Give the pgouser access to every namespace."),
    )


def _one_name(invocation: Invocation, missing: str, example: str) -> str:
    """The single name create and update act on (pgo silently ignores extra ones; refused here)."""
    if not invocation.args:
        raise UsageError(missing, hint=f"e.g. {example}")
    if len(invocation.args) > 1:
        raise UsageError(
            f"one pgouser name at a time, got {len(invocation.args)}: {' '.join(invocation.args)}",
            hint="pgo would act on the first name only; run the command once per name",
        )
    return invocation.args[0]


def password(invocation: Invocation) -> str:
    """``--pgouser-password``, or the first line of ``--pgouser-password-file`` (``-``: stdin)."""
    typed = str(invocation.value("pgouser-password"))
    path = str(invocation.value("pgouser-password-file"))
    if not path:
        return typed
    if typed:
        raise UsageError("--pgouser-password and --pgouser-password-file were both given: use one")
    from pgo_cli.parsers import read_secret_file

    return read_secret_file(path, "pgouser-password-file", invocation.io.stdin)


def check_roles(roles: str) -> None:
    """Refuse spaces around role names: the apiserver trims them to validate the list but stores it
    as sent, and its authorization does not trim, so such a pgouser would be refused everything."""
    entries = roles.split(",")
    if any(entry != entry.strip() for entry in entries):
        fixed = ",".join(entry.strip() for entry in entries)
        raise UsageError(
            f"--pgouser-roles {go_quote(roles)}: no spaces around role names (the apiserver would store "
            "them and then refuse every request of this pgouser)",
            hint=f"--pgouser-roles={fixed}",
        )


def check_name(name: str) -> None:
    """The apiserver's ``validation.IsDNS1035Label`` on the name (pgouserservice.go), run here first."""
    errors = dns1035_label_errors(name)
    if errors:
        raise UsageError(f"invalid pgouser name format {errors[0]}", hint="e.g. pgo create pgouser alice ...")


# ------------------------------------------------------------------------------------------ create


def plan_create(invocation: Invocation) -> Plan:
    """create.go ``createPgouserCmd`` then pgouser.go ``createPgouser``: checks in pgo's order."""
    if not invocation.args:
        raise UsageError(
            "A pgouser username is required for this command.",
            hint="e.g. pgo create pgouser alice --pgouser-password-file=- --pgouser-roles=pgoadmin "
            "--all-namespaces",
        )
    secret = password(invocation)
    roles = str(invocation.value("pgouser-roles"))
    namespaces = str(invocation.value("pgouser-namespaces"))
    all_namespaces = bool(invocation.value("all-namespaces"))
    if not secret:
        raise UsageError(
            "pgouser-password flag is required.",
            hint="--pgouser-password-file=FILE (or -) keeps it off the line",
        )
    if not roles:
        raise UsageError("pgouser-roles flag is required.", hint="e.g. --pgouser-roles=pgoadmin")
    if not namespaces and not all_namespaces:
        raise UsageError(
            "pgouser-namespaces flag or --all-namespaces flag is required.",
            hint="e.g. --pgouser-namespaces=pgo,pgouser1 or --all-namespaces",
        )
    if namespaces and all_namespaces:
        raise UsageError(MUTUALLY_EXCLUSIVE)
    name = _one_name(invocation, "A pgouser username argument is required.", "pgo create pgouser alice")
    check_name(name)
    check_roles(roles)
    request = CreatePgouserRequest(
        pgouser_name=name,
        pgouser_password=secret,
        pgouser_roles=roles,
        all_namespaces=all_namespaces,
        pgouser_namespaces=namespaces,
        namespace=invocation.session.settings.namespace,
        client_version=invocation.client_version,
    )
    return Plan([Call(CREATE, request, target=name)], check=f"pgo show pgouser {name}")


def text_create(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's one line."""
    out.write("Created pgouser.\n")


# ------------------------------------------------------------------------------------------ show


def plan_show(invocation: Invocation) -> Plan:
    """show.go ``ShowPgouserCmd`` / pgouser.go ``showPgouser``."""
    all_flag = bool(invocation.value("all"))
    if not invocation.args and not all_flag:
        raise UsageError(
            "either a pgouser name or --all flag is required",
            hint="e.g. pgo show pgouser admin, pgo show pgouser --all",
        )
    request = ShowPgouserRequest(
        namespace=invocation.session.settings.namespace,
        all_flag=all_flag,
        client_version=invocation.client_version,
        pgouser_name=list(invocation.args),
    )
    return Plan([Call(SHOW, request)])


def go_list(values: Sequence[str] | None) -> str:
    """Go's ``%v`` of a ``[]string``: ``[a b]`` (``[]`` for nothing or one empty string)."""
    return "[" + " ".join(values or []) + "]"


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's blocks: a blank line, ``pgouser : <u>``, ``roles : [<r>]``, ``namespaces : [<n>]``."""
    response: ShowPgouserResponse = reply.response
    if not response.user_info:
        out.write(NO_USERS + "\n")
        return
    for user in response.user_info:
        out.write(
            f"\npgouser : {user.username}\nroles : {go_list(user.role)}\nnamespaces : {go_list(user.namespace)}\n"
        )


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per pgouser; an empty namespace list means every namespace."""
    from pgo_cli.output.table import write_table

    rows: list[tuple[str, ...]] = []
    for reply in replies:
        response: ShowPgouserResponse = reply.response
        for user in response.user_info or []:
            if not user.role and not user.namespace:
                rows.append((user.username, "", ""))
                continue
            namespaces = ",".join(user.namespace or [])
            rows.append((user.username, ",".join(user.role or []), namespaces or "(all)"))
    if not rows:
        out.write(NO_USERS + "\n")
        return
    write_table(("PGOUSER", "ROLES", "NAMESPACES"), rows, out, width=invocation.io.width)


# ------------------------------------------------------------------------------------------ update


def plan_update(invocation: Invocation) -> Plan:
    """update.go ``UpdatePgouserCmd`` / pgouser.go ``updatePgouser`` (pgo never asks here)."""
    if not invocation.args:
        raise UsageError(
            "You must specify the name of a pgouser.",
            hint="e.g. pgo update pgouser alice --pgouser-roles=pgoadmin",
        )
    namespaces = str(invocation.value("pgouser-namespaces"))
    all_namespaces = bool(invocation.value("all-namespaces"))
    if namespaces and all_namespaces:
        raise UsageError(MUTUALLY_EXCLUSIVE)
    name = _one_name(invocation, "A pgouser name argument is required.", "pgo update pgouser alice")
    roles = str(invocation.value("pgouser-roles"))
    if roles:
        check_roles(roles)
    request = UpdatePgouserRequest(
        pgouser_roles=roles,
        pgouser_namespaces=namespaces,
        all_namespaces=all_namespaces,
        pgouser_password=password(invocation),
        pgouser_name=name,
        namespace=invocation.session.settings.namespace,
        client_version=invocation.client_version,
    )
    return Plan([Call(UPDATE, request, target=name)], check=f"pgo show pgouser {name}")


def text_update(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's line, trailing space included."""
    out.write("pgouser updated \n")


# ------------------------------------------------------------------------------------------ delete


def plan_delete(invocation: Invocation) -> Plan:
    """delete.go ``deletePgouserCmd`` / pgouser.go ``deletePgouser``: one call for all the names."""
    if not invocation.args:
        raise UsageError(
            "A pgouser username is required for this command.", hint="e.g. pgo delete pgouser alice"
        )
    request = DeletePgouserRequest(
        pgouser_name=list(invocation.args),
        namespace=invocation.session.settings.namespace,
        all_flag=bool(invocation.value("all")),
        client_version=invocation.client_version,
    )
    names = " ".join(invocation.args)
    return Plan([Call(DELETE, request, target=names)], prompt=ARE_YOU_SURE, check=f"pgo show pgouser {names}")


_EXAMPLES_CREATE = """
Examples:

  pgo create pgouser alice --pgouser-password-file=- --pgouser-roles=pgoadmin --all-namespaces
  pgo create pgouser bob --pgouser-password=secret --pgouser-roles=viewer --pgouser-namespaces=pgo
"""

COMMANDS = [
    Command(
        path=("create", "pgouser"),
        summary="Create a pgouser (an operator login).",
        help="Create a pgouser: a login of the operator's apiserver with a password, pgoroles and "
        "namespaces (--all-namespaces: every one).\n\nAn existing pgouser of that name is left as it is "
        "and the answer is still a success (the apiserver's behaviour).\n" + _EXAMPLES_CREATE,
        flags=_flags("set"),
        plan=plan_create,
        text=text_create,
        args=Args("PGOUSER", "one"),
        writes=True,
        example=("bob", "--pgouser-password=Bob-Pa55", "--pgouser-roles=pgoadmin", "--all-namespaces"),
    ),
    Command(
        path=("show", "pgouser"),
        summary="Show pgousers: their roles and namespaces.",
        help="Show pgousers: their pgoroles and namespaces (an empty namespace list means all).\n\n"
        "Examples:\n\n  pgo show pgouser admin\n  pgo show pgouser --all -o json\n",
        flags=(Flag("all", "bool", "Show every pgouser."),),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=Args("PGOUSER", "any", completes="pgouser"),
    ),
    Command(
        path=("update", "pgouser"),
        summary="Change a pgouser's password, roles or namespaces.",
        help="Change a pgouser's password, pgoroles or namespaces; the change applies to its next "
        "request. Flags not given are left unchanged.\n\nExamples:\n\n"
        "  pgo update pgouser bob --pgouser-roles=viewer,pgoadmin\n"
        "  pgo update pgouser bob --pgouser-password-file=- < newpass.txt\n"
        "  pgo update pgouser bob --all-namespaces\n",
        flags=(
            *_flags("set"),
            NO_PROMPT_IGNORED,
        ),
        plan=plan_update,
        text=text_update,
        args=Args("PGOUSER", "one", completes="pgouser"),
        writes=True,
    ),
    Command(
        path=("delete", "pgouser"),
        summary="Delete pgousers.",
        help="Delete pgousers; each can no longer log in from its next request. Asks for "
        "confirmation first (see --no-prompt).\n\nExamples:\n\n  pgo delete pgouser bob --no-prompt\n",
        flags=(
            Flag("all", "bool", "Sent as pgo sends it; the apiserver still deletes only the names given."),
            NO_PROMPT,
        ),
        plan=plan_delete,
        text=write_results,
        args=Args("PGOUSER", "some", completes="pgouser"),
        writes=True,
        prompts=True,
    ),
]
