"""``pgo update cluster`` on the client: the checks (exit 2, nothing sent), warnings, prompt, output."""

from __future__ import annotations

import json

import pytest
import responses

from pgo_cli.nouns.cluster import update
from tests.support.registry import URL, PlanRunner, Runner

OK = {"Results": ["updated pgcluster hippo", "updated pgcluster zebra"], "Code": "ok", "Msg": ""}

QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

#: argv → the one Error line; each check is pgo's (or, for the PVC sizes, ours) and sends nothing.
CHECKS = [
    (
        ["update", "cluster"],
        "Error: A cluster name(s) or selector or --all is required for this command.",
    ),
    (
        ["update", "cluster", "hippo", "--enable-autofail", "--disable-autofail"],
        "Error: Cannot set --enable-autofail and --disable-autofail simultaneously",
    ),
    (
        ["update", "cluster", "hippo", "--tablespace", "name=ts1:storageconfig"],
        'Error: --tablespace "name=ts1:storageconfig": Tablespace was not specified in proper format '
        '(e.g. "name=tablespacename"), aborting.',
    ),
    (
        ["update", "cluster", "hippo", "--tablespace", "name=ts1"],
        'Error: --tablespace "name=ts1": Required tablespace parameter "storageconfig" is not found, aborting',
    ),
    (
        ["update", "cluster", "hippo", "--annotation-pgbouncer", "novalue"],
        'Error: --annotation-pgbouncer "novalue": Annotation was not specified in propert format '
        "(i.e. key=value), aborting.",
    ),
    (
        ["update", "cluster", "hippo", "--toleration", "a:b:c"],
        'Error: --toleration: invalid format for toleration: "a:b:c"',
    ),
    (
        ["update", "cluster", "hippo", "--toleration", "ssd:Sometimes"],
        'Error: --toleration "ssd:Sometimes": invalid taint effect for toleration: "Sometimes"',
    ),
    (
        ["update", "cluster", "hippo", "--toleration", "ssd:Sometimes-"],
        'Error: --toleration "ssd:Sometimes-": invalid taint effect for toleration: "Sometimes"',
    ),
    (
        ["update", "cluster", "hippo", "--toleration", "a=b=c-"],
        'Error: --toleration "a=b=c-": invalid rule for toleration: "a=b=c"',
    ),
    (["update", "cluster", "hippo", "--cpu", "lots"], f'Error: --cpu "lots": {QUANTITY_ERROR}'),
    (
        ["update", "cluster", "hippo", "--exporter-memory-limit", "1Qi"],
        'Error: --exporter-memory-limit "1Qi": ' + QUANTITY_ERROR,
    ),
    (["update", "cluster", "hippo", "--pvc-size", "big"], f'Error: --pvc-size "big": {QUANTITY_ERROR}'),
]


@pytest.mark.parametrize(("argv", "line"), CHECKS, ids=[" ".join(c[0][2:]) or "no-target" for c in CHECKS])
def test_client_check_exits_2_and_sends_nothing(run_cli: Runner, argv: list[str], line: str) -> None:
    outcome = run_cli(*argv, "--no-prompt")
    assert outcome.code == 2
    assert outcome.error_lines() == [line]
    assert outcome.sent == [] and outcome.stdout == ""


def test_add_items_are_checked_before_removal_items(run_cli: Runner) -> None:
    # pgo parses the list twice: the additions first, then the removals.
    outcome = run_cli("update", "cluster", "hippo", "--toleration", "x:Bad-,y:Worse", "--no-prompt")
    assert outcome.error_lines() == [
        'Error: --toleration "y:Worse": invalid taint effect for toleration: "Worse"'
    ]


def test_resource_quantities_are_checked_in_pgo_order(run_cli: Runner) -> None:
    outcome = run_cli("update", "cluster", "hippo", "--exporter-cpu", "x", "--memory", "y", "--no-prompt")
    assert outcome.error_lines() == [f'Error: --memory "y": {QUANTITY_ERROR}']


def test_warnings_come_in_pgo_order_before_the_request(plan_for: PlanRunner) -> None:
    code, plan, _ = plan_for(
        "update",
        "cluster",
        "hippo",
        "--exporter-memory",
        "1Mi",
        "--pgbackrest-cpu-limit",
        "1",
        "--memory-limit",
        "1Gi",
        "--cpu",
        "1",
        "--tablespace",
        "name=t:storageconfig=rook",
        "--disable-pgbadger",
        "--enable-metrics",
        "--promote-standby",
        "--enable-standby",
        "--no-prompt",
    )
    assert code == 0 and plan is not None
    assert list(plan.warnings) == [
        update.ENABLE_STANDBY_WARNING,
        update.PROMOTE_STANDBY_WARNING,
        update.METRICS_WARNING,
        update.PGBADGER_WARNING,
        update.TABLESPACE_WARNING,
        update.CPU_WARNING,
        update.MEMORY_WARNING,
        update.BACKREST_WARNING,
        update.EXPORTER_WARNING,
    ]
    assert plan.prompt == "WARNING: Are you sure? (yes/no): "
    assert update.ENABLE_STANDBY_WARNING.splitlines()[0] == (
        "Enabling standby mode will result in the deltion of all PVCs for this cluster!"
    )


def test_no_warning_for_plain_changes(plan_for: PlanRunner) -> None:
    _, plan, _ = plan_for(
        "update", "cluster", "hippo", "--pvc-size", "2Gi", "--annotation", "a=b", "--no-prompt"
    )
    assert plan is not None and list(plan.warnings) == []


def test_without_a_terminal_nothing_is_sent(run_cli: Runner) -> None:
    outcome = run_cli("update", "cluster", "hippo", "--memory", "1Gi", stdin="yes\n")
    assert outcome.code == 2
    assert outcome.sent == []
    assert outcome.error_lines()[0].startswith("Error: not running 'pgo update cluster'")


def test_on_a_terminal_warnings_then_the_question(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    outcome = run_cli("update", "cluster", "hippo", "--cpu", "1", stdin="no\n", tty=True)
    assert outcome.code == 0 and outcome.sent == []
    assert outcome.stderr.startswith(update.CPU_WARNING + "\nWARNING: Are you sure? (yes/no): ")
    assert "Aborting..." in outcome.stderr
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli("update", "cluster", "hippo", "--cpu", "1", stdin="yes\n", tty=True)
    assert outcome.code == 0 and len(outcome.sent) == 1


def test_pgo_text_is_one_line_per_cluster(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli("update", "cluster", "hippo", "zebra", "--no-prompt")
    assert outcome.code == 0
    assert outcome.stdout == "updated pgcluster hippo\nupdated pgcluster zebra\n"


def test_server_refusal_is_one_error_line_and_exit_1(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    answer = {"Results": ["updated pgcluster hippo"], "Code": "error", "Msg": "no clusters found"}
    mock_api.add(responses.POST, URL + "/clustersupdate", json=answer)
    outcome = run_cli("update", "cluster", "-s", "env=none", "--no-prompt")
    assert outcome.code == 1
    assert outcome.stdout == ""
    assert outcome.error_lines() == ["Error: no clusters found"]


def test_json_is_the_answer(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli("update", "cluster", "hippo", "--no-prompt", "-o", "json")
    assert outcome.code == 0
    assert json.loads(outcome.stdout) == OK


def test_dry_run_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("update", "cluster", "hippo", "--memory", "1Gi", "--dry-run", "-o", "json")
    assert outcome.code == 0 and outcome.sent == []
    document = json.loads(outcome.stdout)
    assert document["method"] == "POST" and document["url"].endswith("/clustersupdate")
    assert document["body"]["MemoryRequest"] == "1Gi"


@pytest.mark.parametrize("output", [[], ["-o", "json"]])
def test_warnings_stay_off_stdout_when_piped(
    run_cli: Runner, mock_api: responses.RequestsMock, output: list[str]
) -> None:
    # pgo prints them on stdout; here stdout carries the answer only (a script's pipe, -o json's
    # one document) and the warnings go to stderr, before the request, with --no-prompt too.
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli(
        "update", "cluster", "hippo", "--memory", "1Gi", "--enable-metrics", "--no-prompt", *output
    )
    assert outcome.code == 0
    assert outcome.stderr == update.METRICS_WARNING + "\n" + update.MEMORY_WARNING + "\n"
    if output:
        assert json.loads(outcome.stdout) == OK
    else:
        assert outcome.stdout == "updated pgcluster hippo\nupdated pgcluster zebra\n"
