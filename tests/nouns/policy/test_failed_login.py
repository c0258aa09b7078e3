"""A failed login on ``show policy`` / ``delete policy`` (issue 20): the 4.7.4 apiserver answers it
with HTTP 200 and Authn's text instead of JSON (policyservice.go writes 200 before it calls Authn).
Go's pgo reports a JSON decoding error; pgo_cli reports the failed login it is: the same
``Error:`` line, hint and exit 3 as the 401/403 of every other command."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

NOT_AUTHENTICATED = "Error: Authentication Failed: 401 (Not authenticated in apiserver)"
NOT_AUTHORIZED = "Error: Forbidden: 403 (Not authorized for this apiserver action)"
COMMANDS = [["show", "policy", "--all"], ["delete", "policy", "p1", "--no-prompt"]]


def _wrong_password(emulator: Emulator) -> dict[str, str]:
    return {**emulator.env(), "PGOUSER": "", "PGOUSERNAME": "admin", "PGOUSERPASS": "wrong-password"}


@pytest.mark.parametrize("fix", [False, True], ids=["4.7.4 server", "fixed server"])
def test_wrong_password_is_the_401_of_any_command(make_emulator: Callable[..., Emulator], fix: bool) -> None:
    """Against the emulator as 4.7.4 answers (200 + text) and as a fixed server would (401): the same."""
    emulator = make_emulator(*(["--fix-bugs", "auth-status"] if fix else []))
    env = _wrong_password(emulator)
    expected = run_pgo(["show", "cluster", "--all"], env)  # a handler that answers 401
    assert expected.code == 3
    for args in COMMANDS:
        result = run_pgo(args, env)
        assert (result.code, result.stdout) == (3, ""), result.stderr
        assert result.stderr == expected.stderr
        assert result.stderr.splitlines()[0] == NOT_AUTHENTICATED
        assert "wrong-password" not in result.stderr
    if not fix:
        assert any("auth-status" in line for line in emulator.log)  # the 200 quirk was really hit


def test_missing_permission_is_the_403_of_any_command(make_emulator: Callable[..., Emulator]) -> None:
    emulator = make_emulator()
    emulator.admin("role", "add", "viewer", "--permissions", "ShowCluster,Version")
    emulator.admin("user", "add", "viewer", "--password", "viewer-pass", "--roles", "viewer")
    env = {**emulator.env(), "PGOUSER": "", "PGOUSERNAME": "viewer", "PGOUSERPASS": "viewer-pass"}
    for args in COMMANDS:
        result = run_pgo(args, env)
        assert (result.code, result.stdout) == (3, ""), result.stderr
        assert result.stderr.splitlines() == [
            NOT_AUTHORIZED,
            "hint: user 'viewer' lacks the pgo permission for this action",
        ]


def test_missing_credentials_text_is_a_401(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    text = "Not Authorized. Basic Authentication credentials must be provided according to RFC 7617, Section 2.\n"
    mock_api.add(responses.POST, URL + "/showpolicies", body=text, content_type="application/json")
    outcome = run_cli("show", "policy", "p1")
    assert outcome.code == 3 and outcome.stdout == ""
    assert outcome.error_lines() == [f"Error: Authentication Failed: 401 ({text.strip()})"]


def test_other_text_under_200_stays_an_unusable_answer(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    """Only Authn's own texts are read as a failed login; anything else is still exit 5."""
    mock_api.add(
        responses.POST, URL + "/showpolicies", body="Not authenticated in apiserver, or so\n", status=200
    )
    outcome = run_cli("show", "policy", "p1")
    assert outcome.code == 5
    assert outcome.error_lines()[0].startswith("Error: the apiserver's answer is not valid JSON")
