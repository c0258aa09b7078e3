"""``pgo update cluster`` end to end: the installed ``pgo`` against a running emulator over mTLS."""

from __future__ import annotations

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def test_update_then_show_cluster_shows_it(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", "--replica-count", "1"], env).code == 0
    refused = run_pgo(["update", "cluster", "hippo", "--memory", "1Gi"], env)
    assert refused.code == 2 and "standard input is not a terminal" in refused.stderr
    updated = run_pgo(
        ["update", "cluster", "hippo", "--memory", "1Gi", "--cpu-limit", "2", "--no-prompt"], env
    )
    assert updated.code == 0, updated.stderr
    assert updated.stdout == "updated pgcluster hippo\n"
    assert (
        updated.stderr
        == "Updating CPU resources can cause downtime.\nUpdating memory resources can cause downtime.\n"
    )
    shown = run_pgo(["show", "cluster", "hippo"], env).stdout.splitlines()
    assert "\tresources : Memory: 1Gi" in shown
    assert "\tlimits : CPU: 2" in shown

    assert run_pgo(["update", "cluster", "hippo", "--shutdown", "--no-prompt"], env).code == 0
    assert not any(
        line.startswith("\tpod : ") for line in run_pgo(["show", "cluster", "hippo"], env).stdout.splitlines()
    )
    assert run_pgo(["update", "cluster", "hippo", "--startup", "--no-prompt"], env).code == 0
    pods = [
        line
        for line in run_pgo(["show", "cluster", "hippo"], env).stdout.splitlines()
        if line.startswith("\tpod : ")
    ]
    assert len(pods) == 2

    shrink = run_pgo(["update", "cluster", "hippo", "--pvc-size", "1M", "--no-prompt"], env)
    assert shrink.code == 1
    assert shrink.stderr.splitlines() == [
        'Error: cannot resize PVC: new size "1M" is less than old size "1G"'
    ]
    both = run_pgo(["update", "cluster", "hippo", "--startup", "--shutdown", "--no-prompt"], env)
    assert both.code == 1
    assert both.stderr.splitlines() == [
        "Error: Both a startup and a shutdown was requested. Please specify one or the other"
    ]
