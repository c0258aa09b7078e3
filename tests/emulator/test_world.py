"""World.reconcile: the delayed effects nouns declare (``RECONCILE``) run when due, in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pgo_cli.emulator import state
from pgo_cli.emulator.__main__ import prepare_state_dir
from pgo_cli.emulator.config import Settings
from pgo_cli.emulator.world import ReconcileRule, World
from pgo_cli.nouns.backup.emulation import RESTORES
from pgo_cli.nouns.cluster.deletion import RMDATA
from pgo_cli.nouns.schedule.emulation import SCHEDULES

KIND = "test-timer"


def _timer_due(conn: sqlite3.Connection, now: float) -> bool:
    return bool(state.objects_due(conn, KIND, "$.at", now))


def _timer_run(conn: sqlite3.Connection, now: float, _world: World) -> None:
    for namespace, name in state.objects_due(conn, KIND, "$.at", now):
        state.put_object(conn, KIND, namespace, name, {"at": None, "fired": now})


TIMER = ReconcileRule("timer", _timer_due, _timer_run)


def _world(tmp_path: Path, moment: list[float], rules: tuple[ReconcileRule, ...]) -> World:
    st = prepare_state_dir(tmp_path / "state", None, None)
    return World(st, Settings(state_dir=tmp_path / "state"), clock=lambda: moment[0], rules=rules)


def test_a_rule_runs_once_it_is_due_and_its_effect_is_stored(tmp_path: Path) -> None:
    moment = [1000.0]
    world = _world(tmp_path, moment, (TIMER,))
    with world.state.write() as conn:
        state.put_object(conn, KIND, "pgo", "a", {"at": 1010.0})
        state.put_object(conn, KIND, "pgo", "b", {"at": 1020.0})
    world.reconcile()
    with world.state.read() as conn:
        assert state.get_object(conn, KIND, "pgo", "a") == {"at": 1010.0}
    moment[0] = 1015.0
    world.reconcile()
    with world.state.read() as conn:
        assert state.get_object(conn, KIND, "pgo", "a") == {"at": None, "fired": 1015.0}
        assert state.get_object(conn, KIND, "pgo", "b") == {"at": 1020.0}
    # inside the caller's transaction, at the moment it gives
    with world.state.write() as conn:
        world.reconcile(conn, 1030.0)
        assert state.get_object(conn, KIND, "pgo", "b") == {"at": None, "fired": 1030.0}


def test_rmdata_runs_first_then_the_nouns_rules_in_index_order(tmp_path: Path) -> None:
    world = _world(tmp_path, [0.0], (TIMER, RMDATA))
    assert world.rules == (RMDATA, TIMER)
    default = World(world.state, world.settings)
    assert default.rules[0] is RMDATA
    found = list(default.rules)
    # the backup noun's restores settle before the schedule noun's backups fire into the repository
    assert found.index(RESTORES) < found.index(SCHEDULES)
