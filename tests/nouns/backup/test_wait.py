"""``backup --wait`` and ``restore --wait`` against a real emulator with a real ready delay."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def test_backup_and_restore_wait_until_done(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator("--ready-delay", "1.5").env()
    assert run_pgo(["create", "cluster", "hippo", "--wait"], env).code == 0
    backup = run_pgo(["backup", "hippo", "--wait"], env)
    assert backup.code == 0, backup.stderr
    assert backup.stdout == "created Pgtask backrest-backup-hippo\n"
    assert "hippo: backup: done" in backup.stderr
    assert "incr backup:" in run_pgo(["show", "backup", "hippo"], env).stdout
    restore = run_pgo(["restore", "hippo", "--no-prompt", "--wait"], env)
    assert restore.code == 0, restore.stderr
    assert "the restore is running" in restore.stderr and "hippo: restore: done" in restore.stderr
    tested = run_pgo(["test", "hippo"], env)
    assert all(line.endswith("UP") for line in tested.stdout.splitlines() if "): " in line)


def test_wait_is_refused_for_pgdump_before_sending(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator().env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    refused = run_pgo(["backup", "hippo", "--backup-type=pgdump", "--wait"], env)
    assert refused.code == 2
    assert refused.stderr.splitlines()[0] == "Error: --wait works with pgBackRest backups and restores only"
    assert "No pgDumps found" in run_pgo(["show", "backup", "hippo", "--backup-type=pgdump"], env).stdout


def test_a_recreated_cluster_starts_a_new_repository_unless_backups_were_kept(
    make_emulator: Callable[..., Emulator],
) -> None:
    env = make_emulator().env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["backup", "hippo"], env).code == 0
    assert "incr backup:" in run_pgo(["show", "backup", "hippo"], env).stdout
    assert run_pgo(["delete", "cluster", "hippo", "--no-prompt", "--wait"], env).code == 0
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    fresh = run_pgo(["show", "backup", "hippo"], env).stdout
    assert fresh.count("full backup:") == 1 and "incr backup:" not in fresh
    assert run_pgo(["backup", "hippo"], env).code == 0
    assert run_pgo(["delete", "cluster", "hippo", "--no-prompt", "--keep-backups", "--wait"], env).code == 0
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert "incr backup:" in run_pgo(["show", "backup", "hippo"], env).stdout
