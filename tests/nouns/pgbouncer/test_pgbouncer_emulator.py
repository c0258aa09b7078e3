"""pgBouncer end to end: the installed ``pgo`` against a running emulator over mTLS. The emulator's
checks answer with the Go messages in the Go order, and its state (the Pgcluster's
``spec.pgBouncer``, the Deployment, Service and password Secret) is what ``show`` reads back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pgo_cli.emulator import state
from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo

UPGRADE = (
    " has not yet been upgraded. Please upgrade the cluster before running this Postgres Operator command."
)


@pytest.fixture
def pgo(emulator: Emulator) -> Callable[..., Result]:
    env = emulator.env()

    def invoke(*args: str) -> Result:
        return run_pgo(list(args), env)

    return invoke


@pytest.fixture
def db(emulator: Emulator) -> Iterator[state.State]:
    """The emulator's own state (to look at, or to make a cluster standby, not upgraded …)."""
    st = state.State(emulator.state_dir)
    yield st
    st.close()


def cluster_doc(db: state.State, name: str) -> dict[str, Any]:
    with db.read() as conn:
        row = state.get_cluster(conn, "pgo", name)
    assert row is not None
    return row.doc


def edit_cluster(db: state.State, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    with db.write() as conn:
        row = state.get_cluster(conn, "pgo", name)
        assert row is not None
        change(row.doc)
        state.update_cluster_doc(conn, "pgo", name, row.doc)


def add_label(db: state.State, name: str, key: str, value: str) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["cluster"]["metadata"]["labels"][key] = value

    edit_cluster(db, name, change)


def bouncer_secret(db: state.State, name: str) -> dict[str, Any] | None:
    with db.read() as conn:
        return state.get_secret(conn, "pgo", f"{name}-pgbouncer-secret")


def show(pgo: Callable[..., Result], *names: str) -> list[dict[str, Any]]:
    result = pgo("show", "pgbouncer", *names, "-o", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["Code"] == "ok"
    results: list[dict[str, Any]] = document["Results"]
    return results


def test_create_show_update_delete(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    [before] = show(pgo, "hippo")
    assert before == {
        "ClusterName": "hippo",
        "HasPgBouncer": False,
        "Password": "",
        "ServiceClusterIP": "",
        "ServiceExternalIP": "",
        "ServiceName": "",
        "Username": "",
    }

    created = pgo(
        "create",
        "pgbouncer",
        "hippo",
        "--replicas",
        "2",
        "--cpu",
        "0.1",
        "--memory",
        "64Mi",
        "--service-type",
        "NodePort",
    )
    assert (created.code, created.stdout) == (0, "hippo pgbouncer added\n"), created.stderr
    spec = cluster_doc(db, "hippo")["cluster"]["spec"]["pgBouncer"]
    assert spec["replicas"] == 2
    assert spec["resources"] == {"cpu": "100m", "memory": "64Mi"}
    assert spec["limits"] == {}
    assert spec["serviceType"] == "NodePort"

    [shown] = show(pgo, "hippo")
    secret = bouncer_secret(db, "hippo")
    assert secret is not None
    assert shown["HasPgBouncer"] is True
    assert shown["Username"] == "pgbouncer"
    assert shown["ServiceName"] == "hippo-pgbouncer"
    assert shown["ServiceClusterIP"].startswith("10.96.")
    assert shown["Password"] == secret["password"] and len(shown["Password"]) == 24

    cluster = json.loads(pgo("show", "cluster", "hippo", "-o", "json").stdout)["Results"][0]
    assert "hippo-pgbouncer" in [d["Name"] for d in cluster["Deployments"]]
    [service] = [s for s in cluster["Services"] if s["Name"] == "hippo-pgbouncer"]
    assert service["Pgbouncer"] is True and service["ClusterIP"] == shown["ServiceClusterIP"]

    text = pgo("show", "pgbouncer", "hippo").stdout.splitlines()
    assert text[0] == ""
    assert text[1].split() == [
        "CLUSTER",
        "SERVICE",
        "USERNAME",
        "PASSWORD",
        "CLUSTER",
        "IP",
        "EXTERNAL",
        "IP",
    ]
    assert text[3].split() == [
        "hippo",
        "hippo-pgbouncer",
        "pgbouncer",
        shown["Password"],
        shown["ServiceClusterIP"],
    ]

    rotated = pgo("update", "pgbouncer", "hippo", "--rotate-password", "--no-prompt")
    assert rotated.code == 0, rotated.stderr
    assert rotated.stdout.splitlines()[3].split() == ["hippo", "ok"]
    [after] = show(pgo, "hippo")
    assert after["Password"] != shown["Password"] and len(after["Password"]) == 24

    resized = pgo("update", "pgbouncer", "hippo", "--replicas", "3", "--cpu-limit", "1", "--no-prompt")
    assert resized.code == 0, resized.stderr
    spec = cluster_doc(db, "hippo")["cluster"]["spec"]["pgBouncer"]
    assert (spec["replicas"], spec["resources"], spec["limits"]) == (
        3,
        {"cpu": "100m", "memory": "64Mi"},
        {"cpu": "1"},
    )

    deleted = pgo("delete", "pgbouncer", "hippo", "--no-prompt")
    assert (deleted.code, deleted.stdout) == (0, "hippo pgbouncer deleted\n")
    assert show(pgo, "hippo")[0]["HasPgBouncer"] is False
    assert bouncer_secret(db, "hippo") is None
    doc = cluster_doc(db, "hippo")
    assert "hippo-pgbouncer" not in doc["deployments"]
    assert "hippo-pgbouncer" not in [s["name"] for s in doc["services"]]
    assert doc["cluster"]["spec"]["pgBouncer"]["resources"] == {}
    # deleting again still reports success, as pgo does
    assert pgo("delete", "pgbouncer", "hippo", "--no-prompt").stdout == "hippo pgbouncer deleted\n"

    assert pgo("create", "pgbouncer", "hippo").code == 0
    spec = cluster_doc(db, "hippo")["cluster"]["spec"]["pgBouncer"]
    assert (spec["replicas"], spec["resources"]) == (1, {"memory": "24Mi"})
    assert show(pgo, "hippo")[0]["Password"] not in ("", shown["Password"], after["Password"])


def test_cluster_created_with_pgbouncer_and_load_balancer(
    pgo: Callable[..., Result], db: state.State
) -> None:
    assert pgo("create", "cluster", "zebra", "--pgbouncer").code == 0
    [shown] = show(pgo, "zebra")
    assert shown["HasPgBouncer"] is True and shown["Password"]
    assert bouncer_secret(db, "zebra") is not None
    assert pgo("update", "pgbouncer", "zebra", "--service-type", "LoadBalancer", "--no-prompt").code == 0
    [balanced] = show(pgo, "zebra")
    assert balanced["ServiceExternalIP"].startswith("203.0.113.")
    assert balanced["Password"] == shown["Password"]


def test_server_checks_in_go_order(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    cases = [
        (
            ("create", "pgbouncer", "hippo", "--memory-limit", "16Mi"),
            'limit "16Mi" is lower than the request "24Mi"',
        ),
        (
            ("create", "pgbouncer", "hippo", "--cpu", "2", "--cpu-limit", "1"),
            'limit "1" is lower than the request "2"',
        ),
        (("create", "pgbouncer", "nosuch"), 'pgclusters.crunchydata.com "nosuch" not found'),
        (("create", "pgbouncer", "-s", "env=none"), "no clusters found"),
        (("create", "pgbouncer", "hippo", "--service-type", "Bad"), 'invalid service type "Bad"'),
        (
            ("create", "pgbouncer", "hippo", "--tls-secret", "bouncer-tls"),
            "hippo: both TLS secret and CA secret must be set on the cluster in order to enable TLS for pgBouncer",
        ),
        (("show", "pgbouncer", "-s", "env in (a"), None),
        (
            ("update", "pgbouncer", "hippo", "--memory", "64Mi", "--memory-limit", "32Mi", "--no-prompt"),
            'limit "32Mi" is lower than the request "64Mi"',
        ),
        (("update", "pgbouncer", "-s", "env=none", "--no-prompt"), "no clusters found"),
        (("delete", "pgbouncer", "nosuch", "--no-prompt"), 'pgclusters.crunchydata.com "nosuch" not found'),
    ]
    for args, message in cases:
        result = pgo(*args)
        assert result.code == 1, (args, result.stderr)
        assert result.stdout == "", args
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, (args, result.stderr)
        if message is not None:
            assert errors == [f"Error: {message}"], args
    # update accepts the limit under the default: it compares with no default
    assert pgo("update", "pgbouncer", "hippo", "--memory-limit", "16Mi", "--no-prompt").code == 0
    # none of the refused creates changed the cluster
    assert cluster_doc(db, "hippo")["cluster"]["spec"]["pgBouncer"]["replicas"] == 0


def test_tls_secrets_must_exist(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0

    def tls(doc: dict[str, Any]) -> None:
        doc["cluster"]["spec"]["tls"] = {
            "caSecret": "hippo-ca",
            "replicationTLSSecret": "",
            "tlsSecret": "hippo-tls",
        }

    edit_cluster(db, "hippo", tls)
    missing = pgo("create", "pgbouncer", "hippo", "--tls-secret", "bouncer-tls")
    assert (
        missing.stderr.splitlines()[0]
        == 'Error: hippo: cannot find TLS secret for cluster: secrets "hippo-tls" not found'
    )
    with db.write() as conn:
        state.put_secret(conn, "pgo", "hippo-tls", "hippo", {"kind": "tls"})
    missing = pgo("create", "pgbouncer", "hippo", "--tls-secret", "bouncer-tls")
    assert (
        missing.stderr.splitlines()[0]
        == 'Error: hippo: cannot find CA secret for cluster: secrets "hippo-ca" not found'
    )
    with db.write() as conn:
        state.put_secret(conn, "pgo", "hippo-ca", "hippo", {"kind": "tls"})
    added = pgo("create", "pgbouncer", "hippo", "--tls-secret", "bouncer-tls")
    assert added.code == 0, added.stderr
    assert cluster_doc(db, "hippo")["cluster"]["spec"]["pgBouncer"]["tlsSecret"] == "bouncer-tls"


def test_not_upgraded_cluster_stops_the_loop_after_earlier_ones(
    pgo: Callable[..., Result], db: state.State
) -> None:
    for name in ("alpha", "beta"):
        assert pgo("create", "cluster", name).code == 0

    def not_upgraded(doc: dict[str, Any]) -> None:
        doc["cluster"]["metadata"]["annotations"]["is-upgraded"] = "false"

    edit_cluster(db, "beta", not_upgraded)
    result = pgo("create", "pgbouncer", "alpha", "beta")
    assert result.code == 1
    assert result.stderr.splitlines()[0] == "Error: beta" + UPGRADE
    assert result.stdout == "alpha pgbouncer added\n"
    assert cluster_doc(db, "alpha")["cluster"]["spec"]["pgBouncer"]["replicas"] == 1
    assert cluster_doc(db, "beta")["cluster"]["spec"]["pgBouncer"]["replicas"] == 0
    # update and delete have no upgrade check
    assert pgo("delete", "pgbouncer", "beta", "--no-prompt").stdout == "beta pgbouncer deleted\n"


def test_standby_clusters(pgo: Callable[..., Result], db: state.State) -> None:
    for name in ("alpha", "beta"):
        assert pgo("create", "cluster", name, "--pgbouncer").code == 0
        add_label(db, name, "env", "prod")

    def standby(doc: dict[str, Any]) -> None:
        doc["cluster"]["spec"]["standby"] = True

    edit_cluster(db, "alpha", standby)
    edit_cluster(db, "beta", standby)
    update = pgo("update", "pgbouncer", "-s", "env=prod", "--rotate-password", "--no-prompt")
    assert update.code == 1
    assert update.stderr.splitlines()[0] == (
        "Error: Request rejected, unable to update pgbouncer for clusters alpha,beta: "
        "Action not permitted because standby mode is enabled."
    )
    uninstall = pgo("delete", "pgbouncer", "alpha", "--uninstall", "--no-prompt")
    assert uninstall.stderr.splitlines()[0] == (
        "Error: Request rejected, unable to delete pgbouncer using the 'uninstall' parameter for clusters alpha: "
        "Action not permitted because standby mode is enabled."
    )
    assert show(pgo, "alpha")[0]["HasPgBouncer"] is True
    assert pgo("delete", "pgbouncer", "alpha", "--no-prompt").stdout == "alpha pgbouncer deleted\n"


def test_selector_and_names_together_repeat_a_cluster(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    add_label(db, "hippo", "env", "prod")
    assert pgo("create", "cluster", "rhino").code == 0
    result = pgo("create", "pgbouncer", "hippo", "-s", "env=prod")
    assert result.stdout == "hippo pgbouncer added\nhippo pgbouncer added\n"
    update = pgo("update", "pgbouncer", "rhino", "hippo", "--no-prompt")
    rows = [line.split() for line in update.stdout.splitlines()[3:]]
    assert rows == [["rhino", "ok"], ["hippo", "ok"]]
    assert [r["HasPgBouncer"] for r in show(pgo, "rhino", "hippo")] == [False, True]
