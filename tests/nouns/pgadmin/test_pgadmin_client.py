"""``pgo create|show|delete pgadmin`` against a faked apiserver: the requests on the wire, pgo's text
byte for byte (with its ``outputting text`` line), a ``-o json`` that parses, exit codes."""

from __future__ import annotations

import json

import responses

from tests.support.registry import URL, Runner


def ok(results: object) -> dict[str, object]:
    return {"Results": results, "Code": "ok", "Msg": ""}


def test_create_sends_every_flag(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgadmin", json=ok(["hippo pgAdmin addition scheduled"]))
    outcome = run_cli(
        "create",
        "pgadmin",
        "hippo",
        "-s",
        "env=prod",
        "--storage-config",
        "gce",
        "--pvc-size",
        "1G",
        "-n",
        "ns1",
    )
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgadmin")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == [
        ("Args", ["hippo"]),
        ("ClientVersion", "4.7.4"),
        ("Namespace", "ns1"),
        ("Selector", "env=prod"),
        ("StorageConfig", "gce"),
        ("PVCSize", "1G"),
    ]
    assert outcome.stdout == "hippo pgAdmin addition scheduled\n"


def test_create_without_target_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("create", "pgadmin", "--pvc-size", "1G")
    assert outcome.code == 2
    assert outcome.error_lines() == ["Error: A cluster name or selector is required for this command."]
    assert outcome.sent == []


def test_create_refused_prints_error_then_results(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {
        "Results": ['hippo: error - pgtasks.crunchydata.com "pgadmin-add-hippo" already exists'],
        "Code": "error",
        "Msg": "error creating tasks for one or more clusters",
    }
    mock_api.add(responses.POST, URL + "/pgadmin", json=answer)
    outcome = run_cli("create", "pgadmin", "hippo")
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: error creating tasks for one or more clusters"]
    assert outcome.stdout == 'hippo: error - pgtasks.crunchydata.com "pgadmin-add-hippo" already exists\n'


def test_delete_sends_delete_and_asks(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.DELETE, URL + "/pgadmin", json=ok(["hippo pgAdmin delete scheduled"]))
    assert run_cli("delete", "pgadmin", "hippo").code == 2  # no terminal and no --no-prompt
    outcome = run_cli("delete", "pgadmin", "hippo", "--selector", "a=b", stdin="y\n", tty=True)
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr.startswith("WARNING: Are you sure? (yes/no): ")
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("DELETE", "/pgadmin")
    assert list(sent.body.items()) == [
        ("Args", ["hippo"]),
        ("Selector", "a=b"),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
        ("Uninstall", False),
    ]
    assert outcome.stdout == "hippo pgAdmin delete scheduled\n"


def test_delete_without_target_and_refusal(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    outcome = run_cli("delete", "pgadmin", "--no-prompt")
    assert outcome.code == 2
    assert outcome.error_lines() == ["Error: A cluster name or selector is required for this command."]
    mock_api.add(
        responses.DELETE, URL + "/pgadmin", json={"Results": [], "Code": "error", "Msg": "no clusters found"}
    )
    refused = run_cli("delete", "pgadmin", "-s", "x=y", "--no-prompt")
    assert refused.code == 1
    assert refused.error_lines() == ["Error: no clusters found"]
    assert refused.stdout == ""


SHOW_ANSWER = ok(
    [
        {
            "ClusterName": "hippo",
            "HasPgAdmin": True,
            "ServiceClusterIP": "10.96.3.4",
            "ServiceExternalIP": "203.0.113.9",
            "ServiceName": "hippo-pgadmin",
            "Users": ["testuser"],
        },
        {
            "ClusterName": "rhino",
            "HasPgAdmin": False,
            "ServiceClusterIP": "",
            "ServiceExternalIP": "",
            "ServiceName": "",
            "Users": None,
        },
    ]
)

SHOW_TEXT = (
    "outputting text\n"
    "\n"
    "CLUSTER SERVICE       CLUSTER IP EXTERNAL IP \n"
    "------- ------------- ---------- -----------\n"
    "hippo   hippo-pgadmin 10.96.3.4  203.0.113.9 \n"
    "rhino                                        \n"
)


def test_show_request_and_pgo_text(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgadmin/show", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgadmin", "hippo", "rhino")
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgadmin/show")
    assert list(sent.body.items()) == [
        ("ClientVersion", "4.7.4"),
        ("ClusterNames", ["hippo", "rhino"]),
        ("Namespace", "pgo"),
        ("Selector", ""),
    ]
    assert outcome.stdout == SHOW_TEXT


def test_show_json_is_only_the_document(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgadmin/show", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgadmin", "-s", "env=prod", "-o", "json")
    assert outcome.code == 0
    assert outcome.sent[0].body["ClusterNames"] == []
    assert json.loads(outcome.stdout) == SHOW_ANSWER  # no "outputting in json" line before it


def test_show_empty_and_refused(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgadmin/show", json=ok([]))
    assert run_cli("show", "pgadmin", "hippo").stdout == "outputting text\nNothing found.\n"
    mock_api.add(
        responses.POST,
        URL + "/pgadmin/show",
        json={"Results": [], "Code": "error", "Msg": 'services "hippo-pgadmin" not found'},
    )
    refused = run_cli("show", "pgadmin", "hippo")
    assert refused.code == 1
    assert refused.error_lines() == ['Error: services "hippo-pgadmin" not found']
    assert refused.stdout == "outputting text\n"


def test_show_without_target_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("show", "pgadmin", "-o", "json")
    assert outcome.code == 2
    assert outcome.error_lines() == [
        "Error: You must provide at least one cluster name, or use a selector with the `--selector` flag"
    ]
    assert outcome.sent == [] and outcome.stdout == ""


def test_terminal_table_lists_the_logins(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgadmin/show", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgadmin", "hippo", "rhino", "-o", "table")
    assert outcome.code == 0, outcome.stderr
    assert "outputting text" not in outcome.stdout
    for value in ("hippo-pgadmin", "203.0.113.9", "testuser", "rhino", "users"):
        assert value in outcome.stdout.lower()
