"""End to end: the installed ``pgo`` in a subprocess against a running ``pgo-emulator`` over real
mutual TLS, for every command and output format, and the failure answers of §7."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.emulator import EMULATOR, Emulator
from tests.support.proc import run_pgo


def test_version(emulator: Emulator) -> None:
    result = run_pgo(["version"], emulator.env())
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == "pgo client version 4.7.4\npgo-apiserver version 4.7.4\n"


def test_eval_env_in_a_new_shell(emulator: Emulator, tmp_path: Path) -> None:
    script = (
        f'eval "$({" ".join(EMULATOR)} env --state-dir {emulator.state_dir} --port {emulator.port})"\n'
        "pgo create cluster hippo && pgo show cluster hippo\n"
    )
    bin_dir = str(Path(EMULATOR[0]).parent)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(emulator.home)}
    completed = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert "created cluster: hippo" in completed.stdout
    assert "cluster : hippo (crunchy-postgres-ha:centos8-13.5-4.7.4)" in completed.stdout


def test_create_show_delete_every_format(emulator: Emulator) -> None:
    env = emulator.env()
    created = run_pgo(["create", "cluster", "hippo", "--replica-count", "1", "-o", "pgo"], env)
    assert created.code == 0, created.stderr
    lines = created.stdout.splitlines()
    assert lines[0] == "created cluster: hippo"
    assert lines[1].startswith("workflow id: ") and len(lines[1].split()[-1]) == 36
    assert lines[2:4] == ["database name: hippo", "users:"]
    assert lines[4].startswith("\tusername: testuser password: ")

    text = run_pgo(["show", "cluster", "hippo"], env)  # piped: pgo's text by default
    assert text.code == 0
    out = text.stdout.splitlines()
    assert out[0] == "" and out[1] == "cluster : hippo (crunchy-postgres-ha:centos8-13.5-4.7.4)"
    assert "\tresources : Memory: 128Mi" in out
    assert "\tdeployment : hippo-backrest-shared-repo" in out
    assert any(
        line.startswith("\tservice : hippo-replica - ClusterIP (")
        and line.endswith("Ports (2022/TCP, 5432/TCP)")
        for line in out
    )
    # pgo prints the user labels, then the metadata labels, which initialisation (PatchClusterCRD)
    # gave pgo-version and workflowid
    assert re.fullmatch(
        r"\tlabels : name=hippo pg-cluster=hippo pgo-version=4\.7\.4 pgouser=admin workflowid=[0-9a-f-]{36} ",
        out[-1],
    )
    pods = [line for line in out if line.startswith("\tpod : ")]
    assert len(pods) == 2 and all("(Running)" in pod and "(1/1)" in pod for pod in pods)

    as_json = run_pgo(["show", "cluster", "hippo", "-o", "json"], env)
    document = json.loads(as_json.stdout)
    assert document["Code"] == "ok"
    assert [r["cluster"]["spec"]["name"] for r in document["Results"]] == ["hippo"]
    assert len(document["Results"][0]["Replicas"]) == 1

    names = run_pgo(["show", "cluster", "--all", "-o", "name"], env)
    assert names.stdout == "hippo\n"

    table = run_pgo(["show", "cluster", "hippo", "-o", "table"], {**env, "COLUMNS": "120"})
    assert table.code == 0 and "hippo" in table.stdout and "\t" not in table.stdout

    deleted = run_pgo(["delete", "cluster", "hippo", "--no-prompt"], env)
    assert (deleted.code, deleted.stdout) == (0, "deleted pgcluster hippo\n")
    gone = run_pgo(["show", "cluster", "--all", "-o", "name"], env)
    assert (gone.code, gone.stdout) == (0, "")


def test_show_several_names_and_selector(emulator: Emulator) -> None:
    env = emulator.env()
    for name in ("alpha", "beta", "gamma"):
        assert run_pgo(["create", "cluster", name], env).code == 0
    both = run_pgo(["show", "cluster", "alpha", "gamma", "-o", "name"], env)
    assert both.stdout == "alpha\ngamma\n"
    missing_first = run_pgo(["show", "cluster", "nope", "beta", "-o", "name"], env)
    assert missing_first.stdout == "beta\n"  # pgo stops at the first name without clusters
    selected = run_pgo(["show", "cluster", "-s", "name in (alpha,beta)", "-o", "name"], env)
    assert selected.stdout == "alpha\nbeta\n"
    several_json = json.loads(run_pgo(["show", "cluster", "alpha", "beta", "-o", "json"], env).stdout)
    assert sorted(r["cluster"]["metadata"]["name"] for r in several_json["Results"]) == ["alpha", "beta"]


def test_delete_by_selector_sends_one_request(emulator: Emulator) -> None:
    env = emulator.env()
    for name in ("alpha", "beta"):
        run_pgo(["create", "cluster", name], env)
    result = run_pgo(["delete", "cluster", "-s", "pgouser=admin", "--no-prompt"], env)
    assert result.code == 0
    assert sorted(result.stdout.splitlines()) == ["deleted pgcluster alpha", "deleted pgcluster beta"]


def test_server_side_validation_is_exit_1(emulator: Emulator) -> None:
    result = run_pgo(["create", "cluster", "1abc"], emulator.env())
    assert result.code == 1
    assert result.stderr.startswith("Error: invalid cluster name format a DNS-1035 label must consist")
    assert result.stdout == ""


def test_duplicate_create_is_exit_1(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    again = run_pgo(["create", "cluster", "hippo"], env)
    assert again.code == 1
    assert again.stderr.splitlines()[0] == "Error: pgcluster hippo was found so we will not create it"


def test_wrong_password_is_exit_3(emulator: Emulator) -> None:
    env = emulator.env(PGOUSERNAME="admin", PGOUSERPASS="wrong-password")
    result = run_pgo(["show", "cluster", "--all"], env)
    assert result.code == 3
    assert "Authentication Failed: 401 (Not authenticated in apiserver)" in result.stderr
    assert "wrong-password" not in result.stdout + result.stderr


def test_user_without_permission_is_exit_3(emulator: Emulator) -> None:
    emulator.admin("role", "add", "viewer", "--permissions", "ShowCluster,Version")
    emulator.admin("user", "add", "viewer", "--password", "viewer-pass", "--roles", "viewer")
    env = emulator.env(PGOUSERNAME="viewer", PGOUSERPASS="viewer-pass")
    assert run_pgo(["show", "cluster", "--all"], env).code == 0
    denied = run_pgo(["create", "cluster", "hippo"], env)
    assert denied.code == 3
    assert "Forbidden: 403 (Not authorized for this apiserver action)" in denied.stderr


def test_namespace_not_watched_is_exit_1(emulator: Emulator) -> None:
    result = run_pgo(["show", "cluster", "--all", "-n", "elsewhere"], emulator.env())
    assert result.code == 1
    assert (
        result.stderr.splitlines()[0]
        == "Error: namespace [elsewhere] is not part of the Operator installation"
    )


def test_user_not_allowed_in_namespace_is_exit_1(emulator: Emulator) -> None:
    emulator.admin(
        "user", "add", "bob", "--password", "bob-pass", "--roles", "pgoadmin", "--namespaces", "pgouser1"
    )
    env = emulator.env(PGOUSERNAME="bob", PGOUSERPASS="bob-pass")
    assert run_pgo(["show", "cluster", "--all", "-n", "pgouser1"], env).code == 0
    denied = run_pgo(["show", "cluster", "--all", "-n", "pgo"], env)
    assert denied.code == 1
    assert denied.stderr.splitlines()[0] == "Error: user [bob] is not allowed access to namespace [pgo]"


def test_version_mismatch_is_exit_1_with_hint(make_emulator: Callable[..., Emulator]) -> None:
    emulator = make_emulator("--apiserver-version", "4.6.2")
    result = run_pgo(["show", "cluster", "--all"], emulator.env())
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: pgo client and server version mismatch"
    assert lines[1].startswith("hint: ") and "4.6.2" in lines[1] and "--client-version" in lines[1]
    fixed = run_pgo(["show", "cluster", "--all", "--client-version", "4.6.2"], emulator.env())
    assert fixed.code == 0


def test_a_version_cut_off_by_a_name_gets_its_own_hint(emulator: Emulator) -> None:
    # Go pgo 4.7.4 sends GET /backrest/a?b&c=d?version=4.7.4&… unescaped, as pgo_cli does: the
    # apiserver finds no version and prints pgo's mismatch; the versions are equal, so the hint
    # must not tell the user to pass the version it already sent
    result = run_pgo(["show", "backup", "a?b&c=d", "-n", "pgo"], emulator.env())
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: pgo client and server version mismatch"
    assert lines[1] == (
        "hint: the apiserver is version 4.7.4, the version this client sent, but it did not arrive: "
        "a '?', '&' or '#' in a name cuts pgo's unescaped query"
    )


def test_cluster_survives_sigkill_and_restart(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    emulator.stop(signal.SIGKILL)
    emulator.start()
    result = run_pgo(["show", "cluster", "hippo", "-o", "name"], env)
    assert (result.code, result.stdout) == (0, "hippo\n")


def test_disable_tls_mode(make_emulator: Callable[..., Emulator]) -> None:
    emulator = make_emulator("--disable-tls")
    env = emulator.env()
    env["PGO_APISERVER_URL"] = f"http://127.0.0.1:{emulator.port}"
    result = run_pgo(["version", "--disable-tls"], env)
    assert result.code == 0, result.stderr


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_dry_run_curl_command_runs_as_printed(emulator: Emulator) -> None:
    env = emulator.env()
    printed = run_pgo(["create", "cluster", "hippo", "--dry-run", "--label", "env=test"], env)
    assert printed.code == 0
    curl_env = {**env, "PGOUSERNAME": "admin", "PGOUSERPASS": "examplepassword"}
    # The emulator's certificate names no host: the printed command pins its key instead.
    assert "--insecure --pinnedpubkey sha256//" in printed.stdout
    completed = subprocess.run(
        ["bash", "-c", printed.stdout], env=curl_env, capture_output=True, text=True, timeout=30
    )
    assert completed.returncode == 0, completed.stderr
    answer = json.loads(completed.stdout)
    assert answer["status"]["Code"] == "ok" and answer["result"]["Name"] == "hippo"
    assert run_pgo(["show", "cluster", "hippo", "-o", "name"], env).stdout == "hippo\n"


def test_json_output_holds_data_only_errors_go_to_stderr(emulator: Emulator) -> None:
    env = emulator.env()
    refused = run_pgo(["show", "cluster", "--all", "-o", "json", "-n", "elsewhere"], env)
    assert (refused.code, refused.stdout) == (1, "")
    assert refused.stderr.startswith("Error: namespace [elsewhere] is not part of the Operator installation")

    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    partly = run_pgo(["delete", "cluster", "nope", "hippo", "--no-prompt", "-o", "json"], env)
    assert partly.code == 1
    assert partly.stderr.splitlines()[0] == "Error: no clusters found"
    document = json.loads(partly.stdout)
    assert document["Results"] == ["deleted pgcluster hippo"]
