"""The emulator's pgBackRest repository per cluster, as ``pgbackrest info --output json`` shows it.

One stored object (kind ``pgbackrest-repo``) per cluster holds the stanza (``db``), its backup sets
and what the next backup will find (database size, changed bytes, the next WAL segment, the
timeline). It is made lazily when the cluster's pods are first up, with the full backup the
operator takes after creating a cluster. Each backup set has pgBackRest's label
(``YYYYMMDD-HHMMSSF``, ``<full>_YYYYMMDD-HHMMSSD`` / ``…I``), ``prior`` and ``reference`` chains,
growing sizes and its WAL range; ``expire`` removes a set and the sets that depend on it, but never
the last full one. A restore (``internal/operator/backrest/restore.go``) stops the instances, moves
to a new timeline and ends with a new full backup (docs/architecture/disaster-recovery.md:198).
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from typing import Any

from pgo_cli.emulator import model, state
from pgo_cli.emulator.world import ReconcileRule, World, rfc3339
from pgo_cli.nouns.cluster.deletion import delete_with_cluster

KIND = "pgbackrest-repo"
# The repository lives on the <c>-pgbr-repo volume: deleting a cluster without --keep-backups
# removes it, so a new cluster of the same name starts with a new repository.
delete_with_cluster(KIND, "backups")
PGTASK = "pgtask"
PGBACKREST_VERSION = "2.33"
_KIB = 1024
_MIB = 1024 * 1024


def _stamp(ts: int) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


def pg_major(cluster: dict[str, Any]) -> str:
    """The PostgreSQL major version from the image tag (``centos8-13.5-4.7.4`` → ``13``)."""
    tag = str(cluster["spec"].get("ccpimagetag") or "")
    for part in tag.split("-"):
        head = part.split(".")[0]
        if head.isdigit() and "." in part:
            return head
    return "13"


def storage_types(cluster: dict[str, Any]) -> list[str]:
    """``spec.backrestStorageTypes``, or ``posix`` when empty."""
    types = [str(t) for t in cluster["spec"].get("backrestStorageTypes") or []]
    return types or ["posix"]


def repo_pod_running(row: model.Cluster, repo: dict[str, Any] | None, now: float) -> bool:
    """The ``pg-cluster=<c>,pgo-backrest-repo=true`` pod is Running (after the cluster's pods are up)."""
    if repo is not None and repo.get("repo_pod") is False:
        return False
    return now >= row.ready_at


def primary_ready(row: model.Cluster, repo: dict[str, Any] | None, now: float) -> bool:
    """A Running pod with ``role=master`` exists (``isPrimaryReady``)."""
    if repo is not None and repo.get("primary") is False:
        return False
    return row.primary_running(now)


def load(
    conn: sqlite3.Connection, row: model.Cluster, now: float, rng: random.Random
) -> dict[str, Any] | None:
    """The cluster's repository, made (with its first full backup) once its pods are up.

    A restore that is due has settled already: :data:`RESTORES` runs in ``World.reconcile``."""
    repo = state.get_object(conn, KIND, row.namespace, row.name)
    if repo is None:
        if now < row.ready_at:
            return None
        repo = _new_repo(row, rng)
        add_backup(repo, "full", row.ready_at, rng)
        state.put_object(conn, KIND, row.namespace, row.name, repo)
    return repo


def save(conn: sqlite3.Connection, row: model.Cluster, repo: dict[str, Any]) -> None:
    state.put_object(conn, KIND, row.namespace, row.name, repo)


def _new_repo(row: model.Cluster, rng: random.Random) -> dict[str, Any]:
    created = int(row.created)
    return {
        "system_id": (created << 32) | rng.randrange(1 << 32),
        "pg_version": pg_major(row.pgcluster),
        "timeline": 1,
        "wal": 2,
        "db_size": rng.randrange(30 * _MIB, 34 * _MIB),
        "ratio": rng.uniform(0.11, 0.13),
        "changed_since_full": 0,
        "changed_since_prior": 0,
        "backups": [],
        "repo_pod": True,
        "primary": None,
        "restore": None,
    }


def _segment(timeline: int, number: int) -> str:
    return f"{timeline:08X}{number // 256:08X}{number % 256:08X}"


def add_backup(repo: dict[str, Any], kind: str, now: float, rng: random.Random) -> dict[str, Any]:
    """Take a backup of ``kind`` (full, diff, incr) at ``now``; incr/diff without a full become full."""
    backups: list[dict[str, Any]] = repo["backups"]
    fulls = [b for b in backups if b["type"] == "full"]
    if not fulls:
        kind = "full"
    if backups:
        growth = rng.randrange(64 * _KIB, 4 * _MIB)
        repo["db_size"] += growth
        changed = growth + rng.randrange(32 * _KIB, 512 * _KIB)
        repo["changed_since_full"] += changed
        repo["changed_since_prior"] += changed
        repo["wal"] += rng.randrange(1, 5)
    start = int(now)
    if backups:
        start = max(start, max(b["timestamp"]["stop"] for b in backups) + 1)
    duration = {"full": rng.randrange(5, 12), "diff": rng.randrange(2, 6), "incr": rng.randrange(1, 4)}[kind]
    size = repo["db_size"]
    if kind == "full":
        delta = size
        label = _stamp(start) + "F"
        prior, reference = "", None
    else:
        last_full = fulls[-1]
        if kind == "diff":
            delta = min(size, repo["changed_since_full"])
            label = f"{last_full['label']}_{_stamp(start)}D"
            prior, reference = last_full["label"], [last_full["label"]]
        else:
            delta = min(size, repo["changed_since_prior"])
            previous = backups[-1]
            label = f"{last_full['label']}_{_stamp(start)}I"
            prior = previous["label"]
            reference = [*(previous["reference"] or []), previous["label"]]
    wal_start = repo["wal"]
    wal_stop = wal_start + (1 if kind == "full" and rng.random() < 0.3 else 0)
    repo["wal"] = wal_stop + 1
    ratio = float(repo["ratio"])
    backup = {
        "archive": {
            "start": _segment(repo["timeline"], wal_start),
            "stop": _segment(repo["timeline"], wal_stop),
        },
        "backrest": {"format": 5, "version": PGBACKREST_VERSION},
        "database": {"id": 1},
        "info": {
            "delta": delta,
            "repository": {"delta": int(delta * ratio), "size": int(size * ratio)},
            "size": size,
        },
        "label": label,
        "prior": prior,
        "reference": reference,
        "timestamp": {"start": start, "stop": start + duration},
        "type": kind,
    }
    backups.append(backup)
    if kind == "full":
        repo["changed_since_full"] = 0
    repo["changed_since_prior"] = 0
    return backup


def expire(repo: dict[str, Any], label: str) -> list[str] | None:
    """``pgbackrest expire --set <label>``: the labels removed (the set and its dependents), or None."""
    backups: list[dict[str, Any]] = repo["backups"]
    target = next((b for b in backups if b["label"] == label), None)
    if target is None:
        return None
    gone = {label} | {b["label"] for b in backups if label in (b["reference"] or [])}
    remaining_fulls = [b for b in backups if b["type"] == "full" and b["label"] not in gone]
    if not remaining_fulls:
        return None  # at least one full backup must remain
    repo["backups"] = [b for b in backups if b["label"] not in gone]
    return [b["label"] for b in backups if b["label"] in gone]


def info(repo: dict[str, Any]) -> list[dict[str, Any]]:
    """``pgbackrest info --output json`` re-encoded by the apiserver's Go structs."""
    backups = repo["backups"]
    version = repo["pg_version"]
    archive_min = backups[0]["archive"]["start"] if backups else ""
    archive_max = _segment(repo["timeline"], max(int(repo["wal"]) - 1, 1))
    status = {"code": 0, "message": "ok"} if backups else {"code": 2, "message": "no valid backups"}
    return [
        {
            "archive": [{"db": {"id": 1}, "id": f"{version}-1", "max": archive_max, "min": archive_min}],
            "backup": [dict(b) for b in backups],
            "cipher": "none",
            "db": [{"id": 1, "system-id": repo["system_id"], "version": version}],
            "name": "db",
            "status": status,
        }
    ]


# ---------------------------------------------------------------------------------------------- restore


def start_restore(
    conn: sqlite3.Connection,
    row: model.Cluster,
    repo: dict[str, Any],
    now: float,
    delay: float,
    workflow: str,
) -> None:
    """The restore workflow begins: instances stop; they come back (and a full backup is taken) at now+delay."""
    until = now + delay
    repo["restore"] = {"at": now, "until": until, "workflow": workflow}
    row.pgcluster["status"] = {"state": "pgcluster Restoring", "message": "Cluster is being restored"}
    for pod in row.pods:
        pod.ready_at = until
    row.ready_at = max(row.ready_at, until)
    row.save(conn)
    save(conn, row, repo)


def settle(
    conn: sqlite3.Connection, row: model.Cluster, repo: dict[str, Any], now: float, rng: random.Random
) -> bool:
    """Finish a restore that is due (new timeline, full backup, workflow updated); whether anything changed."""
    restore = repo.get("restore")
    if not restore or now < float(restore["until"]):
        return False
    until = float(restore["until"])
    repo["restore"] = None
    repo["timeline"] = int(repo["timeline"]) + 1
    repo["wal"] = int(repo["wal"]) + 1
    add_backup(repo, "full", until, rng)
    task = state.get_object(conn, PGTASK, row.namespace, str(restore["workflow"]))
    if task is not None:
        task["spec"]["parameters"].setdefault("restored Primary created", rfc3339(until))
        state.put_object(conn, PGTASK, row.namespace, str(restore["workflow"]), task)
    return True


def _restores_due(conn: sqlite3.Connection, now: float) -> list[tuple[str, str]]:
    """The clusters (that still exist) whose repository's restore is due."""
    due = state.objects_due(conn, KIND, "$.restore.until", now)
    return [(ns, name) for ns, name in due if state.get_cluster(conn, ns, name) is not None]


def _settle_restores(conn: sqlite3.Connection, now: float, world: World) -> None:
    for namespace, name in _restores_due(conn, now):
        row = model.get(conn, namespace, name)
        repo = state.get_object(conn, KIND, namespace, name)
        if row is not None and repo is not None and settle(conn, row, repo, now, world.rng):
            save(conn, row, repo)


#: A restore settles once its instances are back: new timeline, a full backup, the workflow's
#: "restored Primary created" (``World.reconcile`` runs it; declared in ``handlers.RECONCILE``).
RESTORES = ReconcileRule("restore", lambda conn, now: bool(_restores_due(conn, now)), _settle_restores)
