"""``pgo restart``: the request per flag, ``--query``'s url.Values query, pgo's text, the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from tests.nouns.scale.emu import Emu
from tests.support.registry import URL, Runner

RESULT = {
    "Result": {
        "ClusterName": "hippo",
        "Instances": [
            {"InstanceName": "hippo", "Error": False, "ErrorMessage": ""},
            {"InstanceName": "hippo-ojnd", "Error": False, "ErrorMessage": ""},
        ],
        "Error": False,
        "ErrorMessage": "",
    },
    "Code": "ok",
    "Msg": "",
}
EMPTY_RESULT = {
    "Result": {"ClusterName": "", "Instances": None, "Error": False, "ErrorMessage": ""},
    "Code": "ok",
    "Msg": "",
}
QUERY_ANSWER = {
    "Results": [
        {
            "Name": "hippo",
            "Node": "node01",
            "ReplicationLag": 0,
            "Status": "running",
            "Timeline": 1,
            "PendingRestart": True,
            "Role": "primary",
        },
        {
            "Name": "hippo-ojnd",
            "Node": "node02",
            "ReplicationLag": -1,
            "Status": "unavailable",
            "Timeline": -1,
            "PendingRestart": False,
            "Role": "replica",
        },
    ],
    "Code": "ok",
    "Msg": "",
    "Standby": False,
}
QUERY_TEXT = (
    "\nCluster: hippo\n"
    "INSTANCE            \tROLE      \tSTATUS    \tNODE      \tREPLICATION LAG     \tPENDING RESTART\n"
    "hippo               \tprimary   \trunning   \tnode01    \t           0 MB     \t           true\n"
    "hippo-ojnd          \treplica   \tunavailable\tnode02    \t        unknown\t                  false\n"
)


def _body(**changes: Any) -> list[tuple[str, Any]]:
    default = [
        ("Namespace", "pgo"),
        ("ClusterName", "hippo"),
        ("RollingUpdate", False),
        ("Targets", []),
        ("ClientVersion", "4.7.4"),
    ]
    return [(k, changes.get(k, v)) for k, v in default]


@pytest.mark.parametrize(
    ("flags", "changes", "answer", "stdout"),
    [
        (
            [],
            {},
            RESULT,
            "Successfully restarted instance hippo\nSuccessfully restarted instance hippo-ojnd\n",
        ),
        # A StringArray: repeated, and a comma stays part of the name.
        (
            ["--target", "hippo-ojnd", "--target", "a,b"],
            {"Targets": ["hippo-ojnd", "a,b"]},
            RESULT,
            "Successfully restarted instance hippo\nSuccessfully restarted instance hippo-ojnd\n",
        ),
        # --rolling: the answer is empty and pgo prints nothing.
        (["--rolling"], {"RollingUpdate": True}, EMPTY_RESULT, ""),
    ],
)
def test_payload_per_flag(
    run_cli: Runner,
    mock_api: responses.RequestsMock,
    flags: list[str],
    changes: dict[str, Any],
    answer: dict[str, Any],
    stdout: str,
) -> None:
    mock_api.add(responses.POST, URL + "/restart", json=answer)
    outcome = run_cli("restart", "hippo", "--no-prompt", *flags)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/restart")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == _body(**changes)
    assert outcome.stdout == stdout


FAILED_INSTANCES = [
    {"InstanceName": "nope", "Error": True, "ErrorMessage": "The instance does not exist in the cluster"},
    {"InstanceName": "gone", "Error": True, "ErrorMessage": "The instance does not exist in the cluster"},
    {"InstanceName": "hippo", "Error": False, "ErrorMessage": ""},
]
FAILED_LINES = [
    "Error: restarting instance nope: The instance does not exist in the cluster",
    "Error: restarting instance gone: The instance does not exist in the cluster",
]


@pytest.mark.parametrize("output", [[], ["-o", "pgo"], ["-o", "table"]])
def test_failed_instances_are_error_lines_and_exit_1(
    run_cli: Runner, mock_api: responses.RequestsMock, output: list[str]
) -> None:
    answer = json.loads(json.dumps(RESULT))
    answer["Result"]["Instances"] = FAILED_INSTANCES
    mock_api.add(responses.POST, URL + "/restart", json=answer)
    outcome = run_cli(
        "restart",
        "hippo",
        "--no-prompt",
        "--target",
        "nope",
        "--target",
        "gone",
        "--target",
        "hippo",
        *output,
    )
    assert outcome.code == 1
    # Only the restarted instance on stdout; every failure is one Error line, none raised midway.
    assert outcome.stdout == "Successfully restarted instance hippo\n"
    assert outcome.error_lines() == FAILED_LINES
    assert outcome.stderr.splitlines() == FAILED_LINES


def test_failed_instances_exit_1_with_json_too(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = json.loads(json.dumps(RESULT))
    answer["Result"]["Instances"] = FAILED_INSTANCES
    mock_api.add(responses.POST, URL + "/restart", json=answer)
    outcome = run_cli("restart", "hippo", "--no-prompt", "--target", "nope", "-o", "json")
    # pgo prints the answer with -o json; its per-instance failures still make the exit status 1.
    assert outcome.code == 1
    assert json.loads(outcome.stdout) == answer
    assert outcome.stderr.splitlines() == FAILED_LINES


def test_query_uses_url_values_and_prints_pgo_table(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.GET, URL + "/restart/hippo", json=QUERY_ANSWER)
    mock_api.add(
        responses.GET, URL + "/restart/pgo2", json={**QUERY_ANSWER, "Results": None, "Standby": True}
    )
    outcome = run_cli("restart", "hippo", "pgo2", "--query", namespace="a+b")
    assert outcome.code == 0, outcome.stderr
    # url.Values.Encode(): sorted keys (namespace before version), values escaped.
    assert [(s.method, s.target, s.body) for s in outcome.sent] == [
        ("GET", "/restart/hippo?namespace=a%2Bb&version=4.7.4", None),
        ("GET", "/restart/pgo2?namespace=a%2Bb&version=4.7.4", None),
    ]
    header = QUERY_TEXT.splitlines(keepends=True)[2]
    assert outcome.stdout == QUERY_TEXT + "\nCluster (standby): pgo2\n" + header


def test_query_refusal_goes_on_with_the_next_cluster(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    refused = {"Results": None, "Code": "error", "Msg": 'pgclusters.crunchydata.com "nosuch" not found'}
    mock_api.add(responses.GET, URL + "/restart/nosuch", json={**refused, "Standby": False})
    mock_api.add(responses.GET, URL + "/restart/hippo", json=QUERY_ANSWER)
    outcome = run_cli("restart", "nosuch", "hippo", "--query")
    assert outcome.code == 1
    assert outcome.stdout == QUERY_TEXT
    assert outcome.error_lines() == ['Error: pgclusters.crunchydata.com "nosuch" not found']


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: You must specify the cluster to restart."),
        (["a", "b"], "Error: a single cluster must be specified when performing a restart"),
        (
            ["hippo", "--rolling", "--target", "hippo-x"],
            "Error: cannot use --rolling with other flags (--target hippo-x)",
        ),
        (
            ["hippo", "-o", "xml"],
            "Error: invalid output format 'xml': choose one of table, wide, pgo, json, yaml",
        ),
    ],
)
def test_client_checks_exit_2_before_any_question(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("restart", *args)
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [message]


def test_json_is_the_answer(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/restart", json=RESULT)
    outcome = run_cli("restart", "hippo", "--no-prompt", "-o", "json")
    assert outcome.code == 0 and json.loads(outcome.stdout) == RESULT


# ------------------------------------------------------------------------------------- emulator


def test_emulator_checks_in_order(emu: Emu) -> None:
    body = {"Namespace": "pgo", "ClusterName": "hippo", "ClientVersion": "4.0.0"}
    # restartservice.go:74-77 writes the mismatch and goes on: a second document, the restart's own.
    first, second = emu.session.post(emu.url + "/restart", json=body).text.splitlines()
    assert json.loads(first)["Msg"] == "pgo client and server version mismatch"
    assert json.loads(second)["Msg"] == 'pgclusters.crunchydata.com "hippo" not found'
    assert emu.restart("nosuch") == {
        "Result": {"ClusterName": "", "Instances": None, "Error": False, "ErrorMessage": ""},
        "Code": "error",
        "Msg": 'pgclusters.crunchydata.com "nosuch" not found',
    }
    assert emu.restart_query("nosuch")["Msg"] == 'pgclusters.crunchydata.com "nosuch" not found'
    emu.create("hippo")
    emu.edit("hippo", lambda doc: doc["cluster"]["metadata"]["annotations"].update({"is-upgraded": "false"}))
    # restartimpl.go formats "%s %s": two spaces.
    assert emu.restart("hippo")["Msg"].startswith("hippo  has not yet been upgraded.")


def test_emulator_restarts_every_instance_or_the_targets(emu: Emu) -> None:
    emu.create("hippo", replicas=1)
    [replica] = emu.replicas("hippo")

    def mark_pending(doc: dict[str, Any]) -> None:
        for pod in doc["pods"]:
            pod["pending_restart"] = True

    emu.edit("hippo", mark_pending)
    assert all(r["PendingRestart"] for r in emu.restart_query("hippo")["Results"])
    answer = emu.restart("hippo", targets=["nope", replica])
    assert answer["Code"] == "ok"
    assert answer["Result"]["ClusterName"] == "hippo"
    assert answer["Result"]["Instances"] == [
        {"InstanceName": "nope", "Error": True, "ErrorMessage": "The instance does not exist in the cluster"},
        {"InstanceName": replica, "Error": False, "ErrorMessage": ""},
    ]
    pending = {r["Name"]: r["PendingRestart"] for r in emu.restart_query("hippo")["Results"]}
    assert pending == {"hippo": True, replica: False}
    everything = emu.restart("hippo")["Result"]["Instances"]
    assert sorted(i["InstanceName"] for i in everything) == sorted(["hippo", replica])
    assert not any(i["Error"] for i in everything)
    assert not any(r["PendingRestart"] for r in emu.restart_query("hippo")["Results"])


def test_emulator_rolling_restart_is_a_pgtask(emu: Emu) -> None:
    emu.create("hippo")
    assert emu.restart("hippo", rolling=True) == {
        "Result": {"ClusterName": "", "Instances": None, "Error": False, "ErrorMessage": ""},
        "Code": "ok",
        "Msg": "",
    }
    task = emu.object("pgtask", "hippo-restart")
    assert task is not None
    assert task["spec"] == {"tasktype": "rolling update", "parameters": {"pg-cluster": "hippo"}}
    assert task["labels"] == {"pg-cluster": "hippo", "pgouser": "admin"}


def test_emulator_query_lists_primary_and_pending_instances(slow_emu: Emu) -> None:
    slow_emu.create("hippo")
    # Nothing running yet: every instance is reported with role unknown.
    [only] = slow_emu.restart_query("hippo")["Results"]
    assert (only["Name"], only["Role"], only["Status"], only["Timeline"]) == (
        "hippo",
        "unknown",
        "unavailable",
        -1,
    )
    slow_emu.clock.now += 10
    [line] = slow_emu.scale("hippo")["Results"]
    replica = line.removeprefix("created Pgreplica ")
    rows = {
        r["Name"]: (r["Role"], r["Status"], r["ReplicationLag"])
        for r in slow_emu.restart_query("hippo")["Results"]
    }
    assert rows == {"hippo": ("primary", "running", 0), replica: ("replica", "unavailable", -1)}
    [failed] = [i for i in slow_emu.restart("hippo")["Result"]["Instances"] if i["Error"]]
    assert failed == {
        "InstanceName": replica,
        "Error": True,
        "ErrorMessage": 'unable to upgrade connection: container not found ("database")',
    }
