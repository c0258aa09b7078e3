"""``pgo upgrade``: the request, the warning and prompt, output, and the emulator's version rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from pgo_cli.nouns.upgrade import commands
from pgo_cli.nouns.upgrade.handlers import supported_operator_version, upgrade_tag_valid
from tests.nouns.cluster_update.emu import Emu
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, PlanRunner, Runner

OK = {"Results": ["created upgrade task for hippo"], "Code": "ok", "Msg": "", "WorkflowID": "w-1"}


@pytest.mark.parametrize(
    ("argv", "changed"),
    [
        ([], {}),
        (["--ccp-image-tag", "centos8-13.5-3.1-4.7.4"], {"UpgradeCCPImageTag": "centos8-13.5-3.1-4.7.4"}),
        (["--ignore-validation"], {"IgnoreValidation": True}),
    ],
    ids=["no-prompt", "ccp-image-tag", "ignore-validation"],
)
def test_request_per_flag(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changed: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/upgrades", json=OK)
    outcome = run_cli("upgrade", "hippo", "zebra", *argv, "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/upgrades")]
    zero = {
        "Args": ["hippo", "zebra"],
        "Selector": "",
        "Namespace": "pgo",
        "ClientVersion": "4.7.4",
        "IgnoreValidation": False,
        "UpgradeCCPImageTag": "",
    }
    assert list(outcome.sent[0].body) == list(zero)
    assert outcome.sent[0].body == {**zero, **changed}
    assert outcome.sent[0].headers.get("Content-Type") == "application/json"
    assert outcome.stdout == "created upgrade task for hippo\n"
    assert commands.WARNING in outcome.stderr  # pgo prints it even with --no-prompt


def test_every_flag_has_a_case() -> None:
    assert sorted(flag.name for flag in commands.FLAGS) == ["ccp-image-tag", "ignore-validation", "no-prompt"]


def test_no_cluster_is_a_usage_error(run_cli: Runner) -> None:
    outcome = run_cli("upgrade", "--no-prompt")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == ["Error: You must specify the cluster to upgrade."]


def test_prompt_and_warning(plan_for: PlanRunner, run_cli: Runner) -> None:
    _, plan, _ = plan_for("upgrade", "hippo", "--no-prompt")
    assert plan is not None
    assert list(plan.warnings) == [
        "All active replicas will be scaled down and the primary database in this cluster will be stopped "
        "and recreated as part of this workflow!"
    ]
    assert plan.prompt == "WARNING: Are you sure? (yes/no): "
    outcome = run_cli("upgrade", "hippo")
    assert outcome.code == 2 and outcome.sent == []


def test_refusal_exits_1_and_json(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    refused = {"Results": [], "Code": "error", "Msg": "hippo is not a valid pgcluster", "WorkflowID": ""}
    mock_api.add(responses.POST, URL + "/upgrades", json=refused)
    outcome = run_cli("upgrade", "hippo", "--no-prompt")
    assert outcome.code == 1 and outcome.stdout == ""
    assert outcome.error_lines() == ["Error: hippo is not a valid pgcluster"]
    mock_api.replace(responses.POST, URL + "/upgrades", json=OK)
    assert json.loads(run_cli("upgrade", "hippo", "--no-prompt", "-o", "json").stdout) == OK


@pytest.mark.parametrize(
    ("version", "supported"),
    [
        ("4.7.4", True),
        ("4.1.0", True),
        ("4.0.1", False),
        ("3.5.4", False),
        ("5.0.0", False),
        ("", False),
        ("4.10.0", False),
        ("4.5.1-rc", True),
    ],
)
def test_operator_version_rule(version: str, supported: bool) -> None:
    assert supported_operator_version(version) is supported


@pytest.mark.parametrize(
    ("old", "new", "valid"),
    [
        ("centos8-13.5-4.7.4", "centos8-13.5-4.7.4", True),
        ("centos7-12.4-4.5.0", "centos8-12.9-4.7.4", True),
        ("centos8-13.5-4.7.4", "centos8-13.2-4.7.4", False),
        ("centos7-12.4-4.5.0", "centos8-13.5-4.7.4", False),
        ("centos7-9.6.19-4.4.1", "centos7-9.6.20-4.7.4", True),
        ("centos7-9.5.19-4.4.1", "centos7-9.6.20-4.7.4", False),
        ("centos8-13.10-4.7.4", "centos8-13.9-4.7.4", True),  # Go compares "10" <= "9" as strings
        ("latest", "centos8-13.5-4.7.4", False),
    ],
)
def test_tag_rule(old: str, new: str, valid: bool) -> None:
    assert upgrade_tag_valid(old, new) is valid


def test_emulator_checks_in_order(emu: Emu) -> None:
    emu.create("hippo")
    assert emu.upgrade("hippo", ClientVersion="4.6.0")["Msg"] == "pgo client and server version mismatch"
    assert emu.upgrade("nosuch") == {
        "Results": [],
        "Code": "error",
        "Msg": "nosuch is not a valid pgcluster",
        "WorkflowID": "",
    }
    emu.edit(
        "hippo",
        lambda doc: (
            doc["cluster"]["metadata"]["labels"].update({"pgo-version": "4.0.1"})
            or doc["cluster"]["spec"]["userlabels"].update({"pgo-version": "4.0.1"})
        ),
    )
    assert emu.upgrade("hippo")["Msg"] == "Cannot upgrade hippo from Postgres Operator version 4.0.1"
    emu.edit(
        "hippo",
        lambda doc: (
            doc["cluster"]["metadata"]["labels"].update({"pgo-version": "4.5.0"})
            or doc["cluster"]["spec"]["userlabels"].update({"pgo-version": "4.5.0"})
        ),
    )
    assert emu.upgrade("hippo", UpgradeCCPImageTag="centos8-12.9-4.7.4")["Msg"] == (
        "cannot upgrade from centos8-13.5-4.7.4 to centos8-12.9-4.7.4, upgrade task failed."
    )
    answer = emu.upgrade("hippo")
    assert answer["Code"] == "ok" and answer["Results"] == ["created upgrade task for hippo"]
    assert emu.upgrade("hippo")["Msg"] == (
        "Could not upgrade cluster: there exists an ongoing upgrade task: [hippo-upgrade]. "
        "If you believe this is an error, try deleting this pgtask CR."
    )


def test_emulator_ignore_validation_and_what_the_upgrade_changes(slow_emu: Emu) -> None:
    slow_emu.create("hippo")
    slow_emu.clock.now += 5
    old_workflow = slow_emu.doc("hippo")["cluster"]["spec"]["userlabels"]["workflowid"]
    slow_emu.edit("hippo", lambda doc: doc["cluster"]["spec"]["userlabels"].update({"pgo-version": "3.5.4"}))
    answer = slow_emu.upgrade("hippo", IgnoreValidation=True, UpgradeCCPImageTag="centos8-12.9-9.9.9")
    assert answer["Code"] == "ok", answer
    workflow = slow_emu.workflow(answer["WorkflowID"])["Results"]
    assert workflow["ClusterName"] == "hippo"
    assert workflow["Parameters"] == {
        "pg-cluster": "hippo",
        "task submitted": "2023-11-14T22:13:25Z",
        "workflowid": answer["WorkflowID"],
        "ccp-image": "centos8-12.9-9.9.9",
        "pgo-version": "4.7.4",
        "pgouser": "admin",
        "cluster upgrade - in progress": "2023-11-14T22:13:25Z",
    }
    detail = slow_emu.show("hippo")
    spec = detail["cluster"]["spec"]
    assert spec["ccpimagetag"] == "centos8-12.9-9.9.9"
    assert spec["userlabels"]["pgo-version"] == "4.7.4"
    assert not any(pod["Ready"] for pod in detail["Pods"])  # recreated
    new_workflow = spec["userlabels"]["workflowid"]
    assert new_workflow != old_workflow
    assert slow_emu.workflow(old_workflow)["Code"] == "error"
    assert "task completed" not in slow_emu.workflow(new_workflow)["Results"]["Parameters"]
    slow_emu.clock.now += 3
    assert (
        slow_emu.workflow(new_workflow)["Results"]["Parameters"]["task completed"] == "2023-11-14T22:13:28Z"
    )


def test_emulator_stops_at_the_first_refusal(emu: Emu) -> None:
    emu.create("alpha")
    answer = emu.upgrade("alpha", "nosuch", "alpha")
    assert answer["Code"] == "error" and answer["Msg"] == "nosuch is not a valid pgcluster"
    assert answer["Results"] == ["created upgrade task for alpha"]


def test_end_to_end_upgrade_then_show_workflow(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    refused = run_pgo(["upgrade", "hippo"], env)
    assert refused.code == 2 and "standard input is not a terminal" in refused.stderr
    done = run_pgo(["upgrade", "hippo", "--no-prompt", "-o", "json"], env)
    assert done.code == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["Results"] == ["created upgrade task for hippo"]
    shown = run_pgo(["show", "workflow", answer["WorkflowID"]], env)
    assert "ccp-image           centos8-13.5-4.7.4" in shown.stdout.splitlines()
    again = run_pgo(["upgrade", "hippo", "--no-prompt"], env)
    assert again.code == 1
    assert again.stderr.splitlines()[0] == commands.WARNING
    assert again.stderr.splitlines()[1].startswith(
        "Error: Could not upgrade cluster: there exists an ongoing upgrade task"
    )
