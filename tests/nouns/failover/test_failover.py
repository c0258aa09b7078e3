"""``pgo failover`` and ``--query``: the request per flag, pgo's text, the hint, and the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from tests.nouns.scale.emu import Emu
from tests.support.registry import URL, Runner

OK = {"Results": "failover success for cluster hippo", "Code": "ok", "Msg": ""}
QUERY_ANSWER = {
    "Results": [
        {
            "Name": "hippo-ojnd",
            "Node": "node01",
            "ReplicationLag": 0,
            "Status": "running",
            "Timeline": 2,
            "PendingRestart": False,
        },
        {
            "Name": "hippo-wxyz",
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
#: failover.go queryFailover: no "unknown" branch, so -1 prints as a number.
QUERY_TEXT = (
    "\nCluster: hippo\n"
    "REPLICA             \tSTATUS    \tNODE      \tREPLICATION LAG     \tPENDING RESTART\n"
    "hippo-ojnd          \trunning   \tnode01    \t           0 MB     \t          false\n"
    "hippo-wxyz          \tunavailable\tnode02    \t          -1 MB     \t           true\n"
)


def _body(**changes: Any) -> list[tuple[str, Any]]:
    default = [
        ("ClientVersion", "4.7.4"),
        ("ClusterName", "hippo"),
        ("Force", False),
        ("Namespace", "pgo"),
        ("Target", ""),
    ]
    return [(k, changes.get(k, v)) for k, v in default]


@pytest.mark.parametrize(
    ("flags", "changes"),
    [
        ([], {}),
        (["--target", "hippo-ojnd"], {"Target": "hippo-ojnd"}),
        (["--target", "hippo-ojnd", "--force"], {"Target": "hippo-ojnd", "Force": True}),
        # The docs' typo --target==hippo-ojnd sends "=hippo-ojnd", as pgo does.
        (["--target==hippo-ojnd"], {"Target": "=hippo-ojnd"}),
    ],
)
def test_payload_per_flag(
    run_cli: Runner, mock_api: responses.RequestsMock, flags: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/failover", json=OK)
    outcome = run_cli("failover", "hippo", "--no-prompt", *flags)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/failover")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == _body(**changes)
    assert outcome.stdout == "failover success for cluster hippo\n"


def test_query_is_a_concatenated_get_and_pgo_table(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/failover/hippo", json=QUERY_ANSWER)
    outcome = run_cli("failover", "hippo", "--query", namespace="a+b")
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target, sent.body) == (
        "GET",
        "/failover/hippo?version=4.7.4&namespace=a+b",
        None,
    )
    assert "Content-Type" not in sent.headers
    assert outcome.stdout == QUERY_TEXT


def test_query_standby_and_empty(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.GET, URL + "/failover/hippo", json={**QUERY_ANSWER, "Results": [], "Standby": True}
    )
    assert (
        run_cli("failover", "hippo", "--query").stdout == "\nCluster (standby): hippo\nNo replicas found.\n"
    )


def test_query_refused_prints_the_cluster_line_and_exits_1(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    refused = {"Results": [], "Code": "error", "Msg": "no cluster found named nosuch", "Standby": False}
    mock_api.add(responses.GET, URL + "/failover/nosuch", json=refused)
    outcome = run_cli("failover", "nosuch", "--query")
    assert outcome.code == 1
    assert outcome.stdout == "\nCluster: nosuch\n"
    assert outcome.error_lines() == ["Error: no cluster found named nosuch"]


def test_no_primary_adds_the_force_hint(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    # The server passes patronictl's stderr on, "Error: " and all; pgo strips it.
    refused = {"Results": "", "Code": "error", "Msg": "Error: This cluster has no primary\n"}
    mock_api.add(responses.POST, URL + "/failover", json=refused)
    outcome = run_cli("failover", "hippo", "--target", "hippo-ojnd", "--no-prompt")
    assert outcome.code == 1 and outcome.stdout == ""
    assert outcome.stderr.splitlines() == [
        "Error: This cluster has no primary",
        'hint: Try using the "--force" flag',
    ]


@pytest.mark.parametrize(
    ("msg", "line"),
    [
        ("Error: No candidates found to switchover to\n", "Error: No candidates found to switchover to"),
        ("no target found named hippo-x", "Error: no target found named hippo-x"),
        # strings.ReplaceAll: every "Error: " goes, not only a leading one.
        ("a Error: b Error: c", "Error: a b c"),
    ],
)
def test_refusal_drops_the_servers_error_prefix(
    run_cli: Runner, mock_api: responses.RequestsMock, msg: str, line: str
) -> None:
    mock_api.add(responses.POST, URL + "/failover", json={"Results": "", "Code": "error", "Msg": msg})
    outcome = run_cli("failover", "hippo", "--no-prompt")
    assert (outcome.code, outcome.stdout) == (1, "")
    assert outcome.stderr.splitlines() == [line]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: You must specify the cluster to failover."),
        (["a", "b"], "Error: failover acts on one cluster, got 2: a b"),
        (["a", "b", "--query"], "Error: failover acts on one cluster, got 2: a b"),
    ],
)
def test_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("failover", "--no-prompt", *args)
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [message]


def test_no_terminal_refuses_the_failover_not_the_query(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    assert run_cli("failover", "hippo").sent == []
    mock_api.add(responses.GET, URL + "/failover/hippo", json=QUERY_ANSWER)
    outcome = run_cli("failover", "hippo", "--query", "-o", "json")
    assert outcome.code == 0 and json.loads(outcome.stdout) == QUERY_ANSWER


# ------------------------------------------------------------------------------------- emulator


def test_emulator_checks_in_order(emu: Emu) -> None:
    assert emu.failover("nosuch", ns="")["Msg"] == "empty namespace is not valid from pgo clients"
    assert emu.failover("nosuch", target="x")["Msg"] == "no cluster found named nosuch"
    emu.create("hippo", replicas=1)
    [replica] = emu.replicas("hippo")
    assert emu.failover("hippo", force=True)["Msg"] == "target is required when forcing a failover."
    assert emu.failover("hippo", target="=hippo-ojnd")["Msg"] == "no target found named =hippo-ojnd"
    assert emu.failover("hippo", target="hippo")["Msg"] == (
        "The primary database cannot be selected as a failover target"
    )
    # A Deployment of the cluster that is no PostgreSQL instance: found, but it has no pod.
    assert emu.failover("hippo", target="hippo-backrest-shared-repo")["Msg"] == (
        "no pods found for instance hippo-backrest-shared-repo"
    )
    assert emu.primary("hippo") == "hippo" and replica != "hippo"
    emu.edit("hippo", lambda doc: doc["cluster"]["metadata"]["annotations"].update({"is-upgraded": "false"}))
    assert emu.failover("hippo", force=True)["Msg"].startswith("hippo has not yet been upgraded.")


def test_emulator_switchover_without_replicas(emu: Emu) -> None:
    emu.create("hippo")
    assert emu.failover("hippo")["Msg"] == "Error: No candidates found to switchover to\n"
    assert emu.failover_query("hippo") == {"Results": [], "Code": "ok", "Msg": "", "Standby": False}


def test_emulator_promotes_the_target_and_demotes_the_primary(emu: Emu) -> None:
    emu.create("hippo", replicas=2)
    first, second = emu.replicas("hippo")
    assert emu.failover("hippo", target=second) == {
        "Results": "failover success for cluster hippo",
        "Code": "ok",
        "Msg": "",
    }
    assert emu.primary("hippo") == second
    candidates = emu.failover_query("hippo")["Results"]
    assert sorted((c["Name"], c["Timeline"]) for c in candidates) == sorted([(first, 2), ("hippo", 2)])
    restart_roles = {r["Name"]: r["Role"] for r in emu.restart_query("hippo")["Results"]}
    assert restart_roles == {second: "primary", first: "replica", "hippo": "replica"}
    assert emu.doc("hippo")["cluster"]["metadata"]["annotations"]["current-primary"] == second
    # The new primary cannot be the target now; the old one can, forced too.
    assert (
        emu.failover("hippo", target=second)["Msg"]
        == "The primary database cannot be selected as a failover target"
    )
    assert emu.failover("hippo", target="hippo", force=True)["Code"] == "ok"
    assert emu.primary("hippo") == "hippo"
    # Without a target the best running replica is picked.
    assert emu.failover("hippo")["Code"] == "ok"
    assert emu.primary("hippo") in (first, second)


def test_emulator_pending_target_and_no_running_leader(slow_emu: Emu) -> None:
    slow_emu.create("hippo")
    slow_emu.clock.now += 10
    [line] = slow_emu.scale("hippo")["Results"]
    replica = line.removeprefix("created Pgreplica ")
    assert slow_emu.failover("hippo", target=replica)["Msg"] == f"no pods found for instance {replica}"
    # A Pending replica has no role=replica label yet (Patroni sets it): not a candidate at all.
    assert slow_emu.failover_query("hippo")["Results"] == []
    # scaledown --query (role!=primary, busted included) lists it as unavailable.
    [pending] = slow_emu.scale_query("hippo")["Results"]
    assert (pending["Name"], pending["Status"], pending["ReplicationLag"]) == (replica, "unavailable", -1)
    slow_emu.clock.now += 5

    def leader_down(doc: dict[str, Any]) -> None:
        for pod in doc["pods"]:
            if pod["role"] == "master":
                pod["ready_at"] = slow_emu.clock.now + 100

    slow_emu.edit("hippo", leader_down)
    assert slow_emu.failover("hippo", target=replica)["Msg"] == "Error: This cluster has no primary\n"
    assert slow_emu.failover("hippo", target=replica, force=True)["Code"] == "ok"
    assert slow_emu.primary("hippo") == replica
