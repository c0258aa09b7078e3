"""Cross-cutting matrices over the whole registry: every command, whatever noun added it.

Each registered command runs its example (``Command.example_args``) in-process against a fake
apiserver whose every route answers the zero value of the endpoint's response type (the answer is
built from the same message description the client decodes with). For each command:

* ok → exit 0, no ``Error:`` line; ``-o json`` → exactly one JSON document on stdout;
* ``Code: "error"`` → exit 1 and one ``Error: <Msg>`` line; 401 and 403 → 3; unreachable → 4;
  an answer that is not JSON → 5; never a traceback;
* ``--debug`` never shows the pgouser's password or the Authorization header;
* Ctrl-C while the request is out → 130 with ``Error: interrupted``, and for a write the hint says
  it may have been applied;
* ``--dry-run`` (where it is ours) sends nothing; a prompting command sends nothing without a
  terminal and without ``--no-prompt``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses

from pgo_cli.cli.command import Command
from pgo_cli.cli.registry import all_entries, discover
from pgo_cli.wire import codec
from pgo_cli.wire.endpoint import Endpoint
from tests.support.registry import PGOUSERPASS, URL, Outcome, Runner

COMMANDS: list[Command] = [entry for _, entry in all_entries() if isinstance(entry, Command)]
ENDPOINTS: list[Endpoint] = sorted(
    {value for _, module in discover("__dict__") for value in module.values() if isinstance(value, Endpoint)},
    key=lambda e: (e.path, e.method),
)
_ANY = re.compile(re.escape(URL) + r"/.*")


def _ids(command: Command) -> str:
    return " ".join(command.path)


def _endpoint_for(method: str, target: str) -> Endpoint | None:
    path = target.split("?", 1)[0]
    for endpoint in ENDPOINTS:
        if (endpoint.method == method or endpoint.any_method) and endpoint.match(path) is not None:
            return endpoint
    return None


def _answer(method: str, target: str, code: str = "ok", msg: str = "") -> dict[str, Any]:
    endpoint = _endpoint_for(method, target)
    assert endpoint is not None, f"no endpoint describes {method} {target}"
    body = codec.zero_wire(endpoint.response)
    status_key = "status" if "status" in body and isinstance(body["status"], dict) else None
    if status_key:
        body[status_key] = {"Code": code, "Msg": msg}
    else:
        body["Code"], body["Msg"] = code, msg
    return body


def _serve(mock: responses.RequestsMock, reply: Any) -> None:
    for method in ("GET", "POST", "PUT", "DELETE"):
        mock.add_callback(method, _ANY, callback=reply)


def _zero_ok(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
    target = str(request.url)[len(URL) :]
    return 200, {}, json.dumps(_answer(str(request.method), target))


def _refused(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
    target = str(request.url)[len(URL) :]
    return 200, {}, json.dumps(_answer(str(request.method), target, "error", "boom from the server"))


def _run(run_cli: Runner, command: Command, *extra: str) -> Outcome:
    return run_cli(*command.path, *command.example_args(), *extra, stdin="")


def _clean(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stderr, outcome.stderr


#: Local commands (not request plans) outside these matrices, and where they are covered instead.
HAND_BUILT = {
    ("watch",): "tests/nouns/watch (NSQ, not the apiserver)",
    ("doctor",): "tests/nouns/doctor (many reads, against fault servers)",
    ("migrate", "v5"): "tests/nouns/migrate (many reads and waited writes, a real emulator)",
    ("support", "export"): "tests/nouns/support (many reads into an archive, a real emulator)",
    ("context", "add"): "tests/nouns/context (local file only)",
    ("context", "delete"): "tests/nouns/context (local file only)",
    ("context", "list"): "tests/nouns/context (local file only)",
    ("context", "show"): "tests/nouns/context (local file only)",
    ("context", "use"): "tests/nouns/context (local file only)",
}


def test_every_command_is_in_the_matrices() -> None:
    from pgo_cli.index import COMMANDS as INDEX

    registered = {command.path for command in COMMANDS}
    assert set(INDEX) - set(HAND_BUILT) == registered
    assert set(HAND_BUILT) <= set(INDEX)


@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_ok_answers_exit_0_and_json_is_one_document(
    command: Command, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _serve(mock_api, _zero_ok)
    outcome = _run(run_cli, command)
    _clean(outcome)
    assert outcome.code == 0, outcome.stderr
    assert outcome.error_lines() == []
    assert outcome.sent, "the example sent nothing"
    outcome = _run(run_cli, command, "-o", "json")
    assert outcome.code == 0, outcome.stderr
    json.loads(outcome.stdout)


@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_refused_answer_is_one_error_line_and_exit_1(
    command: Command, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _serve(mock_api, _refused)
    outcome = _run(run_cli, command)
    _clean(outcome)
    assert outcome.code == 1
    assert "Error: boom from the server" in outcome.error_lines()
    assert "Error:" not in outcome.stdout


@pytest.mark.parametrize(("status", "code"), [(401, 3), (403, 3), (502, 5)])
@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_http_failures_have_their_exit_codes(
    command: Command, status: int, code: int, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _serve(mock_api, lambda request: (status, {}, "nope"))
    outcome = _run(run_cli, command, "--timeout", "1")
    _clean(outcome)
    assert outcome.code == code
    assert len(outcome.error_lines()) == 1
    assert outcome.stdout == ""


@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_unreachable_and_bad_json(
    command: Command, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    outcome = _run(run_cli, command, "--timeout", "1")  # nothing registered: connection refused
    _clean(outcome)
    assert (outcome.code, len(outcome.error_lines()), outcome.stdout) == (4, 1, "")
    _serve(mock_api, lambda request: (200, {}, "<html>not json"))
    outcome = _run(run_cli, command)
    _clean(outcome)
    assert (outcome.code, len(outcome.error_lines()), outcome.stdout) == (5, 1, "")


@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_debug_shows_no_secret(command: Command, run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _serve(mock_api, _zero_ok)
    outcome = _run(run_cli, command, "--debug")
    assert outcome.code == 0, outcome.stderr
    assert PGOUSERPASS not in outcome.stderr + outcome.stdout
    assert "Authorization" not in outcome.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=_ids)
def test_ctrl_c_while_sending(command: Command, run_cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from pgo_cli.errors import Interrupted
    from pgo_cli.sdk import transport

    def interrupted(self: object, method: str, path: str, *args: object, **kwargs: object) -> Iterator[None]:
        raise Interrupted("interrupted", sent=True)

    monkeypatch.setattr(transport.Transport, "call", interrupted)
    outcome = _run(run_cli, command)
    _clean(outcome)
    assert outcome.code == 130
    assert outcome.error_lines() == ["Error: interrupted"]
    if command.writes:
        assert "may have been carried out" in outcome.stderr


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.client_dry_run], ids=_ids)
def test_dry_run_sends_nothing(command: Command, run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _serve(mock_api, _zero_ok)
    outcome = _run(run_cli, command, "--dry-run")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent == []
    assert outcome.stdout.startswith(("curl", "#"))


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.prompts], ids=_ids)
def test_no_terminal_and_no_no_prompt_sends_nothing(
    command: Command, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _serve(mock_api, _zero_ok)
    args = [arg for arg in command.example_args() if arg not in ("--no-prompt", "--yes")]
    outcome = run_cli(*command.path, *args, stdin="yes\n")
    assert outcome.code == 2
    assert outcome.sent == []
    assert len(outcome.error_lines()) == 1
