"""``pgo create|show|update|delete pgorole``: the operator's own roles (``cmd/pgo/cmd/pgorole.go``).

A pgorole is a named set of permissions (``*`` or names from ``internal/apiserver/perms.go``);
pgousers get permissions through their roles. The checks run in pgo's order; pgo prints them and
exits 0, here each is one ``Error:`` line and exit 2 with nothing sent. What the apiserver would
refuse anyway (a name that is not a DNS-1035 label, an unknown permission) is refused here too,
with the valid permission names in the hint. The apiserver guards these routes with the *pgouser*
permissions (``CreatePgouser`` …), not the pgorole ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, NO_PROMPT_IGNORED, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.k8s import dns1035_label_errors
from pgo_cli.nouns.pgorole.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgorole.messages import (
    CreatePgoroleRequest,
    DeletePgoroleRequest,
    ShowPgoroleRequest,
    ShowPgoroleResponse,
    UpdatePgoroleRequest,
)
from pgo_cli.nouns.pgorole.permissions import PERMISSIONS, invalid_permission
from pgo_cli.nouns.shared.results import write_results

NO_ROLES = "No pgoroles found."
_PERMISSIONS_HELP = (
    "Comma-separated permissions: '*' (all) or names such as ShowCluster,Version (see perms.go; "
    "an unknown name is refused with the full list)."
)


def _one_name(invocation: Invocation, missing: str, example: str) -> str:
    if not invocation.args:
        raise UsageError(missing, hint=f"e.g. {example}")
    if len(invocation.args) > 1:
        raise UsageError(
            f"one pgorole name at a time, got {len(invocation.args)}: {' '.join(invocation.args)}",
            hint="pgo would act on the first name only; run the command once per name",
        )
    return invocation.args[0]


def check_permissions(permissions: str) -> None:
    """``validPermissions`` (pgoroleimpl.go) before sending: ``<p> not a valid Permission``."""
    bad = invalid_permission(permissions)
    if bad is not None:
        raise UsageError(f"{bad} not a valid Permission", hint="valid: * or " + ",".join(PERMISSIONS))


# ------------------------------------------------------------------------------------------ create


def plan_create(invocation: Invocation) -> Plan:
    """create.go ``createPgoroleCmd`` then pgorole.go ``createPgorole``; the server's checks after."""
    if not invocation.args:
        raise UsageError(
            "A pgouser role name is required for this command.",
            hint='e.g. pgo create pgorole viewer --permissions="ShowCluster,Version"',
        )
    permissions = str(invocation.value("permissions"))
    if not permissions:
        raise UsageError("permissions flag is required.", hint='e.g. --permissions="ShowCluster,Version"')
    name = _one_name(invocation, "A pgorole name argument is required.", "pgo create pgorole viewer")
    errors = dns1035_label_errors(name)
    if errors:
        raise UsageError(f"invalid pgorole name format {errors[0]}")
    check_permissions(permissions)
    request = CreatePgoroleRequest(
        pgorole_name=name,
        pgorole_permissions=permissions,
        namespace=invocation.session.settings.namespace,
        client_version=invocation.client_version,
    )
    return Plan([Call(CREATE, request, target=name)], check=f"pgo show pgorole {name}")


def text_create(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's one line."""
    out.write("Created pgorole.\n")


# ------------------------------------------------------------------------------------------ show


def plan_show(invocation: Invocation) -> Plan:
    """show.go ``ShowPgoroleCmd`` / pgorole.go ``showPgorole``."""
    all_flag = bool(invocation.value("all"))
    if not invocation.args and not all_flag:
        raise UsageError(
            "either a pgorole name or --all flag is required",
            hint="e.g. pgo show pgorole pgoadmin, pgo show pgorole --all",
        )
    request = ShowPgoroleRequest(
        namespace=invocation.session.settings.namespace,
        all_flag=all_flag,
        client_version=invocation.client_version,
        pgorole_name=list(invocation.args),
    )
    return Plan([Call(SHOW, request)])


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's blocks: a blank line, ``pgorole : <r>``, ``permissions : <p>``."""
    response: ShowPgoroleResponse = reply.response
    if not response.role_info:
        out.write(NO_ROLES + "\n")
        return
    for role in response.role_info:
        out.write(f"\npgorole : {role.name}\npermissions : {role.permissions}\n")


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per pgorole, its permissions as stored."""
    from pgo_cli.output.table import write_table

    rows: list[tuple[str, ...]] = []
    for reply in replies:
        response: ShowPgoroleResponse = reply.response
        rows.extend((role.name, role.permissions) for role in response.role_info or [])
    if not rows:
        out.write(NO_ROLES + "\n")
        return
    write_table(("PGOROLE", "PERMISSIONS"), rows, out, width=invocation.io.width)


# ------------------------------------------------------------------------------------------ update


def plan_update(invocation: Invocation) -> Plan:
    """update.go ``UpdatePgoroleCmd`` / pgorole.go ``updatePgorole`` (pgo never asks here)."""
    if not invocation.args:
        raise UsageError(
            "You must specify the name of a pgorole.",
            hint='e.g. pgo update pgorole viewer --permissions="ShowCluster,Version"',
        )
    permissions = str(invocation.value("permissions"))
    if not permissions:
        raise UsageError("--permissions flag is required.", hint="the new list replaces the old one")
    name = _one_name(invocation, "A pgorole name argument is required.", "pgo update pgorole viewer")
    check_permissions(permissions)
    request = UpdatePgoroleRequest(
        pgorole_permissions=permissions,
        pgorole_name=name,
        namespace=invocation.session.settings.namespace,
        client_version=invocation.client_version,
    )
    return Plan([Call(UPDATE, request, target=name)], check=f"pgo show pgorole {name}")


def text_update(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's line, trailing space included."""
    out.write("pgorole updated \n")


# ------------------------------------------------------------------------------------------ delete


def plan_delete(invocation: Invocation) -> Plan:
    """delete.go ``deletePgoroleCmd`` / pgorole.go ``deletePgorole``: one call for all the names."""
    if not invocation.args:
        raise UsageError(
            "A pgorole role name is required for this command.", hint="e.g. pgo delete pgorole viewer"
        )
    request = DeletePgoroleRequest(
        pgorole_name=list(invocation.args),
        namespace=invocation.session.settings.namespace,
        all_flag=bool(invocation.value("all")),
        client_version=invocation.client_version,
    )
    names = " ".join(invocation.args)
    return Plan([Call(DELETE, request, target=names)], prompt=ARE_YOU_SURE, check=f"pgo show pgorole {names}")


COMMANDS = [
    Command(
        path=("create", "pgorole"),
        summary="Create a pgorole (a set of operator permissions).",
        help="Create a pgorole: a named list of apiserver permissions for pgousers. An existing "
        "pgorole of that name is left as it is and the answer is still a success (the apiserver's "
        'behaviour).\n\nExamples:\n\n  pgo create pgorole viewer --permissions="ShowCluster,Version"\n'
        "  pgo create pgorole admin2 --permissions='*'\n",
        flags=(Flag("permissions", "string", _PERMISSIONS_HELP, metavar="PERMISSIONS"),),
        plan=plan_create,
        text=text_create,
        args=Args("PGOROLE", "one"),
        writes=True,
        example=("viewer", "--permissions=ShowCluster,Version"),
    ),
    Command(
        path=("show", "pgorole"),
        summary="Show pgoroles and their permissions.",
        help="Show pgoroles and their permissions.\n\nExamples:\n\n  pgo show pgorole pgoadmin\n"
        "  pgo show pgorole --all -o json\n",
        flags=(Flag("all", "bool", "Show every pgorole."),),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=Args("PGOROLE", "any", completes="pgorole"),
    ),
    Command(
        path=("update", "pgorole"),
        summary="Replace a pgorole's permissions.",
        help="Replace a pgorole's permissions; every pgouser with the role gets the new set from its "
        'next request.\n\nExamples:\n\n  pgo update pgorole viewer --permissions="ShowCluster,Version,DeleteCluster"\n',
        flags=(
            Flag("permissions", "string", _PERMISSIONS_HELP, metavar="PERMISSIONS"),
            NO_PROMPT_IGNORED,
        ),
        plan=plan_update,
        text=text_update,
        args=Args("PGOROLE", "one", completes="pgorole"),
        writes=True,
        example=("viewer", "--permissions=ShowCluster,Version"),
    ),
    Command(
        path=("delete", "pgorole"),
        summary="Delete pgoroles.",
        help="Delete pgoroles; the role is also taken off every pgouser that has it. Asks for "
        "confirmation first (see --no-prompt).\n\nExamples:\n\n  pgo delete pgorole viewer --no-prompt\n",
        flags=(
            Flag("all", "bool", "Sent as pgo sends it; the apiserver still deletes only the names given."),
            NO_PROMPT,
        ),
        plan=plan_delete,
        text=write_results,
        args=Args("PGOROLE", "some", completes="pgorole"),
        writes=True,
        prompts=True,
    ),
]
