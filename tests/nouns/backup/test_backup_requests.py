"""``pgo backup``, ``show backup``, ``delete backup``, ``restore``: the requests on the wire and the checks.

Each flag is compared the Go way: the body's keys in the Go struct's order with their values.
"""

from __future__ import annotations

from typing import Any

import pytest
import responses

from tests.support.registry import URL, Runner

OK_RESULTS = {"Results": ["created Pgtask backrest-backup-hippo"], "Code": "ok", "Msg": ""}

BACKREST_ZERO: dict[str, Any] = {
    "Namespace": "pgo",
    "Args": ["hippo"],
    "Selector": "",
    "BackupOpts": "",
    "BackrestStorageType": "",
}
PGDUMP_ZERO: dict[str, Any] = {
    "Namespace": "pgo",
    "Args": ["hippo"],
    "Selector": "",
    "PGDumpDB": "postgres",
    "PVCName": "",
    "StorageConfig": "",
    "BackupOpts": "",
}


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        ([], {}),
        (["--backup-opts=--type=full"], {"BackupOpts": "--type=full"}),
        (["--backup-opts", "--type diff --start-fast"], {"BackupOpts": "--type diff --start-fast"}),
        (["--pgbackrest-storage-type=s3"], {"BackrestStorageType": "s3"}),
        (["--backup-type", "pgbackrest"], {}),
    ],
)
def test_backrest_backup_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/backrestbackup", json=OK_RESULTS)
    outcome = run_cli("backup", "hippo", *argv)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/backrestbackup")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == list({**BACKREST_ZERO, **changes}.items())
    assert outcome.stdout == "created Pgtask backrest-backup-hippo\n"


def test_backup_by_selector_sends_empty_args(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    # Go pgo 4.7.4 sends {"Namespace":"pgo","Args":[],"Selector":"env=prod",…}: cobra's args slice
    # is empty, not nil
    mock_api.add(responses.POST, URL + "/backrestbackup", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("backup", "-s", "env=prod")
    assert list(outcome.sent[0].body.items()) == list(
        {**BACKREST_ZERO, "Args": [], "Selector": "env=prod"}.items()
    )
    assert outcome.stdout == "No clusters found.\n"


def test_pgdump_backup_by_selector_sends_empty_args(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/pgdumpbackup", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("backup", "-s", "env=prod", "--backup-type=pgdump")
    assert outcome.sent[0].body == {**PGDUMP_ZERO, "Args": [], "Selector": "env=prod"}


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        ([], {}),
        (["--database", "app"], {"PGDumpDB": "app"}),
        (["-d", "app"], {"PGDumpDB": "app"}),
        (["--pvc-name", "mypvc"], {"PVCName": "mypvc"}),
        (["--backup-opts=--format=custom"], {"BackupOpts": "--format=custom"}),
        (["-s", "env=prod"], {"Selector": "env=prod"}),
    ],
)
def test_pgdump_backup_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgdumpbackup",
        json={"Results": ["created Pgtask backup-hippo-pgdump"], "Code": "ok", "Msg": ""},
    )
    outcome = run_cli("backup", "hippo", "--backup-type=pgdump", *argv)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgdumpbackup")
    assert list(sent.body.items()) == list({**PGDUMP_ZERO, **changes}.items())
    assert outcome.stdout == "created Pgtask backup-hippo-pgdump\n"


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        ([], "Error: You must specify the cluster to backup or a selector flag."),
        (
            ["hippo", "--backup-type=pg_dump"],
            "Error: You must specify either pgbackrest or pgdump for the --backup-type.",
        ),
        (
            ["hippo", "--backup-opts=type=full"],
            "Error: bad flag syntax. Backup options must start with '-' or '--'",
        ),
        (["hippo", "--backup-opts=- --"], "Error: bad flag syntax. No backup options provided"),
        (
            ["hippo", "--backup-opts=--repo-path=/x"],
            "Error: Flag --repo-path is not supported for use with PGO",
        ),
        (["hippo", "--backup-opts=--type=bogus"], "Error: Invalid type provided for pgBackRest backup"),
        (
            ["hippo", "--backup-opts=--compress-level=12 --type=x"],
            "Error: Invalid compress level for pgBackRest backup; Invalid type provided for pgBackRest backup",
        ),
        (
            ["hippo", "--backup-type=pgdump", "--backup-opts=-d other"],
            "Error: Shorthand flag -d is not supported for use with PGO",
        ),
        (
            ["hippo", "--backup-type=pgdump", "--backup-opts=--password"],
            "Error: Flag --password is not supported for use with PGO",
        ),
    ],
)
def test_backup_checks_send_nothing(run_cli: Runner, argv: list[str], error: str) -> None:
    outcome = run_cli("backup", *argv)
    assert outcome.code == 2
    assert outcome.sent == [] and outcome.stdout == ""
    [line] = outcome.error_lines()
    assert line.startswith(error), line


def test_backup_server_error_is_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/backrestbackup",
        json={"Results": [], "Code": "error", "Msg": "primary pod is not in Ready state"},
    )
    outcome = run_cli("backup", "hippo")
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: primary pod is not in Ready state"]
    assert outcome.stdout == ""


# ------------------------------------------------------------------------------------ show backup


def test_show_backup_is_one_unescaped_get_per_cluster(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.GET, URL + "/backrest/hippo", json={"Items": [], "Code": "ok", "Msg": ""})
    mock_api.add(responses.GET, URL + "/backrest/other", json={"Items": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("show", "backup", "hippo", "other", namespace="ns1")
    assert [(s.method, s.target) for s in outcome.sent] == [
        ("GET", "/backrest/hippo?version=4.7.4&selector=&namespace=ns1"),
        ("GET", "/backrest/other?version=4.7.4&selector=&namespace=ns1"),
    ]
    assert all(s.body is None and "Content-Type" not in s.headers for s in outcome.sent)
    assert outcome.stdout == "No pgBackRest found.\nNo pgBackRest found.\n"


def test_show_backup_pgdump_route(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.GET,
        URL + "/pgdump/hippo",
        json={"BackupList": {"items": []}, "Code": "ok", "Msg": "pgDump backup-hippo-pgdump not found."},
    )
    outcome = run_cli("show", "backup", "hippo", "--backup-type=pgdump")
    assert [s.target for s in outcome.sent] == ["/pgdump/hippo?version=4.7.4&selector=&namespace=pgo"]
    assert outcome.stdout == "No pgDumps found for hippo.\n"


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        ([], "Error: cluster name(s) required for this command."),
        (
            ["hippo", "--backup-type=x"],
            "Error: Valid backup-type values are pgbackrest and pgdump. The default if not supplied is pgbackrest.",
        ),
    ],
)
def test_show_backup_checks(run_cli: Runner, argv: list[str], error: str) -> None:
    outcome = run_cli("show", "backup", *argv)
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [error]


# ------------------------------------------------------------------------------------ delete backup


def test_delete_backup_request(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.DELETE, URL + "/backrest", json={"Code": "ok", "Msg": ""})
    outcome = run_cli("delete", "backup", "hippo", "--target=20201220-171801F", "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("DELETE", "/backrest")
    assert list(sent.body.items()) == [
        ("ClientVersion", "4.7.4"),
        ("ClusterName", "hippo"),
        ("Namespace", "pgo"),
        ("Target", "20201220-171801F"),
    ]
    # pgo prints nothing: piped stdout stays empty, the note goes to stderr
    assert outcome.stdout == ""
    assert "deleted backup 20201220-171801F of cluster hippo" in outcome.stderr


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--target=x", "--no-prompt"], "Error: A cluster name is required for this command."),
        (["hippo", "--no-prompt"], "Error: --target must be specified."),
        (["hippo", "other", "--target=x", "--no-prompt"], "Error: delete backup takes one cluster name"),
        (["hippo", "--target=x"], "Error: not running 'pgo delete backup'"),
    ],
)
def test_delete_backup_checks(run_cli: Runner, argv: list[str], error: str) -> None:
    outcome = run_cli("delete", "backup", *argv)
    assert outcome.code == 2 and outcome.sent == []
    [line] = outcome.error_lines()
    assert line.startswith(error), line


def test_delete_backup_refused(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    msg = "could not find backup x in any repo or check logs for other errors."
    mock_api.add(responses.DELETE, URL + "/backrest", json={"Code": "error", "Msg": msg})
    outcome = run_cli("delete", "backup", "hippo", "--target=x", "--no-prompt")
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: " + msg]
    assert "deleted backup" not in outcome.stderr


# ------------------------------------------------------------------------------------ restore

RESTORE_ZERO: dict[str, Any] = {
    "Namespace": "pgo",
    "FromCluster": "hippo",
    "RestoreOpts": "",
    "PITRTarget": "",
    "NodeAffinityType": 0,
    "NodeLabel": "",
    "BackrestStorageType": "",
}
PGRESTORE_ZERO: dict[str, Any] = {
    "Namespace": "pgo",
    "FromCluster": "hippo",
    "FromPVC": "mypvc",
    "PGDumpDB": "postgres",
    "RestoreOpts": "",
    "PITRTarget": "",
    "NodeAffinityType": 0,
    "NodeLabel": "",
}
RESTORE_ANSWER = {
    "Results": [
        'restore request for hippo with opts "--type=time" and pitr-target="2021-06-30 11:59:59+00"',
        "workflow id 6f1b5b4e-9c53-4a43-9bd2-2f9e0e6b7f7d",
    ],
    "Code": "ok",
    "Msg": "",
}


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        ([], {}),
        (
            ["--backup-opts=--type=time", "--pitr-target", "2021-06-30 11:59:59.582117-04"],
            {"RestoreOpts": "--type=time", "PITRTarget": "2021-06-30 11:59:59.582117-04"},
        ),
        (
            ["--backup-opts", "--type time --delta", "--pitr-target=2021-06-30 11:59:59+00"],
            {"RestoreOpts": "--type time --delta", "PITRTarget": "2021-06-30 11:59:59+00"},
        ),
        # a restore point or a transaction id is not a timestamp
        (
            ["--backup-opts=--type=name", "--pitr-target=before-upgrade"],
            {"RestoreOpts": "--type=name", "PITRTarget": "before-upgrade"},
        ),
        (
            ["--backup-opts=--type=xid", "--pitr-target=1234"],
            {"RestoreOpts": "--type=xid", "PITRTarget": "1234"},
        ),
        # the target in the options themselves
        (
            ["--backup-opts=--type=time --target='2021-06-30 11:59:59+00'"],
            {"RestoreOpts": "--type=time --target='2021-06-30 11:59:59+00'"},
        ),
        (["--backup-opts=--type=immediate"], {"RestoreOpts": "--type=immediate"}),
        (["--node-label=zone=a"], {"NodeLabel": "zone=a"}),
        (
            ["--node-label=zone=a", "--node-affinity-type=required"],
            {"NodeLabel": "zone=a", "NodeAffinityType": 1},
        ),
        (["--node-label=zone=a", "--node-affinity-type=prefer"], {"NodeLabel": "zone=a"}),
        (["--pgbackrest-storage-type=s3"], {"BackrestStorageType": "s3"}),
        (["--backup-type=pgbackrest"], {}),
    ],
)
def test_restore_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/restore", json=RESTORE_ANSWER)
    outcome = run_cli("restore", "hippo", "--no-prompt", *argv)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/restore")
    assert list(sent.body.items()) == list({**RESTORE_ZERO, **changes}.items())
    assert outcome.stdout == "\n".join(RESTORE_ANSWER["Results"]) + "\n"
    assert "the primary database in this cluster will be stopped and recreated" in outcome.stderr


@pytest.mark.parametrize(
    ("argv", "changes"),
    [
        ([], {}),
        (["--pgdump-database=app"], {"PGDumpDB": "app"}),
        (["-d", "app"], {"PGDumpDB": "app"}),
        (["--pitr-target=2019-01-15-00-03-25"], {"PITRTarget": "2019-01-15-00-03-25"}),
        (["--backup-opts=--clean --if-exists"], {"RestoreOpts": "--clean --if-exists"}),
        (["--node-label=a=b", "--node-affinity-type=required"], {"NodeLabel": "a=b", "NodeAffinityType": 1}),
    ],
)
def test_pgdump_restore_body(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    line = "restore performed on hippo to mypvc opts= pitr-target="
    mock_api.add(
        responses.POST,
        URL + "/pgdumprestore",
        json={"Results": [line], "Code": "ok", "Msg": "Restore Not Implemented"},
    )
    outcome = run_cli("restore", "hippo", "--backup-type=pgdump", "--backup-pvc=mypvc", "--no-prompt", *argv)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/pgdumprestore")
    assert list(sent.body.items()) == list({**PGRESTORE_ZERO, **changes}.items())
    assert outcome.stdout == line + "\n"
    assert "stopped and recreated" not in outcome.stderr  # pgo warns for pgBackRest only


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        ([], "Error: You must specify the cluster name to restore from."),
        (
            ["hippo", "--pitr-target=yesterday"],
            "Error: --pitr-target 'yesterday' is not a PostgreSQL timestamp",
        ),
        (
            ["hippo", "--pitr-target=2021-02-30 10:00:00"],
            "Error: --pitr-target '2021-02-30 10:00:00' is not a valid timestamp",
        ),
        (
            ["hippo", "--node-affinity-type=required"],
            "Error: --node-affinity-type set, but --node-label not set",
        ),
        (
            ["hippo", "--node-label=a=b", "--node-affinity-type=always"],
            'Error: invalid node affinity type "always". choices are: preferred required',
        ),
        (["hippo", "--node-label=ab"], "Error: ab node label does not follow key=value format"),
        (["hippo", "--backup-opts=--stanza=x"], "Error: Flag --stanza is not supported for use with PGO"),
        (
            ["hippo", "--backup-opts=--target-action=go"],
            "Error: Invalid target action provided for pgBackRest restore",
        ),
        (["hippo", "--backup-type=pgdmp"], "Error: invalid --backup-type 'pgdmp'"),
        (
            ["hippo", "--backup-type=pgdump", "--backup-pvc=p", "--backup-opts=-U x"],
            "Error: Shorthand flag -U is not",
        ),
        (
            ["hippo", "--backup-type=pgdump", "--backup-pvc=p", "--backup-opts=-h x"],
            "Error: --backup-opts: help is not",
        ),
    ],
)
def test_restore_checks_send_nothing(run_cli: Runner, argv: list[str], error: str) -> None:
    outcome = run_cli("restore", *argv, "--no-prompt")
    assert outcome.code == 2
    assert outcome.sent == [] and outcome.stdout == ""
    lines = outcome.error_lines()
    assert len(lines) == 1 and lines[0].startswith(error), outcome.stderr


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (
            ["--pitr-target=2021-06-30 11:59:59+00"],
            [
                "Error: --pitr-target needs --type=time in --backup-opts (got no --type): pgBackRest takes a "
                "target only with a matching --type, and the primary would be stopped for nothing",
                "hint: use --backup-opts='--type=time' (--type=name or --type=xid for a restore point or a "
                "transaction id)",
            ],
        ),
        (
            ["--pitr-target=2021-06-30 11:59:59+00", "--backup-opts=--delta --type=default"],
            [
                "Error: --pitr-target needs --type=time in --backup-opts (got --type=default): pgBackRest "
                "takes a target only with a matching --type, and the primary would be stopped for nothing",
                "hint: use --backup-opts='--delta --type=time' (--type=name or --type=xid for a "
                "restore point or a transaction id)",
            ],
        ),
        (
            ["--pitr-target=2021-06-30 11:59:59+00", "--backup-opts=--type=time --target=2021-06-29"],
            [
                "Error: --pitr-target '2021-06-30 11:59:59+00' and a --target in --backup-opts "
                "'--type=time --target=2021-06-29': the operator would keep the --target and ignore "
                "--pitr-target",
                "hint: give the target once: --pitr-target=… --backup-opts='--type=time'",
            ],
        ),
        (
            ["--backup-opts=--type=time"],
            [
                "Error: --backup-opts '--type=time' asks for a --type=time restore without a target: "
                "pgBackRest would refuse it after the primary is stopped",
                "hint: e.g. --pitr-target='2021-06-30 11:59:59.999999+00' --backup-opts='--type=time'",
            ],
        ),
        (
            ["--backup-opts=--type xid"],
            [
                "Error: --backup-opts '--type xid' asks for a --type=xid restore without a target: "
                "pgBackRest would refuse it after the primary is stopped",
                "hint: add --pitr-target=<the xid to recover to>",
            ],
        ),
    ],
)
def test_restore_target_without_a_matching_type_is_refused(
    run_cli: Runner, argv: list[str], lines: list[str]
) -> None:
    """pgBackRest takes --target only with --type time/name/xid (and needs one then); the apiserver
    accepts any mix and the operator stops the primary before pgBackRest refuses."""
    outcome = run_cli("restore", "hippo", "--no-prompt", *argv)
    assert outcome.code == 2 and outcome.sent == [] and outcome.stdout == ""
    assert outcome.stderr.splitlines() == lines


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (
            ["backup", "hippo", "--pvc-name=mine"],
            [
                "Error: --pvc-name is for --backup-type=pgdump only: a pgBackRest backup would ignore it",
                "hint: add --backup-type=pgdump, or leave out --pvc-name",
            ],
        ),
        (
            ["backup", "hippo", "-d", "app"],
            [
                "Error: --database is for --backup-type=pgdump only: a pgBackRest backup would ignore it",
                "hint: add --backup-type=pgdump, or leave out --database",
            ],
        ),
        (
            ["backup", "hippo", "--backup-type=pgdump", "--pgbackrest-storage-type=s3"],
            [
                "Error: --pgbackrest-storage-type is for --backup-type=pgbackrest only: a pg_dump backup "
                "would ignore it",
                "hint: add --backup-type=pgbackrest, or leave out --pgbackrest-storage-type",
            ],
        ),
        (
            ["restore", "hippo", "--backup-pvc=x", "--no-prompt"],
            [
                "Error: --backup-pvc is for --backup-type=pgdump only: a pgBackRest restore would ignore it",
                "hint: add --backup-type=pgdump, or leave out --backup-pvc",
            ],
        ),
        (
            ["restore", "hippo", "-d", "app", "--no-prompt"],
            [
                "Error: --pgdump-database is for --backup-type=pgdump only: a pgBackRest restore would "
                "ignore it",
                "hint: add --backup-type=pgdump, or leave out --pgdump-database",
            ],
        ),
        (
            ["restore", "hippo", "--backup-type=pgdump", "--backup-pvc=p", "--pgbackrest-storage-type=s3"],
            [
                "Error: --pgbackrest-storage-type is for --backup-type=pgbackrest only: a pg_dump restore "
                "would ignore it",
                "hint: add --backup-type=pgbackrest, or leave out --pgbackrest-storage-type",
            ],
        ),
    ],
)
def test_a_flag_of_the_other_backup_type_is_refused(
    run_cli: Runner, argv: list[str], lines: list[str]
) -> None:
    """The request of one backup type has no field for the other type's flags: pgo drops them."""
    outcome = run_cli(*argv)
    assert outcome.code == 2 and outcome.sent == [] and outcome.stdout == ""
    assert outcome.stderr.splitlines() == lines


def test_restore_dry_run_refuses_too(run_cli: Runner) -> None:
    outcome = run_cli("restore", "hippo", "--pitr-target=2021-06-30 11:59:59+00", "--dry-run")
    assert outcome.code == 2 and outcome.stdout == ""
    assert outcome.error_lines()[0].startswith("Error: --pitr-target needs --type=time")


def test_restore_without_a_terminal_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("restore", "hippo", stdin="yes\n")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [
        "Error: not running 'pgo restore': it asks for confirmation and standard input is not a terminal"
    ]
