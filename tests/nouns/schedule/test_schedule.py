"""``pgo create/show/delete schedule``: bodies per flag, the scheduler's client checks, the cron parser."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import responses

from pgo_cli.nouns.schedule.cron import parse_cron, validate_schedule
from pgo_cli.nouns.shared.backup_options import parse_backup_opts, validate_backup_opts
from tests.support.registry import URL, Runner

CREATED = {"Results": ["created schedule hippo-pgbackrest-full for cluster hippo"], "Code": "ok", "Msg": ""}
BASE = [
    "create",
    "schedule",
    "hippo",
    "--schedule=0 1 * * *",
    "--schedule-type=pgbackrest",
    "--pgbackrest-backup-type=full",
]
ZERO: dict[str, Any] = {
    "ClusterName": "hippo",
    "Name": "",
    "Namespace": "pgo",
    "Schedule": "0 1 * * *",
    "ScheduleType": "pgbackrest",
    "Selector": "",
    "PGBackRestType": "full",
    "BackrestStorageType": "",
    "PVCName": "",
    "ScheduleOptions": "",
    "StorageConfig": "",
    "PolicyName": "",
    "Database": "",
    "Secret": "",
}


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        ([], {}),
        (["--pgbackrest-storage-type=s3"], {"BackrestStorageType": "s3"}),
        (["--schedule-opts=--repo1-retention-full=21"], {"ScheduleOptions": "--repo1-retention-full=21"}),
        (["-s", "env=prod"], {"Selector": "env=prod"}),
        (["--ccp-image-tag=x", "-c", "y"], {}),  # never sent by pgo
        (["--schedule-type=PGBACKREST"], {}),  # sent lower-cased
        (["--secret=s", "--database=d", "--policy=p"], {"Secret": "s", "Database": "d", "PolicyName": "p"}),
    ],
)
def test_create_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/schedule", json=CREATED)
    outcome = run_cli(*BASE, *argv)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/schedule")
    assert list(sent.body.items()) == list({**ZERO, **changes}.items())
    assert outcome.stdout == CREATED["Results"][0] + "\n"


def test_create_policy_body(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/schedule", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli(
        "create",
        "schedule",
        "hippo",
        "--schedule=*/5 * * * *",
        "--schedule-type=policy",
        "--policy=p1",
        "--database=app",
    )
    assert outcome.sent[0].body == {
        **ZERO,
        "Schedule": "*/5 * * * *",
        "ScheduleType": "policy",
        "PGBackRestType": "",
        "PolicyName": "p1",
        "Database": "app",
    }
    assert outcome.stdout == "No clusters found.\n"


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (
            ["create", "schedule", "--schedule=* * * * *"],
            "Error: The --selector flag or a cluster name is required to create a schedule.",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=@daily", "--schedule-type=pgbackrest"],
            "Error: @daily is not a valid schedule: ",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=61 * * * *"],
            "Error: 61 * * * * is not a valid schedule: ",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=* * * * *", "--schedule-type=Backup"],
            "Error: backup is not a valid schedule type",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=* * * * *", "--schedule-type=pgbackrest"],
            "Error: Backup Type required for pgBackRest schedules",
        ),
        (
            [
                "create",
                "schedule",
                "hippo",
                "--schedule=* * * * *",
                "--schedule-type=pgbackrest",
                "--pgbackrest-backup-type=weekly",
            ],
            "Error: pgBackRest Backup Type invalid: weekly",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=* * * * *", "--schedule-type=policy"],
            "Error: Database name required for policy schedules",
        ),
        (
            ["create", "schedule", "hippo", "--schedule=* * * * *", "--schedule-type=policy", "--database=d"],
            "Error: Policy name required for policy schedules",
        ),
        (
            [*BASE, "--schedule-opts=--repo1-retention-full=0"],
            "Error: Invalid value for pgBackRest full backup retention. Allowed: 1-9999999",
        ),
        (
            [*BASE, "--schedule-opts=--pg-port=5433"],
            "Error: Flag --pg-port is not supported for use with PGO",
        ),
        (
            ["show", "schedule"],
            "Error: cluster name, schedule name or selector is required to show a schedule.",
        ),
        (
            ["delete", "schedule", "--no-prompt"],
            "Error: cluster name, schedule name or selector is required to delete a schedule.",
        ),
        (["delete", "schedule", "hippo"], "Error: not running 'pgo delete schedule'"),
    ],
)
def test_client_checks_send_nothing(run_cli: Runner, argv: list[str], error: str) -> None:
    outcome = run_cli(*argv)
    assert outcome.code == 2
    assert outcome.sent == [] and outcome.stdout == ""
    [line] = outcome.error_lines()
    assert line.startswith(error), line


def test_upper_case_type_skips_the_backrest_checks_as_in_pgo(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/schedule", json=CREATED)
    outcome = run_cli("create", "schedule", "hippo", "--schedule=* * * * *", "--schedule-type=PGBACKREST")
    assert outcome.code == 0
    assert (
        outcome.sent[0].body["ScheduleType"] == "pgbackrest" and outcome.sent[0].body["PGBackRestType"] == ""
    )


@pytest.mark.parametrize(
    ("argv", "body"),
    [
        (["hippo"], {"Namespace": "pgo", "ScheduleName": "", "ClusterName": "hippo", "Selector": ""}),
        (
            ["hippo", "-s", "env=x"],
            {"Namespace": "pgo", "ScheduleName": "", "ClusterName": "", "Selector": "env=x"},
        ),
        (
            ["--schedule-name=hippo-pgbackrest-full"],
            {"Namespace": "pgo", "ScheduleName": "hippo-pgbackrest-full", "ClusterName": "", "Selector": ""},
        ),
        (
            ["hippo", "--no-prompt"],
            {"Namespace": "pgo", "ScheduleName": "", "ClusterName": "hippo", "Selector": ""},
        ),
    ],
)
def test_show_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], body: dict[str, str]
) -> None:
    text = "hippo-pgbackrest-full:\n\tschedule: 0 1 * * *\n\tschedule-type: pgbackrest\n\tbackup-type: full"
    mock_api.add(responses.POST, URL + "/scheduleshow", json={"Results": [text], "Code": "ok", "Msg": ""})
    outcome = run_cli("show", "schedule", *argv)
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/scheduleshow")]
    assert list(outcome.sent[0].body.items()) == list(body.items())
    assert outcome.stdout == text + "\n"


@pytest.mark.parametrize(
    ("argv", "body"),
    [
        (["hippo"], {"Namespace": "pgo", "ScheduleName": "", "ClusterName": "hippo", "Selector": ""}),
        (
            ["hippo", "-s", "env=x"],
            {"Namespace": "pgo", "ScheduleName": "", "ClusterName": "hippo", "Selector": "env=x"},
        ),
        (["--schedule-name=a"], {"Namespace": "pgo", "ScheduleName": "a", "ClusterName": "", "Selector": ""}),
    ],
)
def test_delete_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], body: dict[str, str]
) -> None:
    mock_api.add(responses.POST, URL + "/scheduledelete", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("delete", "schedule", *argv, "--no-prompt")
    assert list(outcome.sent[0].body.items()) == list(body.items())
    assert outcome.stdout == "No schedules found.\n"


# --------------------------------------------------------------------------------- robfig/cron v3


@pytest.mark.parametrize(
    "spec",
    [
        "* * * * *",
        "0 1 * * *",
        "0 */3 * * *",
        "0 0 1-15/2 jan-mar MON-fri",
        "+5 ? * * *",
        "TZ=Europe/Berlin 0 1 * * *",
    ],
)
def test_valid_cron(spec: str) -> None:
    assert validate_schedule(spec) is None


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "@daily",
        "* * * *",
        "* * * * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 7",
        "5-1 * * * *",
        "1-2-3 * * * *",
        "*/0 * * * *",
        "a * * * *",
        "-1 * * * *",
        "TZ=Nowhere/X * * * * *",
        "TZ=UTC",
    ],
)
def test_invalid_cron(spec: str) -> None:
    assert validate_schedule(spec) == f"{spec} is not a valid schedule: "


def test_cron_matching_uses_robfigs_day_rule() -> None:
    # both day fields restricted: either may match; one of them '*': both must
    either = parse_cron("0 0 1 * mon")
    assert either.matches(dt.datetime(2021, 6, 7, tzinfo=dt.timezone.utc))  # a Monday, not the 1st
    assert either.matches(dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc))  # the 1st, a Tuesday
    both = parse_cron("0 0 * * mon")
    assert not both.matches(dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc))
    assert not parse_cron("*/15 * * * *").matches(dt.datetime(2021, 6, 1, 0, 7, tzinfo=dt.timezone.utc))


# --------------------------------------------------------------------------------- backup-opts (server's rules)


@pytest.mark.parametrize(
    ("opts", "tokens"),
    [
        ("--type=full", ["--type=full"]),
        ("--type full --start-fast", ["--type", "full", "--start-fast"]),
        ("--exclude a b", ["--exclude", "a b"]),
        ("--target='2019 12' --type=time", ["--target='2019 12'", "--type=time"]),
    ],
)
def test_parse_backup_opts(opts: str, tokens: list[str]) -> None:
    assert parse_backup_opts(opts) == tokens


@pytest.mark.parametrize(
    ("opts", "utility", "error"),
    [
        (
            "--foo --type=bad",
            "backrest-backup",
            None,
        ),  # pflag stops at the unknown flag: nothing after it is checked
        ("--type=bad --foo", "backrest-backup", "Invalid type provided for pgBackRest backup"),
        ("--compress-level=abc", "backrest-backup", None),  # value errors are ignored by the server
        ("--log-level-stderr=loud", "backrest-backup", None),  # its check never runs (LogLevelStdErr typo)
        ("--log-level-file=loud", "backrest-backup", "Invalid log level for pgBackRest backup"),
        ("--repo1-path=/x", "backrest-backup", None),
        (
            "--repo-host-config=x",
            "backrest-backup",
            "Flag --repo-host-config is not supported for use with PGO",
        ),
        ("--no-online", "backrest-backup", "Flag --no-online is not supported for use with PGO"),
        (
            "--target-exclusive",
            "backrest-restore",
            "The target exclusive option is only applicable for a pgBackRest restore when type is 'time' or 'xid' ",
        ),
        ("--target-exclusive --type=xid", "backrest-restore", None),
        (
            "--format=tar --compress=5",
            "pgdump",
            "Compress level is not supported when using the tar format for a pg_dump backup",
        ),
        (
            "--dump-all --if-exists",
            "pgdump",
            "The --if-exists option is only valid for a pg_dumpall backup if the --clean option is also specified",
        ),
        ("--section=x --section=data", "pgrestore", "Invalid section provided for pg_restore restore"),
        ("-W", "pgrestore", "Shorthand flag -W is not supported for use with PGO"),
    ],
)
def test_validate_backup_opts(opts: str, utility: Any, error: str | None) -> None:
    assert validate_backup_opts(opts, utility) == error
