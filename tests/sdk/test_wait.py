"""``wait=True`` is ``--wait``: the same polling, and the same errors as exceptions with pgo's exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgo_cli import Client
from pgo_cli.errors import ExitCode, UsageError, WaitTimeoutError
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def test_a_wait_that_runs_out_raises_with_exit_code_6_as_pgo_exits(tmp_path: Path) -> None:
    emulator = Emulator.in_dir(tmp_path, "--ready-delay", "300").start()
    try:
        env = emulator.env()
        client = Client.from_environment(env)
        with pytest.raises(WaitTimeoutError) as created:
            client.clusters.create("hippo", wait=True, wait_timeout="1s")
        assert created.value.exit_code == ExitCode.WAIT_TIMEOUT == 6
        pending = "accepted, but not finished within 1 s: 0/1 instances ready — "
        assert created.value.message.startswith(f"hippo: create: {pending}hippo-")
        cli = run_pgo(["create", "cluster", "rhino", "--wait", "--wait-timeout=1s"], env)
        assert cli.code == 6
        assert f"\nError: rhino: create: {pending}rhino-" in cli.stderr
        assert created.value.hint == "it may still finish; check with: pgo test hippo -n pgo"
        # A registered command's wait (scale): the answer was accepted, the new replica is not ready.
        with pytest.raises(WaitTimeoutError) as scaled:
            client.clusters.scale("rhino", replica_count=1, wait=True, wait_timeout=1.0)
        assert scaled.value.exit_code == 6 and scaled.value.message.startswith("rhino: scale: accepted")
    finally:
        emulator.stop()


def test_a_bad_wait_timeout_is_refused_before_anything_is_sent() -> None:
    client = Client.from_environment({"PGO_APISERVER_URL": "http://127.0.0.1:9", "PGO_NAMESPACE": "pgo"})
    with pytest.raises(UsageError, match="invalid --wait-timeout 'soon'"):
        client.clusters.scale("hippo", wait=True, wait_timeout="soon")
    with pytest.raises(UsageError, match="must be a positive number of seconds"):
        client.backups.create("hippo", wait=True, wait_timeout=0)
