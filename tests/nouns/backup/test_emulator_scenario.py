"""End to end through the real ``pgo`` against a running emulator over mTLS (issue 11's scenario).

create → backup → backup --type=diff → show backup → create schedule (fast clock) → a scheduled
backup appears → restore --pitr-target → show workflow (the PITR target) → show cluster (the
cluster is back) → delete backup --target (dependents go) → show backup without them → delete
schedule; plus the server's checks with their messages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pgo_cli.emulator import state as st
from pgo_cli.nouns.backup import emulation as repo
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def _error(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("Error:"))


def _backups(env: dict[str, str], cluster: str = "hippo") -> list[dict[str, Any]]:
    result = run_pgo(["show", "backup", cluster, "-o", "json"], env)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    return list(document["Items"][0]["Info"][0]["backup"])


def _wait_for(check: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "it never happened"
        time.sleep(0.2)


def test_backup_restore_schedule_scenario(
    make_emulator: Callable[..., Emulator], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11 §5, in its order, through the installed ``pgo`` over mTLS (pods take 2 s to start)."""
    monkeypatch.setenv("PGO_EMULATOR_SCHEDULE_CLOCK", "120")  # two cron minutes per real second
    # the workflow's PITR target below is the emulator's addition, not pgo 4.7.4's (backrestimpl.go:671)
    emulator = make_emulator("--ready-delay", "2", "--fix-bugs", "workflow-pitr-target")
    env = emulator.env(TZ="UTC")

    # create: the operator's first full backup is there once the pods are up
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    _wait_for(lambda: "(Running)" in run_pgo(["show", "cluster", "hippo"], env).stdout)
    [full] = _backups(env)
    assert full["type"] == "full" and full["label"].endswith("F") and full["reference"] is None

    # backup (an incr), then backup --backup-opts=--type=diff
    out = run_pgo(["backup", "hippo"], env)
    assert (out.code, out.stdout, out.stderr) == (0, "created Pgtask backrest-backup-hippo\n", "")
    out = run_pgo(["backup", "hippo", "--backup-opts=--type=diff"], env)
    assert (out.code, out.stdout) == (0, "created Pgtask backrest-backup-hippo\n")

    # show backup: pgo's tree with the three sets, chained as pgBackRest chains them
    full, incr, diff = _backups(env)
    assert [b["type"] for b in (full, incr, diff)] == ["full", "incr", "diff"]
    assert incr["label"].startswith(full["label"] + "_") and incr["label"].endswith("I")
    assert incr["prior"] == full["label"] and incr["reference"] == [full["label"]]
    assert (
        diff["label"].endswith("D")
        and diff["prior"] == full["label"]
        and diff["reference"] == [full["label"]]
    )
    assert full["info"]["size"] < incr["info"]["size"] < diff["info"]["size"]
    assert incr["info"]["delta"] < incr["info"]["size"]
    shown = run_pgo(["show", "backup", "hippo"], env)
    assert shown.code == 0 and shown.stdout.startswith(
        "\ncluster: hippo\nstorage type: posix\n\nstanza: db\n    status: ok\n    cipher: none\n\n"
        "    db (current)\n        wal archive min/max (13-1)\n\n"
        f"        full backup: {full['label']}\n"
    )
    for backup in (incr, diff):
        assert f"        {backup['type']} backup: {backup['label']}\n" in shown.stdout
    assert f"            backup reference list: {full['label']}\n\n" in shown.stdout

    # create schedule with a fast clock: a scheduled full backup appears
    schedule = [
        "hippo",
        "--schedule=* * * * *",
        "--schedule-type=pgbackrest",
        "--pgbackrest-backup-type=full",
    ]
    out = run_pgo(["create", "schedule", *schedule], env)
    assert (out.code, out.stdout) == (0, "created schedule hippo-pgbackrest-full for cluster hippo\n")
    again = run_pgo(["create", "schedule", *schedule], env)
    assert (again.code, _error(again.stderr)) == (1, "Error: Schedule hippo-pgbackrest-full already exists")
    assert run_pgo(["show", "schedule", "hippo"], env).stdout == (
        "hippo-pgbackrest-full:\n\tschedule: * * * * *\n\tschedule-type: pgbackrest\n\tbackup-type: full\n"
    )
    _wait_for(lambda: len(_backups(env)) > 3)
    scheduled = _backups(env)[3:]
    assert all(b["type"] == "full" and b["prior"] == "" for b in scheduled)
    assert scheduled[0]["timestamp"]["start"] > diff["timestamp"]["start"]

    # restore --pitr-target: pgo's two lines; the cluster is restoring (primary down)
    target = "2030-01-01 00:00:00+00"
    out = run_pgo(
        ["restore", "hippo", f"--pitr-target={target}", "--backup-opts=--type=time", "--no-prompt"], env
    )
    assert out.code == 0, out.stderr
    first_line, second_line = out.stdout.splitlines()
    assert first_line == f'restore request for hippo with opts "--type=time" and pitr-target="{target}"'
    assert second_line.startswith("workflow id ")
    workflow_id = second_line.removeprefix("workflow id ")
    assert "(Pending)" in run_pgo(["show", "cluster", "hippo"], env).stdout

    # show workflow: the restore's workflow keeps its PITR target
    workflow = run_pgo(["show", "workflow", workflow_id], env)
    assert workflow.code == 0, workflow.stderr
    rows = workflow.stdout.splitlines()
    assert rows[:2] == ["parameter           value", "---------           -----"]
    assert f"backrest-pitr-target{target}" in rows
    assert "pg-cluster          hippo" in rows and f"workflowid          {workflow_id}" in rows
    assert any(row.startswith("restore job created ") for row in rows)
    document = json.loads(run_pgo(["show", "workflow", workflow_id, "-o", "json"], env).stdout)
    assert document["Results"]["Parameters"]["backrest-pitr-target"] == target

    # show cluster: the cluster is back after the ready delay, on a new timeline with a new full backup
    _wait_for(lambda: "(Running)" in run_pgo(["show", "cluster", "hippo"], env).stdout)
    after = _backups(env)
    restored = [b for b in after if b["archive"]["start"].startswith("00000002")]
    assert restored and restored[0]["type"] == "full"

    # delete backup --target: the first full and the sets that build on it go
    out = run_pgo(["delete", "backup", "hippo", f"--target={full['label']}", "--no-prompt"], env)
    assert (out.code, out.stdout) == (0, "")
    assert f"deleted backup {full['label']} of cluster hippo" in out.stderr
    labels = [b["label"] for b in _backups(env)]
    assert not {full["label"], incr["label"], diff["label"]} & set(labels)
    assert {b["label"] for b in scheduled} <= set(labels)
    text = run_pgo(["show", "backup", "hippo"], env).stdout
    assert full["label"] not in text and scheduled[0]["label"] in text
    missing = run_pgo(["delete", "backup", "hippo", f"--target={full['label']}", "--no-prompt"], env)
    assert (missing.code, _error(missing.stderr)) == (
        1,
        f"Error: could not find backup {full['label']} in any repo or check logs for other errors.",
    )

    # delete schedule: gone, and no more scheduled backups
    out = run_pgo(["delete", "schedule", "hippo", "--no-prompt"], env)
    assert (out.code, out.stdout) == (0, "deleted schedule hippo-pgbackrest-full\n")
    assert run_pgo(["show", "schedule", "hippo"], env).stdout == "No schedules found.\n"
    count = len(_backups(env))
    time.sleep(1.0)
    assert len(_backups(env)) == count


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


def _raw(emulator: Emulator, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """One request straight to the emulator over mTLS, its JSON answer as it came."""
    import warnings

    import requests

    env = emulator.env()
    user, _, password = Path(env["PGOUSER"]).read_text().strip().partition(":")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the emulator's certificate is pinned by pgo, not by requests
        answer = requests.request(
            method,
            env["PGO_APISERVER_URL"] + path,
            json=body,
            auth=(user, password),
            cert=(env["PGO_CLIENT_CERT"], env["PGO_CLIENT_KEY"]),
            verify=False,
            timeout=10,
        )
    return answer.json()


def test_zero_answers_keep_nil_slices_as_the_go_handlers(emulator: Emulator) -> None:
    # ShowDumpHandler's version refusal: a zero ShowBackupResponse, BackupList.items nil
    assert _raw(emulator, "GET", "/pgdump/hippo?version=4.7.3&selector=&namespace=pgo") == {
        "BackupList": {"items": None},
        "Code": "error",
        "Msg": "pgo client and server version mismatch",
    }
    # pg_dump RestoreHandler's namespace refusal: Results nil (inside Restore they are [])
    answer = _raw(emulator, "POST", "/pgdumprestore", {"Namespace": "nope", "FromCluster": "hippo"})
    assert answer["Results"] is None and answer["Code"] == "error"
    answer = _raw(emulator, "POST", "/pgdumprestore", {"Namespace": "pgo", "FromCluster": "nosuch"})
    assert answer == {"Results": [], "Code": "error", "Msg": "nosuch was not found, verify cluster name"}


def test_a_restore_workflow_goes_with_its_cluster(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    out = run_pgo(["restore", "hippo", "--no-prompt"], env)
    workflow_id = out.stdout.splitlines()[-1].removeprefix("workflow id ")
    assert run_pgo(["show", "workflow", workflow_id], env).code == 0
    assert run_pgo(["delete", "cluster", "hippo", "--no-prompt"], env).code == 0
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0  # the same name, another cluster
    gone = run_pgo(["show", "workflow", workflow_id], env)
    assert (gone.code, _error(gone.stderr)) == (1, f"Error: workflow id NOT found for id {workflow_id}")


def test_a_bad_schedule_selector_names_the_whole_label(emulator: Emulator) -> None:
    for verb in ("show", "delete"):
        answer = _raw(emulator, "POST", f"/schedule{verb}", {"Namespace": "pgo", "Selector": "a in (b"})
        assert answer == {
            "Results": [],
            "Code": "error",
            "Msg": "No schedules found for selector: crunchy-scheduler=true,a in (b",
        }
