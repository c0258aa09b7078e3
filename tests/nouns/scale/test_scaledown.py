"""``pgo scaledown`` and ``--query``: the two query encodings, the checks, pgo's table, the emulator."""

from __future__ import annotations

import json

import pytest
import responses

from tests.nouns.scale.emu import Emu
from tests.support.registry import URL, Runner

QUERY_ANSWER = {
    "Results": [
        {
            "Name": "hippo-ojnd",
            "Node": "node01",
            "ReplicationLag": 0,
            "Status": "running",
            "Timeline": 1,
            "PendingRestart": False,
        },
        {
            "Name": "hippo-busted-long-name",
            "Node": "node02",
            "ReplicationLag": -1,
            "Status": "unavailable",
            "Timeline": -1,
            "PendingRestart": True,
        },
    ],
    "Code": "ok",
    "Msg": "",
    "Standby": False,
}

#: scaledown.go queryCluster's printf layouts, written out by hand.
QUERY_TEXT = (
    "\nCluster: hippo\n"
    "REPLICA             \tSTATUS    \tNODE      \tREPLICATION LAG     \tPENDING RESTART\n"
    "hippo-ojnd          \trunning   \tnode01    \t           0 MB     \t          false\n"
    "hippo-busted-long-name\tunavailable\tnode02    \t        unknown\t                   true\n"
)


def test_query_is_a_concatenated_get_per_cluster(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/scale/hippo", json=QUERY_ANSWER)
    mock_api.add(responses.GET, URL + "/scale/pgo2", json={**QUERY_ANSWER, "Results": [], "Standby": True})
    outcome = run_cli("scaledown", "hippo", "pgo2", "--query", namespace="a+b")
    assert outcome.code == 0, outcome.stderr
    # String concatenation: no escaping, pgo's order (version first).
    assert [(s.method, s.target) for s in outcome.sent] == [
        ("GET", "/scale/hippo?version=4.7.4&namespace=a+b"),
        ("GET", "/scale/pgo2?version=4.7.4&namespace=a+b"),
    ]
    assert all(s.body is None and "Content-Type" not in s.headers for s in outcome.sent)
    assert outcome.stdout == QUERY_TEXT + "\nCluster (standby): pgo2\nNo replicas found.\n"


def test_query_prints_the_cluster_line_even_when_refused_and_goes_on(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    refused = {"Results": [], "Code": "error", "Msg": 'No cluster found for "nosuch"', "Standby": False}
    mock_api.add(responses.GET, URL + "/scale/nosuch", json=refused)
    mock_api.add(responses.GET, URL + "/scale/hippo", json=QUERY_ANSWER)
    outcome = run_cli("scaledown", "nosuch", "hippo", "--query")
    assert outcome.code == 1
    assert outcome.stdout == "\nCluster: nosuch\n" + QUERY_TEXT
    assert outcome.error_lines() == ['Error: No cluster found for "nosuch"']


@pytest.mark.parametrize(
    ("flags", "query"),
    [
        (["--target", "hippo-ojnd"], "delete-data=true&namespace=pgo&replica-name=hippo-ojnd&version=4.7.4"),
        (
            ["--target", "hippo-ojnd", "--keep-data"],
            "delete-data=false&namespace=pgo&replica-name=hippo-ojnd&version=4.7.4",
        ),
        (
            ["--target", "hippo-ojnd", "--delete-data=false"],
            "delete-data=false&namespace=pgo&replica-name=hippo-ojnd&version=4.7.4",
        ),
        (
            ["--target", "hippo-ojnd", "-d"],
            "delete-data=true&namespace=pgo&replica-name=hippo-ojnd&version=4.7.4",
        ),
        # url.Values.Encode: sorted keys, QueryEscape'd values.
        (["--target", "a b&c"], "delete-data=true&namespace=pgo&replica-name=a+b%26c&version=4.7.4"),
    ],
)
def test_scaledown_query_string_per_flag(
    run_cli: Runner, mock_api: responses.RequestsMock, flags: list[str], query: str
) -> None:
    answer = {"Results": ["deleted replica hippo-ojnd"], "Code": "ok", "Msg": ""}
    mock_api.add(responses.GET, URL + "/scaledown/hippo", json=answer)
    outcome = run_cli("scaledown", "hippo", "--no-prompt", *flags)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.path, sent.query, sent.body) == ("GET", "/scaledown/hippo", query, None)
    assert "Content-Type" not in sent.headers
    assert outcome.stdout == "deleted replica hippo-ojnd\n"
    deprecated = "Flag --delete-data has been deprecated, Data is deleted by default."
    assert (deprecated in outcome.stderr) == any(f.startswith(("-d", "--delete-data")) for f in flags)


def test_a_refusal_exits_1_with_one_error_line(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    refused = {"Results": [], "Code": "error", "Msg": "Unable to find replica with name nope"}
    mock_api.add(responses.GET, URL + "/scaledown/hippo", json=refused)
    outcome = run_cli("scaledown", "hippo", "--target", "nope", "--no-prompt")
    assert outcome.code == 1 and outcome.stdout == ""
    assert outcome.error_lines() == ["Error: Unable to find replica with name nope"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: You must specify the clusters to scale down."),
        (["a", "b", "--target", "a-x"], "Error: scaledown removes a replica of one cluster, got 2: a b"),
    ],
)
def test_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("scaledown", "--no-prompt", *args)
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [message]


@pytest.mark.parametrize("target", [[], ["--target", ""], ["--keep-data"]])
def test_no_target_and_no_query_is_refused_before_sending(run_cli: Runner, target: list[str]) -> None:
    # pgo sends replica-name= (empty) and the apiserver refuses it only after the question.
    outcome = run_cli("scaledown", "hippo", "--no-prompt", *target)
    assert outcome.code == 2 and outcome.sent == [] and outcome.stdout == ""
    assert outcome.stderr.splitlines() == [
        "Error: scaledown needs --target REPLICA (the replica to remove) or --query (to list the replicas)",
        "hint: pgo scaledown hippo --query, then pgo scaledown hippo --target <replica>",
    ]


def test_no_terminal_refuses_the_removal_but_not_the_query(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    outcome = run_cli("scaledown", "hippo", "--target", "hippo-ojnd")
    assert outcome.code == 2 and outcome.sent == []
    mock_api.add(responses.GET, URL + "/scale/hippo", json=QUERY_ANSWER)
    assert run_cli("scaledown", "hippo", "--query").code == 0


def test_query_json_is_one_document(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/scale/hippo", json=QUERY_ANSWER)
    outcome = run_cli("scaledown", "hippo", "--query", "-o", "json")
    assert json.loads(outcome.stdout) == QUERY_ANSWER


# ------------------------------------------------------------------------------------- emulator


def test_emulator_query_messages(emu: Emu) -> None:
    assert emu.scale_query("hippo", version="4.0.0")["Msg"] == "pgo client and server version mismatch"
    assert emu.scale_query("nosuch") == {
        "Results": [],
        "Code": "error",
        "Msg": 'No cluster found for "nosuch"',
        "Standby": False,
    }
    emu.create("hippo")
    assert emu.scale_query("hippo") == {"Results": [], "Code": "ok", "Msg": "", "Standby": False}


def test_emulator_scaledown_checks_in_order(emu: Emu) -> None:
    assert (
        emu.scaledown("nosuch", "x", delete="maybe")["Msg"]
        == 'strconv.ParseBool: parsing "maybe": invalid syntax'
    )
    assert emu.scaledown("nosuch", "x", version="4.0.0")["Msg"] == "pgo client and server version mismatch"
    assert emu.scaledown("nosuch", "x")["Msg"] == 'pgclusters.crunchydata.com "nosuch" not found'
    emu.create("hippo", replicas=1)
    [replica] = emu.replicas("hippo")
    assert emu.scaledown("hippo", "")["Msg"] == "Unable to find replica with name "
    # The primary is not a replica.
    assert emu.scaledown("hippo", "hippo")["Msg"] == "Unable to find replica with name hippo"
    emu.edit("hippo", lambda doc: doc["cluster"]["status"].update({"state": "pgcluster Shutdown"}))
    assert emu.scaledown("hippo", replica)["Msg"] == "Nothing to scale, the cluster is currently shutdown"


@pytest.mark.parametrize(("delete", "kept"), [("true", None), ("false", "1G")])
def test_emulator_removes_the_replica_and_its_data_unless_kept(
    emu: Emu, delete: str, kept: str | None
) -> None:
    emu.create("hippo", replicas=1)
    [replica] = emu.replicas("hippo")
    assert emu.scaledown("hippo", replica, delete=delete) == {
        "Results": [f"deleted replica {replica}"],
        "Code": "ok",
        "Msg": "",
    }
    doc = emu.doc("hippo")
    assert emu.replicas("hippo") == []
    assert replica not in doc["deployments"] and replica not in doc["replicas"]
    assert "hippo-replica" not in [s["name"] for s in doc["services"]]
    assert emu.pvc(replica) == kept
    assert emu.pvc("hippo") == "1G"


def test_table_keeps_names_whole(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/scale/hippo", json=QUERY_ANSWER)
    outcome = run_cli("scaledown", "hippo", "--query", "-o", "table")
    assert outcome.code == 0, outcome.stderr
    rows = [line.split() for line in outcome.stdout.splitlines() if line.startswith("hippo-")]
    assert rows == [
        ["hippo-ojnd", "hippo", "running", "node01", "0", "MB", "false"],
        ["hippo-busted-long-name", "hippo", "unavailable", "node02", "unknown", "true"],
    ]
    assert "REPLICA" in outcome.stdout and "\t" not in outcome.stdout
