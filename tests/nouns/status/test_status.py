"""``pgo status``: the GET with pgo's unescaped query, pgo's summary byte for byte, -o json, the emulator."""

from __future__ import annotations

import json

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
    assert outcome.stdout == SUMMARY


def test_json_and_server_error(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/status", json=ANSWER)
    assert json.loads(run_cli("status", "-o", "json").stdout) == ANSWER
    mock_api.replace(responses.GET, URL + "/status", json={"Result": {}, "Code": "error", "Msg": "nope"})
    outcome = run_cli("status")
    assert (outcome.code, outcome.stdout, outcome.error_lines()) == (1, "", ["Error: nope"])


def test_bad_output_format_sends_nothing(run_cli: Runner) -> None:
    outcome = run_cli("status", "-o", "yaml")
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
