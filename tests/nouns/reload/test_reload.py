"""``pgo reload``: the request per flag, partial failures, the empty answer, and the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from tests.nouns.scale.emu import Emu
from tests.support.registry import URL, Runner


@pytest.mark.parametrize(
    ("args", "body"),
    [
        (["hippo"], [("Namespace", "pgo"), ("Args", ["hippo"]), ("Selector", "")]),
        (["hippo", "pgo2"], [("Namespace", "pgo"), ("Args", ["hippo", "pgo2"]), ("Selector", "")]),
        # No ClientVersion in ReloadRequest; cobra's empty args are [] on the wire.
        (["--selector", "env=prod"], [("Namespace", "pgo"), ("Args", []), ("Selector", "env=prod")]),
        (["-s", "env=prod"], [("Namespace", "pgo"), ("Args", []), ("Selector", "env=prod")]),
    ],
)
def test_payload_per_flag(
    run_cli: Runner, mock_api: responses.RequestsMock, args: list[str], body: list[tuple[str, Any]]
) -> None:
    answer = {"Results": ["reload performed on hippo"], "Code": "ok", "Msg": ""}
    mock_api.add(responses.POST, URL + "/reload", json=answer)
    outcome = run_cli("reload", "--no-prompt", *args)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/reload")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == body
    assert outcome.stdout == "reload performed on hippo\n"


def test_partial_failure_prints_every_message_and_the_results(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    answer = {
        "Results": ["reload performed on hippo"],
        "Code": "error",
        "Msg": "a was not found, verify cluster name\nb was not found, verify cluster name",
    }
    mock_api.add(responses.POST, URL + "/reload", json=answer)
    outcome = run_cli("reload", "a", "hippo", "b", "--no-prompt")
    assert outcome.code == 1
    assert outcome.stdout == "reload performed on hippo\n"
    assert outcome.error_lines() == [
        "Error: a was not found, verify cluster name",
        "Error: b was not found, verify cluster name",
    ]


def test_an_empty_first_message_is_not_written_twice(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    # A failed exec with an empty stderr is an empty message: Msg starts with the joining "\n".
    answer = {"Results": None, "Code": "error", "Msg": "\nb was not found, verify cluster name"}
    mock_api.add(responses.POST, URL + "/reload", json=answer)
    outcome = run_cli("reload", "a", "b", "--no-prompt")
    assert outcome.code == 1 and outcome.stdout == ""
    assert outcome.stderr.splitlines() == ["Error: b was not found, verify cluster name"]


def test_empty_answer_prints_no_clusters_found(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/reload", json={"Results": None, "Code": "ok", "Msg": ""})
    outcome = run_cli("reload", "hippo", "--no-prompt")
    assert outcome.code == 0 and outcome.stdout == "No clusters found.\n"


def test_client_checks(run_cli: Runner) -> None:
    outcome = run_cli("reload", "--no-prompt")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines() == [
        "Error: You must specify the cluster to reload or specify a selector flag."
    ]
    refused = run_cli("reload", "hippo")
    assert refused.code == 2 and refused.sent == []


def test_json(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = {"Results": ["reload performed on hippo"], "Code": "ok", "Msg": ""}
    mock_api.add(responses.POST, URL + "/reload", json=answer)
    assert json.loads(run_cli("reload", "hippo", "--no-prompt", "-o", "json").stdout) == answer


# ------------------------------------------------------------------------------------- emulator


def test_emulator_messages_in_order(emu: Emu) -> None:
    assert (
        emu.reload("hippo", ns="nowhere")["Msg"]
        == "namespace [nowhere] is not part of the Operator installation"
    )
    assert emu.reload(selector="env=prod") == {
        "Results": ["no clusters found with that selector"],
        "Code": "ok",
        "Msg": "",
    }
    emu.create("hippo")
    emu.create("old")
    emu.edit("old", lambda doc: doc["cluster"]["metadata"]["annotations"].update({"is-upgraded": "false"}))
    upgrade = "old  has not yet been upgraded. Please upgrade the cluster before running this Postgres Operator command."
    assert emu.reload("nosuch", "hippo", "old") == {
        "Results": ["reload performed on hippo"],
        "Code": "error",
        "Msg": "nosuch was not found, verify cluster name\n" + upgrade,
    }
    assert emu.reload("hippo") == {"Results": ["reload performed on hippo"], "Code": "ok", "Msg": ""}


def test_emulator_selector_is_ignored_and_reloads_every_cluster(emu: Emu) -> None:
    emu.create("hippo", UserLabels={"env": "prod"})
    emu.create("pgo2")
    assert emu.reload(selector="env=prod")["Results"] == [
        "reload performed on hippo",
        "reload performed on pgo2",
    ]
    assert all("reloaded_at" in pod for pod in emu.doc("pgo2")["pods"])
