"""Checks that are the apiserver's in pgo are left to it (in its order, exit 1); the PITR target;
``show backup`` of several clusters as one JSON document; the check hints after an interrupted write.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from pgo_cli.nouns.backup.commands import pitr_problem
from tests.support.registry import URL, PlanRunner, Runner

REFUSED = {"Results": [], "Code": "error", "Msg": ""}


def _refused(msg: str) -> dict[str, Any]:
    return {**REFUSED, "Msg": msg}


@pytest.mark.parametrize(
    ("argv", "route", "sent", "msg"),
    [
        (
            ["backup", "hippo", "--pgbackrest-storage-type=posix,s3"],
            "/backrestbackup",
            {"BackrestStorageType": "posix,s3"},
            "you can only select one storage type",
        ),
        (
            ["backup", "hippo", "--pgbackrest-storage-type=nfs"],
            "/backrestbackup",
            {"BackrestStorageType": "nfs"},
            "invalid storage type: nfs",
        ),
        (
            ["restore", "hippo", "--pgbackrest-storage-type=posix,gcs", "--no-prompt"],
            "/restore",
            {"BackrestStorageType": "posix,gcs"},
            "you can only select one storage type",
        ),
        (
            ["restore", "hippo", "--backup-type=pgdump", "--no-prompt"],
            "/pgdumprestore",
            {"FromPVC": ""},
            "resource name may not be empty",
        ),
        (
            [
                "create",
                "schedule",
                "hippo",
                "--schedule=* * * * *",
                "--schedule-type=pgbackrest",
                "--pgbackrest-backup-type=full",
                "--pgbackrest-storage-type=posix,s3",
            ],
            "/schedule",
            {"BackrestStorageType": "posix,s3"},
            "you can only select one storage type",
        ),
        (
            [
                "create",
                "schedule",
                "hippo",
                "--schedule=* * * * *",
                "--schedule-type=policy",
                "--database=d",
                "--policy=p",
                "--schedule-opts=--force",
            ],
            "/schedule",
            {"ScheduleType": "policy", "ScheduleOptions": "--force"},
            "Request type not recognized. Unable to create struct for backup opts",
        ),
    ],
)
def test_server_side_checks_are_sent_and_refused_with_exit_1(
    run_cli: Runner,
    mock_api: responses.RequestsMock,
    argv: list[str],
    route: str,
    sent: dict[str, str],
    msg: str,
) -> None:
    mock_api.add(responses.POST, URL + route, json=_refused(msg))
    outcome = run_cli(*argv)
    assert [(s.method, s.path) for s in outcome.sent] == [("POST", route)]
    body = outcome.sent[0].body
    assert {key: body[key] for key in sent} == sent
    assert outcome.code == 1
    assert outcome.error_lines() == [f"Error: {msg}"] and outcome.stdout == ""


@pytest.mark.parametrize(
    "target",
    [
        "2018-08-13 11:25:42.582117-04",  # pgo's own example
        "2021-06-30",
        "2021-06-30 11:59:59",
        "2021-06-30T11:59:59Z",
        "2021-06-30 11:59:59.123456789+00",  # PostgreSQL rounds extra digits
        "2021-6-3 1:00",
        "2021-06-30 24:00:00",
        "2021-06-30 23:59:60",  # a leap second
        "2021-06-30 11:59:59 PST",
        "2021-06-30 11:59:59 cest",
        "2021-06-30 11:59:59 utc",
        "2021-06-30 11:59:59 america/new_york",
        "2021-06-30 11:59:59 +05:30",
        "2021-06-30 11:59:59+15:59",
        "2020-02-29 00:00",
    ],
)
def test_pitr_targets_postgresql_takes(target: str) -> None:
    assert pitr_problem(target) is None


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("yesterday", "is not a PostgreSQL timestamp"),
        ("2021-02-29 10:00", "no such date"),
        ("2021-13-01", "no such date"),
        ("2021-06-30 24:00:01", "time out of range"),
        ("2021-06-30 10:60", "time out of range"),
        ("2021-06-30 10:00:00+16", "time zone displacement out of range"),
        ("2021-06-30 10:00:00 foo", "time zone 'foo' not recognized"),
    ],
)
def test_pitr_targets_postgresql_refuses(target: str, why: str) -> None:
    problem = pitr_problem(target)
    assert problem is not None and why in problem


def test_show_backup_of_two_clusters_is_one_json_document(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    for name in ("a", "b"):
        detail = {"Name": name, "Info": None, "StorageType": "posix"}
        mock_api.add(
            responses.GET, URL + f"/backrest/{name}", json={"Items": [detail], "Code": "ok", "Msg": ""}
        )
    outcome = run_cli("show", "backup", "a", "b", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    document = json.loads(outcome.stdout)
    assert isinstance(document, dict)
    assert [item["Name"] for item in document["Items"]] == ["a", "b"]
    assert (document["Code"], document["Msg"]) == ("ok", "")


def test_show_pgdump_of_two_clusters_is_one_json_document(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    for name in ("a", "b"):
        item = {"name": f"backup-{name}-pgdump"}
        answer = {"BackupList": {"items": [item]}, "Code": "ok", "Msg": ""}
        mock_api.add(responses.GET, URL + f"/pgdump/{name}", json=answer)
    outcome = run_cli("show", "backup", "a", "b", "--backup-type=pgdump", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    document = json.loads(outcome.stdout)
    assert [item["name"] for item in document["BackupList"]["items"]] == [
        "backup-a-pgdump",
        "backup-b-pgdump",
    ]


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["restore", "hippo", "--no-prompt"], "pgo show cluster hippo -n pgo"),
        (
            ["delete", "schedule", "--schedule-name=hippo-pgbackrest-full", "--no-prompt"],
            "pgo show schedule --schedule-name=hippo-pgbackrest-full -n pgo",
        ),
        (["delete", "schedule", "-s", "env=qa", "--no-prompt"], "pgo show schedule --selector=env=qa -n pgo"),
        (["delete", "schedule", "hippo", "--no-prompt"], "pgo show schedule hippo -n pgo"),
        (
            [
                "create",
                "schedule",
                "-s",
                "env=qa",
                "--schedule=* * * * *",
                "--schedule-type=pgbackrest",
                "--pgbackrest-backup-type=full",
            ],
            "pgo show schedule --selector=env=qa -n pgo",
        ),
    ],
)
def test_how_to_check_a_write_that_may_have_been_applied(
    plan_for: PlanRunner, argv: list[str], check: str
) -> None:
    code, plan, stderr = plan_for(*argv)
    assert code == 0 and plan is not None, stderr
    assert plan.check == check
