"""The emulator's schedule clock: pgBackRest schedules that really fire (off by default).

pgo-scheduler (``cmd/pgo-scheduler/scheduler/``) reads the ``crunchy-scheduler=true`` ConfigMaps and
runs each pgBackRest schedule as a backup of its type. The emulator does it lazily: whenever the
world reconciles (:data:`SCHEDULES`, before a request that reads clusters or backups is served), the
cron minutes passed since the last look are replayed and a backup is added for each minute the
schedule matches. ``PGO_EMULATOR_SCHEDULE_CLOCK`` (in the
emulator's environment) turns it on and sets the speed: ``1`` is real time, ``60`` makes every
real second a cron minute (for tests); unset or ``0`` leaves schedules stored but idle.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
from typing import Any

from pgo_cli.emulator import model, state
from pgo_cli.emulator.world import ReconcileRule, World

CONFIGMAP = "configmap"
CLOCK_ENV = "PGO_EMULATOR_SCHEDULE_CLOCK"
#: At most this many cron minutes are replayed per look (a long-idle emulator skips ahead).
_MAX_MINUTES = 200_000


def speed() -> float:
    """The clock's speed from the environment (0: off)."""
    try:
        value = float(os.environ.get(CLOCK_ENV, "0") or "0")
    except ValueError:
        return 0.0
    return value if value > 0 else 0.0


def schedules_of(conn: sqlite3.Connection, namespace: str, cluster: str) -> list[tuple[str, dict[str, Any]]]:
    """The schedule ConfigMaps labelled ``pg-cluster=<cluster>``, by name."""
    return [
        (name, data)
        for _, name, data in state.list_objects(conn, CONFIGMAP, namespace)
        if data.get("labels", {}).get("crunchy-scheduler") == "true"
        and data.get("labels", {}).get("pg-cluster") == cluster
    ]


def fire_due(conn: sqlite3.Connection, row: model.Cluster, now: float, rng: random.Random) -> int:
    """Replay the cron minutes up to ``now`` for the cluster's pgBackRest schedules; the backups added."""
    factor = speed()
    if not factor:
        return 0
    from pgo_cli.nouns.backup import emulation as repo
    from pgo_cli.nouns.schedule.cron import CronError, parse_cron

    current = repo.load(conn, row, now, rng)
    if current is None:
        return 0
    fired = 0
    for name, data in schedules_of(conn, row.namespace, row.name):
        try:
            blob = json.loads(data["data"][name])
            schedule = parse_cron(str(blob.get("schedule", "")))
        except (KeyError, ValueError, CronError):
            continue
        if blob.get("type") != "pgbackrest":
            continue
        clock = data.setdefault("clock", {})
        anchor = float(clock.setdefault("anchor", now))
        checked = float(clock.get("checked", anchor))
        first = int(_emulated(checked, anchor, factor) // 60) + 1
        last = int(_emulated(now, anchor, factor) // 60)
        first = max(first, last - _MAX_MINUTES)
        for minute in range(first, last + 1):
            when = dt.datetime.fromtimestamp(minute * 60, dt.timezone.utc)
            if schedule.matches(when):
                real = anchor + (minute * 60 - anchor) / factor
                kind = str(blob.get("pgbackrest", {}).get("type") or "full")
                repo.add_backup(current, kind, real, rng)
                fired += 1
        clock["checked"] = now
        state.put_object(conn, CONFIGMAP, row.namespace, name, data)
    if fired:
        repo.save(conn, row, current)
    return fired


def _emulated(real: float, anchor: float, factor: float) -> float:
    """The schedule's time for a real time: it runs ``factor`` times faster from its creation."""
    return anchor + (real - anchor) * factor


def _scheduled_clusters(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(namespace, cluster)`` of every pgBackRest schedule, once each."""
    found: dict[tuple[str, str], None] = {}
    for namespace, name, data in state.list_objects(conn, CONFIGMAP):
        if data.get("labels", {}).get("crunchy-scheduler") != "true":
            continue
        try:
            blob = json.loads(data["data"][name])
        except (KeyError, ValueError):
            continue
        if blob.get("type") == "pgbackrest":
            found[(namespace, str(blob.get("cluster", "")))] = None
    return list(found)


def _fire_all(conn: sqlite3.Connection, now: float, world: World) -> None:
    for namespace, cluster in _scheduled_clusters(conn):
        row = model.get(conn, namespace, cluster)
        if row is not None:
            fire_due(conn, row, now, world.rng)


#: pgo-scheduler's pgBackRest schedules fire (only with the schedule clock on). Declared in
#: ``handlers.RECONCILE``; it runs after the backup noun's restore rule (nouns in index order), so
#: the repository it adds to has settled.
SCHEDULES = ReconcileRule(
    "schedule", lambda conn, _now: bool(speed()) and bool(_scheduled_clusters(conn)), _fire_all
)
