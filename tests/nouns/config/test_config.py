"""``show config``: the GET pgo sends, yaml.v2's output rules, and the emulator's pgo.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from pgo_cli.nouns.config.goyaml import dumps, key_less, resolves_to_string
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

GOLDEN = Path(__file__).with_name("show_config.golden")


def test_get_with_concatenated_query_and_content_type(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    answer = {"Result": {"Port": "5432", "BackrestPort": 2022, "Audit": False}, "Code": "ok", "Msg": ""}
    mock_api.add(responses.GET, URL + "/config", json=answer)
    outcome = run_cli("show", "config", namespace="ns-1")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target, s.body) for s in outcome.sent] == [
        ("GET", "/config?version=4.7.4&namespace=ns-1", None)
    ]
    assert outcome.sent[0].headers["Content-Type"] == "application/json"
    assert outcome.stdout == 'Audit: false\nBackrestPort: 2022\nPort: "5432"\n\n'


def test_refusal_and_json(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.GET, URL + "/config", json={"Result": None, "Code": "error", "Msg": "boom"})
    outcome = run_cli("show", "config")
    assert (outcome.code, outcome.error_lines(), outcome.stdout) == (1, ["Error: boom"], "")
    answer = {"Result": {"A": 1}, "Code": "ok", "Msg": ""}
    mock_api.replace(responses.GET, URL + "/config", json=answer)
    assert json.loads(run_cli("show", "config", "-o", "json").stdout) == answer


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("", '""'),
        ("true", '"true"'),
        ("y", '"y"'),
        ("off", '"off"'),
        ("5432", '"5432"'),
        ("0x1F", '"0x1F"'),
        ("1_000", '"1_000"'),
        ("1e3", '"1e3"'),
        (".5", '".5"'),
        ("2021-01-01", '"2021-01-01"'),
        ("1:20", '"1:20"'),
        ("null", '"null"'),
        ("128Mi", "128Mi"),
        ("centos8-13.5-4.7.4", "centos8-13.5-4.7.4"),
        ("crunchyzone=red", "crunchyzone=red"),
        ("a: b", "'a: b'"),
        ("#x", "'#x'"),
        ("*", "'*'"),
        ("- x", "'- x'"),
        ("it's", "it's"),
        ("x #y", "'x #y'"),
        (" lead", "' lead'"),
    ],
)
def test_string_quoting_follows_yaml_v2(value: str, text: str) -> None:
    assert dumps({"k": value}) == f"k: {text}\n"


def test_resolution_of_plain_strings() -> None:
    assert resolves_to_string("ClusterIP") and resolves_to_string("1G")
    assert not resolves_to_string("-12") and not resolves_to_string("+1.5")


def test_key_order_is_yaml_v2_natural_order() -> None:
    keys = {"a10": 1, "a2": 2, "B": 3, "a": 4, "_x": 5, "PGAdmin": 6, "Pgo": 7}
    assert [line.split(":")[0] for line in dumps(keys).splitlines()] == [
        "_x",
        "B",
        "PGAdmin",
        "Pgo",
        "a",
        "a2",
        "a10",
    ]
    assert key_less("a2", "a10") and not key_less("a10", "a2")


def test_nesting_empty_collections_and_literal_strings() -> None:
    value = {"m": {"x": None, "e": {}, "l": [], "s": ["a", {"k": True}]}, "sql": "one\ntwo\n", "raw": "a\nb"}
    assert dumps(value) == (
        "m:\n  e: {}\n  l: []\n  s:\n  - a\n  - k: true\n  x: null\nraw: |-\n  a\n  b\nsql: |\n  one\n  two\n"
    )


def test_the_emulator_answers_the_installers_pgo_yaml(emulator: Emulator) -> None:
    env = emulator.env()
    result = run_pgo(["show", "config"], env)
    assert result.code == 0, result.stderr
    assert result.stdout == GOLDEN.read_text()
    document = json.loads(run_pgo(["show", "config", "-o", "json"], env).stdout)
    assert list(document) == ["Result", "Code", "Msg"]
    assert list(document["Result"]) == [
        "BasicAuth",
        "Cluster",
        "Pgo",
        "PrimaryStorage",
        "WALStorage",
        "BackupStorage",
        "ReplicaStorage",
        "BackrestStorage",
        "PGAdminStorage",
        "Storage",
        "OpenShift",
    ]
    assert document["Result"]["Cluster"]["BackrestPort"] == 2022
    assert document["Result"]["Cluster"]["DefaultInstanceMemory"] == "128Mi"
    bad = run_pgo(["show", "config", "-n", "nosuch"], env)
    assert bad.code == 1 and bad.stderr.startswith(
        "Error: namespace [nosuch] is not part of the Operator installation"
    )
