"""``pgo create|show|update|delete pgbouncer`` against a faked apiserver: the requests on the wire
(method, route, JSON body key for key), pgo's text byte for byte, exit codes and the checks that
send nothing."""

from __future__ import annotations

import json

import pytest
import responses

from tests.support.registry import URL, Runner

PASSWORD = "Pgb0uncer-s3cret-pa55"


def ok(results: object) -> dict[str, object]:
    return {"Results": results, "Code": "ok", "Msg": ""}


def refused(msg: str, results: object = None) -> dict[str, object]:
    return {"Results": results, "Code": "error", "Msg": msg}


# ---------------------------------------------------------------------- create


def test_create_sends_every_flag_in_go_order(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST, URL + "/pgbouncer", json=ok(["hippo pgbouncer added", "rhino pgbouncer added"])
    )
    outcome = run_cli(
        "create",
        "pgbouncer",
        "hippo",
        "rhino",
        "--cpu=250m",
        "--cpu-limit",
        "1",
        "--memory",
        "64Mi",
        "--memory-limit=128Mi",
        "--replicas",
        "2",
        "-s",
        "env=prod",
        "--service-type",
        "NodePort",
        "--tls-secret",
        "bouncer-tls",
        "-n",
        "other",
    )
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "hippo pgbouncer added\nrhino pgbouncer added\n"
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgbouncer")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == [
        ("Args", ["hippo", "rhino"]),
        ("ClientVersion", "4.7.4"),
        ("CPULimit", "1"),
        ("CPURequest", "250m"),
        ("MemoryLimit", "128Mi"),
        ("MemoryRequest", "64Mi"),
        ("Namespace", "other"),
        ("Replicas", 2),
        ("Selector", "env=prod"),
        ("serviceType", "NodePort"),
        ("TLSSecret", "bouncer-tls"),
    ]


def test_create_defaults_with_only_a_selector(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer", json=ok([]))
    outcome = run_cli("create", "pgbouncer", "--selector", "env=dev")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body == {
        "Args": [],
        "ClientVersion": "4.7.4",
        "CPULimit": "",
        "CPURequest": "",
        "MemoryLimit": "",
        "MemoryRequest": "",
        "Namespace": "pgo",
        "Replicas": 0,
        "Selector": "env=dev",
        "serviceType": "",
        "TLSSecret": "",
    }
    assert outcome.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Error: A cluster name or selector is required for this command."),
        (("hippo", "--replicas", "-1"), "Error: You must specify one or more replicas."),
        (
            ("hippo", "--cpu", "lots"),
            "Error: \"cpu\" - quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ),
        (("hippo", "--cpu-limit", "1iM"), 'Error: "cpu-limit" - unable to parse quantity\'s suffix'),
        (("hippo", "--memory", "5mm"), 'Error: "memory" - unable to parse quantity\'s suffix'),
        (("hippo", "--memory-limit", "1Mii"), 'Error: "memory-limit" - unable to parse quantity\'s suffix'),
    ],
)
def test_create_checks_send_nothing_and_exit_2(run_cli: Runner, args: tuple[str, ...], message: str) -> None:
    outcome = run_cli("create", "pgbouncer", *args)
    assert outcome.code == 2
    assert outcome.error_lines() == [message]
    assert outcome.sent == [] and outcome.stdout == ""


def test_create_names_are_checked_before_replicas(run_cli: Runner) -> None:
    outcome = run_cli("create", "pgbouncer", "--replicas", "-3")
    assert outcome.error_lines() == ["Error: A cluster name or selector is required for this command."]


def test_create_refused_prints_the_error_then_the_lines_that_worked(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    upgrade = "rhino has not yet been upgraded. Please upgrade the cluster before running this Postgres Operator command."
    mock_api.add(responses.POST, URL + "/pgbouncer", json=refused(upgrade, ["hippo pgbouncer added"]))
    outcome = run_cli("create", "pgbouncer", "hippo", "rhino")
    assert outcome.code == 1
    assert outcome.error_lines() == [f"Error: {upgrade}"]
    assert outcome.stdout == "hippo pgbouncer added\n"


def test_create_json_is_the_answer(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = ok(["hippo pgbouncer added"])
    mock_api.add(responses.POST, URL + "/pgbouncer", json=answer)
    outcome = run_cli("create", "pgbouncer", "hippo", "-o", "json")
    assert outcome.code == 0
    assert json.loads(outcome.stdout) == answer


# ---------------------------------------------------------------------- show

SHOW_ANSWER = ok(
    [
        {
            "ClusterName": "hippo",
            "HasPgBouncer": True,
            "Password": PASSWORD,
            "ServiceClusterIP": "10.96.0.7",
            "ServiceExternalIP": "",
            "ServiceName": "hippo-pgbouncer",
            "Username": "pgbouncer",
        },
        {
            "ClusterName": "nobouncer",
            "HasPgBouncer": False,
            "Password": "",
            "ServiceClusterIP": "",
            "ServiceExternalIP": "",
            "ServiceName": "",
            "Username": "",
        },
    ]
)

SHOW_TEXT = (
    "\n"
    "CLUSTER   SERVICE         USERNAME  PASSWORD              CLUSTER IP EXTERNAL IP \n"
    "--------- --------------- --------- --------------------- ---------- -----------\n"
    "hippo     hippo-pgbouncer pgbouncer Pgb0uncer-s3cret-pa55 10.96.0.7              \n"
    "nobouncer                                                                        \n"
)


def test_show_request_and_pgo_table(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgbouncer", "hippo", "nobouncer")
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgbouncer/show")
    assert list(sent.body.items()) == [
        ("ClientVersion", "4.7.4"),
        ("ClusterNames", ["hippo", "nobouncer"]),
        ("Namespace", "pgo"),
        ("Selector", ""),
    ]
    assert outcome.stdout == SHOW_TEXT


def test_show_selector_only_and_json(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=SHOW_ANSWER)
    outcome = run_cli("show", "pgbouncer", "-s", "env=prod", "-o", "json")
    assert outcome.code == 0
    assert outcome.sent[0].body["ClusterNames"] == [] and outcome.sent[0].body["Selector"] == "env=prod"
    assert json.loads(outcome.stdout) == SHOW_ANSWER


def test_show_empty_is_nothing_found(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=ok([]))
    assert run_cli("show", "pgbouncer", "-s", "x=y").stdout == "Nothing found.\n"


def test_show_without_targets_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("show", "pgbouncer")
    assert outcome.code == 2
    assert outcome.error_lines() == [
        "Error: You must provide at least one cluster name, or use a selector with the `--selector` flag"
    ]
    assert outcome.sent == []


def test_show_refused_is_one_error_line(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgbouncer/show",
        json=refused('pgclusters.crunchydata.com "nosuch" not found', []),
    )
    outcome = run_cli("show", "pgbouncer", "nosuch")
    assert outcome.code == 1
    assert outcome.error_lines() == ['Error: pgclusters.crunchydata.com "nosuch" not found']
    assert outcome.stdout == ""


def test_show_debug_never_prints_the_password(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=SHOW_ANSWER)
    outcome = run_cli("--debug", "show", "pgbouncer", "hippo")
    assert outcome.code == 0
    assert "response body" in outcome.stderr
    assert PASSWORD not in outcome.stderr
    assert outcome.stdout == SHOW_TEXT  # pgo prints it in its table, and so does this


# ---------------------------------------------------------------------- update

UPDATE_ANSWER = ok(
    [
        {"ClusterName": "hippo", "Error": False, "ErrorMessage": "", "HasPgBouncer": True},
        {"ClusterName": "nobouncer", "Error": False, "ErrorMessage": "", "HasPgBouncer": False},
        {
            "ClusterName": "rhino",
            "Error": True,
            "ErrorMessage": 'invalid service type "Bad"',
            "HasPgBouncer": True,
        },
    ]
)

UPDATE_TEXT = (
    "\n"
    "CLUSTER   STATUS ERROR                      \n"
    "--------- ------ --------------------------\n"
    "hippo     ok                                \n"
    "nobouncer ok                                \n"
    'rhino     error  invalid service type "Bad" \n'
)


def test_update_sends_every_flag_with_put(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=UPDATE_ANSWER)
    outcome = run_cli(
        "update",
        "pgbouncer",
        "hippo",
        "nobouncer",
        "rhino",
        "--cpu",
        "100m",
        "--cpu-limit",
        "200m",
        "--memory",
        "32Mi",
        "--memory-limit",
        "64Mi",
        "--replicas",
        "3",
        "--rotate-password",
        "--selector",
        "a=b",
        "--service-type",
        "Bad",
        "--no-prompt",
    )
    assert outcome.code == 1, outcome.stderr  # rhino's row failed (pgo exits 0)
    assert outcome.error_lines() == ['Error: rhino: invalid service type "Bad"']
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("PUT", "/pgbouncer")
    assert list(sent.body.items()) == [
        ("ClientVersion", "4.7.4"),
        ("ClusterNames", ["hippo", "nobouncer", "rhino"]),
        ("CPULimit", "200m"),
        ("CPURequest", "100m"),
        ("MemoryLimit", "64Mi"),
        ("MemoryRequest", "32Mi"),
        ("Namespace", "pgo"),
        ("Replicas", 3),
        ("RotatePassword", True),
        ("Selector", "a=b"),
        ("serviceType", "Bad"),
    ]
    assert outcome.stdout == UPDATE_TEXT


def test_update_yes_flag_and_defaults(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=UPDATE_ANSWER)
    outcome = run_cli("update", "pgbouncer", "hippo", "--yes", "-o", "json")
    assert outcome.code == 1  # the failed row, after the whole document
    body = outcome.sent[0].body
    assert (body["Replicas"], body["RotatePassword"], body["serviceType"]) == (0, False, "")
    assert json.loads(outcome.stdout) == UPDATE_ANSWER


@pytest.mark.parametrize("output", ["pgo", "json", "table"])
def test_update_failed_rows_exit_1_in_every_format_after_the_output(
    run_cli: Runner, mock_api: responses.RequestsMock, output: str
) -> None:
    failed = {
        "ClusterName": "rhino",
        "Error": True,
        "ErrorMessage": 'invalid service type "x"',
        "HasPgBouncer": True,
    }
    fine = {"ClusterName": "hippo", "Error": False, "ErrorMessage": "", "HasPgBouncer": True}
    mock_api.add(
        responses.PUT, URL + "/pgbouncer", json=ok([fine, failed, dict(failed, ClusterName="zebra")])
    )
    outcome = run_cli("update", "pgbouncer", "hippo", "rhino", "zebra", "--no-prompt", "-o", output)
    assert outcome.code == 1
    assert outcome.error_lines() == [
        'Error: rhino: invalid service type "x"',
        'Error: zebra: invalid service type "x"',
    ]
    assert "hippo" in outcome.stdout and "rhino" in outcome.stdout  # every row is still printed
    if output == "json":
        assert json.loads(outcome.stdout)["Results"][1] == failed


def test_update_every_row_ok_exits_0(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    rows = [{"ClusterName": "hippo", "Error": False, "ErrorMessage": "", "HasPgBouncer": False}]
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=ok(rows))
    outcome = run_cli("update", "pgbouncer", "hippo", "--no-prompt")
    assert (outcome.code, outcome.stderr) == (0, "")
    assert outcome.stdout == "\nCLUSTER STATUS ERROR \n------- ------ -----\nhippo   ok           \n"


def test_update_without_terminal_or_no_prompt_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("update", "pgbouncer", "hippo", "--rotate-password")
    assert outcome.code == 2
    assert outcome.sent == []
    assert "asks for confirmation" in outcome.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("hippo", "--replicas", "-1"), "Error: You must specify one or more replicas."),
        (
            (),
            "Error: You must provide at least one cluster name, or use a selector with the `--selector` flag",
        ),
        (("hippo", "--memory", "lots"), 'Error: "memory" - quantities must match the regular expression'),
    ],
)
def test_update_checks_come_before_the_question(run_cli: Runner, args: tuple[str, ...], message: str) -> None:
    outcome = run_cli("update", "pgbouncer", *args, stdin="yes\n", tty=True)
    assert outcome.code == 2
    assert [line for line in outcome.error_lines() if line.startswith(message)]
    assert "WARNING" not in outcome.stderr
    assert outcome.sent == []


def test_update_asks_pgos_question_on_a_terminal(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=UPDATE_ANSWER)
    declined = run_cli("update", "pgbouncer", "hippo", stdin="no\n", tty=True)
    assert declined.code == 0 and declined.sent == []
    assert declined.stderr.startswith(
        "WARNING - This may cause an interruption in your pgBouncer service. Are you sure you wish to proceed? (yes/no): "
    )
    assert "Aborting..." in declined.stderr
    accepted = run_cli("update", "pgbouncer", "hippo", stdin="yes\n", tty=True)
    assert accepted.code == 1 and len(accepted.sent) == 1  # rhino's row failed


def test_update_refused_exits_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    msg = "Request rejected, unable to update pgbouncer for clusters hippo: Action not permitted because standby mode is enabled."
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=refused(msg))
    outcome = run_cli("update", "pgbouncer", "hippo", "--no-prompt")
    assert outcome.code == 1
    assert outcome.error_lines() == [f"Error: {msg}"]
    assert outcome.stdout == ""


def test_update_empty_is_nothing_found(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=ok([]))
    assert run_cli("update", "pgbouncer", "-s", "a=b", "--no-prompt").stdout == "Nothing found.\n"


# ---------------------------------------------------------------------- delete


def test_delete_sends_delete_with_uninstall(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.DELETE, URL + "/pgbouncer", json=ok(["hippo pgbouncer deleted"]))
    outcome = run_cli("delete", "pgbouncer", "hippo", "--uninstall", "-s", "env=dev", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("DELETE", "/pgbouncer")
    assert list(sent.body.items()) == [
        ("Args", ["hippo"]),
        ("Selector", "env=dev"),
        ("Namespace", "pgo"),
        ("ClientVersion", "4.7.4"),
        ("Uninstall", True),
    ]
    assert outcome.stdout == "hippo pgbouncer deleted\n"


def test_delete_checks_and_question(run_cli: Runner) -> None:
    missing = run_cli("delete", "pgbouncer", "--no-prompt")
    assert missing.code == 2
    assert missing.error_lines() == ["Error: A cluster name or selector is required for this command."]
    assert run_cli("delete", "pgbouncer", "hippo").code == 2  # no terminal, no --no-prompt
    declined = run_cli("delete", "pgbouncer", "hippo", stdin="", tty=True)  # end of input means no
    assert declined.code == 0 and declined.sent == []
    assert declined.stderr.startswith("WARNING: Are you sure? (yes/no): ")


def test_delete_refused_prints_only_the_error(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.DELETE, URL + "/pgbouncer", json=refused("boom", ["partial line"]))
    outcome = run_cli("delete", "pgbouncer", "hippo", "--no-prompt")
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: boom"]
    assert outcome.stdout == ""


def test_dry_run_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("update", "pgbouncer", "hippo", "--rotate-password", "--dry-run", "-o", "json")
    assert outcome.code == 0 and outcome.sent == []
    assert "/pgbouncer" in outcome.stdout and "RotatePassword" in outcome.stdout


def test_terminal_tables_keep_every_value_whole(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=SHOW_ANSWER)
    mock_api.add(responses.PUT, URL + "/pgbouncer", json=UPDATE_ANSWER)
    shown = run_cli("show", "pgbouncer", "hippo", "nobouncer", "-o", "table")
    assert shown.code == 0, shown.stderr
    for value in ("hippo-pgbouncer", PASSWORD, "10.96.0.7", "nobouncer", "external ip"):
        assert value in shown.stdout.lower() or value in shown.stdout
    updated = run_cli("update", "pgbouncer", "hippo", "--no-prompt", "-o", "table")
    assert updated.code == 1 and updated.error_lines() == ['Error: rhino: invalid service type "Bad"']
    assert 'invalid service type "Bad"' in updated.stdout and "pgbouncer" in updated.stdout.lower()
