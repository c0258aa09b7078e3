"""``create cluster --wait`` / ``delete cluster --wait`` against a real emulator with real delays."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def test_create_waits_until_every_instance_is_up_then_delete_until_gone(
    make_emulator: Callable[..., Emulator],
) -> None:
    emulator = make_emulator("--ready-delay", "2", "--delete-delay", "1.5")
    env = emulator.env()
    started = time.monotonic()
    created = run_pgo(["create", "cluster", "hippo", "--replica-count", "1", "--wait"], env)
    assert created.code == 0, created.stderr
    assert time.monotonic() - started >= 1.5
    assert "hippo: create: done" in created.stderr
    assert created.stdout.startswith("created cluster: hippo")
    tested = run_pgo(["test", "hippo"], env)
    assert [line.rsplit(": ", 1)[1] for line in tested.stdout.splitlines() if "): " in line] == ["UP"] * 4
    deleted = run_pgo(["delete", "cluster", "hippo", "--no-prompt", "--wait"], env)
    assert deleted.code == 0, deleted.stderr
    assert run_pgo(["show", "cluster", "hippo"], env).stdout == "No clusters found.\n"


def test_a_wait_that_cannot_finish_exits_6_within_the_bound(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator("--ready-delay", "30").env()
    started = time.monotonic()
    result = run_pgo(["create", "cluster", "hippo", "--wait", "--wait-timeout", "2s"], env)
    assert result.code == 6
    assert time.monotonic() - started < 10
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [errors[0]] and "0/1 instances ready" in errors[0]
    assert "hint: it may still finish; check with: pgo test hippo -n pgo" in result.stderr


def test_a_bad_wait_timeout_sends_nothing(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator().env()
    result = run_pgo(["create", "cluster", "hippo", "--wait", "--wait-timeout", "soon"], env)
    assert result.code == 2
    assert run_pgo(["show", "cluster", "hippo"], env).stdout == "No clusters found.\n"
