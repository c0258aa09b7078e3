"""``pgo create|show|update|delete namespace``: requests, pgo's namespace rules, text, colour, exit codes."""

from __future__ import annotations

import io
import json

import pytest
import responses

from pgo_cli.cli.command import Invocation, Reply
from pgo_cli.cli.io import IO
from pgo_cli.nouns.namespace import commands
from pgo_cli.nouns.namespace.messages import NamespaceResult, ShowNamespaceResponse
from pgo_cli.wire.codec import ok_status
from tests.support.registry import URL, Runner

OK = {"Code": "ok", "Msg": ""}
SHOW_ANSWER = {
    "Username": "admin",
    "Results": [
        {"Namespace": "pgo", "InstallationAccess": True, "UserAccess": True},
        {"Namespace": "kube-system", "InstallationAccess": False, "UserAccess": False},
        {"Namespace": "a-namespace-name-longer-than-25", "InstallationAccess": True, "UserAccess": False},
    ],
    **OK,
}
PGO_TABLE = (
    "pgo username: admin\n"
    "namespace                useraccess          installaccess       \n"
    "pgo                      accessible          accessible          \n"
    "kube-system              no access           no access           \n"
    "a-namespace-name-longer-than-25no access           accessible          \n"
)


def test_show_adds_pgo_namespace_and_says_so(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/namespace", json=SHOW_ANSWER)
    outcome = run_cli("show", "namespace", "kube-system", "-n", "ignored")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/namespace")]
    assert list(outcome.sent[0].body.items()) == [
        ("Args", ["kube-system", "pgo"]),
        ("AllFlag", False),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "current local default namespace: pgo\n" + PGO_TABLE


def test_show_does_not_repeat_pgo_namespace(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/namespace", json=SHOW_ANSWER)
    outcome = run_cli("show", "namespace", "pgo", "pgo")
    assert outcome.sent[0].body["Args"] == ["pgo", "pgo"]


def test_show_all_without_pgo_namespace(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/namespace", json=SHOW_ANSWER)
    outcome = run_cli("show", "namespace", "--all", namespace=None)
    assert outcome.sent[0].body == {"Args": [], "AllFlag": True, "ClientVersion": "4.7.4"}
    assert outcome.stdout == PGO_TABLE


def test_show_needs_args_or_all(run_cli: Runner) -> None:
    outcome = run_cli("show", "namespace", namespace=None)
    assert (outcome.code, outcome.sent) == (2, [])
    assert outcome.error_lines() == ["Error: namespace args or --all is required"]


def test_show_empty_and_json(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/namespace", json={"Username": "admin", "Results": [], **OK})
    assert run_cli("show", "namespace", "--all", namespace=None).stdout == "Nothing found.\n"
    mock_api.add(responses.POST, URL + "/namespace", json=SHOW_ANSWER)
    assert json.loads(run_cli("show", "namespace", "--all", "-o", "json").stdout) == SHOW_ANSWER


def test_show_refused_is_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/namespace",
        json={"Username": "admin", "Results": [], "Code": "error", "Msg": "namespace x not found"},
    )
    outcome = run_cli("show", "namespace", "x", namespace=None)
    assert (outcome.code, outcome.stdout) == (1, "")
    assert outcome.error_lines() == ["Error: namespace x not found"]


def test_show_refused_still_prints_the_default_namespace_line(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    """pgo prints ``current local default namespace:`` before sending, so a refusal keeps it on stdout."""
    mock_api.add(
        responses.POST,
        URL + "/namespace",
        json={"Username": "admin", "Results": [], "Code": "error", "Msg": "namespace x not found"},
    )
    outcome = run_cli("show", "namespace", "x")
    assert (outcome.code, outcome.stdout) == (1, "current local default namespace: pgo\n")
    assert outcome.error_lines() == ["Error: namespace x not found"]
    assert outcome.sent[0].body == {"Args": ["x", "pgo"], "AllFlag": False, "ClientVersion": "4.7.4"}


def test_show_405_in_disabled_mode(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/namespace",
        status=405,
        body="Unable to show namespaces: This method has is not allowed in the current PostgreSQL Operator installation\n",
    )
    outcome = run_cli("show", "namespace", "--all")
    assert outcome.code != 0 and outcome.stdout == ""
    assert outcome.error_lines() == [
        "Error: Method POST for URL /namespace is not allowed in the current Operator install: 405"
    ]


def _invocation(tty: bool) -> Invocation:
    command = next(c for c in commands.COMMANDS if c.path == ("show", "namespace"))
    return Invocation(command, IO.fake(tty=tty), {}, frozenset(), ())


def test_colour_only_on_a_terminal() -> None:
    response = ShowNamespaceResponse("admin", [NamespaceResult("pgo", True, False)], ok_status())
    plain = io.StringIO()
    commands.text_show(Reply(None, response), _invocation(False), plain)  # type: ignore[arg-type]
    assert "\x1b[" not in plain.getvalue()
    coloured = io.StringIO()
    commands.text_show(Reply(None, response), _invocation(True), coloured)  # type: ignore[arg-type]
    assert coloured.getvalue().splitlines()[-1] == (
        "pgo                      \x1b[31mno access           \x1b[0m\x1b[32maccessible          \x1b[0m"
    )


def test_create_body_and_lines(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/namespacecreate",
        json={"Results": ["created namespace a", "created namespace b"], **OK},
    )
    outcome = run_cli("create", "namespace", "a", "b")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [
        ("Args", ["a", "b"]),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "created namespace a\ncreated namespace b\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: A namespace name is required for this command."),
        (
            ["Team_A"],
            'Error: invalid namespace name "Team_A": a lowercase RFC 1123 label must consist of lower case '
            "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
            "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
    ],
)
def test_create_client_checks(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli("create", "namespace", *args)
    assert (outcome.code, outcome.sent, outcome.error_lines()) == (2, [], [message])


def test_create_refused_is_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/namespacecreate",
        json={"Results": [], "Code": "error", "Msg": 'namespaces "pgo" already exists'},
    )
    outcome = run_cli("create", "namespace", "pgo")
    assert (outcome.code, outcome.stdout, outcome.error_lines()) == (
        1,
        "",
        ['Error: namespaces "pgo" already exists'],
    )


def test_update_sends_no_namespace_and_prints_pgos_line(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/namespaceupdate", json={"Results": ["updated namespace a"], **OK})
    outcome = run_cli("update", "namespace", "a", "-n", "other")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [("Args", ["a"]), ("ClientVersion", "4.7.4")]
    assert outcome.stdout == "namespace updated \n"
    missing = run_cli("update", "namespace")
    assert (missing.code, missing.error_lines()) == (2, ["Error: You must specify the name of a Namespace."])


def test_delete_sends_only_a_typed_namespace(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/namespacedelete", json={"Results": ["deleted namespace a"], **OK})
    outcome = run_cli("delete", "namespace", "a", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert list(outcome.sent[0].body.items()) == [
        ("Args", ["a"]),
        ("Selector", ""),
        ("Namespace", ""),
        ("AllFlag", False),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "deleted namespace a\n"
    mock_api.add(responses.POST, URL + "/namespacedelete", json={"Results": ["deleted namespace a"], **OK})
    typed = run_cli("delete", "namespace", "a", "-n", "typed", "--yes")
    assert typed.sent[0].body["Namespace"] == "typed"


def test_delete_asks_and_refuses_without_a_terminal(run_cli: Runner) -> None:
    outcome = run_cli("delete", "namespace", "a")
    assert (outcome.code, outcome.sent) == (2, [])
    missing = run_cli("delete", "namespace", "--no-prompt")
    assert missing.error_lines() == ["Error: namespace name or selector is required to delete a namespace."]
    assert "--selector" not in run_cli("delete", "namespace", "--help").stdout
