"""pgAdmin end to end: the installed ``pgo`` against a running emulator over mTLS, with the state the
operator would leave (label ``crunchy-pgadmin``, Service, Deployment, PVC) checked after each step."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pgo_cli.emulator import state
from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo


@pytest.fixture
def pgo(emulator: Emulator) -> Callable[..., Result]:
    env = emulator.env()

    def invoke(*args: str) -> Result:
        return run_pgo(list(args), env)

    return invoke


@pytest.fixture
def db(emulator: Emulator) -> Iterator[state.State]:
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


def show(pgo: Callable[..., Result], *names: str) -> dict[str, Any]:
    result = pgo("show", "pgadmin", *names, "-o", "json")
    assert result.code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)  # the whole of stdout parses
    return document


def test_create_show_delete(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    assert pgo("create", "cluster", "rhino").code == 0
    created = pgo("create", "pgadmin", "hippo", "--pvc-size", "2Gi")
    assert (created.code, created.stdout) == (0, "hippo pgAdmin addition scheduled\n"), created.stderr

    doc = cluster_doc(db, "hippo")
    assert doc["cluster"]["metadata"]["labels"]["crunchy-pgadmin"] == "true"
    assert "hippo-pgadmin" in doc["deployments"]
    with db.read() as conn:
        assert state.pvc_capacity(conn, "pgo", "hippo-pgadmin") == "2Gi"

    document = show(pgo, "hippo", "rhino")
    assert document["Code"] == "ok"
    hippo, rhino = document["Results"]
    service = next(s for s in doc["services"] if s["name"] == "hippo-pgadmin")
    assert hippo == {
        "ClusterName": "hippo",
        "HasPgAdmin": True,
        "ServiceClusterIP": service["ip"],
        "ServiceExternalIP": "",
        "ServiceName": "hippo-pgadmin",
        "Users": ["testuser"],
    }
    assert rhino["HasPgAdmin"] is False and rhino["Users"] is None

    text = pgo("show", "pgadmin", "hippo").stdout.splitlines()
    assert text[:2] == ["outputting text", ""]
    assert text[2].split() == ["CLUSTER", "SERVICE", "CLUSTER", "IP", "EXTERNAL", "IP"]
    assert text[4].split() == ["hippo", "hippo-pgadmin", service["ip"]]

    cluster = json.loads(pgo("show", "cluster", "hippo", "-o", "json").stdout)["Results"][0]
    [listed] = [s for s in cluster["Services"] if s["Name"] == "hippo-pgadmin"]
    assert listed["PGAdmin"] is True

    deleted = pgo("delete", "pgadmin", "hippo", "--no-prompt")
    assert (deleted.code, deleted.stdout) == (0, "hippo pgAdmin delete scheduled\n")
    doc = cluster_doc(db, "hippo")
    assert doc["cluster"]["metadata"]["labels"]["crunchy-pgadmin"] == "false"
    assert "hippo-pgadmin" not in doc["deployments"]
    assert "hippo-pgadmin" not in [s["name"] for s in doc["services"]]
    with db.read() as conn:
        assert state.pvc_capacity(conn, "pgo", "hippo-pgadmin") is None
    assert show(pgo, "hippo")["Results"][0]["HasPgAdmin"] is False
    # a cluster without pgAdmin is "deleted" all the same
    assert pgo("delete", "pgadmin", "rhino", "--no-prompt").stdout == "rhino pgAdmin delete scheduled\n"


def test_storage_checks(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    bad_config = pgo("create", "pgadmin", "hippo", "--storage-config", "nosuch")
    assert bad_config.code == 1
    assert bad_config.stderr.splitlines()[0] == 'Error: "nosuch" storage config provided invalid'
    bad_size = pgo("create", "pgadmin", "hippo", "--pvc-size", "big")
    assert bad_size.stderr.splitlines()[0] == (
        'Error: could not parse PVC size "big": quantities must match the regular expression '
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (hint: try a value like \"1Gi\")"
    )
    assert "crunchy-pgadmin" not in cluster_doc(db, "hippo")["cluster"]["metadata"]["labels"]
    assert pgo("create", "pgadmin", "hippo", "--storage-config", "gce").code == 0
    with db.read() as conn:
        assert state.pvc_capacity(conn, "pgo", "hippo-pgadmin") == "300M"


def test_adding_twice_leaves_a_task_that_refuses_the_third(pgo: Callable[..., Result]) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    assert pgo("create", "pgadmin", "hippo").code == 0
    assert pgo("create", "pgadmin", "hippo").stdout == "hippo pgAdmin addition scheduled\n"
    third = pgo("create", "pgadmin", "hippo")
    assert third.code == 1
    assert third.stderr.splitlines()[0] == "Error: error creating tasks for one or more clusters"
    assert third.stdout == 'hippo: error - pgtasks.crunchydata.com "pgadmin-add-hippo" already exists\n'
    # a new cluster of the same name starts without the old task
    assert pgo("delete", "cluster", "hippo", "--no-prompt").code == 0
    assert pgo("create", "cluster", "hippo").code == 0
    assert pgo("create", "pgadmin", "hippo").code == 0


def test_selection_errors(pgo: Callable[..., Result]) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    for args, message in [
        (("create", "pgadmin", "nosuch"), 'pgclusters.crunchydata.com "nosuch" not found'),
        (("show", "pgadmin", "-s", "env=none"), "no clusters found"),
        (
            ("delete", "pgadmin", "hippo", "nosuch", "--no-prompt"),
            'pgclusters.crunchydata.com "nosuch" not found',
        ),
    ]:
        result = pgo(*args)
        assert result.code == 1, args
        assert result.stderr.splitlines()[0] == f"Error: {message}"


def test_show_fails_whole_when_a_service_is_missing(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0

    def labelled_only(doc: dict[str, Any]) -> None:
        doc["cluster"]["metadata"]["labels"]["crunchy-pgadmin"] = "true"

    edit_cluster(db, "hippo", labelled_only)
    result = pgo("show", "pgadmin", "hippo")
    assert result.code == 1
    assert result.stderr.splitlines()[0] == 'Error: services "hippo-pgadmin" not found'
    assert result.stdout == "outputting text\n"


def test_users_without_secrets_are_one_empty_name(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0
    with db.write() as conn:
        state.delete_secret(conn, "pgo", "hippo-testuser-secret")
    assert pgo("create", "pgadmin", "hippo").code == 0
    assert show(pgo, "hippo")["Results"][0]["Users"] == [""]


def test_not_upgraded(pgo: Callable[..., Result], db: state.State) -> None:
    assert pgo("create", "cluster", "hippo").code == 0

    def not_upgraded(doc: dict[str, Any]) -> None:
        doc["cluster"]["metadata"]["annotations"]["is-upgraded"] = "false"

    edit_cluster(db, "hippo", not_upgraded)
    for verb in (("create", "pgadmin", "hippo"), ("delete", "pgadmin", "hippo", "--no-prompt")):
        result = pgo(*verb)
        assert result.code == 1
        assert result.stderr.splitlines()[0] == (
            "Error: hippo has not yet been upgraded. Please upgrade the cluster before running this Postgres "
            "Operator command."
        )
