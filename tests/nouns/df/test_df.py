"""``df``: one request per name, pgo's table byte for byte (units, rounding, order), the emulator's PVC use."""

from __future__ import annotations

import json
import math

import pytest
import responses

from pgo_cli.nouns.df.commands import go_f0, go_round, human, utilization
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, PlanRunner, Runner

ANSWER = {
    "Results": [
        {
            "InstanceName": "hippo-abcd",
            "PodName": "hippo-abcd-5d-x1",
            "PVCType": 0,
            "PVCName": "hippo-abcd",
            "PVCUsed": 52428800,
            "PVCCapacity": 1073741824,
        },
        {
            "InstanceName": "hippo",
            "PodName": "hippo-7f-zz9",
            "PVCType": 3,
            "PVCName": "hippo-wal",
            "PVCUsed": 900,
            "PVCCapacity": 1000000000,
        },
        {
            "InstanceName": "hippo",
            "PodName": "hippo-7f-zz9",
            "PVCType": 0,
            "PVCName": "hippo",
            "PVCUsed": 850000000,
            "PVCCapacity": 1000000000,
        },
    ],
    "Code": "ok",
    "Msg": "",
}

PGO_TEXT = (
    "\n"
    "PVC        INSTANCE   POD              TYPE        USED      CAPACITY  % USED\n"
    "---------- ---------- ---------------- ----------- --------- --------- ------\n"
    "hippo-wal  hippo      hippo-7f-zz9     wal         900B      954MiB    0%\n"
    "hippo      hippo      hippo-7f-zz9     data        811MiB    954MiB    85%\n"
    "hippo-abcd hippo-abcd hippo-abcd-5d-x1 data        50MiB     1GiB      5%\n"
)


def test_one_request_per_name_with_a_name_selector(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/df", json=ANSWER)
    outcome = run_cli("df", "hippo", "zebra", "--all")
    assert outcome.code == 0, outcome.stderr
    assert [list(s.body.items()) for s in outcome.sent] == [
        [("ClientVersion", "4.7.4"), ("Namespace", "pgo"), ("Selector", f"name={name}")]
        for name in ("hippo", "zebra")
    ]
    assert outcome.stdout == PGO_TEXT * 2


def test_all_sends_star_and_selector_is_sent_as_is(plan_for: PlanRunner) -> None:
    _, plan, _ = plan_for("df", "--all")
    assert plan is not None and [c.request.selector for c in plan.calls] == ["*"]
    _, plan, _ = plan_for("df", "-s", "env=prod")
    assert plan is not None and [c.request.selector for c in plan.calls] == ["env=prod"]
    code, plan, err = plan_for("df")
    assert code == 2 and plan is None
    assert 'Error: You must specify at least one cluster, selector, or use the "--all" flag.' in err


def test_refusal_stops_like_pgo_and_empty_prints_nothing_found(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    refused = {
        "Results": None,
        "Code": "error",
        "Msg": 'no clusters found for selector "name=a" in namespace "pgo"',
    }
    mock_api.add(responses.POST, URL + "/df", json=refused)
    outcome = run_cli("df", "a", "b")
    assert (outcome.code, len(outcome.sent)) == (1, 1)
    assert outcome.error_lines() == ['Error: no clusters found for selector "name=a" in namespace "pgo"']
    mock_api.replace(responses.POST, URL + "/df", json={"Results": None, "Code": "ok", "Msg": ""})
    assert run_cli("df", "a").stdout == "Nothing found.\n"


def test_json_is_one_document(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/df", json=ANSWER)
    document = json.loads(run_cli("df", "a", "b", "-o", "json").stdout)
    assert len(document["Results"]) == 6 and document["Code"] == "ok"


def test_pgo_units_and_rounding() -> None:
    assert [human(n) for n in (0, 1000, 1001, 1024000, 1024001, 5 * 2**40)] == [
        "0B",
        "1000B",
        "1KiB",
        "1000KiB",
        "1MiB",
        "5TiB",
    ]
    assert (go_f0(2.5), go_f0(3.5), go_f0(math.nan), go_f0(math.inf)) == ("2", "4", "NaN", "+Inf")
    assert (go_round(12.5), go_round(-0.5), go_round(0.49999999999999994)) == (13.0, -1.0, 0.0)
    assert utilization(1, 8) == 13.0
    assert math.isnan(utilization(0, 0)) and utilization(1, 0) == math.inf


def test_the_emulator_reports_stable_use_per_pvc(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", "--replica-count", "1"], env).code == 0
    assert run_pgo(["create", "cluster", "zebra"], env).code == 0
    first = run_pgo(["df", "hippo"], env)
    assert first.code == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "" and lines[1].split() == [
        "PVC",
        "INSTANCE",
        "POD",
        "TYPE",
        "USED",
        "CAPACITY",
        "%",
        "USED",
    ]
    rows = [line.split() for line in lines[3:]]
    by_pvc = {r[0]: (r[1], r[3], r[5]) for r in rows}
    assert by_pvc["hippo"] == ("hippo", "data", "954MiB")
    assert by_pvc["hippo-pgbr-repo"] == ("hippo-backrest-shared-repo", "pgbackrest", "954MiB")
    assert len(rows) == 3 and [r[1] for r in rows] == sorted(r[1] for r in rows)
    assert run_pgo(["df", "hippo"], env).stdout == first.stdout
    document = json.loads(run_pgo(["df", "--all", "-o", "json"], env).stdout)
    assert {r["InstanceName"] for r in document["Results"]} >= {"zebra", "zebra-backrest-shared-repo"}
    assert all(0 < r["PVCUsed"] <= r["PVCCapacity"] == 1000000000 for r in document["Results"])
    missing = run_pgo(["df", "nosuch"], env)
    assert (missing.code, missing.stderr.strip()) == (
        1,
        'Error: no clusters found for selector "name=nosuch" in namespace "pgo"',
    )


def test_the_terminal_table_has_a_bar_per_pvc(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/df", json=ANSWER)
    outcome = run_cli("df", "hippo", "-o", "table")
    assert outcome.code == 0, outcome.stderr
    import re

    bars = re.findall(r"[█░]{20}", outcome.stdout)
    assert sorted(bars) == sorted(["█" * 17 + "░" * 3, "░" * 20, "█" + "░" * 19])


@pytest.mark.parametrize("columns", ["80", "100", "120"])
def test_the_terminal_table_fits_80_to_120_columns(
    run_cli: Runner, mock_api: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    # long names as the operator makes them: at 120 columns pgo_cli used to fall back to blocks
    answer = json.loads(json.dumps(ANSWER))
    for result in answer["Results"]:
        result["InstanceName"] = "rhino-with-a-long-name-backrest-shared-repo"
        result["PodName"] = "rhino-with-a-long-name-backrest-shared-repo-hk8vgwcvs5-l89nr"
        result["PVCName"] = "rhino-with-a-long-name-" + result["PVCName"]
    monkeypatch.setenv("COLUMNS", columns)
    mock_api.add(responses.POST, URL + "/df", json=answer)
    table = run_cli("df", "hippo", "-o", "table").stdout
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["PVC", "TYPE", "USED", "CAPACITY"]
    assert len([line for line in lines if line.startswith("rhino-with-a-long-name-hippo")]) == 3
    assert all(len(line) <= int(columns) for line in lines)
    wide = run_cli("df", "hippo", "-o", "wide", "--wide").stdout
    assert "hk8vgwcvs5-l89nr" in wide  # the pod, in the wide view only
    assert "hk8vgwcvs5" not in table
