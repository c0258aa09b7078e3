"""``pgo test``: the request per name (or one ``all``), pgo's tree, -o json, and the emulator's answer."""

from __future__ import annotations

import json

import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Outcome, PlanRunner, Runner

ANSWER = {
    "Results": [
        {
            "ClusterName": "hippo",
            "Endpoints": [
                {"Available": True, "Message": "10.96.0.1:5432", "InstanceType": "primary"},
                {"Available": False, "Message": "10.96.0.2:5432", "InstanceType": "replica"},
            ],
            "Instances": [
                {"Available": True, "Message": "hippo-abc", "InstanceType": "primary"},
                {"Available": False, "Message": "hippo-xyzw-def", "InstanceType": "replica"},
            ],
        }
    ],
    "Code": "ok",
    "Msg": "",
}

PGO_TEXT = (
    "\ncluster : hippo\n"
    "\tServices\n"
    "\t\tprimary (10.96.0.1:5432): UP\n"
    "\t\treplica (10.96.0.2:5432): DOWN\n"
    "\tInstances\n"
    "\t\tprimary (hippo-abc): UP\n"
    "\t\treplica (hippo-xyzw-def): DOWN\n"
)


def test_one_request_per_name_with_go_keys_and_no_content_type(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/testclusters", json=ANSWER)
    outcome: Outcome = run_cli("test", "hippo", "pgo2")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/testclusters")] * 2
    assert [list(s.body.items()) for s in outcome.sent] == [
        [
            ("Clustername", "hippo"),
            ("Selector", ""),
            ("ClientVersion", "4.7.4"),
            ("Namespace", "pgo"),
            ("AllFlag", False),
        ],
        [
            ("Clustername", "pgo2"),
            ("Selector", ""),
            ("ClientVersion", "4.7.4"),
            ("Namespace", "pgo"),
            ("AllFlag", False),
        ],
    ]
    assert all("Content-Type" not in s.headers for s in outcome.sent)
    assert outcome.stdout == PGO_TEXT * 2


def test_selector_and_all_send_one_all_request(plan_for: PlanRunner) -> None:
    code, plan, _ = plan_for("test", "hippo", "-s", "env=prod")
    assert code == 0 and plan is not None
    assert [(c.request.clustername, c.request.selector) for c in plan.calls] == [("all", "env=prod")]
    code, plan, _ = plan_for("test", "--all")
    assert plan is not None
    assert [(c.request.clustername, c.request.all_flag) for c in plan.calls] == [("all", True)]


def test_nothing_to_test_is_a_usage_error_and_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("test")
    assert outcome.code == 2
    assert outcome.error_lines() == [
        "Error: You must specify the name of the clusters to test or --all or a --selector."
    ]
    assert outcome.sent == [] and outcome.stdout == ""


def test_json_is_one_document_and_errors_go_to_stderr(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/testclusters", json=ANSWER)
    mock_api.add(
        responses.POST, URL + "/testclusters", json={"Results": None, "Code": "error", "Msg": "boom"}
    )
    outcome = run_cli("test", "hippo", "other", "-o", "json")
    assert outcome.code == 1
    assert json.loads(outcome.stdout) == ANSWER
    assert outcome.error_lines() == ["Error: boom"]


def test_empty_answer_prints_nothing_found(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/testclusters", json={"Results": [], "Code": "ok", "Msg": ""})
    assert run_cli("test", "nosuch").stdout == "Nothing found.\n"


def test_against_the_emulator_over_mtls(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", "--replica-count", "1"], env).code == 0
    result = run_pgo(["test", "hippo"], env)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["", "cluster : hippo", "\tServices"]
    assert sorted(line.split(" (")[0].strip() for line in lines if "): " in line) == [
        "primary",
        "primary",
        "replica",
        "replica",
    ]
    assert all(line.endswith(": UP") for line in lines if "): " in line)
    document = json.loads(run_pgo(["test", "--all", "-o", "json"], env).stdout)
    assert [r["ClusterName"] for r in document["Results"]] == ["hippo"]
    assert document["Code"] == "ok"
    assert run_pgo(["test", "nosuch"], env).stdout == "Nothing found.\n"
