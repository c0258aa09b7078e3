"""``show pvc``: one request per cluster (one with --all), pgo's ``%-20s\\t%-30s`` rows, the emulator."""

from __future__ import annotations

import json

import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, PlanRunner, Runner

ANSWER = {
    "Results": [
        {"ClusterName": "hippo", "PVCName": "hippo"},
        {"ClusterName": "hippo", "PVCName": "hippo-pgbr-repo"},
    ],
    "Code": "ok",
    "Msg": "",
}
PGO_TEXT = (
    "Cluster Name        \tPVC Name                      \n"
    "hippo               \thippo                         \n"
    "hippo               \thippo-pgbr-repo               \n"
)


def test_one_request_per_cluster_and_pgo_rows(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/showpvc", json=ANSWER)
    outcome = run_cli("show", "pvc", "hippo", "zebra")
    assert outcome.code == 0, outcome.stderr
    assert [list(s.body.items()) for s in outcome.sent] == [
        [
            ("ClusterName", n),
            ("Selector", ""),
            ("ClientVersion", "4.7.4"),
            ("Namespace", "pgo"),
            ("AllFlag", False),
        ]
        for n in ("hippo", "zebra")
    ]
    assert outcome.stdout == PGO_TEXT * 2


def test_all_is_one_request_without_a_name(plan_for: PlanRunner) -> None:
    _, plan, _ = plan_for("show", "pvc", "hippo", "--all")
    assert plan is not None
    assert [(c.request.cluster_name, c.request.all_flag) for c in plan.calls] == [("", True)]
    code, plan, err = plan_for("show", "pvc")
    assert (code, plan) == (2, None) and "Error: Cluster name(s) or --all required for this command." in err


def test_empty_and_refused_answers(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/showpvc", json={"Results": [], "Code": "ok", "Msg": ""})
    assert run_cli("show", "pvc", "x").stdout == "No PVC Results\n"
    mock_api.replace(responses.POST, URL + "/showpvc", json={"Results": None, "Code": "error", "Msg": "bad"})
    outcome = run_cli("show", "pvc", "x")
    assert (outcome.code, outcome.error_lines(), outcome.stdout) == (1, ["Error: bad"], "")


def test_the_emulator_lists_each_clusters_pvcs(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["create", "cluster", "zebra"], env).code == 0
    one = run_pgo(["show", "pvc", "hippo"], env)
    assert one.stdout == PGO_TEXT
    every = json.loads(run_pgo(["show", "pvc", "--all", "-o", "json"], env).stdout)
    assert [(r["ClusterName"], r["PVCName"]) for r in every["Results"]] == [
        ("hippo", "hippo"),
        ("hippo", "hippo-pgbr-repo"),
        ("zebra", "zebra"),
        ("zebra", "zebra-pgbr-repo"),
    ]
    assert run_pgo(["show", "pvc", "nosuch"], env).stdout == "No PVC Results\n"
