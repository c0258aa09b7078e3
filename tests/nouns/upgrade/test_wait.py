"""``upgrade --wait`` against the fake apiserver: the new version (and tag) with every instance up /
pending / failed, exit codes and progress lines; and end to end through the real ``pgo``."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import responses

from tests.nouns.scale.waitkit import answer, detail, pod, polled, shows
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

OK = {"Results": ["created upgrade task for hippo"], "Code": "ok", "Msg": "", "WorkflowID": "w-1"}
OLD = {"pgo-version": "4.6.2"}
NEW = {"pgo-version": "4.7.4"}
INSTANCES = [pod("hippo", "primary"), pod("hippo-abcd")]


def _upgrade(mock_api: responses.RequestsMock, body: object = OK) -> None:
    mock_api.add(responses.POST, URL + "/upgrades", json=body)


def _lines(stderr: str) -> list[str]:
    return [line.rsplit(" (", 1)[0] for line in stderr.splitlines()]


@pytest.mark.usefixtures("fast_wait")
def test_upgrade_waits_for_the_new_version_the_tag_and_every_instance(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _upgrade(mock_api)
    old_tag, new_tag = "centos8-13.4-4.6.2", "centos8-13.5-4.7.4"
    shows(
        mock_api,
        answer(detail(pods=INSTANCES, labels=OLD, tag=old_tag)),
        answer(detail(pods=INSTANCES, labels=NEW, tag=old_tag)),
        answer(
            detail(
                pods=[pod("hippo", "primary", "Pending")], labels=NEW, tag=new_tag, replicas=["hippo-abcd"]
            )
        ),
        answer(detail(pods=[pod("hippo", "primary")], labels=NEW, tag=new_tag, replicas=["hippo-abcd"])),
        answer(detail(pods=INSTANCES, labels=NEW, tag=new_tag)),
    )
    result = run_cli("upgrade", "hippo", "--ccp-image-tag", new_tag, "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == "created upgrade task for hippo\n"
    assert _lines(result.stderr) == [
        "All active replicas will be scaled down and the primary database in this cluster will be "
        "stopped and recreated as part of this workflow!",
        "hippo: upgrade: pgo-version 4.6.2, not 4.7.4 yet",
        f"hippo: upgrade: image tag {old_tag}, not {new_tag} yet",
        "hippo: upgrade: 0/2 instances ready — hippo Pending",
        "hippo: upgrade: 1/2 instances ready — 1 not created yet",
        "hippo: upgrade: done",
    ]
    assert len(polled(result.sent)) == 5


@pytest.mark.usefixtures("fast_wait")
def test_upgrade_wait_times_out_with_exit_6(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _upgrade(mock_api)
    shows(mock_api, answer(detail(pods=INSTANCES, labels=OLD)))
    result = run_cli("upgrade", "hippo", "--no-prompt", "--wait", "--wait-timeout", "0.1")
    assert result.code == 6
    assert result.error_lines() == [
        "Error: hippo: upgrade: accepted, but not finished within 0.1 s: pgo-version 4.6.2, not 4.7.4 yet"
    ]
    assert "check with: pgo show cluster hippo -n pgo" in result.stderr


@pytest.mark.usefixtures("fast_wait")
def test_upgrade_wait_fails_when_the_cluster_disappears(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _upgrade(mock_api)
    shows(mock_api, answer())
    result = run_cli("upgrade", "hippo", "--no-prompt", "--wait")
    assert (result.code, result.error_lines()) == (1, ["Error: hippo: upgrade failed: cluster hippo is gone"])


def test_a_refused_upgrade_does_not_wait(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _upgrade(
        mock_api, {"Results": [], "Code": "error", "Msg": "hippo is not a valid pgcluster", "WorkflowID": ""}
    )
    result = run_cli("upgrade", "hippo", "--no-prompt", "--wait")
    assert result.code == 1
    assert polled(result.sent) == []


def test_upgrade_wait_end_to_end(make_emulator: Callable[..., Emulator]) -> None:
    env = make_emulator("--ready-delay", "2").env()
    assert run_pgo(["create", "cluster", "hippo", "--wait"], env).code == 0
    started = time.monotonic()
    upgraded = run_pgo(["upgrade", "hippo", "--no-prompt", "--wait"], env)
    assert upgraded.code == 0, upgraded.stderr
    assert time.monotonic() - started >= 1.5  # the recreated pods' ready delay
    assert upgraded.stdout == "created upgrade task for hippo\n"
    lines = upgraded.stderr.splitlines()
    assert lines[1].startswith("hippo: upgrade: 0/1 instances ready — hippo Pending (")
    assert lines[-1] == "hippo: upgrade: done"
