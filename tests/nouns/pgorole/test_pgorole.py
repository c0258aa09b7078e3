"""``pgo create|show|update|delete pgorole``: requests key for key, pgo's checks and text, exit codes."""

from __future__ import annotations

import json

import pytest
import responses

from pgo_cli.nouns.pgorole.permissions import PERMISSIONS
from tests.support.registry import URL, Runner

OK = {"Code": "ok", "Msg": ""}


def test_create_body_and_line(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgorolecreate", json=OK)
    outcome = run_cli("create", "pgorole", "viewer", "--permissions=ShowCluster, Version")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgorolecreate")]
    assert list(outcome.sent[0].body.items()) == [
        ("PgoroleName", "viewer"),
        ("PgorolePermissions", "ShowCluster, Version"),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "Created pgorole.\n"


def test_create_star_is_a_permission(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgorolecreate", json=OK)
    assert run_cli("create", "pgorole", "admin2", "--permissions=*").code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--permissions=Cat"], "Error: A pgouser role name is required for this command."),
        (["viewer"], "Error: permissions flag is required."),
        (["viewer", "--permissions=Cat,Ls"], "Error: Ls not a valid Permission"),
        # names are case-sensitive; the entry is trimmed before it is checked
        (["viewer", "--permissions=Cat, showcluster"], "Error: showcluster not a valid Permission"),
        (
            ["View_er", "--permissions=Cat"],
            "Error: invalid pgorole name format a DNS-1035 label must consist of lower case alphanumeric "
            "characters or '-', start with an alphabetic character, and end with an alphanumeric character "
            "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
        (["a", "b", "--permissions=Cat"], "Error: one pgorole name at a time, got 2: a b"),
    ],
)
def test_create_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("create", "pgorole", *args)
    assert (outcome.code, outcome.sent, outcome.stdout) == (2, [], "")
    assert outcome.error_lines() == [message]


def test_a_bad_permission_lists_every_valid_name(run_cli: Runner) -> None:
    outcome = run_cli("create", "pgorole", "viewer", "--permissions=Nope")
    hint = [line for line in outcome.stderr.splitlines() if line.startswith("hint: ")]
    assert hint == ["hint: valid: * or " + ",".join(PERMISSIONS)]
    assert len(PERMISSIONS) == 56 and "ShowSecrets" in PERMISSIONS and "ShowSystemAccounts" in PERMISSIONS


def test_show_request_and_blocks(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {
        "RoleInfo": [
            {"Name": "pgoadmin", "Permissions": "*"},
            {"Name": "nosuch was not found", "Permissions": ""},
        ],
        **OK,
    }
    mock_api.add(responses.POST, URL + "/pgoroleshow", json=answer)
    outcome = run_cli("show", "pgorole", "pgoadmin", "nosuch")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [
        ("Namespace", "pgo"),
        ("AllFlag", False),
        ("ClientVersion", "4.7.4"),
        ("PgoroleName", ["pgoadmin", "nosuch"]),
    ]
    assert (
        outcome.stdout
        == "\npgorole : pgoadmin\npermissions : *\n\npgorole : nosuch was not found\npermissions : \n"
    )
    mock_api.add(responses.POST, URL + "/pgoroleshow", json=answer)
    assert json.loads(run_cli("show", "pgorole", "--all", "-o", "json").stdout) == answer


def test_show_all_and_nothing_found(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgoroleshow", json={"RoleInfo": [], **OK})
    outcome = run_cli("show", "pgorole", "--all")
    assert outcome.sent[0].body == {
        "Namespace": "pgo",
        "AllFlag": True,
        "ClientVersion": "4.7.4",
        "PgoroleName": [],
    }
    assert outcome.stdout == "No pgoroles found.\n"


def test_show_needs_a_name_or_all(run_cli: Runner) -> None:
    outcome = run_cli("show", "pgorole")
    assert (outcome.code, outcome.sent) == (2, [])
    assert outcome.error_lines() == ["Error: either a pgorole name or --all flag is required"]


def test_update_body_and_line(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgoroleupdate", json=OK)
    outcome = run_cli("update", "pgorole", "viewer", "--permissions=ShowCluster,DeleteCluster", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgoroleupdate")]
    assert list(outcome.sent[0].body.items()) == [
        ("Name", ""),
        ("PgorolePermissions", "ShowCluster,DeleteCluster"),
        ("PgoroleName", "viewer"),
        ("ChangePermissions", False),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "pgorole updated \n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--permissions=Cat"], "Error: You must specify the name of a pgorole."),
        (["viewer"], "Error: --permissions flag is required."),
        (["viewer", "--permissions=Cat,Ls"], "Error: Ls not a valid Permission"),
    ],
)
def test_update_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("update", "pgorole", *args)
    assert (outcome.code, outcome.sent, outcome.error_lines()) == (2, [], [message])


def test_update_refused_is_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST, URL + "/pgoroleupdate", json={"Code": "error", "Msg": 'secrets "pgorole-x" not found'}
    )
    outcome = run_cli("update", "pgorole", "x", "--permissions=Cat")
    assert (outcome.code, outcome.stdout) == (1, "")
    assert outcome.error_lines() == ['Error: secrets "pgorole-x" not found']


def test_delete_body_results_and_prompt_rule(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgoroledelete",
        json={"Results": ["deleted role viewer", "pgorole-x not found"], **OK},
    )
    outcome = run_cli("delete", "pgorole", "viewer", "x", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [
        ("PgoroleName", ["viewer", "x"]),
        ("Namespace", "pgo"),
        ("AllFlag", False),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "deleted role viewer\npgorole-x not found\n"
    refused = run_cli("delete", "pgorole", "viewer")
    assert (refused.code, refused.sent) == (2, [])
    missing = run_cli("delete", "pgorole", "--no-prompt")
    assert missing.error_lines() == ["Error: A pgorole role name is required for this command."]


def test_every_flag_is_in_help(run_cli: Runner) -> None:
    expected = {
        "create": ["--permissions"],
        "show": ["--all"],
        "update": ["--permissions", "--no-prompt"],
        "delete": ["--all", "--no-prompt"],
    }
    for verb, flags in expected.items():
        outcome = run_cli(verb, "pgorole", "--help")
        assert outcome.code == 0
        assert all(flag in outcome.stdout for flag in flags), verb
