"""The emulator's pgorole routes: the auth store itself (``internal/apiserver/pgoroleservice/``).

pgoroles are the ``roles`` table of the emulator's state, read by :mod:`pgo_cli.emulator.auth`
on every request: a changed role changes what its pgousers may do at their next request, a
deleted one is also taken off every pgouser (``deleteRoleFromUsers``). The routes are guarded by
the pgouser permissions, as in the apiserver (the endpoints say which).
"""

from __future__ import annotations

import sqlite3

from pgo_cli.emulator.publishing import TOPIC_PGOUSER, pgo_rule, request_field
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import dns1035_label_errors
from pgo_cli.nouns.pgorole.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgorole.messages import (
    CreatePgoroleRequest,
    CreatePgoroleResponse,
    DeletePgoroleRequest,
    DeletePgoroleResponse,
    PgoroleInfo,
    ShowPgoroleRequest,
    ShowPgoroleResponse,
    UpdatePgoroleRequest,
    UpdatePgoroleResponse,
)
from pgo_cli.nouns.pgorole.permissions import invalid_permission
from pgo_cli.wire.codec import error_status, ok_status

# ------------------------------------------------------------------------------------------ store


def get_permissions(conn: sqlite3.Connection, name: str) -> str | None:
    """The ``permissions`` of Secret ``pgorole-<name>``, or None."""
    row = conn.execute("SELECT permissions FROM roles WHERE name=?", (name,)).fetchone()
    return str(row[0]) if row else None


def list_roles(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(name, permissions)`` of every pgorole, sorted by Secret name as Kubernetes lists them."""
    rows = conn.execute("SELECT name, permissions FROM roles").fetchall()
    return sorted(
        ((str(r[0]), str(r[1])) for r in rows), key=lambda role: role[0].encode("utf-8", "surrogateescape")
    )


def put_role(conn: sqlite3.Connection, name: str, permissions: str) -> None:
    """Create or replace a pgorole in the caller's transaction."""
    conn.execute("INSERT OR REPLACE INTO roles VALUES (?, ?)", (name, permissions))


def delete_role(conn: sqlite3.Connection, name: str) -> bool:
    """Remove a pgorole; whether it existed."""
    return conn.execute("DELETE FROM roles WHERE name=?", (name,)).rowcount > 0


def remove_role_from_users(conn: sqlite3.Connection, role: str) -> None:
    """``deleteRoleFromUsers``: drop exact (untrimmed) matches from every pgouser's role list."""
    for name, roles in conn.execute("SELECT name, roles FROM users").fetchall():
        entries = str(roles).split(",")
        kept = [entry for entry in entries if entry != role]
        if len(kept) != len(entries):
            conn.execute("UPDATE users SET roles=? WHERE name=?", (",".join(kept), name))


def permission_error(permissions: str) -> str | None:
    """``validPermissions``' message, or None."""
    bad = invalid_permission(permissions)
    return None if bad is None else f"{bad} not a valid Permission"


# ------------------------------------------------------------------------------------------ handlers


def handle_create(request: EmulatorRequest) -> CreatePgoroleResponse:
    """``CreatePgoroleHandler``: version, DNS-1035 name, permissions; an existing role is kept."""
    body: CreatePgoroleRequest = request.body
    errors = dns1035_label_errors(body.pgorole_name)
    if errors:
        return CreatePgoroleResponse(error_status("invalid pgorole name format " + errors[0]))
    problem = permission_error(body.pgorole_permissions)
    if problem:
        return CreatePgoroleResponse(error_status(problem))
    with request.state.write() as conn:
        if get_permissions(conn, body.pgorole_name) is None:
            put_role(conn, body.pgorole_name, body.pgorole_permissions)
    return CreatePgoroleResponse(ok_status())


def handle_show(request: EmulatorRequest) -> ShowPgoroleResponse:
    """``ShowPgoroleHandler``: every pgorole with ``AllFlag``, else each name (``<r> was not found``)."""
    body: ShowPgoroleRequest = request.body
    infos: list[PgoroleInfo] = []
    with request.state.read() as conn:
        if body.all_flag:
            infos = [PgoroleInfo(name, permissions) for name, permissions in list_roles(conn)]
        else:
            for name in body.pgorole_name or []:
                permissions = get_permissions(conn, name)
                if permissions is None:
                    infos.append(PgoroleInfo(f"{name} was not found", ""))
                else:
                    infos.append(PgoroleInfo(name, permissions))
    return ShowPgoroleResponse(infos, ok_status())


def handle_update(request: EmulatorRequest) -> UpdatePgoroleResponse:
    """``UpdatePgoroleHandler`` (no version check): permissions first, then the role must exist."""
    body: UpdatePgoroleRequest = request.body
    problem = permission_error(body.pgorole_permissions)
    if problem:
        return UpdatePgoroleResponse(error_status(problem))
    with request.state.write() as conn:
        if get_permissions(conn, body.pgorole_name) is None:
            return UpdatePgoroleResponse(error_status(f'secrets "pgorole-{body.pgorole_name}" not found'))
        put_role(conn, body.pgorole_name, body.pgorole_permissions)
    return UpdatePgoroleResponse(ok_status())


def handle_delete(request: EmulatorRequest) -> DeletePgoroleResponse:
    """``DeletePgoroleHandler``: one line per name, the role also taken off its pgousers."""
    body: DeletePgoroleRequest = request.body
    results: list[str] = []
    with request.state.write() as conn:
        for name in body.pgorole_name or []:
            if not delete_role(conn, name):
                results.append(f"pgorole-{name} not found")
                continue
            results.append(f"deleted role {name}")
            remove_role_from_users(conn, name)
    return DeletePgoroleResponse(results, ok_status())


HANDLERS = {CREATE: handle_create, SHOW: handle_show, UPDATE: handle_update, DELETE: handle_delete}


#: ``pgo delete pgorole`` publishes nothing in pgo 4.7.4.
EVENTS = {
    CREATE: pgo_rule("PGOCreateRole", TOPIC_PGOUSER, "createdrolename", request_field("PgoroleName")),
    UPDATE: pgo_rule("PGOUpdateRole", TOPIC_PGOUSER, "updatedrolename", request_field("PgoroleName")),
}
