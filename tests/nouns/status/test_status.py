"""``pgo status``: the GET with pgo's unescaped query, pgo's summary byte for byte, -o json, the emulator."""

from __future__ import annotations

import json

import pytest
import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

ANSWER = {
    "Result": {
        "NumDatabases": 3,
        "NumClaims": 2,
        "VolumeCap": "2Gi",
        "DbTags": {"img/b:2": 1, "img/a:1": 2},
        "NotReady": ["hippo-abc-def"],
        "Nodes": None,
        "Labels": [{"Key": "vendor=crunchydata", "Value": 3}, {"Key": "name=hippo", "Value": 1}],
    },
    "Code": "ok",
    "Msg": "",
}

SUMMARY = (
    "Databases:               3\n"
    "Claims:                  2\n"
    "Total Volume Size:       2Gi       \n"
    "\n"
    "Database Images:\n"
    "                         2\timg/a:1\n"
    "                         1\timg/b:2\n"
    "\n"
    "Databases Not Ready:\n"
    "\thippo-abc-def                 \n"
    "\n"
    "Labels (count > 1): [count] [label]\n"
    "\t[3]\t[vendor=crunchydata]\n"
)


def test_get_with_the_version_and_namespace_unescaped(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.GET, URL + "/status", json=ANSWER)
    outcome = run_cli("status", namespace="a&b")
    assert outcome.code == 0, outcome.stderr
    (sent,) = outcome.sent
    assert (sent.method, sent.target, sent.body) == ("GET", "/status?version=4.7.4&namespace=a&b", None)
    # cmd/pgo/api/status.go sets no Content-Type on this GET (unlike /config and /version)
    assert "Content-Type" not in sent.headers
    assert outcome.stdout == SUMMARY


def test_json_and_server_error(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/status", json=ANSWER)
    assert json.loads(run_cli("status", "-o", "json").stdout) == ANSWER
    mock_api.replace(responses.GET, URL + "/status", json={"Result": {}, "Code": "error", "Msg": "nope"})
    outcome = run_cli("status")
    assert (outcome.code, outcome.stdout, outcome.error_lines()) == (1, "", ["Error: nope"])


def test_bad_output_format_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("status", "-o", "xml")
    assert outcome.code == 2 and outcome.sent == []


def test_against_the_emulator(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", "--replica-count", "1"], env).code == 0
    result = run_pgo(["status"], env)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    # primary, replica and the pgBackRest repository: three deployments labelled pg-cluster
    assert lines[0] == "Databases:               3"
    assert lines[1].startswith("Claims:") and int(lines[1].split()[-1]) >= 3
    assert "\t[3]\t[pg-cluster=hippo]" in lines
    document = json.loads(run_pgo(["status", "-o", "json"], env).stdout)
    assert document["Code"] == "ok" and document["Result"]["NumDatabases"] == 3
    assert document["Result"]["NotReady"] == []


def test_terminal_table_shows_sizes_for_people(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the real apiserver sums the PVCs into a BinarySI quantity: 4,000,000,000 bytes is 3906250Ki
    answer = json.loads(json.dumps(ANSWER))
    answer["Result"]["VolumeCap"] = "3906250Ki"
    answer["Result"]["NotReady"] = ["hippo-abc-def", "rhino-xyz-0"]
    answer["Result"]["DbTags"] = {
        "registry.example.com/crunchydata/crunchy-postgres-ha:centos8-13.5-4.7.4": 2
    }
    monkeypatch.setenv("COLUMNS", "60")
    mock_api.add(responses.GET, URL + "/status?version=4.7.4&namespace=pgo", json=answer)
    table = run_cli("status", "-o", "table").stdout
    assert "3.7Gi" in table and "3906250Ki" not in table
    assert table.splitlines()[0].split() == ["DATABASES", "CLAIMS", "VOLUME", "SIZE", "NOT", "READY"]
    stripped = [line.rstrip() for line in table.splitlines()]
    assert stripped[2].endswith("hippo-abc-def") and stripped[3].strip() == "rhino-xyz-0"  # one per line
    assert "crunchy-postgres-ha:centos8-13.5-4.7.4   2" in table  # the registry gives way at 60
    assert "(hidden at 60 columns: REGISTRY; -o wide keeps it)" in table
    assert all(len(line) <= 60 for line in table.splitlines())
    wide = run_cli("status", "-o", "wide").stdout
    assert "registry.example.com/crunchydata" in wide and "hidden" not in wide
    # piped, pgo's text keeps the server's quantity as it came
    assert "Total Volume Size:       3906250Ki \n" in run_cli("status").stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("3906250Ki", "3.7Gi"),
        ("47949672960", "44.7Gi"),
        ("1Gi", "1Gi"),
        ("1536Mi", "1.5Gi"),
        ("150Gi", "150Gi"),
        ("512", "512"),
        ("0", "0"),
        ("error", "error"),
    ],
)
def test_quantities_for_people(text: str, shown: str) -> None:
    from pgo_cli.k8s import human_quantity

    assert human_quantity(text) == shown
