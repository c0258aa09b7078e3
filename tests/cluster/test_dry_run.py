"""``--dry-run``: nothing is sent; the request is printed as a ready-to-run curl command (no
secret in it) or as ``{"method", "url", "body"}``."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.cluster.conftest import PGOUSERPASS, URL, Runner


def _curl_data(command: str) -> str:
    """The --data argument of a printed curl command, as the shell would pass it."""
    lines = [line for line in command.splitlines() if not line.startswith("#")]
    words = shlex.split(" ".join(line.rstrip("\\") for line in lines))
    return words[words.index("--data") + 1]


def test_create_dry_run_prints_curl_and_sends_nothing(pgo: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGO_CA_CERT", "/etc/pgo/ca cert.crt")
    monkeypatch.setenv("PGO_CLIENT_KEY", "/etc/pgo/client.key")
    monkeypatch.delenv("DISABLE_TLS")
    monkeypatch.setenv("PGO_APISERVER_URL", "https://pgo.example:8443")
    outcome = pgo("create", "cluster", "hippo", "--replica-count=2", "--dry-run")
    assert outcome.code == 0, outcome.stderr
    assert outcome.calls == []
    command = outcome.stdout
    assert command.startswith(
        "curl --cacert '/etc/pgo/ca cert.crt' --key /etc/pgo/client.key --cert '/etc/pgo/ca cert.crt' \\\n"
    )
    assert '-u "$PGOUSERNAME:$PGOUSERPASS" -H "Content-Type: application/json"' in command
    assert "-X POST --data '" in command
    assert command.rstrip().endswith("https://pgo.example:8443/clusters")
    body = json.loads(_curl_data(command))
    assert (body["Name"], body["Namespace"], body["ReplicaCount"]) == ("hippo", "pgo", 2)
    assert PGOUSERPASS not in command


def test_passwords_become_shell_variables(pgo: Runner, tmp_path: Path) -> None:
    outcome = pgo("create", "cluster", "hippo", "--password", "Typed-Secret-1", "--dry-run")
    assert outcome.code == 0
    assert "Typed-Secret-1" not in outcome.stdout
    assert "# Password is read from $PGO_CLUSTER_PASSWORD" in outcome.stdout
    data_line = next(line for line in outcome.stdout.splitlines() if "--data" in line)
    argument = data_line.split("--data ", 1)[1].removesuffix("\\").rstrip()
    script = "printf %s " + argument
    expanded = subprocess.run(
        ["sh", "-c", script],
        env={"PGO_CLUSTER_PASSWORD": "from-env"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(expanded)["Password"] == "from-env"


def test_gcs_key_is_read_by_the_command_not_printed(pgo: Runner, tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    key.write_text('{"private_key": "very-secret"}')
    outcome = pgo("create", "cluster", "hippo", f"--pgbackrest-gcs-key={key}", "--dry-run")
    assert outcome.code == 0
    assert "very-secret" not in outcome.stdout
    assert f"base64 < {key}" in outcome.stdout


def test_json_form(pgo: Runner) -> None:
    outcome = pgo("create", "cluster", "hippo", "--password=abc", "--dry-run", "-o", "json")
    document = json.loads(outcome.stdout)
    assert set(document) == {"method", "url", "body"}
    assert (document["method"], document["url"]) == ("POST", f"{URL}/clusters")
    assert document["body"]["Password"] == "********"
    assert len(document["body"]) == 82
    assert outcome.calls == []


def test_delete_dry_run_needs_no_prompt_and_sends_nothing(pgo: Runner) -> None:
    outcome = pgo("delete", "cluster", "a", "b", "--keep-data", "--dry-run", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    assert outcome.calls == []
    documents = json.loads(outcome.stdout)
    assert [doc["body"]["Clustername"] for doc in documents] == ["a", "b"]
    assert documents[0]["url"] == f"{URL}/clustersdelete"
    assert documents[0]["body"]["DeleteData"] is False
    text = pgo("delete", "cluster", "a", "--dry-run").stdout
    assert text.count("curl ") == 1
    assert json.loads(_curl_data(text))["Clustername"] == "a"
    assert "--cacert" not in text  # DISABLE_TLS: plain HTTP, no certificates
