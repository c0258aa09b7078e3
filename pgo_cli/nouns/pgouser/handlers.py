"""The emulator's pgouser routes: the auth store itself (``internal/apiserver/pgouserservice/``).

pgousers are the ``users`` table of the emulator's state, which :mod:`pgo_cli.emulator.auth`
reads on every request (``Authn`` reads the live ``pgouser-<name>`` Secret): a created user can
log in at its next request, a deleted one is refused (401) at once. Messages and their order are
``pgouserimpl.go``'s; Secret names appear in them as the operator names its Secrets.
"""

from __future__ import annotations

import sqlite3

from pgo_cli.emulator.publishing import TOPIC_PGOUSER, pgo_rule, request_field, result_lines
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.state import User
from pgo_cli.k8s import dns1035_label_errors
from pgo_cli.nouns.pgouser.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgouser.messages import (
    CreatePgouserRequest,
    CreatePgouserResponse,
    DeletePgouserRequest,
    DeletePgouserResponse,
    PgouserInfo,
    ShowPgouserRequest,
    ShowPgouserResponse,
    UpdatePgouserRequest,
    UpdatePgouserResponse,
)
from pgo_cli.wire.codec import error_status, ok_status

#: ``ns.ErrNamespaceNotWatched`` (internal/ns/nslogic.go).
NOT_WATCHED = "The namespaces are not watched by the current PostgreSQL Operator installation"


# ------------------------------------------------------------------------------------------ store


def get_user(conn: sqlite3.Connection, name: str) -> User | None:
    """The ``pgouser-<name>`` Secret's data, or None."""
    row = conn.execute("SELECT name, password, roles, namespaces FROM users WHERE name=?", (name,)).fetchone()
    return User(*row) if row else None


def list_users(conn: sqlite3.Connection) -> list[User]:
    """Every pgouser, sorted by Secret name as the Kubernetes API lists them."""
    rows = conn.execute("SELECT name, password, roles, namespaces FROM users").fetchall()
    return sorted((User(*row) for row in rows), key=lambda user: user.name.encode("utf-8", "surrogateescape"))


def put_user(conn: sqlite3.Connection, user: User) -> None:
    """Create or replace a pgouser in the caller's transaction."""
    conn.execute(
        "INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?)",
        (user.name, user.password, user.roles, user.namespaces),
    )


def delete_user(conn: sqlite3.Connection, name: str) -> bool:
    """Remove a pgouser; whether it existed."""
    return conn.execute("DELETE FROM users WHERE name=?", (name,)).rowcount > 0


def role_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether Secret ``pgorole-<name>`` exists."""
    return conn.execute("SELECT 1 FROM roles WHERE name=?", (name,)).fetchone() is not None


def is_watched(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the installation watches namespace ``name``."""
    return conn.execute("SELECT 1 FROM namespaces WHERE name=?", (name,)).fetchone() is not None


def roles_error(conn: sqlite3.Connection, roles: str) -> str | None:
    """``validRoles``: each entry, trimmed, must be a pgorole; the message names it untrimmed."""
    for entry in roles.split(","):
        if not role_exists(conn, entry.strip()):
            return f"{entry} pgorole was not found"
    return None


def namespaces_error(conn: sqlite3.Connection, namespaces: str, all_namespaces: bool) -> str | None:
    """``validNamespaces`` / ``ns.ValidateNamespacesWatched``: every trimmed entry must be watched."""
    if all_namespaces:
        return None
    invalid = [name.strip() for name in namespaces.split(",") if not is_watched(conn, name.strip())]
    if invalid:
        return f"The following namespaces are invalid: [{' '.join(invalid)}]. {NOT_WATCHED}"
    return None


# ------------------------------------------------------------------------------------------ handlers


def handle_create(request: EmulatorRequest) -> CreatePgouserResponse:
    """``CreatePgouserHandler``: version, DNS-1035 name, roles, namespaces, then the Secret."""
    body: CreatePgouserRequest = request.body
    errors = dns1035_label_errors(body.pgouser_name)
    if errors:
        return CreatePgouserResponse(error_status("invalid pgouser name format " + errors[0]))
    with request.state.write() as conn:
        problem = roles_error(conn, body.pgouser_roles) or namespaces_error(
            conn, body.pgouser_namespaces, body.all_namespaces
        )
        if problem:
            return CreatePgouserResponse(error_status(problem))
        # createSecret: an existing pgouser is kept as it is, and that is a success.
        if get_user(conn, body.pgouser_name) is None:
            put_user(
                conn,
                User(body.pgouser_name, body.pgouser_password, body.pgouser_roles, body.pgouser_namespaces),
            )
    if body.all_namespaces and body.pgouser_namespaces:
        return CreatePgouserResponse(
            error_status("--all-namespaces and --pgouser-namespaces are mutually exclusive.")
        )
    return CreatePgouserResponse(ok_status())


def handle_show(request: EmulatorRequest) -> ShowPgouserResponse:
    """``ShowPgouserHandler``: every pgouser with ``AllFlag``, else each name (``<u> was not found``)."""
    body: ShowPgouserRequest = request.body
    infos: list[PgouserInfo] = []
    with request.state.read() as conn:
        if body.all_flag:
            infos = [PgouserInfo(user.name, [user.roles], [user.namespaces]) for user in list_users(conn)]
        else:
            for name in body.pgouser_name or []:
                user = get_user(conn, name)
                if user is None:
                    infos.append(PgouserInfo(f"{name} was not found", [], []))
                else:
                    infos.append(PgouserInfo(name, [user.roles], [user.namespaces]))
    # Go leaves UserInfo nil when nothing was appended.
    return ShowPgouserResponse(infos or None, ok_status())


def handle_update(request: EmulatorRequest) -> UpdatePgouserResponse:
    """``UpdatePgouserHandler`` (no version check): every change, or none when a check fails."""
    body: UpdatePgouserRequest = request.body
    name = body.pgouser_name
    with request.state.write() as conn:
        user = get_user(conn, name)
        if user is None:
            return UpdatePgouserResponse(error_status(f'secrets "pgouser-{name}" not found'))
        password = body.pgouser_password or user.password
        roles = user.roles
        if body.pgouser_roles:
            problem = roles_error(conn, body.pgouser_roles)
            if problem:
                return UpdatePgouserResponse(error_status(problem))
            roles = body.pgouser_roles
        namespaces = user.namespaces
        if body.pgouser_namespaces:
            problem = namespaces_error(conn, body.pgouser_namespaces, body.all_namespaces)
            if problem:
                return UpdatePgouserResponse(error_status(problem))
            namespaces = body.pgouser_namespaces
        elif body.all_namespaces:
            namespaces = ""
        put_user(conn, User(name, password, roles, namespaces))
    return UpdatePgouserResponse(ok_status())


def handle_delete(request: EmulatorRequest) -> DeletePgouserResponse:
    """``DeletePgouserHandler``: one line per name; ``AllFlag`` is ignored, as by the apiserver."""
    body: DeletePgouserRequest = request.body
    results: list[str] = []
    with request.state.write() as conn:
        for name in body.pgouser_name or []:
            if delete_user(conn, name):
                results.append(f"deleted pgouser {name}")
            else:
                results.append(f"pgouser-{name} not found")
    return DeletePgouserResponse(results, ok_status())


HANDLERS = {CREATE: handle_create, SHOW: handle_show, UPDATE: handle_update, DELETE: handle_delete}


EVENTS = {
    CREATE: pgo_rule("PGOCreateUser", TOPIC_PGOUSER, "createdusername", request_field("PgouserName")),
    UPDATE: pgo_rule("PGOUpdateUser", TOPIC_PGOUSER, "updatedusername", request_field("PgouserName")),
    DELETE: pgo_rule("PGODeleteUser", TOPIC_PGOUSER, "deletedusername", result_lines("deleted pgouser ")),
}
