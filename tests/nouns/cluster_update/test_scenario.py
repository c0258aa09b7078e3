"""Issue 10 item 5: the cluster-lifecycle scenario, in one test, through the installed ``pgo``
against a running ``pgo-emulator`` over mutual TLS.

create → scale 2 → failover --query → failover --target → test shows the new primary →
scaledown --target → update cluster --memory 1Gi → show cluster shows it → update --shutdown /
--startup → df → restart --rolling → upgrade → show workflow.

Every step is piped (no terminal): the writes pass ``--no-prompt``, stdout carries pgo's text only
and the warnings pgo prints before its question go to stderr.
"""

from __future__ import annotations

import json

from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo


def _ok(result: Result) -> Result:
    assert result.code == 0, (result.stdout, result.stderr)
    return result


def _first_column(table: str) -> list[str]:
    """The first column of the rows of pgo's query tables (after ``\\nCluster: c`` and the header)."""
    return [line.split("\t")[0].strip() for line in table.splitlines()[3:]]


def _pod_lines(show: str) -> list[str]:
    return [line for line in show.splitlines() if line.startswith("\tpod : ")]


def test_cluster_lifecycle_scenario(emulator: Emulator) -> None:
    env = emulator.env()

    # create
    created = _ok(run_pgo(["create", "cluster", "hippo"], env))
    assert created.stdout.startswith("created cluster: hippo\n")

    # scale 2: two Pgreplicas
    scaled = _ok(run_pgo(["scale", "hippo", "--replica-count", "2", "--no-prompt"], env))
    replicas = sorted(line.removeprefix("created Pgreplica ") for line in scaled.stdout.splitlines())
    assert len(replicas) == 2 and all(name.startswith("hippo-") for name in replicas)

    # failover --query: the two replicas are the candidates (pgo's REPLICA table)
    query = _ok(run_pgo(["failover", "hippo", "--query"], env))
    assert query.stdout.startswith(
        "\nCluster: hippo\nREPLICA             \tSTATUS    \tNODE      \tREPLICATION LAG     \tPENDING RESTART\n"
    )
    assert sorted(_first_column(query.stdout)) == replicas

    # failover --target
    new_primary = replicas[1]
    failed_over = _ok(run_pgo(["failover", "hippo", "--target", new_primary, "--no-prompt"], env))
    assert failed_over.stdout == "failover success for cluster hippo\n"

    # test shows the new primary
    tested = _ok(run_pgo(["test", "hippo"], env))
    primaries = [
        line.strip() for line in tested.stdout.splitlines() if line.strip().startswith("primary (hippo-")
    ]
    assert len(primaries) == 1 and primaries[0].startswith(f"primary ({new_primary}-")
    assert primaries[0].endswith(": UP")

    # scaledown --target: the other replica goes; the old primary is a replica now
    removed = replicas[0]
    down = _ok(run_pgo(["scaledown", "hippo", "--target", removed, "--no-prompt"], env))
    assert down.stdout == f"deleted replica {removed}\n"
    assert _first_column(_ok(run_pgo(["scaledown", "hippo", "--query"], env)).stdout) == ["hippo"]

    # update cluster --memory 1Gi; show cluster shows it
    updated = _ok(run_pgo(["update", "cluster", "hippo", "--memory", "1Gi", "--no-prompt"], env))
    assert updated.stdout == "updated pgcluster hippo\n"
    assert updated.stderr == "Updating memory resources can cause downtime.\n"
    shown = _ok(run_pgo(["show", "cluster", "hippo"], env)).stdout
    assert "\tresources : Memory: 1Gi" in shown.splitlines()
    assert len(_pod_lines(shown)) == 2

    # update --shutdown: no pod left; --startup: both back
    assert _ok(run_pgo(["update", "cluster", "hippo", "--shutdown", "--no-prompt"], env)).stdout == (
        "updated pgcluster hippo\n"
    )
    assert _pod_lines(_ok(run_pgo(["show", "cluster", "hippo"], env)).stdout) == []
    refused = run_pgo(["scaledown", "hippo", "--target", "hippo", "--no-prompt"], env)
    assert refused.code == 1
    assert refused.stderr.splitlines() == ["Error: Nothing to scale, the cluster is currently shutdown"]
    _ok(run_pgo(["update", "cluster", "hippo", "--startup", "--no-prompt"], env))
    assert len(_pod_lines(_ok(run_pgo(["show", "cluster", "hippo"], env)).stdout)) == 2

    # df: one row per PVC of the instances left and the repository
    df = _ok(run_pgo(["df", "hippo"], env)).stdout.splitlines()
    assert df[1].split()[:3] == ["PVC", "INSTANCE", "POD"]
    rows = {line.split()[0]: line.split()[1] for line in df[3:]}
    assert rows == {
        "hippo": "hippo",
        new_primary: new_primary,
        "hippo-pgbr-repo": "hippo-backrest-shared-repo",
    }

    # restart --rolling: a pgtask, nothing printed
    rolling = _ok(run_pgo(["restart", "hippo", "--rolling", "--no-prompt"], env))
    assert (rolling.stdout, rolling.stderr) == ("", "")
    roles = _ok(run_pgo(["restart", "hippo", "--query"], env)).stdout
    assert {line.split("\t")[0].strip(): line.split("\t")[1].strip() for line in roles.splitlines()[3:]} == {
        new_primary: "primary",
        "hippo": "replica",
    }

    # upgrade: pgo's line; the workflow ID is in the JSON answer
    upgraded = _ok(run_pgo(["upgrade", "hippo", "--no-prompt", "-o", "json"], env))
    answer = json.loads(upgraded.stdout)
    assert answer["Results"] == ["created upgrade task for hippo"] and answer["Code"] == "ok"
    assert upgraded.stderr.startswith("All active replicas will be scaled down")
    workflow_id = answer["WorkflowID"]
    again = run_pgo(["upgrade", "hippo", "--no-prompt"], env)
    assert again.code == 1 and again.stdout == ""
    assert again.stderr.splitlines()[-1].startswith(
        "Error: Could not upgrade cluster: there exists an ongoing upgrade task: [hippo-upgrade]."
    )

    # show workflow: pgo's two columns for the upgrade's workflow
    workflow = _ok(run_pgo(["show", "workflow", workflow_id], env)).stdout.splitlines()
    assert workflow[:2] == ["parameter           value", "---------           -----"]
    assert "pg-cluster          hippo" in workflow
    assert f"workflowid          {workflow_id}" in workflow
    assert "pgo-version         4.7.4" in workflow
    assert any(line.startswith("cluster upgrade - in progress") for line in workflow)
    assert any(line.startswith("task submitted      ") for line in workflow)
