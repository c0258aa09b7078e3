"""``scale --wait`` and ``scaledown --wait`` against the fake apiserver: each probe's done / pending /
failed judgement, the exit codes (0, 1, 6, 2), the progress lines and what is polled."""

from __future__ import annotations

import pytest
import responses

from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.cluster.messages import ShowClusterDetail
from pgo_cli.nouns.scale import waits
from pgo_cli.nouns.shared import instance_waits
from pgo_cli.wire.codec import decode
from tests.nouns.scale.waitkit import answer, detail, pod, polled, shows
from tests.support.registry import URL, Runner

pytestmark = pytest.mark.usefixtures("fast_wait")

SCALED = {
    "Results": ["created Pgreplica hippo-abcd", "created Pgreplica hippo-efgh"],
    "Code": "ok",
    "Msg": "",
}
PRIMARY = pod("hippo", "primary")


def _scale(mock_api: responses.RequestsMock, cluster: str = "hippo", body: object = SCALED) -> None:
    mock_api.add(responses.POST, f"{URL}/clusters/scale/{cluster}", json=body)


def test_scale_waits_until_the_named_replicas_are_running_and_ready(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _scale(mock_api)
    shows(
        mock_api,
        answer(detail(pods=[PRIMARY])),
        answer(
            detail(pods=[PRIMARY, pod("hippo-abcd", phase="Pending"), pod("hippo-efgh", phase="Pending")])
        ),
        answer(detail(pods=[PRIMARY, pod("hippo-abcd"), pod("hippo-efgh", ready=False)])),
        answer(detail(pods=[PRIMARY, pod("hippo-abcd"), pod("hippo-efgh")])),
    )
    result = run_cli("scale", "hippo", "--replica-count", "2", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == "created Pgreplica hippo-abcd\ncreated Pgreplica hippo-efgh\n"
    lines = [line.rsplit(" (", 1)[0] for line in result.stderr.splitlines()]
    assert lines == [
        "hippo: scale: 0/2 new replicas ready — hippo-abcd has no pod yet; hippo-efgh has no pod yet",
        "hippo: scale: 0/2 new replicas ready — hippo-abcd Pending; hippo-efgh Pending",
        "hippo: scale: 1/2 new replicas ready — hippo-efgh Running, not ready",
        "hippo: scale: done",
    ]
    bodies = polled(result.sent)
    assert len(bodies) == 4
    assert {(b["clustername"], b["namespace"]) for b in bodies} == {("hippo", "pgo")}


def test_scale_wait_that_cannot_finish_exits_6_and_says_what_is_pending(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _scale(mock_api)
    shows(mock_api, answer(detail(pods=[PRIMARY, pod("hippo-abcd"), pod("hippo-efgh", phase="Pending")])))
    result = run_cli("scale", "hippo", "--no-prompt", "--wait", "--wait-timeout", "0.2")
    assert result.code == 6
    assert result.error_lines() == [
        "Error: hippo: scale: accepted, but not finished within 0.2 s: "
        "1/2 new replicas ready — hippo-efgh Pending"
    ]
    assert "hint: it may still finish; check with: pgo show cluster hippo -n pgo" in result.stderr


def test_scale_wait_fails_when_the_cluster_disappears(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _scale(mock_api)
    shows(mock_api, answer())
    result = run_cli("scale", "hippo", "--no-prompt", "--wait")
    assert result.code == 1
    assert result.error_lines() == ["Error: hippo: scale failed: cluster hippo is gone"]


def test_scale_wait_over_several_clusters_names_each(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _scale(mock_api, "hippo", {"Results": ["created Pgreplica hippo-abcd"], "Code": "ok", "Msg": ""})
    _scale(mock_api, "zebra", {"Results": ["created Pgreplica zebra-wxyz"], "Code": "ok", "Msg": ""})
    mock_api.add(
        responses.POST,
        URL + "/showclusters",
        json=answer(detail(pods=[PRIMARY, pod("hippo-abcd")])),
        match=[responses.matchers.json_params_matcher({"clustername": "hippo"}, strict_match=False)],
    )
    mock_api.add(
        responses.POST,
        URL + "/showclusters",
        json=answer(detail("zebra", pods=[pod("zebra", "primary"), pod("zebra-wxyz", phase="Pending")])),
        match=[responses.matchers.json_params_matcher({"clustername": "zebra"}, strict_match=False)],
    )
    result = run_cli("scale", "hippo", "zebra", "--no-prompt", "--wait", "--wait-timeout", "0.1")
    assert result.code == 6
    assert result.error_lines() == [
        "Error: hippo, zebra: scale: accepted, but not finished within 0.1 s: "
        "zebra: 0/1 new replicas ready — zebra-wxyz Pending"
    ]
    assert "check with: pgo show cluster hippo zebra -n pgo" in result.stderr


def test_a_refused_scale_does_not_wait(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _scale(mock_api, body={"Results": None, "Code": "error", "Msg": "replica count must be at least 1"})
    result = run_cli("scale", "hippo", "--no-prompt", "--wait")
    assert result.code == 1
    assert polled(result.sent) == []
    assert "scale:" not in result.stderr


def test_a_bad_wait_timeout_sends_nothing(run_cli: Runner) -> None:
    result = run_cli("scale", "hippo", "--no-prompt", "--wait", "--wait-timeout", "soon")
    assert result.code == 2
    assert result.sent == []


def test_without_wait_nothing_is_polled(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _scale(mock_api)
    result = run_cli("scale", "hippo", "--no-prompt")
    assert (result.code, [s.path for s in result.sent]) == (0, ["/clusters/scale/hippo"])


def _detail(*pods: dict[str, object]) -> ShowClusterDetail:
    return decode(ShowClusterDetail, detail(pods=list(pods)))


def test_an_answer_without_names_waits_for_the_replica_count() -> None:
    cluster = _detail(PRIMARY, pod("hippo-abcd"), pod("hippo-efgh", phase="Pending"))
    assert waits.new_replicas_up(cluster, [], 2) == Progress(
        pending="1/2 replicas ready — hippo-efgh Pending"
    )
    assert waits.new_replicas_up(_detail(PRIMARY, pod("hippo-abcd")), [], 2) == Progress(
        pending="1/2 replicas ready"
    )
    assert waits.new_replicas_up(_detail(PRIMARY, pod("hippo-abcd"), pod("hippo-efgh")), [], 2).done


def test_instances_are_told_from_other_pods_and_from_each_other() -> None:
    cluster = _detail(PRIMARY, pod("hippo-abcd"))
    assert sorted(instance_waits.instance_pods(cluster)) == ["hippo", "hippo-abcd"]  # not the backrest pod
    assert instance_waits.instance_of("hippo-abcd-6f7c9d8b5-x2x4q") == "hippo-abcd"
    assert instance_waits.instances_up(cluster, ["hippo"], "instances").done
    assert instance_waits.every_instance_up(cluster, 3) == Progress(
        pending="2/3 instances ready — 1 not created yet"
    )


# -------------------------------------------------------------------------------------- scaledown

DOWN = {"Results": ["deleted replica hippo-abcd"], "Code": "ok", "Msg": ""}


def _scaledown(mock_api: responses.RequestsMock, body: object = DOWN) -> None:
    mock_api.add(responses.GET, URL + "/scaledown/hippo", json=body)


def test_scaledown_waits_until_the_replica_is_gone(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _scaledown(mock_api)
    shows(
        mock_api,
        answer(detail(pods=[PRIMARY, pod("hippo-abcd", phase="Running")])),
        answer(detail(pods=[PRIMARY], deployments=["hippo", "hippo-abcd"], replicas=["hippo-abcd"])),
        answer(detail(pods=[PRIMARY])),
    )
    result = run_cli("scaledown", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait")
    assert result.code == 0, result.stderr
    assert result.stdout == "deleted replica hippo-abcd\n"
    lines = [line.rsplit(" (", 1)[0] for line in result.stderr.splitlines()]
    assert lines == [
        "hippo: scaledown hippo-abcd: hippo-abcd still there: pod hippo-abcd-6f7c9d8b5-x2x4q Running, "
        "Deployment, Pgreplica",
        "hippo: scaledown hippo-abcd: hippo-abcd still there: Deployment, Pgreplica",
        "hippo: scaledown hippo-abcd: done",
    ]


def test_scaledown_wait_times_out_with_exit_6(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _scaledown(mock_api)
    shows(mock_api, answer(detail(pods=[PRIMARY, pod("hippo-abcd", phase="Running")])))
    result = run_cli(
        "scaledown", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait", "--wait-timeout", "0.1"
    )
    assert result.code == 6
    assert "hippo-abcd still there: pod hippo-abcd-6f7c9d8b5-x2x4q Running" in result.error_lines()[0]
    assert "check with: pgo show cluster hippo -n pgo" in result.stderr


def test_scaledown_wait_fails_when_the_cluster_disappears(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    _scaledown(mock_api)
    shows(mock_api, answer())
    result = run_cli("scaledown", "hippo", "--target", "hippo-abcd", "--no-prompt", "--wait")
    assert (result.code, result.error_lines()) == (
        1,
        ["Error: hippo: scaledown hippo-abcd failed: cluster hippo is gone"],
    )


def test_scaledown_query_refuses_wait_before_sending(run_cli: Runner) -> None:
    result = run_cli("scaledown", "hippo", "--query", "--wait")
    assert result.code == 2
    assert result.sent == []
    assert "--wait cannot be used with --query" in result.stderr


def test_a_replica_that_became_the_primary_fails_the_scaledown_wait() -> None:
    cluster = _detail(pod("hippo"), pod("hippo-abcd", "primary"))
    assert instance_waits.replica_gone(cluster, "hippo-abcd") == Progress(
        failed="hippo-abcd is the primary now"
    )
