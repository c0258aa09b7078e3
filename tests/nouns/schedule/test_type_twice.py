"""A pgBackRest schedule with a ``--type`` in ``--schedule-opts`` is refused before sending: the
scheduler runs ``pgbackrest backup --type=<--pgbackrest-backup-type> <opts>`` and pgBackRest refuses
an option given twice, so every scheduled backup would fail (the apiserver accepts the schedule)."""

from __future__ import annotations

import pytest
import responses

from tests.support.registry import URL, Runner

BASE = ["create", "schedule", "hippo", "--schedule=0 1 * * *", "--schedule-type=pgbackrest"]
HINT = "hint: choose the type with --pgbackrest-backup-type full|diff|incr and leave --type out of --schedule-opts"


@pytest.mark.parametrize("opts", ["--type=diff", "--type full", "--repo1-retention-full=7 --type=full"])
def test_a_type_in_the_options_is_refused(run_cli: Runner, opts: str) -> None:
    outcome = run_cli(*BASE, "--pgbackrest-backup-type=full", f"--schedule-opts={opts}")
    assert (outcome.code, outcome.sent, outcome.stdout) == (2, [], "")
    assert outcome.stderr.splitlines() == [
        f"Error: --schedule-opts {opts!r} holds a --type: the scheduler already passes --type=full (from "
        "--pgbackrest-backup-type), and pgBackRest refuses --type twice, so every scheduled backup would fail",
        HINT,
    ]


def test_other_options_and_policy_schedules_are_sent(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    created = {"Results": ["created"], "Code": "ok", "Msg": ""}
    mock_api.add(responses.POST, URL + "/schedule", json=created)
    outcome = run_cli(*BASE, "--pgbackrest-backup-type=diff", "--schedule-opts=--repo1-retention-full=7")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["ScheduleOptions"] == "--repo1-retention-full=7"
    # An option whose name ends in "type" is not a second --type.
    opts = "--repo1-retention-archive-type=full"
    outcome = run_cli(*BASE, "--pgbackrest-backup-type=full", f"--schedule-opts={opts}")
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["ScheduleOptions"] == opts
