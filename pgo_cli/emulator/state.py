"""Persistent state in one SQLite file (WAL mode): pgo users and roles, watched namespaces, and
the emulated Kubernetes objects (Pgclusters with their derived objects, Secrets, PVCs).

Each change is one transaction. Every thread gets its own connection; writers take the database
lock up front (``BEGIN IMMEDIATE``) so that check-then-insert sequences are atomic across threads
and processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pgo_cli.emulator.config import DEFAULT_NAMESPACES, DEFAULT_PASSWORD, DEFAULT_ROLE, DEFAULT_USER

DB_NAME = "state.db"
#: The operator's namespace modes (``NamespaceMode`` in pgo.yaml's installer settings).
MODES = ("dynamic", "readonly", "disabled")
MODE_ENV = "PGO_EMULATOR_NAMESPACE_MODE"
_MODE_KEY = "namespace_mode"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, password TEXT NOT NULL, roles TEXT NOT NULL, namespaces TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS roles (name TEXT PRIMARY KEY, permissions TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS namespaces (name TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS clusters (
    namespace TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL,
    created REAL NOT NULL, ready_at REAL NOT NULL,
    delete_at REAL, delete_data INTEGER, delete_backups INTEGER,
    PRIMARY KEY (namespace, name));
CREATE TABLE IF NOT EXISTS secrets (
    namespace TEXT NOT NULL, name TEXT NOT NULL, cluster TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (namespace, name));
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (kind, namespace, name));
CREATE TABLE IF NOT EXISTS pvcs (
    namespace TEXT NOT NULL, name TEXT NOT NULL, cluster TEXT NOT NULL, capacity TEXT NOT NULL,
    kind TEXT NOT NULL, PRIMARY KEY (namespace, name));
"""


@dataclass(frozen=True)
class User:
    """A pgouser: the data of Secret ``pgouser-<name>``."""

    name: str
    password: str
    roles: str
    namespaces: str


@dataclass(frozen=True)
class ClusterRow:
    """One stored Pgcluster with its derived objects and its simulated timeline."""

    namespace: str
    name: str
    doc: dict[str, Any]
    created: float
    ready_at: float
    delete_at: float | None


class State:
    """Access to the state database; safe to share between threads."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / DB_NAME
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        with self.write() as conn:
            for statement in _SCHEMA.strip().split(";"):
                if statement.strip():
                    conn.execute(statement)
            if conn.execute("SELECT value FROM meta WHERE key='initialized'").fetchone() is None:
                conn.execute(
                    "INSERT INTO users VALUES (?, ?, ?, '')", (DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_ROLE)
                )
                conn.execute("INSERT INTO roles VALUES (?, '*')", (DEFAULT_ROLE,))
                conn.executemany("INSERT INTO namespaces VALUES (?)", [(ns,) for ns in DEFAULT_NAMESPACES])
                conn.execute("INSERT INTO meta VALUES ('initialized', '1')")

    # ------------------------------------------------------------------ connections

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the database write lock from its start."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction (a consistent snapshot)."""
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection opened by any thread."""
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()

    # ------------------------------------------------------------------ users, roles, namespaces

    def get_user(self, name: str) -> User | None:
        """The pgouser named ``name``."""
        with self.read() as conn:
            row = conn.execute(
                "SELECT name, password, roles, namespaces FROM users WHERE name=?", (name,)
            ).fetchone()
        return User(*row) if row else None

    def put_user(self, name: str, password: str, roles: str, namespaces: str) -> None:
        """Create or replace a pgouser."""
        with self.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO users VALUES (?, ?, ?, ?)", (name, password, roles, namespaces)
            )

    def role_permissions(self, name: str) -> str | None:
        """The ``permissions`` data of role ``name``, or None when the role does not exist."""
        with self.read() as conn:
            row = conn.execute("SELECT permissions FROM roles WHERE name=?", (name,)).fetchone()
        return str(row[0]) if row else None

    def put_role(self, name: str, permissions: str) -> None:
        """Create or replace a pgorole."""
        with self.write() as conn:
            conn.execute("INSERT OR REPLACE INTO roles VALUES (?, ?)", (name, permissions))

    def namespaces(self) -> list[str]:
        """The watched namespaces, sorted."""
        with self.read() as conn:
            return [r[0] for r in conn.execute("SELECT name FROM namespaces ORDER BY name")]

    def add_namespace(self, name: str) -> None:
        """Watch one more namespace."""
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO namespaces VALUES (?)", (name,))

    def set_namespaces(self, names: Iterable[str]) -> None:
        """Replace the set of watched namespaces."""
        with self.write() as conn:
            conn.execute("DELETE FROM namespaces")
            conn.executemany("INSERT OR IGNORE INTO namespaces VALUES (?)", [(n,) for n in names])

    def is_watched(self, name: str) -> bool:
        """Whether ``name`` belongs to the emulated installation."""
        with self.read() as conn:
            return conn.execute("SELECT 1 FROM namespaces WHERE name=?", (name,)).fetchone() is not None


# ---------------------------------------------------------------------- the namespace mode


def namespace_mode(state: State) -> str:
    """The emulated operator's namespace mode."""
    with state.read() as conn:
        row = conn.execute("SELECT value FROM meta WHERE key=?", (_MODE_KEY,)).fetchone()
    mode = str(row[0]) if row else os.environ.get(MODE_ENV, "") or "dynamic"
    return mode if mode in MODES else "dynamic"


def set_namespace_mode(state: State, mode: str) -> None:
    """Store the namespace mode in the state (it then outlives restarts)."""
    if mode not in MODES:
        raise ValueError(f"namespace mode must be one of {', '.join(MODES)}, not {mode!r}")
    with state.write() as conn:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_MODE_KEY, mode))


# ---------------------------------------------------------------------- object helpers on a connection


def _row(raw: tuple[Any, ...]) -> ClusterRow:
    return ClusterRow(raw[0], raw[1], json.loads(raw[2]), raw[3], raw[4], raw[5])


def list_clusters(conn: sqlite3.Connection, namespace: str) -> list[ClusterRow]:
    """Pgclusters of a namespace, sorted by name as the Kubernetes API returns them."""
    rows = conn.execute(
        "SELECT namespace, name, doc, created, ready_at, delete_at FROM clusters WHERE namespace=?",
        (namespace,),
    ).fetchall()
    return sorted((_row(r) for r in rows), key=lambda r: r.name.encode())


def get_cluster(conn: sqlite3.Connection, namespace: str, name: str) -> ClusterRow | None:
    """One Pgcluster, or None."""
    raw = conn.execute(
        "SELECT namespace, name, doc, created, ready_at, delete_at FROM clusters WHERE namespace=? AND name=?",
        (namespace, name),
    ).fetchone()
    return _row(raw) if raw else None


def insert_cluster(
    conn: sqlite3.Connection, namespace: str, name: str, doc: dict[str, Any], created: float, ready_at: float
) -> None:
    """Store a new Pgcluster (fails if one of that name exists)."""
    conn.execute(
        "INSERT INTO clusters (namespace, name, doc, created, ready_at) VALUES (?, ?, ?, ?, ?)",
        (namespace, name, json.dumps(doc), created, ready_at),
    )


def mark_deleted(
    conn: sqlite3.Connection, namespace: str, name: str, at: float, data: bool, backups: bool
) -> None:
    """Mark a cluster deleted as of ``at``, with what its deletion removes (data, backups)."""
    conn.execute(
        "UPDATE clusters SET delete_at=?, delete_data=?, delete_backups=? WHERE namespace=? AND name=?",
        (at, int(data), int(backups), namespace, name),
    )


def deleted_clusters(conn: sqlite3.Connection, now: float) -> list[tuple[str, str, bool, bool]]:
    """``(namespace, name, data, backups)`` of each cluster marked deleted as of ``now`` or earlier."""
    rows = conn.execute(
        "SELECT namespace, name, delete_data, delete_backups FROM clusters WHERE delete_at IS NOT NULL AND delete_at<=?",
        (now,),
    ).fetchall()
    return [(str(r[0]), str(r[1]), bool(r[2]), bool(r[3])) for r in rows]


def any_deleted_cluster(conn: sqlite3.Connection, now: float) -> bool:
    """Whether some cluster is marked deleted as of ``now`` or earlier (cheaply)."""
    row = conn.execute(
        "SELECT 1 FROM clusters WHERE delete_at IS NOT NULL AND delete_at<=? LIMIT 1", (now,)
    ).fetchone()
    return row is not None


def remove_cluster(conn: sqlite3.Connection, namespace: str, name: str) -> None:
    """Remove a Pgcluster (and the objects stored in its document)."""
    conn.execute("DELETE FROM clusters WHERE namespace=? AND name=?", (namespace, name))


def get_secret(conn: sqlite3.Connection, namespace: str, name: str) -> dict[str, Any] | None:
    """The data of a Secret, or None."""
    row = conn.execute("SELECT data FROM secrets WHERE namespace=? AND name=?", (namespace, name)).fetchone()
    return dict(json.loads(row[0])) if row else None


def secrets_of_cluster(conn: sqlite3.Connection, namespace: str, cluster: str) -> list[str]:
    """Names of the Secrets labelled ``pg-cluster=<cluster>``."""
    rows = conn.execute(
        "SELECT name FROM secrets WHERE namespace=? AND cluster=? ORDER BY name", (namespace, cluster)
    )
    return [r[0] for r in rows]


def put_secret(
    conn: sqlite3.Connection, namespace: str, name: str, cluster: str, data: dict[str, Any]
) -> None:
    """Create or replace a Secret."""
    conn.execute(
        "INSERT OR REPLACE INTO secrets VALUES (?, ?, ?, ?)", (namespace, name, cluster, json.dumps(data))
    )


def pvc_capacity(conn: sqlite3.Connection, namespace: str, name: str) -> str | None:
    """The capacity of a PVC, or None when it does not exist."""
    row = conn.execute("SELECT capacity FROM pvcs WHERE namespace=? AND name=?", (namespace, name)).fetchone()
    return str(row[0]) if row else None


def put_pvc(
    conn: sqlite3.Connection, namespace: str, name: str, cluster: str, capacity: str, kind: str
) -> None:
    """Create a PVC, or keep an existing one of that name (the operator reuses it)."""
    conn.execute(
        "INSERT OR IGNORE INTO pvcs VALUES (?, ?, ?, ?, ?)", (namespace, name, cluster, capacity, kind)
    )


def update_cluster_doc(conn: sqlite3.Connection, namespace: str, name: str, doc: dict[str, Any]) -> None:
    """Replace a stored Pgcluster's document (its ``cluster`` object and derived objects)."""
    conn.execute("UPDATE clusters SET doc=? WHERE namespace=? AND name=?", (json.dumps(doc), namespace, name))


def set_cluster_ready_at(conn: sqlite3.Connection, namespace: str, name: str, ready_at: float) -> None:
    """Move the time at which a cluster's pods (those without their own ``ready_at``) are ready."""
    conn.execute("UPDATE clusters SET ready_at=? WHERE namespace=? AND name=?", (ready_at, namespace, name))


def pvcs_of_cluster(conn: sqlite3.Connection, namespace: str, cluster: str) -> list[tuple[str, str, str]]:
    """``(name, capacity, kind)`` of each PVC of a cluster, sorted by name."""
    rows = conn.execute(
        "SELECT name, capacity, kind FROM pvcs WHERE namespace=? AND cluster=? ORDER BY name",
        (namespace, cluster),
    ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def set_pvc_capacity(conn: sqlite3.Connection, namespace: str, name: str, capacity: str) -> None:
    """Resize a PVC."""
    conn.execute("UPDATE pvcs SET capacity=? WHERE namespace=? AND name=?", (capacity, namespace, name))


def delete_pvc(conn: sqlite3.Connection, namespace: str, name: str) -> None:
    """Remove a PVC."""
    conn.execute("DELETE FROM pvcs WHERE namespace=? AND name=?", (namespace, name))


def delete_pvcs_of_cluster(conn: sqlite3.Connection, namespace: str, cluster: str, kind: str) -> None:
    """Remove a cluster's PVCs of one kind (``instance``, ``backrest``, ``other``)."""
    conn.execute("DELETE FROM pvcs WHERE namespace=? AND cluster=? AND kind=?", (namespace, cluster, kind))


def delete_secret(conn: sqlite3.Connection, namespace: str, name: str) -> None:
    """Remove a Secret."""
    conn.execute("DELETE FROM secrets WHERE namespace=? AND name=?", (namespace, name))


def delete_secrets_of_cluster(conn: sqlite3.Connection, namespace: str, cluster: str, kind: str) -> None:
    """Remove a cluster's Secrets of one kind (the ``kind`` key of their data: ``user``, ``backrest``)."""
    conn.execute(
        "DELETE FROM secrets WHERE namespace=? AND cluster=? AND json_extract(data, '$.kind')=?",
        (namespace, cluster, kind),
    )


# ---------------------------------------------------------------------- any other object, by kind
# Nouns keep their own objects here (pgtasks, workflows, policies, schedules, backups …): one JSON
# document per (kind, namespace, name), changed in the caller's transaction.


def get_object(conn: sqlite3.Connection, kind: str, namespace: str, name: str) -> dict[str, Any] | None:
    """One stored object, or None."""
    row = conn.execute(
        "SELECT data FROM objects WHERE kind=? AND namespace=? AND name=?", (kind, namespace, name)
    ).fetchone()
    return dict(json.loads(row[0])) if row else None


def put_object(conn: sqlite3.Connection, kind: str, namespace: str, name: str, data: dict[str, Any]) -> None:
    """Create or replace an object."""
    conn.execute(
        "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?)", (kind, namespace, name, json.dumps(data))
    )


def delete_object(conn: sqlite3.Connection, kind: str, namespace: str, name: str) -> bool:
    """Remove an object; whether it existed."""
    cursor = conn.execute(
        "DELETE FROM objects WHERE kind=? AND namespace=? AND name=?", (kind, namespace, name)
    )
    return cursor.rowcount > 0


def list_objects(
    conn: sqlite3.Connection, kind: str, namespace: str | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(namespace, name, data)`` of every object of a kind (in one namespace if given), sorted."""
    if namespace is None:
        rows = conn.execute("SELECT namespace, name, data FROM objects WHERE kind=?", (kind,)).fetchall()
    else:
        rows = conn.execute(
            "SELECT namespace, name, data FROM objects WHERE kind=? AND namespace=?", (kind, namespace)
        ).fetchall()
    items = [(str(r[0]), str(r[1]), dict(json.loads(r[2]))) for r in rows]
    return sorted(items, key=lambda item: (item[0], item[1].encode()))


def objects_due(conn: sqlite3.Connection, kind: str, field: str, now: float) -> list[tuple[str, str]]:
    """``(namespace, name)`` of the objects of a kind whose number at JSON path ``field`` (e.g.
    ``$.restore.until``) is set and not after ``now``: a noun's delayed effect that is due."""
    rows = conn.execute(
        "SELECT namespace, name FROM objects WHERE kind=? AND json_extract(data, ?) <= ? ORDER BY namespace, name",
        (kind, field, now),
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]
