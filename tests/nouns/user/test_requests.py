"""The four user commands on the wire: route, keys in Go's order, one case per flag, and every
client-side check (exit 2, one Error line, nothing sent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import responses

from tests.support.registry import URL, PlanRunner, Runner

OK = {"Results": [], "Code": "ok", "Msg": ""}

CREATE_KEYS = [
    "AllFlag",
    "Clusters",
    "ClientVersion",
    "ManagedUser",
    "Namespace",
    "Password",
    "PasswordAgeDays",
    "PasswordLength",
    "PasswordType",
    "Selector",
    "Username",
]
SHOW_KEYS = ["AllFlag", "Clusters", "ClientVersion", "Expired", "Namespace", "Selector", "ShowSystemAccounts"]
UPDATE_KEYS = [
    "AllFlag",
    "ClientVersion",
    "Clusters",
    "Expired",
    "ExpireUser",
    "LoginState",
    "ManagedUser",
    "Namespace",
    "Password",
    "PasswordAgeDays",
    "PasswordLength",
    "PasswordType",
    "PasswordValidAlways",
    "RotatePassword",
    "Selector",
    "SetSystemAccountPassword",
    "Username",
]
DELETE_KEYS = ["AllFlag", "ClientVersion", "Clusters", "Namespace", "Selector", "Username"]


def _body(run_cli: Runner, mock_api: responses.RequestsMock, route: str, *args: str) -> dict[str, Any]:
    mock_api.add(responses.POST, URL + route, json=OK)
    outcome = run_cli(*args)
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.path) for s in outcome.sent] == [("POST", route)]
    assert outcome.sent[0].headers.get("Content-Type") == "application/json"
    body: dict[str, Any] = outcome.sent[0].body
    return body


def test_create_user_body_key_for_key(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(run_cli, mock_api, "/usercreate", "create", "user", "hippo", "--username", "alice")
    assert list(body) == CREATE_KEYS
    assert body == {
        "AllFlag": False,
        "Clusters": ["hippo"],
        "ClientVersion": "4.7.4",
        "ManagedUser": False,
        "Namespace": "pgo",
        "Password": "",
        "PasswordAgeDays": 0,
        "PasswordLength": 0,
        "PasswordType": "",
        "Selector": "",
        "Username": "alice",
    }


@pytest.mark.parametrize(
    ("extra", "key", "value"),
    [
        (["--all"], "AllFlag", True),
        (["--managed"], "ManagedUser", True),
        (["--password", "s3cret"], "Password", "s3cret"),
        (["--password-length", "12"], "PasswordLength", 12),
        (["--password-type", "scram-sha-256"], "PasswordType", "scram-sha-256"),
        (["--password-type", "scram"], "PasswordType", "scram"),
        (["-s", "env=prod"], "Selector", "env=prod"),
        (["--selector=env=prod"], "Selector", "env=prod"),
        (["--valid-days", "30"], "PasswordAgeDays", 30),
        (["--username", "  bob  "], "Username", "bob"),
        (["-n", "other"], "Namespace", "other"),
    ],
)
def test_create_user_flag_fills_its_key(
    run_cli: Runner, mock_api: responses.RequestsMock, extra: list[str], key: str, value: Any
) -> None:
    args = ["create", "user", "hippo", "--username", "alice", *extra]
    body = _body(run_cli, mock_api, "/usercreate", *args)
    assert body[key] == value


def test_no_cluster_name_is_an_empty_list_not_null(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(run_cli, mock_api, "/usercreate", "create", "user", "--all", "--username", "alice")
    assert body["Clusters"] == []
    body = _body(run_cli, mock_api, "/usershow", "show", "user", "-s", "env=prod")
    assert body["Clusters"] == []


def test_password_file_and_stdin(run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-a-file\nsecond line\n")
    body = _body(
        run_cli,
        mock_api,
        "/usercreate",
        "create",
        "user",
        "hippo",
        "--username=a",
        f"--password-file={secret}",
    )
    assert body["Password"] == "from-a-file"
    mock_api.add(responses.POST, URL + "/userupdate", json=OK)
    outcome = run_cli("update", "user", "hippo", "--username=a", "--password-file", "-", stdin="from-stdin\n")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["Password"] == "from-stdin"


def test_show_user_body_and_flags(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(run_cli, mock_api, "/usershow", "show", "user", "hippo", "pgo2")
    assert list(body) == SHOW_KEYS
    assert body == {
        "AllFlag": False,
        "Clusters": ["hippo", "pgo2"],
        "ClientVersion": "4.7.4",
        "Expired": 0,
        "Namespace": "pgo",
        "Selector": "",
        "ShowSystemAccounts": False,
    }
    for extra, key, value in [
        (["--all"], "AllFlag", True),
        (["--expired", "7"], "Expired", 7),
        (["--show-system-accounts"], "ShowSystemAccounts", True),
        (["-s", "name=hippo"], "Selector", "name=hippo"),
    ]:
        assert _body(run_cli, mock_api, "/usershow", "show", "user", "hippo", *extra)[key] == value


def test_update_user_body_key_for_key(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(run_cli, mock_api, "/userupdate", "update", "user", "hippo", "--username", "alice")
    assert list(body) == UPDATE_KEYS
    assert body == {
        "AllFlag": False,
        "ClientVersion": "4.7.4",
        "Clusters": ["hippo"],
        "Expired": 0,
        "ExpireUser": False,
        "LoginState": 0,
        "ManagedUser": False,
        "Namespace": "pgo",
        "Password": "",
        "PasswordAgeDays": 0,
        "PasswordLength": 0,
        "PasswordType": "",
        "PasswordValidAlways": False,
        "RotatePassword": False,
        "Selector": "",
        "SetSystemAccountPassword": False,
        "Username": "alice",
    }


@pytest.mark.parametrize(
    ("extra", "key", "value"),
    [
        (["--all"], "AllFlag", True),
        (["--disable-login"], "LoginState", 2),
        (["--enable-login"], "LoginState", 1),
        (["--expired", "45"], "Expired", 45),
        (["--expire-user"], "ExpireUser", True),
        (["--valid-days", "40"], "PasswordAgeDays", 40),
        (["--password", "foo"], "Password", "foo"),
        (["--password-length", "8"], "PasswordLength", 8),
        (["--password-type", "md5"], "PasswordType", "md5"),
        (["--valid-always"], "PasswordValidAlways", True),
        (["--rotate-password"], "RotatePassword", True),
        (["-s", "env=prod"], "Selector", "env=prod"),
        (["--set-system-account-password"], "SetSystemAccountPassword", True),
        (["--username", " alice "], "Username", "alice"),
    ],
)
def test_update_user_flag_fills_its_key(
    run_cli: Runner, mock_api: responses.RequestsMock, extra: list[str], key: str, value: Any
) -> None:
    body = _body(run_cli, mock_api, "/userupdate", "update", "user", "hippo", "--username", "alice", *extra)
    assert body[key] == value
    assert body["ManagedUser"] is False  # update.go has no --managed: pgo always sends false


def test_update_with_expired_needs_no_username(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(run_cli, mock_api, "/userupdate", "update", "user", "--all", "--expired", "5")
    assert (body["Username"], body["Expired"], body["AllFlag"]) == ("", 5, True)


def test_set_system_account_password_lets_postgres_through(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    args = (
        "update",
        "user",
        "hippo",
        "--username=postgres",
        "--rotate-password",
        "--set-system-account-password",
    )
    body = _body(run_cli, mock_api, "/userupdate", *args)
    assert (body["Username"], body["SetSystemAccountPassword"], body["RotatePassword"]) == (
        "postgres",
        True,
        True,
    )


def test_delete_user_body_and_flags(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    body = _body(
        run_cli, mock_api, "/userdelete", "delete", "user", "hippo", "--username=alice", "--no-prompt"
    )
    assert list(body) == DELETE_KEYS
    assert body == {
        "AllFlag": False,
        "ClientVersion": "4.7.4",
        "Clusters": ["hippo"],
        "Namespace": "pgo",
        "Selector": "",
        "Username": "alice",
    }
    body = _body(run_cli, mock_api, "/userdelete", "delete", "user", "--all", "--username=alice", "--yes")
    assert (body["AllFlag"], body["Clusters"]) == (True, [])
    body = _body(
        run_cli, mock_api, "/userdelete", "delete", "user", "-s", "env=x", "--username=alice", "--no-prompt"
    )
    assert body["Selector"] == "env=x"


def test_delete_without_terminal_or_no_prompt_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("delete", "user", "hippo", "--username=alice")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines()[0].startswith("Error: not running 'pgo delete user'")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["create", "user", "--username=alice"],
            "Error: a cluster name(s), --selector flag, or --all flag is required to create a user.",
        ),
        (["create", "user", "hippo"], "Error: --username is required"),
        (["create", "user", "hippo", "--username", "   "], "Error: --username is required"),
        (
            ["create", "user", "hippo", "--username=Postgres"],
            "Error: Postgres is a system account and cannot be used",
        ),
        (
            ["create", "user", "hippo", "--username=ccp_monitoring"],
            "Error: ccp_monitoring is a system account and cannot be used",
        ),
        (
            ["create", "user", "hippo", "--username=a", "--password-type=SCRAM"],
            "Error: invalid password type. choices are (md5, scram-sha-256)",
        ),
        (
            ["create", "user", "hippo", "--username=Alice"],
            "Error: user name is required to contain lowercase letters, numbers, '.' and '-' only.",
        ),
        (
            ["create", "user", "hippo", "--username=a_b"],
            "Error: user name is required to contain lowercase letters, numbers, '.' and '-' only.",
        ),
        (
            ["create", "user", "hippo", "--username=a", "--password-length=-1"],
            "Error: --password-length must not be negative (got -1)",
        ),
        (
            ["create", "user", "hippo", "--username=a", "--password=x", "--password-file=-"],
            "Error: --password and --password-file were both given: use one",
        ),
        (["show", "user"], "Error: --selector, --all, or cluster name()s required for this command"),
        (
            ["update", "user", "--username=a"],
            "Error: You must specify a --selector, --all  or a list of clusters.",
        ),
        (["update", "user", "hippo"], "Error: You must specify either --username or --expired"),
        (
            ["update", "user", "hippo", "--expired=-3"],
            "Error: You must specify either --username or --expired",
        ),
        (
            ["update", "user", "hippo", "--username=a", "--enable-login", "--disable-login"],
            "Error: Cannot set --enable-login and --disable-login simultaneously",
        ),
        (
            ["update", "user", "hippo", "--username=primaryuser", "--rotate-password"],
            "Error: primaryuser is a system account and cannot be used. You can override this with the "
            '"--set-system-account-password" flag.',
        ),
        (
            ["update", "user", "hippo", "--username=a", "--password-type=sha1"],
            "Error: invalid password type. choices are (md5, scram-sha-256)",
        ),
        (
            ["delete", "user", "--username=a", "--no-prompt"],
            "Error: --all, --selector, or a list of clusters is required for this command",
        ),
        (["delete", "user", "hippo", "--no-prompt"], "Error: --username is required"),
        (
            ["delete", "user", "hippo", "--username=postgres", "--no-prompt"],
            'Error: "postgres" is a system account and cannot be modified.',
        ),
    ],
)
def test_client_checks_refuse_before_sending(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli(*args)
    assert outcome.code == 2, outcome.stderr
    assert outcome.sent == [] and outcome.stdout == ""
    assert outcome.error_lines() == [message]


def test_delete_checks_username_before_asking(run_cli: Runner) -> None:
    # pgo asks first and then refuses; here nothing is asked and nothing sent.
    outcome = run_cli("delete", "user", "hippo", stdin="yes\n")
    assert outcome.code == 2
    assert outcome.error_lines() == ["Error: --username is required"]
    assert "Are you sure" not in outcome.stdout + outcome.stderr


def test_dry_run_masks_the_password(plan_for: PlanRunner, run_cli: Runner) -> None:
    outcome = run_cli("create", "user", "hippo", "--username=alice", "--password=TopSecret-123", "--dry-run")
    assert outcome.code == 0 and outcome.sent == []
    assert "/usercreate" in outcome.stdout
    assert "TopSecret-123" not in outcome.stdout + outcome.stderr
    code, plan, _ = plan_for("create", "user", "hippo", "--username=alice", "--password=TopSecret-123")
    assert code == 0 and plan is not None
    assert plan.calls[0].request.password == "TopSecret-123"
