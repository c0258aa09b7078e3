"""The emulator's namespace routes (``internal/apiserver/namespaceservice/``, ``internal/ns/nslogic.go``).

The emulated Kubernetes cluster has two kinds of namespaces: the ones the installation watches
(the state's ``namespaces`` table, which ``GetNamespace`` checks on every request) and others that
merely exist (``default``, ``kube-system`` … kept as objects of kind ``k8s-namespace``).
``create`` makes a watched one, ``update`` makes an existing one watched, ``delete`` removes one
with everything in it.

The namespace mode (``dynamic``, ``readonly``, ``disabled``: :func:`pgo_cli.emulator.state.namespace_mode`)
decides the 405s: show is refused in ``disabled``, create/update/delete unless ``dynamic``. As in the
real handlers, that check comes before authentication: the routes' ``NamespaceMode`` step.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pgo_cli.emulator.publishing import TOPIC_PGO, pgo_rule, result_lines
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import dns1123_label_errors
from pgo_cli.nouns.namespace.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.namespace.messages import (
    CreateNamespaceRequest,
    CreateNamespaceResponse,
    DeleteNamespaceRequest,
    DeleteNamespaceResponse,
    NamespaceResult,
    ShowNamespaceRequest,
    ShowNamespaceResponse,
    UpdateNamespaceRequest,
    UpdateNamespaceResponse,
)
from pgo_cli.wire.codec import error_status, ok_status

_SEEDED_KEY = "k8s_namespaces_seeded"
#: Namespaces every Kubernetes cluster has besides the watched ones.
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
#: Namespaces the Kubernetes API refuses to delete.
UNDELETABLE = frozenset({"default", "kube-public", "kube-system"})
KIND = "k8s-namespace"


# ------------------------------------------------------------------------------------------ store


def _seed(state: Any) -> None:
    """Give the emulated cluster its system namespaces once (they are not watched)."""
    with state.read() as conn:
        seeded = conn.execute("SELECT 1 FROM meta WHERE key=?", (_SEEDED_KEY,)).fetchone()
    if seeded:
        return
    with state.write() as conn:
        if conn.execute("SELECT 1 FROM meta WHERE key=?", (_SEEDED_KEY,)).fetchone():
            return
        for name in SYSTEM_NAMESPACES:
            if not _watched(conn, name):
                conn.execute("INSERT OR IGNORE INTO objects VALUES (?, '', ?, '{}')", (KIND, name))
        conn.execute("INSERT INTO meta VALUES (?, '1')", (_SEEDED_KEY,))


def _watched(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM namespaces WHERE name=?", (name,)).fetchone() is not None


def _unwatched(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM objects WHERE kind=? AND namespace='' AND name=?", (KIND, name)
    ).fetchone()
    return row is not None


def exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether namespace ``name`` exists in the emulated Kubernetes cluster."""
    return _watched(conn, name) or _unwatched(conn, name)


def all_namespaces(conn: sqlite3.Connection) -> list[str]:
    """Every namespace of the cluster, sorted by name as the API lists them."""
    names = {str(r[0]) for r in conn.execute("SELECT name FROM namespaces")}
    names.update(
        str(r[0]) for r in conn.execute("SELECT name FROM objects WHERE kind=? AND namespace=''", (KIND,))
    )
    return sorted(names, key=lambda name: name.encode("utf-8", "surrogateescape"))


def watch(conn: sqlite3.Connection, name: str) -> None:
    """Label a namespace for the installation (it is watched from now on)."""
    conn.execute("DELETE FROM objects WHERE kind=? AND namespace='' AND name=?", (KIND, name))
    conn.execute("INSERT OR IGNORE INTO namespaces VALUES (?)", (name,))


def remove(conn: sqlite3.Connection, name: str) -> None:
    """Delete a namespace and every object in it."""
    conn.execute("DELETE FROM namespaces WHERE name=?", (name,))
    conn.execute("DELETE FROM objects WHERE kind=? AND namespace='' AND name=?", (KIND, name))
    for table in ("clusters", "secrets", "pvcs", "objects"):
        conn.execute(f"DELETE FROM {table} WHERE namespace=?", (name,))  # fixed table names, no input


def user_access(conn: sqlite3.Connection, username: str, name: str) -> bool:
    """``UserIsPermittedInNamespace``'s user part: no namespaces means all, else a trimmed match."""
    row = conn.execute("SELECT namespaces FROM users WHERE name=?", (username,)).fetchone()
    if row is None:
        return False
    namespaces = str(row[0])
    return namespaces == "" or any(entry.strip() == name for entry in namespaces.split(","))


def invalid_name(name: str) -> str | None:
    """The Kubernetes API's answer to a namespace name that is not a DNS-1123 label."""
    if name == "":
        return 'Namespace "" is invalid: metadata.name: Required value: name or generateName is required'
    errors = [f'metadata.name: Invalid value: "{name}": {message}' for message in dns1123_label_errors(name)]
    if not errors:
        return None
    detail = errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"
    return f'Namespace "{name}" is invalid: {detail}'


# ------------------------------------------------------------------------------------------ handlers


def handle_show(request: EmulatorRequest) -> ShowNamespaceResponse:
    """``ShowNamespaceHandler``: 405 in mode disabled, version, then ``ShowNamespace``."""
    body: ShowNamespaceRequest = request.body
    _seed(request.state)
    results: list[NamespaceResult] = []
    with request.state.read() as conn:
        if body.all_flag:
            names = all_namespaces(conn)
        else:
            if not body.args:
                return ShowNamespaceResponse(
                    request.username,
                    [],
                    error_status("namespace names or --all flag is required for this command"),
                )
            for name in body.args:
                if not exists(conn, name):
                    return ShowNamespaceResponse(
                        request.username, [], error_status(f"namespace {name} not found")
                    )
            names = list(body.args)
        for name in names:
            installed = _watched(conn, name)
            allowed = installed and user_access(conn, request.username, name)
            results.append(NamespaceResult(name, installed, allowed))
    return ShowNamespaceResponse(request.username, results, ok_status())


def handle_create(request: EmulatorRequest) -> CreateNamespaceResponse:
    """``CreateNamespaceHandler``: 405 unless dynamic; each name in turn, the first error ends it."""
    body: CreateNamespaceRequest = request.body
    _seed(request.state)
    results: list[str] = []
    for name in body.args or []:
        with request.state.write() as conn:
            problem = invalid_name(name)
            if problem is None and exists(conn, name):
                problem = f'namespaces "{name}" already exists'
            if problem is None:
                watch(conn, name)
        if problem:
            return CreateNamespaceResponse(results, error_status(problem))
        results.append(f"created namespace {name}")
    return CreateNamespaceResponse(results, ok_status())


def handle_update(request: EmulatorRequest) -> UpdateNamespaceResponse:
    """``UpdateNamespaceHandler``: 405 unless dynamic; each existing name becomes watched."""
    body: UpdateNamespaceRequest = request.body
    _seed(request.state)
    results: list[str] = []
    for name in body.args or []:
        with request.state.write() as conn:
            found = exists(conn, name)
            if found:
                watch(conn, name)
        if not found:
            return UpdateNamespaceResponse(results, error_status(f'namespaces "{name}" not found'))
        results.append(f"updated namespace {name}")
    return UpdateNamespaceResponse(results, ok_status())


def handle_delete(request: EmulatorRequest) -> DeleteNamespaceResponse:
    """``DeleteNamespaceHandler``: 405 unless dynamic; ``Args`` only (Selector and AllFlag unused)."""
    body: DeleteNamespaceRequest = request.body
    _seed(request.state)
    results: list[str] = []
    problem: str | None = None
    for name in body.args or []:
        with request.state.write() as conn:
            if not exists(conn, name):
                problem = f'namespaces "{name}" not found'
            elif name in UNDELETABLE:
                problem = f'namespaces "{name}" is forbidden: this namespace may not be deleted'
            else:
                remove(conn, name)
        if problem:
            return DeleteNamespaceResponse(results, error_status(problem))
        results.append(f"deleted namespace {name}")
    return DeleteNamespaceResponse(results, ok_status())


HANDLERS = {SHOW: handle_show, CREATE: handle_create, UPDATE: handle_update, DELETE: handle_delete}


EVENTS = {
    CREATE: pgo_rule("PGOCreateNamespace", TOPIC_PGO, "creatednamespace", result_lines("created namespace ")),
    # UpdateNamespace publishes PGOCreateNamespace in pgo 4.7.4 (nslogic.go), and so does this.
    UPDATE: pgo_rule("PGOCreateNamespace", TOPIC_PGO, "creatednamespace", result_lines("updated namespace ")),
    DELETE: pgo_rule("PGODeleteNamespace", TOPIC_PGO, "deletednamespace", result_lines("deleted namespace ")),
}
