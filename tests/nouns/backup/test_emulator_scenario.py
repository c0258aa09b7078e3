"""End to end through the real ``pgo`` against a running emulator over mTLS (issue 11's scenario).

create → backup → backup --type=diff → show backup → create schedule (fast clock) → a scheduled
backup appears → restore --pitr-target → the cluster is back → delete backup --target (dependents go)
→ show backup without them → delete schedule; plus the server's checks with their messages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from pgo_cli.emulator import state as st
from pgo_cli.nouns.backup import repo
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def _error(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("Error:"))


def _backups(env: dict[str, str], cluster: str = "hippo") -> list[dict[str, Any]]:
    result = run_pgo(["show", "backup", cluster, "-o", "json"], env)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    return list(document["Items"][0]["Info"][0]["backup"])


def test_backup_restore_schedule_scenario(
    make_emulator: Callable[..., Emulator], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGO_EMULATOR_SCHEDULE_CLOCK", "120")  # two cron minutes per real second
    emulator = make_emulator()
    env = emulator.env(TZ="UTC")
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0

    # creating the cluster made a full backup
    [first] = _backups(env)
    assert first["type"] == "full" and first["label"].endswith("F") and first["reference"] is None

    out = run_pgo(["backup", "hippo"], env)
    assert (out.code, out.stdout) == (0, "created Pgtask backrest-backup-hippo\n")
    assert run_pgo(["backup", "hippo", "--backup-opts=--type=diff"], env).code == 0
    assert run_pgo(["backup", "hippo"], env).code == 0
    full, incr, diff, incr2 = _backups(env)
    assert [b["type"] for b in (full, incr, diff, incr2)] == ["full", "incr", "diff", "incr"]
    assert incr["label"].startswith(full["label"] + "_") and incr["label"].endswith("I")
    assert (
        diff["label"].endswith("D")
        and diff["prior"] == full["label"]
        and diff["reference"] == [full["label"]]
    )
    assert incr2["prior"] == diff["label"] and incr2["reference"] == [full["label"], diff["label"]]
    assert full["info"]["size"] < incr["info"]["size"] < diff["info"]["size"] < incr2["info"]["size"]
    assert incr["info"]["delta"] < incr["info"]["size"]

    text = run_pgo(["show", "backup", "hippo"], env).stdout
    assert text.startswith(
        "\ncluster: hippo\nstorage type: posix\n\nstanza: db\n    status: ok\n    cipher: none\n\n"
    )
    assert f"        diff backup: {diff['label']}\n" in text
    assert "wal archive min/max (13-1)" in text

    # a schedule that really fires with the fast clock
    out = run_pgo(
        [
            "create",
            "schedule",
            "hippo",
            "--schedule=* * * * *",
            "--schedule-type=pgbackrest",
            "--pgbackrest-backup-type=full",
        ],
        env,
    )
    assert out.stdout == "created schedule hippo-pgbackrest-full for cluster hippo\n"
    again = run_pgo(
        [
            "create",
            "schedule",
            "hippo",
            "--schedule=* * * * *",
            "--schedule-type=pgbackrest",
            "--pgbackrest-backup-type=full",
        ],
        env,
    )
    assert (again.code, _error(again.stderr)) == (
        1,
        "Error: Schedule hippo-pgbackrest-full already exists",
    )
    assert run_pgo(["show", "schedule", "hippo"], env).stdout == (
        "hippo-pgbackrest-full:\n\tschedule: * * * * *\n\tschedule-type: pgbackrest\n\tbackup-type: full\n"
    )
    time.sleep(1.2)
    scheduled = _backups(env)[4:]
    assert scheduled and all(b["type"] == "full" for b in scheduled)
    assert (
        run_pgo(["delete", "schedule", "hippo", "--no-prompt"], env).stdout
        == "deleted schedule hippo-pgbackrest-full\n"
    )
    assert run_pgo(["show", "schedule", "hippo"], env).stdout == "No schedules found.\n"

    # restore to a point in time: a workflow, then the cluster is back with a new full backup
    before = len(_backups(env))
    out = run_pgo(
        [
            "restore",
            "hippo",
            "--pitr-target=2030-01-01 00:00:00+00",
            "--backup-opts=--type=time",
            "--no-prompt",
        ],
        env,
    )
    assert out.code == 0, out.stderr
    first_line, second_line = out.stdout.splitlines()
    assert (
        first_line
        == 'restore request for hippo with opts "--type=time" and pitr-target="2030-01-01 00:00:00+00"'
    )
    assert second_line.startswith("workflow id ")
    with st.State(emulator.state_dir).read() as conn:
        task = st.get_object(conn, repo.PGTASK, "pgo", "hippo-pgbackrestrestore")
    assert task is not None
    params = task["spec"]["parameters"]
    assert params["workflowid"] == second_line.split()[-1]
    assert params["backrest-pitr-target"] == "2030-01-01 00:00:00+00"
    assert {"task submitted", "restore job created", "restored Primary created"} <= set(params)
    after = _backups(env)
    assert len(after) == before + 1 and after[-1]["type"] == "full"
    assert after[-1]["archive"]["start"].startswith("00000002")  # a new timeline
    assert "(Running)" in run_pgo(["show", "cluster", "hippo"], env).stdout

    # expiring the first full removes the sets that depend on it
    out = run_pgo(["delete", "backup", "hippo", f"--target={full['label']}", "--no-prompt"], env)
    assert (out.code, out.stdout) == (0, "")
    labels = [b["label"] for b in _backups(env)]
    assert not {full["label"], incr["label"], diff["label"], incr2["label"]} & set(labels)
    missing = run_pgo(["delete", "backup", "hippo", f"--target={full['label']}", "--no-prompt"], env)
    assert _error(missing.stderr) == (
        f"Error: could not find backup {full['label']} in any repo or check logs for other errors."
    )


def test_server_checks_and_gates(emulator: Emulator) -> None:
    env = emulator.env(TZ="UTC")
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    cases = [
        (["backup", "nosuch"], "Error: nosuch was not found, verify cluster name"),
        (["backup", "-s", "env=none"], None),
        (
            ["delete", "backup", "nosuch", "--target=x", "--no-prompt"],
            'Error: pgclusters.crunchydata.com "nosuch" not found',
        ),
        (["restore", "nosuch", "--no-prompt"], "Error: nosuch was not found, verify cluster name"),
        (
            ["backup", "hippo", "--pgbackrest-storage-type=s3"],
            "Error: invalid storage type: choices are: posix",
        ),
        (
            ["show", "schedule", "--schedule-name=x"],
            'Error: Could not delete ConfigMap x: configmaps "x" not found',
        ),
        (
            ["delete", "backup", "hippo", "--target=x", "--no-prompt"],
            "Error: could not find backup x in any repo or check logs for other errors.",
        ),
    ]
    for argv, error in cases:
        result = run_pgo(argv, env)
        if error is None:
            assert (result.code, result.stdout) == (0, "no clusters found with that selector\n"), argv
        else:
            assert _error(result.stderr) == error, (argv, result.stderr)
    # the only full backup cannot be expired
    [only] = _backups(env)
    result = run_pgo(["delete", "backup", "hippo", f"--target={only['label']}", "--no-prompt"], env)
    assert result.code == 1
    # the repository pod and the primary gate backups, as in pgo
    db = st.State(emulator.state_dir)
    with db.write() as conn:
        data = st.get_object(conn, repo.KIND, "pgo", "hippo")
        assert data is not None
        st.put_object(conn, repo.KIND, "pgo", "hippo", {**data, "primary": False})
    assert _error(run_pgo(["backup", "hippo"], env).stderr) == "Error: primary pod is not in Ready state"
    with db.write() as conn:
        st.put_object(conn, repo.KIND, "pgo", "hippo", {**data, "repo_pod": False})
    assert _error(run_pgo(["show", "backup", "hippo"], env).stderr) == (
        "Error: backrestrepo pod not found for cluster hippo"
    )
    # pg_dump: a task with its PVC, then a restore from that PVC
    assert (
        run_pgo(["backup", "hippo", "--backup-type=pgdump"], env).stdout
        == "created Pgtask backup-hippo-pgdump\n"
    )
    shown = run_pgo(["show", "backup", "hippo", "--backup-type=pgdump"], env).stdout
    assert "\tPVC Name:\tbackup-hippo-pgdump-postgres-pvc\n" in shown
    out = run_pgo(
        [
            "restore",
            "hippo",
            "--backup-type=pgdump",
            "--backup-pvc=backup-hippo-pgdump-postgres-pvc",
            "--no-prompt",
        ],
        env,
    )
    assert out.stdout == "restore performed on hippo to backup-hippo-pgdump-postgres-pvc opts= pitr-target=\n"
    out = run_pgo(["restore", "hippo", "--backup-type=pgdump", "--backup-pvc=nope", "--no-prompt"], env)
    assert _error(out.stderr) == 'Error: persistentvolumeclaims "nope" not found'


def test_restore_without_a_terminal_is_refused_at_once(emulator: Emulator) -> None:
    env = emulator.env()
    started = time.monotonic()
    result = run_pgo(["restore", "hippo"], env)  # stdin is /dev/null
    assert result.code == 2 and time.monotonic() - started < 5
    assert "standard input is not a terminal" in result.stderr
