"""``pgo create|show|update|delete pgouser``: requests key for key, pgo's checks and text, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from tests.support.registry import URL, PlanRunner, Runner

OK = {"Code": "ok", "Msg": ""}


def _create_body(**changes: object) -> list[tuple[str, object]]:
    body: dict[str, object] = {
        "PgouserName": "bob",
        "PgouserPassword": "s3cret",
        "PgouserRoles": "viewer",
        "AllNamespaces": False,
        "PgouserNamespaces": "pgo",
        "Namespace": "pgo",
        "ClientVersion": "4.7.4",
    }
    body.update(changes)
    return list(body.items())


# ------------------------------------------------------------------------------------------ create


def test_create_sends_pgos_body_in_go_order(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousercreate", json=OK)
    outcome = run_cli(
        "create",
        "pgouser",
        "bob",
        "--pgouser-password=s3cret",
        "--pgouser-roles=viewer",
        "--pgouser-namespaces=pgo",
    )
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgousercreate")]
    assert list(outcome.sent[0].body.items()) == _create_body()
    assert outcome.sent[0].headers["Content-Type"] == "application/json"
    assert outcome.stdout == "Created pgouser.\n"


def test_create_all_namespaces_and_namespace_flag(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousercreate", json=OK)
    outcome = run_cli(
        "create",
        "pgouser",
        "bob",
        "--pgouser-password",
        "s3cret",
        "--pgouser-roles",
        "viewer,pgoadmin",
        "--all-namespaces",
        "-n",
        "other",
    )
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == _create_body(
        PgouserRoles="viewer,pgoadmin", AllNamespaces=True, PgouserNamespaces="", Namespace="other"
    )


def test_create_password_from_a_file_and_from_stdin(
    run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    mock_api.add(responses.POST, URL + "/pgousercreate", json=OK)
    secret = tmp_path / "pw"
    secret.write_text("fromfile\nignored\n")
    args = ("create", "pgouser", "bob", "--pgouser-roles=viewer", "--all-namespaces")
    outcome = run_cli(*args, f"--pgouser-password-file={secret}")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["PgouserPassword"] == "fromfile"
    outcome = run_cli(*args, "--pgouser-password-file=-", stdin="fromstdin\n")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["PgouserPassword"] == "fromstdin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--pgouser-password=x", "--pgouser-roles=r", "--all-namespaces"],
            "Error: A pgouser username is required for this command.",
        ),
        (["bob", "--pgouser-roles=r", "--all-namespaces"], "Error: pgouser-password flag is required."),
        # pgo's order: the password is checked before the roles.
        (["bob"], "Error: pgouser-password flag is required."),
        (["bob", "--pgouser-password=x", "--all-namespaces"], "Error: pgouser-roles flag is required."),
        (
            ["bob", "--pgouser-password=x", "--pgouser-roles=r"],
            "Error: pgouser-namespaces flag or --all-namespaces flag is required.",
        ),
        (
            [
                "bob",
                "--pgouser-password=x",
                "--pgouser-roles=r",
                "--all-namespaces",
                "--pgouser-namespaces=pgo",
            ],
            "Error: pgouser-namespaces flag and --all-namespaces flag are mutually exclusive, choose one or the other.",
        ),
        (
            ["Bob", "--pgouser-password=x", "--pgouser-roles=r", "--all-namespaces"],
            "Error: invalid pgouser name format a DNS-1035 label must consist of lower case alphanumeric "
            "characters or '-', start with an alphabetic character, and end with an alphanumeric character "
            "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
        (
            ["b" * 64, "--pgouser-password=x", "--pgouser-roles=r", "--all-namespaces"],
            "Error: invalid pgouser name format must be no more than 63 characters",
        ),
        (
            ["bob", "carol", "--pgouser-password=x", "--pgouser-roles=r", "--all-namespaces"],
            "Error: one pgouser name at a time, got 2: bob carol",
        ),
        (
            [
                "bob",
                "--pgouser-password=x",
                "--pgouser-password-file=-",
                "--pgouser-roles=r",
                "--all-namespaces",
            ],
            "Error: --pgouser-password and --pgouser-password-file were both given: use one",
        ),
        (
            ["bob", "--pgouser-password-file=/nonexistent/pw", "--pgouser-roles=r", "--all-namespaces"],
            'Error: --pgouser-password-file "/nonexistent/pw": cannot read the password: No such file or directory',
        ),
    ],
)
def test_create_client_checks_exit_2_and_send_nothing(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("create", "pgouser", *args)
    assert outcome.code == 2
    assert outcome.error_lines() == [message]
    assert outcome.sent == [] and outcome.stdout == ""


def test_create_refused_by_the_server_is_exit_1_on_stderr(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST, URL + "/pgousercreate", json={"Code": "error", "Msg": "nosuch pgorole was not found"}
    )
    outcome = run_cli(
        "create", "pgouser", "bob", "--pgouser-password=x", "--pgouser-roles=nosuch", "--all-namespaces"
    )
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: nosuch pgorole was not found"]
    assert outcome.stdout == ""


def test_create_dry_run_never_shows_the_password(run_cli: Runner) -> None:
    outcome = run_cli(
        "create",
        "pgouser",
        "bob",
        "--pgouser-password=Sup3rSecret",
        "--pgouser-roles=r",
        "--all-namespaces",
        "--dry-run",
    )
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent == []
    assert "/pgousercreate" in outcome.stdout
    assert "Sup3rSecret" not in outcome.stdout + outcome.stderr


def test_create_debug_never_shows_the_password(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousercreate", json={"Code": "error", "Msg": "echo Sup3rSecret"})
    outcome = run_cli(
        "--debug",
        "create",
        "pgouser",
        "bob",
        "--pgouser-password=Sup3rSecret",
        "--pgouser-roles=r",
        "--all-namespaces",
    )
    assert outcome.code == 1
    assert outcome.sent[0].body["PgouserPassword"] == "Sup3rSecret"
    assert '"PgouserPassword":"<redacted>"' in outcome.stderr
    assert "Sup3rSecret" not in outcome.stdout + outcome.stderr


# ------------------------------------------------------------------------------------------ show

SHOW_ANSWER = {
    "UserInfo": [
        {"Username": "admin", "Role": ["pgoadmin"], "Namespace": [""]},
        {"Username": "bob", "Role": ["viewer,pgoadmin"], "Namespace": ["pgo,pgouser1"]},
        {"Username": "nosuch was not found", "Role": [], "Namespace": []},
    ],
    **OK,
}


def test_show_request_and_pgos_blocks(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousershow", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgouser", "admin", "bob", "nosuch")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgousershow")]
    assert list(outcome.sent[0].body.items()) == [
        ("Namespace", "pgo"),
        ("AllFlag", False),
        ("ClientVersion", "4.7.4"),
        ("PgouserName", ["admin", "bob", "nosuch"]),
    ]
    assert outcome.stdout == (
        "\npgouser : admin\nroles : [pgoadmin]\nnamespaces : []\n"
        "\npgouser : bob\nroles : [viewer,pgoadmin]\nnamespaces : [pgo,pgouser1]\n"
        "\npgouser : nosuch was not found\nroles : []\nnamespaces : []\n"
    )


def test_show_all_sends_an_empty_name_list(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousershow", json={"UserInfo": None, **OK})
    outcome = run_cli("show", "pgouser", "--all")
    assert outcome.sent[0].body == {
        "Namespace": "pgo",
        "AllFlag": True,
        "ClientVersion": "4.7.4",
        "PgouserName": [],
    }
    assert outcome.stdout == "No pgousers found.\n"


def test_show_needs_a_name_or_all(run_cli: Runner) -> None:
    outcome = run_cli("show", "pgouser")
    assert (outcome.code, outcome.sent) == (2, [])
    assert outcome.error_lines() == ["Error: either a pgouser name or --all flag is required"]


def test_show_json_is_the_answer(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgousershow", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgouser", "--all", "-o", "json")
    assert json.loads(outcome.stdout) == SHOW_ANSWER


# ------------------------------------------------------------------------------------------ update


def test_update_sends_every_flag(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgouserupdate", json=OK)
    outcome = run_cli(
        "update",
        "pgouser",
        "bob",
        "--pgouser-roles=a,b",
        "--pgouser-namespaces=pgo",
        "--pgouser-password=newpw",
        "--no-prompt",
    )
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgouserupdate")]
    assert list(outcome.sent[0].body.items()) == [
        ("Name", ""),
        ("PgouserRoles", "a,b"),
        ("PgouserNamespaces", "pgo"),
        ("AllNamespaces", False),
        ("PgouserPassword", "newpw"),
        ("PgouserName", "bob"),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "pgouser updated \n"


def test_update_all_namespaces_and_password_from_stdin(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/pgouserupdate", json=OK)
    outcome = run_cli(
        "update", "pgouser", "bob", "--all-namespaces", "--pgouser-password-file=-", stdin="piped\n"
    )
    assert outcome.code == 0, outcome.stderr
    body = outcome.sent[0].body
    assert (body["AllNamespaces"], body["PgouserNamespaces"], body["PgouserPassword"]) == (True, "", "piped")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pgouser-roles=r"], "Error: You must specify the name of a pgouser."),
        (
            ["bob", "--all-namespaces", "--pgouser-namespaces=pgo"],
            "Error: pgouser-namespaces flag and --all-namespaces flag are mutually exclusive, choose one or the other.",
        ),
        (["bob", "carol"], "Error: one pgouser name at a time, got 2: bob carol"),
        (
            ["bob", "--pgouser-roles= viewer"],
            'Error: --pgouser-roles " viewer": no spaces around role names (the apiserver would store '
            "them and then refuse every request of this pgouser)",
        ),
    ],
)
def test_update_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("update", "pgouser", *args)
    assert (outcome.code, outcome.sent, outcome.error_lines()) == (2, [], [message])


def test_update_refused_by_the_server(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgouserupdate",
        json={"Code": "error", "Msg": 'secrets "pgouser-bob" not found'},
    )
    outcome = run_cli("update", "pgouser", "bob")
    assert outcome.code == 1
    assert outcome.error_lines() == ['Error: secrets "pgouser-bob" not found']


# ------------------------------------------------------------------------------------------ delete


def test_delete_sends_all_names_and_prints_the_results(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgouserdelete",
        json={"Results": ["deleted pgouser bob", "pgouser-nosuch not found"], **OK},
    )
    outcome = run_cli("delete", "pgouser", "bob", "nosuch", "--all", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/pgouserdelete")]
    assert list(outcome.sent[0].body.items()) == [
        ("PgouserName", ["bob", "nosuch"]),
        ("Namespace", "pgo"),
        ("AllFlag", True),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "deleted pgouser bob\npgouser-nosuch not found\n"


def test_delete_without_a_terminal_or_no_prompt_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("delete", "pgouser", "bob")
    assert (outcome.code, outcome.sent, outcome.stdout) == (2, [], "")
    assert outcome.error_lines() == [
        "Error: not running 'pgo delete pgouser': it asks for confirmation and standard input is not a terminal"
    ]


def test_delete_needs_a_name_even_with_all(run_cli: Runner) -> None:
    outcome = run_cli("delete", "pgouser", "--all", "--no-prompt")
    assert (outcome.code, outcome.sent) == (2, [])
    assert outcome.error_lines() == ["Error: A pgouser username is required for this command."]


def test_every_flag_is_in_help(run_cli: Runner) -> None:
    expected = {
        "create": [
            "--pgouser-password",
            "--pgouser-password-file",
            "--pgouser-roles",
            "--pgouser-namespaces",
            "--all-namespaces",
        ],
        "show": ["--all"],
        "update": [
            "--pgouser-password",
            "--pgouser-roles",
            "--pgouser-namespaces",
            "--all-namespaces",
            "--no-prompt",
        ],
        "delete": ["--all", "--no-prompt"],
    }
    for verb, flags in expected.items():
        outcome = run_cli(verb, "pgouser", "--help")
        assert outcome.code == 0
        for flag in flags:
            assert flag in outcome.stdout, (verb, flag)


def test_plan_carries_the_check_command(plan_for: PlanRunner) -> None:
    code, plan, _ = plan_for(
        "create", "pgouser", "bob", "--pgouser-password=x", "--pgouser-roles=r", "--all-namespaces"
    )
    assert code == 0 and plan is not None
    assert plan.check == "pgo show pgouser bob"
