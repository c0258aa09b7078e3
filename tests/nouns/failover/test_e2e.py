"""End to end through the installed ``pgo`` over mTLS: scale → failover → test → scaledown → restart → reload."""

from __future__ import annotations

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def _names(table: str) -> list[str]:
    """The first column of pgo's query table rows."""
    return [line.split("\t")[0].strip() for line in table.splitlines()[3:]]


def test_lifecycle_scenario(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    scaled = run_pgo(["scale", "hippo", "--replica-count", "2", "--no-prompt"], env)
    assert scaled.code == 0, scaled.stderr
    created = sorted(line.removeprefix("created Pgreplica ") for line in scaled.stdout.splitlines())
    assert len(created) == 2

    query = run_pgo(["failover", "hippo", "--query"], env)
    assert query.code == 0, query.stderr
    assert query.stdout.startswith("\nCluster: hippo\nREPLICA ")
    assert sorted(_names(query.stdout)) == created
    target = created[1]

    assert run_pgo(["failover", "hippo", "--target", target], env).code == 2  # no terminal, no --no-prompt
    done = run_pgo(["failover", "hippo", "--target", target, "--no-prompt"], env)
    assert (done.code, done.stdout) == (0, "failover success for cluster hippo\n"), done.stderr

    tested = run_pgo(["test", "hippo"], env)
    primaries = [
        line.strip() for line in tested.stdout.splitlines() if line.strip().startswith("primary (hippo-")
    ]
    assert len(primaries) == 1 and primaries[0].startswith(f"primary ({target}-")

    roles = run_pgo(["restart", "hippo", "--query"], env).stdout
    assert {line.split("\t")[0].strip(): line.split("\t")[1].strip() for line in roles.splitlines()[3:]} == {
        target: "primary",
        created[0]: "replica",
        "hippo": "replica",
    }

    down = run_pgo(["scaledown", "hippo", "--target", created[0], "--no-prompt"], env)
    assert (down.code, down.stdout) == (0, f"deleted replica {created[0]}\n"), down.stderr
    assert _names(run_pgo(["scaledown", "hippo", "--query"], env).stdout) == ["hippo"]

    rolling = run_pgo(["restart", "hippo", "--rolling", "--no-prompt"], env)
    assert (rolling.code, rolling.stdout, rolling.stderr) == (0, "", "")
    restarted = run_pgo(["restart", "hippo", "--no-prompt", "--target", "hippo"], env)
    assert restarted.stdout == "Successfully restarted instance hippo\n"

    reloaded = run_pgo(["reload", "hippo", "nosuch", "--no-prompt"], env)
    assert reloaded.code == 1
    assert reloaded.stdout == "reload performed on hippo\n"
    assert reloaded.stderr.splitlines() == ["Error: nosuch was not found, verify cluster name"]
