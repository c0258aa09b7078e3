"""For each noun, the SDK call and the ``pgo`` command line send the same requests.

Both run in this process against the same faked apiserver (``responses``); what reached it —
method, route, query and body, key for key — must be equal. Every command with an SDK call
(:data:`pgo_cli.client.SDK_CALLS`) has at least one case here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import responses

from pgo_cli import Client
from pgo_cli.client import SDK_CALLS
from tests.support.registry import PGOUSERPASS, URL, Runner, Sent, _sent

SQL = "create table if not exists audit (id int, note text);\n"

Call = Callable[[Client], object]

#: (pgo's arguments, the SDK call sending the same): several options of each command, typed as a
#: user would type them on either side.
CASES: list[tuple[tuple[str, ...], Call]] = [
    # clusters
    (
        (
            "create",
            "cluster",
            "hippo",
            "--replica-count=1",
            "--label=env=prod",
            "--memory=1Gi",
            "--sync-replication",
        ),
        lambda c: c.clusters.create(
            "hippo", replica_count=1, labels={"env": "prod"}, memory="1Gi", sync_replication=True
        ),
    ),
    (
        (
            "create",
            "cluster",
            "rhino",
            "--pgbouncer",
            "--toleration=zone=east:NoSchedule",
            "--pgbackrest-s3-verify-tls=false",
        ),
        lambda c: c.clusters.create(
            "rhino", pgbouncer=True, tolerations=["zone=east:NoSchedule"], pgbackrest_s3_verify_tls=False
        ),
    ),
    (("show", "cluster", "hippo", "rhino"), lambda c: c.clusters.show("hippo", "rhino")),
    (("show", "cluster", "--selector=env=prod"), lambda c: c.clusters.show(selector="env=prod")),
    (
        ("delete", "cluster", "hippo", "--keep-data", "--no-prompt"),
        lambda c: c.clusters.delete("hippo", keep_data=True),
    ),
    (("delete", "cluster", "--all", "--no-prompt"), lambda c: c.clusters.delete(all=True)),
    (
        ("update", "cluster", "hippo", "--cpu=500m", "--annotation=a=b", "--disable-autofail", "--no-prompt"),
        lambda c: c.clusters.update("hippo", cpu="500m", annotations={"a": "b"}, disable_autofail=True),
    ),
    (
        ("scale", "hippo", "rhino", "--replica-count=2", "--no-prompt"),
        lambda c: c.clusters.scale("hippo", "rhino", replica_count=2),
    ),
    (("scaledown", "hippo", "--query"), lambda c: c.clusters.scaledown("hippo", query=True)),
    (
        ("scaledown", "hippo", "--target=hippo-abcd", "--keep-data", "--no-prompt"),
        lambda c: c.clusters.scaledown("hippo", target="hippo-abcd", keep_data=True),
    ),
    (("failover", "hippo", "--query"), lambda c: c.clusters.failover("hippo", query=True)),
    (
        ("failover", "hippo", "--target=hippo-abcd", "--force", "--no-prompt"),
        lambda c: c.clusters.failover("hippo", target="hippo-abcd", force=True),
    ),
    (("restart", "hippo", "--query"), lambda c: c.clusters.restart("hippo", query=True)),
    (
        ("restart", "hippo", "--target=hippo-abcd", "--no-prompt"),
        lambda c: c.clusters.restart("hippo", targets=["hippo-abcd"]),
    ),
    (("reload", "hippo", "--no-prompt"), lambda c: c.clusters.reload("hippo")),
    (("test", "hippo", "rhino"), lambda c: c.clusters.test("hippo", "rhino")),
    (("df", "--selector=env=prod"), lambda c: c.clusters.df(selector="env=prod")),
    (
        ("upgrade", "hippo", "--ignore-validation", "--ccp-image-tag=centos8-13.4-4.7.4", "--no-prompt"),
        lambda c: c.clusters.upgrade("hippo", ignore_validation=True, ccp_image_tag="centos8-13.4-4.7.4"),
    ),
    (
        ("label", "hippo", "--label=env=prod,team=db"),
        lambda c: c.clusters.label("hippo", labels={"env": "prod", "team": "db"}),
    ),
    (
        ("label", "--selector=env=prod", "--label=tier=gold", "--dry-run"),
        lambda c: c.clusters.label(selector="env=prod", labels=["tier=gold"], dry_run=True),
    ),
    (
        ("delete", "label", "hippo", "--label=env=prod"),
        lambda c: c.clusters.delete_label("hippo", labels={"env": "prod"}),
    ),
    (
        ("cat", "hippo", "/pgdata/hippo/postgresql.conf"),
        lambda c: c.clusters.cat("hippo", "/pgdata/hippo/postgresql.conf"),
    ),
    # backups
    (
        ("backup", "hippo", "--backup-opts=--type=full"),
        lambda c: c.backups.create("hippo", backup_opts="--type=full"),
    ),
    (
        ("backup", "hippo", "--backup-type=pgdump", "--database=app"),
        lambda c: c.backups.create("hippo", backup_type="pgdump", database="app"),
    ),
    (("show", "backup", "hippo", "rhino"), lambda c: c.backups.show("hippo", "rhino")),
    (
        ("delete", "backup", "hippo", "--target=20201220-171801F", "--no-prompt"),
        lambda c: c.backups.delete("hippo", target="20201220-171801F"),
    ),
    (
        ("restore", "hippo", "--pitr-target=2021-01-01 00:00:00", "--backup-opts=--type=time", "--no-prompt"),
        lambda c: c.backups.restore("hippo", pitr_target="2021-01-01 00:00:00", backup_opts="--type=time"),
    ),
    # schedules
    (
        (
            "create",
            "schedule",
            "hippo",
            "--schedule=*/5 * * * *",
            "--schedule-type=pgbackrest",
            "--pgbackrest-backup-type=full",
        ),
        lambda c: c.schedules.create(
            "hippo", schedule="*/5 * * * *", schedule_type="pgbackrest", pgbackrest_backup_type="full"
        ),
    ),
    (("show", "schedule", "hippo"), lambda c: c.schedules.show("hippo")),
    (
        ("delete", "schedule", "--schedule-name=hippo-pgbackrest-full", "--no-prompt"),
        lambda c: c.schedules.delete(schedule_name="hippo-pgbackrest-full"),
    ),
    # users
    (
        ("create", "user", "hippo", "--username=alice", "--managed", "--valid-days=5"),
        lambda c: c.users.create("hippo", username="alice", managed=True, valid_days=5),
    ),
    (
        ("show", "user", "--all", "--show-system-accounts"),
        lambda c: c.users.show(all=True, show_system_accounts=True),
    ),
    (
        ("update", "user", "hippo", "--username=alice", "--rotate-password", "--disable-login"),
        lambda c: c.users.update("hippo", username="alice", rotate_password=True, disable_login=True),
    ),
    (
        ("delete", "user", "hippo", "--username=alice", "--no-prompt"),
        lambda c: c.users.delete("hippo", username="alice"),
    ),
    # policies (create: see also the in_file case below)
    (("show", "policy", "pol1", "pol2"), lambda c: c.policies.show("pol1", "pol2")),
    (("delete", "policy", "--all", "--no-prompt"), lambda c: c.policies.delete(all=True)),
    (
        ("apply", "pol1", "--selector=name=hippo", "--dry-run"),
        lambda c: c.policies.apply("pol1", selector="name=hippo", dry_run=True),
    ),
    # pgbouncers
    (
        ("create", "pgbouncer", "hippo", "--replicas=2", "--service-type=NodePort"),
        lambda c: c.pgbouncers.create("hippo", replicas=2, service_type="NodePort"),
    ),
    (("show", "pgbouncer", "hippo"), lambda c: c.pgbouncers.show("hippo")),
    (
        ("update", "pgbouncer", "hippo", "--rotate-password", "--no-prompt"),
        lambda c: c.pgbouncers.update("hippo", rotate_password=True),
    ),
    (
        ("delete", "pgbouncer", "hippo", "--uninstall", "--no-prompt"),
        lambda c: c.pgbouncers.delete("hippo", uninstall=True),
    ),
    # pgadmins
    (("create", "pgadmin", "hippo", "--pvc-size=1Gi"), lambda c: c.pgadmins.create("hippo", pvc_size="1Gi")),
    (("show", "pgadmin", "--selector=env=prod"), lambda c: c.pgadmins.show(selector="env=prod")),
    (("delete", "pgadmin", "hippo", "--no-prompt"), lambda c: c.pgadmins.delete("hippo")),
    # namespaces
    (("create", "namespace", "ns1", "ns2"), lambda c: c.namespaces.create("ns1", "ns2")),
    (("show", "namespace", "--all"), lambda c: c.namespaces.show(all=True)),
    (("update", "namespace", "ns1"), lambda c: c.namespaces.update("ns1")),
    (("delete", "namespace", "ns1", "--no-prompt"), lambda c: c.namespaces.delete("ns1")),
    # pgousers
    (
        (
            "create",
            "pgouser",
            "bob",
            "--pgouser-password=Bob-Pa55",
            "--pgouser-roles=pgoadmin",
            "--all-namespaces",
        ),
        lambda c: c.pgousers.create(
            "bob", pgouser_password="Bob-Pa55", pgouser_roles="pgoadmin", all_namespaces=True
        ),
    ),
    (("show", "pgouser", "--all"), lambda c: c.pgousers.show(all=True)),
    (
        ("update", "pgouser", "bob", "--pgouser-namespaces=pgo,ns1"),
        lambda c: c.pgousers.update("bob", pgouser_namespaces="pgo,ns1"),
    ),
    (("delete", "pgouser", "bob", "--no-prompt"), lambda c: c.pgousers.delete("bob")),
    # pgoroles
    (
        ("create", "pgorole", "viewer", "--permissions=ShowCluster,Version"),
        lambda c: c.pgoroles.create("viewer", permissions="ShowCluster,Version"),
    ),
    (("show", "pgorole", "--all"), lambda c: c.pgoroles.show(all=True)),
    (
        ("update", "pgorole", "viewer", "--permissions=ShowCluster"),
        lambda c: c.pgoroles.update("viewer", permissions="ShowCluster"),
    ),
    (("delete", "pgorole", "viewer", "--no-prompt"), lambda c: c.pgoroles.delete("viewer")),
    # the others
    (
        ("show", "workflow", "0d4f5a2e-1b1c-4f43-8f2e-3f1a2b3c4d5e"),
        lambda c: c.workflows.show("0d4f5a2e-1b1c-4f43-8f2e-3f1a2b3c4d5e"),
    ),
    (("show", "config"), lambda c: c.config.show()),
    (("status",), lambda c: c.status.show()),
    (("show", "pvc", "hippo", "rhino"), lambda c: c.pvcs.show("hippo", "rhino")),
    (("show", "pvc", "--all"), lambda c: c.pvcs.show(all=True)),
    (("version",), lambda c: c.version()),
]

#: An accepted answer of any route: the status both ways pgo writes it; absent keys decode to zero values.
OK = {"Code": "ok", "Msg": "", "Status": {"Code": "ok", "Msg": ""}, "status": {"Code": "ok", "Msg": ""}}


def _answer_everything(mock: responses.RequestsMock) -> None:
    import re

    for method in ("GET", "POST", "PUT", "DELETE"):
        mock.add(method, re.compile(re.escape(URL) + r"/.*"), json=OK)


def _client(namespace: str = "pgo") -> Client:
    env = {
        "PGO_APISERVER_URL": URL,
        "DISABLE_TLS": "true",
        "PGOUSERNAME": "admin",
        "PGOUSERPASS": PGOUSERPASS,
    }
    if namespace:
        env["PGO_NAMESPACE"] = namespace
    return Client.from_environment(env)


def _wire(sent: list[Sent]) -> list[tuple[str, str, Any]]:
    return [(item.method, item.target, item.body) for item in sent]


def _sdk_sent(mock: responses.RequestsMock, call: Call) -> list[tuple[str, str, Any]]:
    before = len(mock.calls)
    call(_client())
    return _wire([_sent(item) for item in list(mock.calls)[before:]])


@pytest.mark.parametrize(("argv", "call"), CASES, ids=[" ".join(argv) for argv, _ in CASES])
def test_the_sdk_sends_what_the_cli_sends(
    argv: tuple[str, ...], call: Call, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _answer_everything(mock_api)
    cli = run_cli(*argv)
    assert cli.code == 0, cli.stderr
    assert cli.sent, "the command sent nothing"
    assert _sdk_sent(mock_api, call) == _wire(cli.sent)


def test_policies_create_from_sql_text_or_a_file_sends_the_cli_request(
    tmp_path: Path, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _answer_everything(mock_api)
    sql_file = tmp_path / "pol1.sql"
    sql_file.write_text(SQL)
    cli = _wire(run_cli("create", "policy", "pol1", f"--in-file={sql_file}").sent)
    assert cli and cli[0][2]["SQL"] == SQL
    assert _sdk_sent(mock_api, lambda c: c.policies.create("pol1", sql=SQL)) == cli
    assert _sdk_sent(mock_api, lambda c: c.policies.create("pol1", in_file=str(sql_file))) == cli


def test_every_command_with_an_sdk_call_has_a_case() -> None:
    covered = {argv[: len(path)] for argv, _ in CASES for path in SDK_CALLS if argv[: len(path)] == path}
    covered.add(("create", "policy"))
    assert sorted(set(SDK_CALLS) - covered) == []


#: Bad input: the command line's ``Error:`` (and ``hint:``) lines, exit 2, nothing sent; the SDK's
#: :class:`UsageError` with the same message, hint and exit code, nothing sent either.
REFUSALS: list[tuple[tuple[str, ...], Call]] = [
    (("scale", "--no-prompt"), lambda c: c.clusters.scale()),
    (
        ("scale", "hippo", "--toleration=zone:Sometimes", "--no-prompt"),
        lambda c: c.clusters.scale("hippo", tolerations=["zone:Sometimes"]),
    ),
    (("restart", "hippo", "rhino", "--no-prompt"), lambda c: c.clusters.restart("hippo", "rhino")),
    (("label", "hippo"), lambda c: c.clusters.label("hippo")),
    (("create", "cluster", "hippo", "--memory=lots"), lambda c: c.clusters.create("hippo", memory="lots")),
    (("show", "cluster"), lambda c: c.clusters.show()),
    (("delete", "cluster", "--no-prompt"), lambda c: c.clusters.delete()),
    (("delete", "backup", "hippo", "--no-prompt"), lambda c: c.backups.delete("hippo")),
    (
        ("create", "schedule", "hippo", "--schedule=* * *", "--schedule-type=pgbackrest"),
        lambda c: c.schedules.create("hippo", schedule="* * *", schedule_type="pgbackrest"),
    ),
    (("create", "user", "hippo"), lambda c: c.users.create("hippo")),
    (("create", "policy", "pol1"), lambda c: c.policies.create("pol1")),
    (("apply", "pol1"), lambda c: c.policies.apply("pol1")),
    (("create", "pgorole", "viewer"), lambda c: c.pgoroles.create("viewer")),
    (("create", "pgouser", "bob"), lambda c: c.pgousers.create("bob")),
    (("show", "pvc"), lambda c: c.pvcs.show()),
    (("show", "namespace"), lambda c: c.namespaces.show()),
]


@pytest.mark.parametrize(("argv", "call"), REFUSALS, ids=[" ".join(argv) for argv, _ in REFUSALS])
def test_the_sdk_refuses_what_the_cli_refuses_with_the_same_message(
    argv: tuple[str, ...], call: Call, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    from pgo_cli.errors import ExitCode, UsageError

    namespace = "" if argv == ("show", "namespace") else "pgo"
    cli = run_cli(*argv, namespace=namespace or None)
    assert (cli.code, cli.sent) == (ExitCode.USAGE, [])
    lines = [line for line in cli.stderr.splitlines() if line.startswith(("Error: ", "hint: "))]
    with pytest.raises(UsageError) as refused:
        call(_client(namespace))
    assert len(mock_api.calls) == 0
    assert refused.value.exit_code == ExitCode.USAGE
    expected = [f"Error: {refused.value.message}"]
    if refused.value.hint:
        expected.append(f"hint: {refused.value.hint}")
    assert lines == expected
