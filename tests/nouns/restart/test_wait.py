"""``restart --wait`` against the fake apiserver: the restarted instances (every instance with
``--rolling``) up / pending / failed, exit codes and progress lines, ``--query --wait`` refused;
and end to end through the real ``pgo``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import responses

from tests.nouns.scale.waitkit import answer, detail, pod, polled, shows
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner


def _result(*instances: str, failed: tuple[str, ...] = ()) -> dict[str, Any]:
    rows = [{"InstanceName": name, "Error": False, "ErrorMessage": ""} for name in instances]
    rows += [{"InstanceName": name, "Error": True, "ErrorMessage": "container not found"} for name in failed]
    return {
        "Result": {"ClusterName": "hippo", "Instances": rows or None, "Error": False, "ErrorMessage": ""},
        "Code": "ok",
        "Msg": "",
    }


def _restart(mock_api: responses.RequestsMock, body: dict[str, Any]) -> None:
    mock_api.add(responses.POST, URL + "/restart", json=body)


def _lines(stderr: str) -> list[str]:
    return [line.rsplit(" (", 1)[0] for line in stderr.splitlines()]


@pytest.mark.usefixtures("fast_wait")
def test_restart_waits_until_the_restarted_instances_are_ready_again(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _restart(mock_api, _result("hippo-abcd"))
    shows(
        mock_api,
        answer(
            detail(
                pods=[
                    pod("hippo", "primary"),
                    pod("hippo-abcd", ready=False),
                    pod("hippo-efgh", "replica", "Pending"),
                ]
            )
        ),
        answer(
            detail(pods=[pod("hippo", "primary"), pod("hippo-abcd"), pod("hippo-efgh", "replica", "Pending")])
        ),
    )
    result = run_cli("restart", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == "Successfully restarted instance hippo-abcd\n"
    # hippo-efgh was not restarted: its state does not hold the wait up.
    assert _lines(result.stderr) == [
        "hippo: restart: 0/1 restarted instances ready — hippo-abcd Running, not ready",
        "hippo: restart: done",
    ]
    assert len(polled(result.sent)) == 2


@pytest.mark.usefixtures("fast_wait")
def test_rolling_restart_waits_for_every_instance(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _restart(
        mock_api,
        {**_result(), "Result": {"ClusterName": "", "Instances": None, "Error": False, "ErrorMessage": ""}},
    )
    shows(
        mock_api,
        answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd", phase="Pending")])),
        answer(detail(pods=[pod("hippo", "primary", ready=False), pod("hippo-abcd")])),
        answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd")])),
    )
    result = run_cli("restart", "hippo", "--rolling", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert _lines(result.stderr) == [
        "hippo: rolling restart: 1/2 instances ready — hippo-abcd Pending",
        "hippo: rolling restart: 1/2 instances ready — hippo Running, not ready",
        "hippo: rolling restart: done",
    ]


@pytest.mark.usefixtures("fast_wait")
def test_restart_wait_times_out_with_exit_6(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _restart(mock_api, _result("hippo", "hippo-abcd"))
    shows(mock_api, answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd", ready=False)])))
    result = run_cli("restart", "hippo", "--no-prompt", "--wait", "--wait-timeout", "0.1")
    assert result.code == 6
    assert result.error_lines() == [
        "Error: hippo: restart: accepted, but not finished within 0.1 s: "
        "1/2 restarted instances ready — hippo-abcd Running, not ready"
    ]
    assert "check with: pgo show cluster hippo -n pgo" in result.stderr


@pytest.mark.usefixtures("fast_wait")
def test_restart_wait_fails_when_the_cluster_disappears(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _restart(mock_api, _result("hippo"))
    shows(mock_api, answer())
    result = run_cli("restart", "hippo", "--no-prompt", "--wait")
    assert (result.code, result.error_lines()) == (1, ["Error: hippo: restart failed: cluster hippo is gone"])


def test_an_instance_that_failed_to_restart_is_exit_1_without_waiting(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _restart(mock_api, _result("hippo", failed=("hippo-abcd",)))
    result = run_cli("restart", "hippo", "--no-prompt", "--wait")
    assert result.code == 1
    assert polled(result.sent) == []


def test_restart_query_refuses_wait_before_sending(run_cli: Runner) -> None:
    result = run_cli("restart", "hippo", "--query", "--wait")
    assert (result.code, result.sent) == (2, [])
    assert "--wait cannot be used with --query" in result.stderr


def test_rolling_restart_wait_end_to_end_waits_for_a_pending_replica(
    make_emulator: Callable[..., Emulator],
) -> None:
    env = make_emulator("--ready-delay", "2").env()
    assert run_pgo(["create", "cluster", "hippo", "--wait"], env).code == 0
    assert run_pgo(["scale", "hippo", "--no-prompt"], env).code == 0  # a replica Pending for 2 s
    rolling = run_pgo(["restart", "hippo", "--rolling", "--no-prompt", "--wait"], env)
    assert (rolling.code, rolling.stdout) == (0, ""), rolling.stderr
    lines = rolling.stderr.splitlines()
    assert lines[0].startswith("hippo: rolling restart: 1/2 instances ready — hippo-")
    assert lines[-1] == "hippo: rolling restart: done"
    targeted = run_pgo(["restart", "hippo", "--target", "hippo", "--no-prompt", "--wait"], env)
    assert (targeted.code, targeted.stdout) == (0, "Successfully restarted instance hippo\n"), targeted.stderr
    assert targeted.stderr == "hippo: restart: done\n"
