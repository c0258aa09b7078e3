"""``pgo show backup``'s text, byte for byte: the sample of docs/content/tutorial/disaster-recovery.md:206."""

from __future__ import annotations

import calendar
import copy
import json
from typing import Any

import pytest
import responses

from pgo_cli.nouns.backup.text import go_time, local_zone, size_text
from tests.support.registry import URL, Runner

KIB, MIB = 1024, 1024 * 1024


def _ts(text: str) -> int:
    return calendar.timegm(
        (
            int(text[0:4]),
            int(text[5:7]),
            int(text[8:10]),
            int(text[11:13]),
            int(text[14:16]),
            int(text[17:19]),
        )
    )


def _backup(
    kind: str,
    label: str,
    start: str,
    stop: str,
    wal: str,
    sizes: tuple[float, float, float, float],
    ref: list[str] | None,
    prior: str,
) -> dict[str, Any]:
    size, delta, repo_size, repo_delta = sizes
    return {
        "archive": {"start": wal, "stop": wal},
        "backrest": {"format": 5, "version": "2.31"},
        "database": {"id": 1},
        "info": {
            "delta": int(delta),
            "repository": {"delta": int(repo_delta), "size": int(repo_size)},
            "size": int(size),
        },
        "label": label,
        "prior": prior,
        "reference": ref,
        "timestamp": {"start": _ts(start), "stop": _ts(stop)},
        "type": kind,
    }


F1 = "20201220-171801F"
I1 = "20201220-171801F_20201220-171939I"
D1 = "20201220-171801F_20201220-172046D"
BACKUPS = [
    _backup(
        "full",
        F1,
        "2020-12-20 17:18:01",
        "2020-12-20 17:18:10",
        "000000010000000000000002",
        (31.3 * MIB, 31.3 * MIB, 3.8 * MIB, 3.8 * MIB),
        None,
        "",
    ),
    _backup(
        "incr",
        I1,
        "2020-12-20 17:19:39",
        "2020-12-20 17:19:41",
        "000000010000000000000005",
        (31.3 * MIB, 216.3 * KIB, 3.8 * MIB, 25.9 * KIB),
        [F1],
        F1,
    ),
    _backup(
        "diff",
        D1,
        "2020-12-20 17:20:46",
        "2020-12-20 17:23:29",
        "00000001000000000000000A",
        (65.9 * MIB, 37.5 * MIB, 7.7 * MIB, 4.3 * MIB),
        [F1],
        F1,
    ),
    _backup(
        "full",
        "20201220-201305F",
        "2020-12-20 20:13:05",
        "2020-12-20 20:13:15",
        "00000001000000000000000F",
        (65.9 * MIB, 65.9 * MIB, 7.7 * MIB, 7.7 * MIB),
        None,
        "",
    ),
]
INFO = {
    "archive": [
        {"db": {"id": 1}, "id": "12-1", "max": "00000001000000000000000F", "min": "000000010000000000000002"}
    ],
    "backup": BACKUPS,
    "cipher": "none",
    "db": [{"id": 1, "system-id": 6908341234567890123, "version": "12"}],
    "name": "db",
    "status": {"code": 0, "message": "ok"},
}
ANSWER = {"Items": [{"Name": "hippo", "Info": [INFO], "StorageType": "posix"}], "Code": "ok", "Msg": ""}

GOLDEN = """
cluster: hippo
storage type: posix

stanza: db
    status: ok
    cipher: none

    db (current)
        wal archive min/max (12-1)

        full backup: 20201220-171801F
            timestamp start/stop: 2020-12-20 17:18:01 +0000 UTC / 2020-12-20 17:18:10 +0000 UTC
            wal start/stop: 000000010000000000000002 / 000000010000000000000002
            database size: 31.3MiB, backup size: 31.3MiB
            repository size: 3.8MiB, repository backup size: 3.8MiB
            backup reference list:

        incr backup: 20201220-171801F_20201220-171939I
            timestamp start/stop: 2020-12-20 17:19:39 +0000 UTC / 2020-12-20 17:19:41 +0000 UTC
            wal start/stop: 000000010000000000000005 / 000000010000000000000005
            database size: 31.3MiB, backup size: 216.3KiB
            repository size: 3.8MiB, repository backup size: 25.9KiB
            backup reference list: 20201220-171801F

        diff backup: 20201220-171801F_20201220-172046D
            timestamp start/stop: 2020-12-20 17:20:46 +0000 UTC / 2020-12-20 17:23:29 +0000 UTC
            wal start/stop: 00000001000000000000000A / 00000001000000000000000A
            database size: 65.9MiB, backup size: 37.5MiB
            repository size: 7.7MiB, repository backup size: 4.3MiB
            backup reference list: 20201220-171801F

        full backup: 20201220-201305F
            timestamp start/stop: 2020-12-20 20:13:05 +0000 UTC / 2020-12-20 20:13:15 +0000 UTC
            wal start/stop: 00000001000000000000000F / 00000001000000000000000F
            database size: 65.9MiB, backup size: 65.9MiB
            repository size: 7.7MiB, repository backup size: 7.7MiB
            backup reference list:

""".replace("reference list:\n", "reference list: \n")  # Go prints the empty list after a space


def test_golden_tree_for_full_incr_and_diff_sets(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=ANSWER)
    outcome = run_cli("show", "backup", "hippo")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == GOLDEN


def test_times_are_in_the_clients_zone(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=ANSWER)
    outcome = run_cli("show", "backup", "hippo")
    assert (
        "timestamp start/stop: 2020-12-20 18:18:01 +0100 CET / 2020-12-20 18:18:10 +0100 CET"
        in outcome.stdout
    )


def test_backups_repeat_per_archive_as_pgo_nests_the_loops(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    answer = copy.deepcopy(ANSWER)
    info = answer["Items"][0]["Info"][0]
    info["archive"].append({"db": {"id": 2}, "id": "13-2", "max": "", "min": ""})
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=answer)
    text = run_cli("show", "backup", "hippo").stdout
    assert text.count("full backup: 20201220-171801F\n") == 2
    assert "        wal archive min/max (13-2)\n\n" in text


def test_an_info_that_could_not_be_read_prints_the_header_only(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    answer = {"Items": [{"Name": "hippo", "Info": None, "StorageType": "s3"}], "Code": "ok", "Msg": ""}
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=answer)
    assert run_cli("show", "backup", "hippo").stdout == "\ncluster: hippo\nstorage type: s3\n\n"


def test_json_is_the_answer_as_it_came(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=ANSWER)
    outcome = run_cli("show", "backup", "hippo", "-o", "json")
    assert json.loads(outcome.stdout) == ANSWER


def test_table_keeps_labels_whole(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    mock_api.add(responses.GET, URL + "/backrest/hippo", json=ANSWER)
    outcome = run_cli("show", "backup", "hippo", "-o", "table")
    assert outcome.code == 0, outcome.stderr
    for backup in BACKUPS:
        assert backup["label"] in outcome.stdout
    assert "2020-12-20 17:23:29" in outcome.stdout and "65.9MiB" in outcome.stdout


PGDUMP_ANSWER = {
    "BackupList": {
        "items": [
            {
                "CreationTimestamp": "2021-01-15 00:03:25 +0000 UTC",
                "namespace": "",
                "name": "backup-hippo-pgdump",
                "storagespec": {
                    "name": "",
                    "storageclass": "",
                    "accessmode": "ReadWriteOnce",
                    "size": "1G",
                    "storagetype": "",
                    "supplementalgroups": "",
                    "matchLabels": "",
                },
                "ccpimagetag": "centos8-13.5-4.7.4",
                "backuphost": "hippo",
                "backupusersecret": "hippo-postgres-secret",
                "backupport": "5432",
                "backupstatus": "job completed [backup-hippo-pgdump-abcd]",
                "backuppvc": "backup-hippo-pgdump-postgres-pvc",
                "backupopts": "--dump-all ",
                "toc": None,
            }
        ]
    },
    "Code": "ok",
    "Msg": "",
}


def test_pgdump_tree(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/pgdump/hippo", json=PGDUMP_ANSWER)
    assert run_cli("show", "backup", "hippo", "--backup-type=pgdump").stdout == (
        "\npgdump : backup-hippo-pgdump\n"
        "\tPVC Name:\tbackup-hippo-pgdump-postgres-pvc\n"
        "\tAccess Mode:\tReadWriteOnce\n"
        "\tPVC Size:\t1G\n"
        "\tCreation:\t2021-01-15 00:03:25 +0000 UTC\n"
        "\tCCPImageTag:\tcentos8-13.5-4.7.4\n"
        "\tBackup Status:\tjob completed [backup-hippo-pgdump-abcd]\n"
        "\tBackup Host:\thippo\n"
        "\tBackup User Secret:\thippo-postgres-secret\n"
        "\tBackup Port:\t5432\n"
        "\tBackup Opts:\t--dump-all \n"
    )


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0.0B"),
        (1000, "1000.0B"),
        (1001, "1.0KiB"),
        (1000 * KIB, "1000.0KiB"),
        (1023 * KIB, "1.0MiB"),
        (5 * 1024**4, "5.0TiB"),
    ],
)
def test_units_divide_above_1000(size: int, text: str) -> None:
    assert size_text(size) == text


@pytest.mark.parametrize(
    ("tz", "text"),
    [
        ("", "2020-12-20 17:18:01 +0000 UTC"),
        ("UTC", "2020-12-20 17:18:01 +0000 UTC"),
        ("No/Such_Zone", "2020-12-20 17:18:01 +0000 UTC"),
        (":America/New_York", "2020-12-20 12:18:01 -0500 EST"),
        ("Asia/Kolkata", "2020-12-20 22:48:01 +0530 IST"),
    ],
)
def test_go_local_zone(tz: str, text: str) -> None:
    assert go_time(_ts("2020-12-20 17:18:01"), local_zone({"TZ": tz})) == text


@pytest.mark.parametrize(
    ("seconds", "tz", "text"),
    [
        # Go's time.Time.String() for a local mean time: the offset's seconds are dropped
        # (-4:56:02 prints as -0456), as printed by Go 1.19's time.Unix(s, 0).In(loc).String()
        (-10000000000, "America/New_York", "1653-02-10 01:17:18 -0456 LMT"),
        (-10000000000, "Europe/Amsterdam", "1653-02-10 06:32:52 +0019 LMT"),
        (-2717650000, "Europe/Amsterdam", "1883-11-18 17:32:52 +0019 AMT"),
    ],
)
def test_go_time_drops_the_seconds_of_an_offset(seconds: int, tz: str, text: str) -> None:
    assert go_time(seconds, local_zone({"TZ": tz})) == text
