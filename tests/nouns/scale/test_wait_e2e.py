"""``scale --wait`` / ``scaledown --wait`` through the installed ``pgo`` against a real
``pgo-emulator`` whose new pods become ready only after a real delay."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def _replicas(table: str) -> dict[str, str]:
    """scaledown --query's rows: replica → status."""
    rows = [line.split("\t") for line in table.splitlines()[3:]]
    return {row[0].strip(): row[1].strip() for row in rows}


def test_scale_waits_until_the_new_replica_is_ready_and_scaledown_until_it_is_gone(
    make_emulator: Callable[..., Emulator],
) -> None:
    env = make_emulator("--ready-delay", "2").env()
    assert run_pgo(["create", "cluster", "hippo", "--wait"], env).code == 0
    started = time.monotonic()
    scaled = run_pgo(["scale", "hippo", "--no-prompt", "--wait"], env)
    assert scaled.code == 0, scaled.stderr
    assert time.monotonic() - started >= 1.5  # the new pod's own ready delay
    [line] = scaled.stdout.splitlines()
    replica = line.removeprefix("created Pgreplica ")
    progress = scaled.stderr.splitlines()
    assert progress[0].startswith(f"hippo: scale: 0/1 new replicas ready — {replica} Pending (")
    assert progress[-1] == "hippo: scale: done"
    assert _replicas(run_pgo(["scaledown", "hippo", "--query"], env).stdout) == {replica: "running"}

    down = run_pgo(["scaledown", "hippo", "--target", replica, "--no-prompt", "--wait"], env)
    assert (down.code, down.stdout) == (0, f"deleted replica {replica}\n"), down.stderr
    assert down.stderr.splitlines()[-1] == f"hippo: scaledown {replica}: done"
    assert run_pgo(["scaledown", "hippo", "--query"], env).stdout.endswith("No replicas found.\n")

    refused = run_pgo(["scaledown", "hippo", "--query", "--wait"], env)
    assert refused.code == 2 and "--wait cannot be used with --query" in refused.stderr


def test_a_scale_wait_that_cannot_finish_exits_6_within_the_bound(
    make_emulator: Callable[..., Emulator],
) -> None:
    env = make_emulator("--ready-delay", "30").env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    started = time.monotonic()
    result = run_pgo(["scale", "hippo", "--no-prompt", "--wait", "--wait-timeout", "2s"], env)
    assert result.code == 6
    assert time.monotonic() - started < 10
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert error.startswith(
        "Error: hippo: scale: accepted, but not finished within 2 s: 0/1 new replicas ready — hippo-"
    )
    assert error.endswith(" Pending")
    assert "hint: it may still finish; check with: pgo show cluster hippo -n pgo" in result.stderr
    assert result.stdout.startswith("created Pgreplica hippo-")
