"""``failover --wait`` against the fake apiserver: promoted / pending / failed, exit codes and
progress lines, ``--query --wait`` refused; and end to end through the real ``pgo``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import responses

from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.cluster.messages import ShowClusterDetail
from pgo_cli.nouns.failover import waits
from pgo_cli.wire.codec import decode
from tests.nouns.scale.waitkit import answer, detail, pod, polled, shows
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

OK = {"Results": "failover success for cluster hippo", "Code": "ok", "Msg": ""}


def _failover(mock_api: responses.RequestsMock, body: object = OK) -> None:
    mock_api.add(responses.POST, URL + "/failover", json=body)


def _lines(stderr: str) -> list[str]:
    return [line.rsplit(" (", 1)[0] for line in stderr.splitlines()]


@pytest.mark.usefixtures("fast_wait")
def test_failover_waits_until_the_target_is_the_one_ready_primary(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _failover(mock_api)
    shows(
        mock_api,
        answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd")])),
        answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd", "primary")])),
        answer(detail(pods=[pod("hippo"), pod("hippo-abcd", "primary", ready=False)])),
        answer(detail(pods=[pod("hippo"), pod("hippo-abcd", "primary")])),
    )
    result = run_cli("failover", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == "failover success for cluster hippo\n"
    assert _lines(result.stderr) == [
        "hippo: failover to hippo-abcd: hippo-abcd is still a replica",
        "hippo: failover to hippo-abcd: hippo-abcd is primary, hippo still shows as primary too",
        "hippo: failover to hippo-abcd: hippo-abcd is primary, Running, not ready",
        "hippo: failover to hippo-abcd: done",
    ]
    assert len(polled(result.sent)) == 4


@pytest.mark.usefixtures("fast_wait")
def test_failover_wait_times_out_with_exit_6(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _failover(mock_api)
    shows(mock_api, answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd")])))
    result = run_cli(
        "failover", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait", "--wait-timeout", "0.1"
    )
    assert result.code == 6
    assert result.error_lines() == [
        "Error: hippo: failover to hippo-abcd: accepted, but not finished within 0.1 s: hippo-abcd is still a replica"
    ]
    assert "check with: pgo show cluster hippo -n pgo" in result.stderr


@pytest.mark.usefixtures("fast_wait")
def test_failover_wait_fails_when_the_target_disappears(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _failover(mock_api)
    shows(mock_api, answer(detail(pods=[pod("hippo", "primary")])))
    result = run_cli("failover", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait")
    assert result.code == 1
    assert result.error_lines() == [
        "Error: hippo: failover to hippo-abcd failed: hippo-abcd is gone from the cluster"
    ]


@pytest.mark.usefixtures("fast_wait")
def test_failover_without_target_waits_for_the_primary_the_cluster_names(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _failover(mock_api)
    named = {"current-primary": "hippo-abcd"}
    shows(
        mock_api,
        answer(detail(pods=[pod("hippo", "primary"), pod("hippo-abcd")], annotations=named)),
        answer(detail(pods=[pod("hippo"), pod("hippo-abcd", "primary")], annotations=named)),
    )
    result = run_cli("failover", "hippo", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert _lines(result.stderr) == [
        "hippo: failover: hippo shows as primary, the cluster names hippo-abcd",
        "hippo: failover: done",
    ]


def test_a_refused_failover_does_not_wait(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _failover(mock_api, {"Results": "", "Code": "error", "Msg": "no target found named hippo-zzzz"})
    result = run_cli("failover", "hippo", "--target", "hippo-zzzz", "--no-prompt", "--wait")
    assert result.code == 1
    assert polled(result.sent) == []


def test_failover_query_refuses_wait_before_sending(run_cli: Runner) -> None:
    result = run_cli("failover", "hippo", "--query", "--wait")
    assert (result.code, result.sent) == (2, [])
    assert "--wait cannot be used with --query" in result.stderr


def _detail(*pods: dict[str, object], annotations: dict[str, str] | None = None) -> ShowClusterDetail:
    return decode(ShowClusterDetail, detail(pods=list(pods), annotations=annotations))


def test_the_judgements_without_a_target() -> None:
    assert waits.one_ready_primary(_detail(pod("hippo"), pod("hippo-abcd"))) == Progress(
        pending="no primary yet"
    )
    two = _detail(pod("hippo", "primary"), pod("hippo-abcd", "primary"))
    assert waits.one_ready_primary(two) == Progress(pending="2 instances show as primary: hippo, hippo-abcd")
    # Without the annotation, any one ready primary will do.
    assert waits.one_ready_primary(_detail(pod("hippo"), pod("hippo-abcd", "primary"))).done
    pending = _detail(pod("hippo"), pod("hippo-abcd", "primary", "Pending"))
    assert waits.one_ready_primary(pending) == Progress(pending="hippo-abcd is primary, Pending")


def test_failover_wait_end_to_end(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator("--ready-delay", "1").env()
    assert run_pgo(["create", "cluster", "hippo", "--replica-count", "1", "--wait"], env).code == 0
    [replica] = [
        line.split("\t")[0].strip()
        for line in run_pgo(["failover", "hippo", "--query"], env).stdout.splitlines()[3:]
    ]
    done = run_pgo(["failover", "hippo", "--target", replica, "--no-prompt", "--wait"], env)
    assert (done.code, done.stdout) == (0, "failover success for cluster hippo\n"), done.stderr
    assert done.stderr.splitlines()[-1] == f"hippo: failover to {replica}: done"
    tested = run_pgo(["test", "hippo"], env).stdout
    assert f"primary ({replica}-" in tested
    back = run_pgo(["failover", "hippo", "--no-prompt", "--wait"], env)
    assert back.code == 0, back.stderr
    assert back.stderr.splitlines()[-1] == "hippo: failover: done"
    refused = run_pgo(["failover", "hippo", "--query", "--wait"], env)
    assert refused.code == 2
