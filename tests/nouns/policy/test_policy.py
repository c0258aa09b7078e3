"""``create|show|delete policy`` and ``apply``: requests key for key, pgo's text, exit codes, the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

OK = {"Code": "ok", "Msg": ""}


def _policy(name: str, sql: str) -> dict[str, object]:
    return {
        "metadata": {"name": name, "labels": {"pgouser": "admin"}},
        "spec": {"name": name, "sql": sql, "status": ""},
        "status": {"state": "pgpolicy Processed"},
    }


# ------------------------------------------------------------------------------ create policy


def test_create_reads_the_file_and_sends_go_keys_in_order(
    run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    sql = tmp_path / "p.sql"
    sql.write_text("grant select on t to u;\n")
    mock_api.add(responses.POST, URL + "/policies", json=OK)
    outcome = run_cli("create", "policy", "mypolicy", "--in-file", str(sql), "ignored")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/policies")]
    assert list(outcome.sent[0].body.items()) == [
        ("Name", "mypolicy"),
        ("SQL", "grant select on t to u;\n"),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.sent[0].headers["Content-Type"] == "application/json"
    assert outcome.stdout == "Created policy.\n"


def test_create_short_flag_and_refusal(
    run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    sql = tmp_path / "p.sql"
    sql.write_text("x")
    mock_api.add(
        responses.POST,
        URL + "/policies",
        json={"Code": "error", "Msg": "policy already exists with that name"},
    )
    outcome = run_cli("create", "policy", "p", "-i", str(sql))
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: policy already exists with that name"]
    assert outcome.stdout == ""


def test_create_checks_in_pgo_order_and_sends_nothing(run_cli: Runner, tmp_path: Path) -> None:
    outcome = run_cli("create", "policy", "p")
    assert (outcome.code, outcome.error_lines()) == (
        2,
        ["Error: The --in-file is required to create a policy."],
    )
    outcome = run_cli("create", "policy", "--in-file", str(tmp_path / "missing.sql"))
    assert outcome.error_lines() == ["Error: A policy name is required for this command."]
    outcome = run_cli("create", "policy", "p", "--in-file", str(tmp_path / "missing.sql"))
    assert outcome.code == 2
    assert outcome.error_lines() == [
        f"Error: --in-file: open {tmp_path / 'missing.sql'}: no such file or directory"
    ]
    outcome = run_cli("create", "policy", "p", "--in-file", str(tmp_path))
    assert outcome.error_lines() == [f"Error: --in-file: read {tmp_path}: is a directory"]
    assert outcome.sent == []


# ------------------------------------------------------------------------------ show policy


def test_show_one_request_per_name_and_pgo_blocks(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {"PolicyList": {"metadata": {}, "items": [_policy("p1", "select 1;\n")]}, **OK}
    mock_api.add(responses.POST, URL + "/showpolicies", json=answer)
    outcome = run_cli("show", "policy", "p1", "p2")
    assert outcome.code == 0, outcome.stderr
    assert [list(s.body.items()) for s in outcome.sent] == [
        [
            ("Selector", ""),
            ("Namespace", "pgo"),
            ("AllFlag", False),
            ("ClientVersion", "4.7.4"),
            ("Policyname", n),
        ]
        for n in ("p1", "p2")
    ]
    assert outcome.stdout == "\npolicy : p1\n\tstatus : \n\tsql : select 1;\n\n" * 2


def test_show_all_sends_one_empty_name_and_empty_prints_no_policies(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST, URL + "/showpolicies", json={"PolicyList": {"metadata": {}, "items": None}, **OK}
    )
    outcome = run_cli("show", "policy", "--all")
    assert [(s.body["Policyname"], s.body["AllFlag"]) for s in outcome.sent] == [("", True)]
    assert outcome.stdout == "No policies found.\n"
    outcome = run_cli("show", "policy")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == ["Error: Policy name(s) or --all required for this command."]


def test_show_stops_at_the_first_refused_name(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    refused = {"PolicyList": {"metadata": {}, "items": None}, "Code": "error", "Msg": "boom"}
    mock_api.add(responses.POST, URL + "/showpolicies", json=refused)
    outcome = run_cli("show", "policy", "p1", "p2")
    assert (outcome.code, outcome.stdout, outcome.error_lines()) == (1, "", ["Error: boom"])
    assert [s.body["Policyname"] for s in outcome.sent] == ["p1"]  # pgo exits: p2 is never asked for


def test_show_json_is_one_document(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {"PolicyList": {"metadata": {}, "items": [_policy("p1", "x")]}, **OK}
    mock_api.add(responses.POST, URL + "/showpolicies", json=answer)
    outcome = run_cli("show", "policy", "p1", "-o", "json")
    assert json.loads(outcome.stdout) == answer


# ------------------------------------------------------------------------------ delete policy


def test_delete_refuses_without_a_terminal_and_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("delete", "policy", "p1")
    assert outcome.code == 2 and outcome.sent == []
    outcome = run_cli("delete", "policy", "--no-prompt")
    assert outcome.error_lines() == ["Error: A policy name or --all is required for this command."]


def test_delete_per_name_and_all(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/policiesdelete", json={"Results": ["deleted policy p1"], **OK})
    mock_api.add(
        responses.POST,
        URL + "/policiesdelete",
        json={"Results": [], "Code": "error", "Msg": "policy p2 not found"},
    )
    outcome = run_cli("delete", "policy", "p1", "p2", "--no-prompt")
    assert [list(s.body.items()) for s in outcome.sent] == [
        [
            ("Selector", ""),
            ("Namespace", "pgo"),
            ("AllFlag", False),
            ("ClientVersion", "4.7.4"),
            ("PolicyName", n),
        ]
        for n in ("p1", "p2")
    ]
    assert outcome.stdout == "deleted policy p1\n"
    assert (outcome.code, outcome.error_lines()) == (1, ["Error: policy p2 not found"])
    outcome = run_cli("delete", "policy", "p9", "--all", "--yes")
    assert [(s.body["PolicyName"], s.body["AllFlag"]) for s in outcome.sent] == [("all", True)]


# ------------------------------------------------------------------------------ apply


def test_apply_sends_pgo_dry_run_to_the_server(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/policies/apply", json={"Name": ["hippo"], **OK})
    outcome = run_cli("apply", "p1", "--selector", "env=prod", "--dry-run")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [
        ("Name", "p1"),
        ("Selector", "env=prod"),
        ("DryRun", True),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "The label would have been applied on the following:\nApplied policy on hippo\n"
    outcome = run_cli("apply", "p1", "-s", "env=prod")
    assert outcome.sent[0].body["DryRun"] is False
    assert outcome.stdout == "Applied policy on hippo\n"


@pytest.mark.parametrize("dry_run", [True, False])
def test_apply_refused_prints_pgos_dry_run_header_first(
    run_cli: Runner, mock_api: responses.RequestsMock, dry_run: bool
) -> None:
    msg = "policy nope is not found, cancelling request"
    mock_api.add(responses.POST, URL + "/policies/apply", json={"Name": [], "Code": "error", "Msg": msg})
    outcome = run_cli("apply", "nope", "-s", "name=hippo", *(["--dry-run"] if dry_run else []))
    assert (outcome.code, outcome.error_lines()) == (1, [f"Error: {msg}"])
    assert outcome.stdout == ("The label would have been applied on the following:\n" if dry_run else "")


def test_apply_empty_answer_and_checks(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/policies/apply", json={"Name": [], **OK})
    assert run_cli("apply", "p1", "-s", "x=y").stdout == "No clusters found.\n"
    outcome = run_cli("apply", "p1")
    assert outcome.error_lines() == ["Error: Selector is required to apply a policy."]
    outcome = run_cli("apply", "-s", "x=y")
    assert (outcome.code, outcome.error_lines()) == (
        2,
        ["Error: You must specify the name of a policy to apply."],
    )


# ------------------------------------------------------------------------------ emulator


def test_policy_lifecycle_against_the_emulator(emulator: Emulator, tmp_path: Path) -> None:
    env = emulator.env()
    sql = tmp_path / "p.sql"
    sql.write_text("create table audit(x int);\n")
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["create", "policy", "audit", "-i", str(sql)], env).stdout == "Created policy.\n"
    again = run_pgo(["create", "policy", "audit", "-i", str(sql)], env)
    assert (again.code, again.stderr.strip()) == (1, "Error: policy already exists with that name")
    bad = run_pgo(["create", "policy", "Bad_Name", "-i", str(sql)], env)
    assert bad.stderr.startswith(
        "Error: invalid policy name format a DNS-1035 label must consist of lower case"
    )

    shown = run_pgo(["show", "policy", "audit"], env)
    assert shown.stdout == "\npolicy : audit\n\tstatus : \n\tsql : create table audit(x int);\n\n"
    assert run_pgo(["show", "policy", "nosuch"], env).stdout == "No policies found.\n"

    dry = run_pgo(["apply", "audit", "-s", "name=hippo", "--dry-run"], env)
    assert dry.stdout == "The label would have been applied on the following:\nApplied policy on hippo\n"
    assert "policy: audit" not in run_pgo(["show", "cluster", "hippo"], env).stdout
    assert run_pgo(["apply", "audit", "-s", "name=hippo"], env).stdout == "Applied policy on hippo\n"
    assert "\tpolicy: audit\n" in run_pgo(["show", "cluster", "hippo"], env).stdout
    assert run_pgo(["apply", "audit", "-s", "name=nosuch"], env).stdout == "No clusters found.\n"
    missing = run_pgo(["apply", "nosuch", "-s", "name=hippo"], env)
    assert missing.stderr.strip() == "Error: policy nosuch is not found, cancelling request"

    document = json.loads(run_pgo(["show", "policy", "--all", "-o", "json"], env).stdout)
    assert [item["spec"]["name"] for item in document["PolicyList"]["items"]] == ["audit"]
    assert document["PolicyList"]["items"][0]["metadata"]["labels"] == {"pgouser": "admin"}

    gone = run_pgo(["delete", "policy", "--all", "--no-prompt"], env)
    assert gone.stdout == "deleted policy audit\n"
    nothing = run_pgo(["delete", "policy", "audit", "--no-prompt"], env)
    assert (nothing.code, nothing.stderr.strip()) == (1, "Error: policy audit not found")
