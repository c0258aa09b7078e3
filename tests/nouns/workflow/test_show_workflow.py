"""``pgo show workflow``: pgo's concatenated GET, its two-column text, errors, and the emulator."""

from __future__ import annotations

import json

import responses

from tests.nouns.cluster_update.emu import Emu
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

ID = "25927091-b343-4017-be4b-71575f0b3eb5"
ANSWER = {
    "Results": {
        "ClusterName": "hippo",
        "Parameters": {
            "workflowid": ID,
            "pg-cluster": "hippo",
            "task submitted": "2021-06-01T10:00:00Z",
            "a-very-long-parameter-name": "x",
        },
    },
    "Code": "ok",
    "Msg": "",
}


def test_get_with_concatenated_query_and_no_content_type(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.GET, URL + "/workflow/" + ID, json=ANSWER)
    outcome = run_cli("show", "workflow", ID, namespace="pgouser1")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [
        ("GET", f"/workflow/{ID}?version=4.7.4&namespace=pgouser1")
    ]
    assert outcome.sent[0].body is None
    assert "Content-Type" not in outcome.sent[0].headers
    assert outcome.stdout == (
        "parameter           value\n"
        "---------           -----\n"
        "a-very-long-parameter-namex\n"
        "pg-cluster          hippo\n"
        "task submitted      2021-06-01T10:00:00Z\n"
        f"workflowid          {ID}\n"
    )


def test_empty_parameters_print_the_header_only(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {"Results": {"ClusterName": "", "Parameters": None}, "Code": "ok", "Msg": ""}
    mock_api.add(responses.GET, URL + "/workflow/x", json=answer)
    assert run_cli("show", "workflow", "x").stdout == "parameter           value\n---------           -----\n"


def test_unknown_id_is_an_error_line_and_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {
        "Results": {"ClusterName": "", "Parameters": None},
        "Code": "error",
        "Msg": "workflow id NOT found for id nope",
    }
    mock_api.add(responses.GET, URL + "/workflow/nope", json=answer)
    outcome = run_cli("show", "workflow", "nope")
    assert outcome.code == 1 and outcome.stdout == ""
    assert outcome.error_lines() == ["Error: workflow id NOT found for id nope"]


def test_client_checks_send_nothing(run_cli: Runner) -> None:
    for argv, line in (
        ((), "Error: workflow ID is a required parameter"),
        (("a", "b"), 'Error: show workflow takes one workflow ID, got 2: "a" "b"'),
        (("a/b",), 'Error: invalid workflow ID "a/b": it must not be empty or contain / ? or #'),
        (
            ("x?version=1",),
            'Error: invalid workflow ID "x?version=1": it must not be empty or contain / ? or #',
        ),
        (("",), 'Error: invalid workflow ID "": it must not be empty or contain / ? or #'),
    ):
        outcome = run_cli("show", "workflow", *argv)
        assert outcome.code == 2, argv
        assert outcome.error_lines() == [line]
        assert outcome.sent == []


def test_json_is_the_answer(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/workflow/" + ID, json=ANSWER)
    assert json.loads(run_cli("show", "workflow", ID, "-o", "json").stdout) == ANSWER


def test_emulator_create_cluster_workflow(slow_emu: Emu) -> None:
    workflow_id = slow_emu.create("hippo")["result"]["WorkflowID"]
    answer = slow_emu.workflow(workflow_id)
    assert answer["Code"] == "ok"
    assert answer["Results"] == {
        "ClusterName": "hippo",
        "Parameters": {
            "task submitted": "2023-11-14T22:13:20Z",
            "pg-cluster": "hippo",
            "workflowid": workflow_id,
        },
    }
    slow_emu.clock.now += 3
    parameters = slow_emu.workflow(workflow_id)["Results"]["Parameters"]
    assert parameters["task completed"] == "2023-11-14T22:13:23Z"
    # Go's encoding/json writes map keys sorted: -o json prints them in that order.
    assert list(parameters) == ["pg-cluster", "task completed", "task submitted", "workflowid"]


def test_emulator_errors(emu: Emu) -> None:
    assert emu.workflow("nope") == {
        "Results": {"ClusterName": "", "Parameters": None},
        "Code": "error",
        "Msg": "workflow id NOT found for id nope",
    }
    assert emu.workflow("x", version="4.6.0")["Msg"] == "pgo client and server version mismatch"
    assert "not part of the Operator installation" in emu.workflow("x", ns="elsewhere")["Msg"]
    workflow_id = emu.create("hippo")["result"]["WorkflowID"]
    assert emu.workflow(workflow_id, ns="pgouser1")["Msg"] == f"workflow id NOT found for id {workflow_id}"


def test_emulator_more_than_one(emu: Emu) -> None:
    from pgo_cli.emulator import pgtasks

    workflow_id = emu.create("hippo")["result"]["WorkflowID"]
    with emu.server.state.write() as conn:
        task = pgtasks.pgtask(
            "hippo-other",
            "pgo",
            task_type="workflow",
            parameters={"pg-cluster": "hippo"},
            labels={"pg-cluster": "hippo", "workflowid": workflow_id},
        )
        pgtasks.put_pgtask(conn, "pgo", task)
    assert emu.workflow(workflow_id)["Msg"] == f"more than 1 workflow id found for id {workflow_id}"


def test_a_deleted_cluster_takes_its_workflows_along(emu: Emu) -> None:
    workflow_id = emu.create("hippo")["result"]["WorkflowID"]
    body = {"ClientVersion": "4.7.4", "Namespace": "pgo", "Clustername": "hippo"}
    assert emu.session.post(emu.url + "/clustersdelete", json=body).json()["Code"] == "ok"
    emu.session.post(emu.url + "/showclusters", json={"clientversion": "4.7.4", "namespace": "pgo"})
    assert emu.workflow(workflow_id)["Msg"] == f"workflow id NOT found for id {workflow_id}"


def test_end_to_end_over_mtls(emulator: Emulator) -> None:
    env = emulator.env()
    created = run_pgo(["create", "cluster", "hippo"], env)
    assert created.code == 0, created.stderr
    workflow_id = next(
        line.split()[-1] for line in created.stdout.splitlines() if line.startswith("workflow id")
    )
    shown = run_pgo(["show", "workflow", workflow_id], env)
    assert shown.code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[:2] == ["parameter           value", "---------           -----"]
    assert f"workflowid          {workflow_id}" in lines
    assert "pg-cluster          hippo" in lines
    missing = run_pgo(["show", "workflow", "nope"], env)
    assert missing.code == 1 and missing.stderr.startswith("Error: workflow id NOT found for id nope")
