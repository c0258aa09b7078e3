"""``pgo scale``: the request per flag (Go's keys, in order), the checks, the text, and the emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from tests.nouns.scale.emu import Emu
from tests.support.registry import URL, PlanRunner, Runner

OK = {"Results": ["created Pgreplica hippo-abcd"], "Code": "ok", "Msg": ""}

#: pgo's body for ``pgo scale hippo`` (scale.go + api/scale.go), keys in ClusterScaleRequest order.
DEFAULT_BODY: list[tuple[str, Any]] = [
    ("ccpImageTag", ""),
    ("clientVersion", "4.7.4"),
    ("name", "hippo"),
    ("namespace", "pgo"),
    ("NodeAffinityType", 0),
    ("nodeLabel", ""),
    ("replicaCount", 1),
    ("serviceType", ""),
    ("storageConfig", ""),
    ("tolerations", []),
]


def _body(**changes: Any) -> list[tuple[str, Any]]:
    return [(k, changes.get(k, v)) for k, v in DEFAULT_BODY]


@pytest.mark.parametrize(
    ("flags", "changes"),
    [
        ([], {}),
        (["--service-type", "NodePort"], {"serviceType": "NodePort"}),
        (["--ccp-image-tag", "centos8-13.5-4.7.4"], {"ccpImageTag": "centos8-13.5-4.7.4"}),
        (
            ["--node-label", "zone=east", "--node-affinity-type", "required"],
            {"nodeLabel": "zone=east", "NodeAffinityType": 1},
        ),
        (["--node-label", "zone=east", "--node-affinity-type", "prefer"], {"nodeLabel": "zone=east"}),
        (["--replica-count", "3"], {"replicaCount": 3}),
        (["--storage-config", "nfsstorage"], {"storageConfig": "nfsstorage"}),
        (
            [
                "--toleration",
                "zone=west:NoSchedule,ssd",
                "--toleration",
                "gpu:NoExecute",
                "--toleration",
                "x-",
            ],
            {
                "tolerations": [
                    {"key": "zone", "operator": "Equal", "value": "west", "effect": "NoSchedule"},
                    {"key": "ssd", "operator": "Exists"},
                    {"key": "gpu", "operator": "Exists", "effect": "NoExecute"},
                ]
            },
        ),
    ],
)
def test_payload_per_flag(
    run_cli: Runner, mock_api: responses.RequestsMock, flags: list[str], changes: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/clusters/scale/hippo", json=OK)
    outcome = run_cli("scale", "hippo", "--no-prompt", *flags)
    assert outcome.code == 0, outcome.stderr
    [sent] = outcome.sent
    assert (sent.method, sent.target) == ("POST", "/clusters/scale/hippo")
    assert sent.headers["Content-Type"] == "application/json"
    assert list(sent.body.items()) == _body(**changes)
    assert outcome.stdout == "created Pgreplica hippo-abcd\n"


def test_one_call_per_cluster_stopping_at_the_first_refusal(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/clusters/scale/a", json=OK)
    refused = {"Results": None, "Code": "error", "Msg": 'pgclusters.crunchydata.com "b" not found'}
    mock_api.add(responses.POST, URL + "/clusters/scale/b", json=refused)
    outcome = run_cli("scale", "a", "b", "c", "--no-prompt")
    assert [s.target for s in outcome.sent] == ["/clusters/scale/a", "/clusters/scale/b"]
    assert [s.body["name"] for s in outcome.sent] == ["a", "b"]
    assert outcome.code == 1
    assert outcome.stdout == "created Pgreplica hippo-abcd\n"
    assert outcome.error_lines() == ['Error: pgclusters.crunchydata.com "b" not found']


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ([], "Error: You must specify the clusters to scale."),
        (
            ["hippo", "--node-affinity-type", "required"],
            'Error: --node-affinity-type "required": --node-affinity-type set, but --node-label not set',
        ),
        (
            ["hippo", "--node-label", "a=b", "--node-affinity-type", "always"],
            'Error: --node-affinity-type: invalid node affinity type "always". choices are: preferred required',
        ),
        (
            ["hippo", "--toleration", "a:b:c"],
            'Error: --toleration: invalid format for toleration: "a:b:c"',
        ),
        (
            ["hippo", "--toleration", "a=b:Sometimes"],
            'Error: --toleration "a=b:Sometimes": invalid taint effect for toleration: "Sometimes"',
        ),
    ],
)
def test_client_checks_exit_2_and_send_nothing(run_cli: Runner, flags: list[str], message: str) -> None:
    outcome = run_cli("scale", "--no-prompt", *flags)
    assert outcome.code == 2
    assert outcome.error_lines() == [message]
    assert outcome.sent == [] and outcome.stdout == ""


def test_without_a_terminal_and_without_no_prompt_nothing_is_sent(run_cli: Runner) -> None:
    outcome = run_cli("scale", "hippo", stdin="yes\n")
    assert outcome.code == 2 and outcome.sent == []
    assert "asks for confirmation" in outcome.stderr


def test_declining_exits_2_like_pgo(run_cli: Runner) -> None:
    outcome = run_cli("scale", "hippo", stdin="no\n", tty=True)
    assert outcome.code == 2 and outcome.sent == []
    assert "WARNING: Are you sure? (yes/no): " in outcome.stderr
    assert "Aborting..." in outcome.stderr


def test_json_is_one_document(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/clusters/scale/a", json=OK)
    mock_api.add(responses.POST, URL + "/clusters/scale/b", json=OK)
    outcome = run_cli("scale", "a", "b", "--no-prompt", "-o", "json")
    assert outcome.code == 0
    assert json.loads(outcome.stdout)["Results"] == ["created Pgreplica hippo-abcd"] * 2


def test_plan_names_the_check(plan_for: PlanRunner) -> None:
    code, plan, _ = plan_for("scale", "hippo", "--no-prompt")
    assert code == 0 and plan is not None
    assert plan.stop_on_error and plan.check == "pgo scaledown hippo --query -n pgo"


# ------------------------------------------------------------------------------------- emulator


def test_emulator_checks_in_order(emu: Emu) -> None:
    emu.create("hippo")
    assert emu.scale("hippo", clientVersion="4.0.0")["Msg"] == "pgo client and server version mismatch"
    assert emu.scale("hippo", ns="")["Msg"] == "empty namespace is not valid from pgo clients"
    assert emu.scale("hippo", count=0)["Msg"] == "replica count must be at least 1"
    # The count is checked before the cluster: an unknown cluster with count 0 still says count.
    assert emu.scale("nosuch", count=0)["Msg"] == "replica count must be at least 1"
    assert emu.scale("nosuch")["Msg"] == 'pgclusters.crunchydata.com "nosuch" not found'
    assert emu.scale("hippo", serviceType="Weird")["Msg"] == 'invalid service type "Weird"'
    assert emu.scale("hippo", nodeLabel="zone")["Msg"] == "zone node label does not follow key=value format"
    assert emu.replicas("hippo") == []
    emu.edit("hippo", lambda doc: doc["cluster"]["metadata"]["annotations"].update({"is-upgraded": "false"}))
    assert emu.scale("hippo", serviceType="Weird")["Msg"] == (
        "hippo has not yet been upgraded. Please upgrade the cluster before running this Postgres "
        "Operator command."
    )


def test_emulator_adds_pending_replicas_that_become_ready(slow_emu: Emu) -> None:
    slow_emu.create("hippo")
    slow_emu.clock.now += 10
    answer = slow_emu.scale("hippo", count=2, storageConfig="nosuchstorage")
    assert answer["Code"] == "ok"
    names = [line.removeprefix("created Pgreplica ") for line in answer["Results"]]
    assert len(names) == 2 and all(len(n) == len("hippo-abcd") and n.startswith("hippo-") for n in names)
    doc = slow_emu.doc("hippo")
    assert sorted(doc["replicas"]) == sorted(names)
    assert set(names) <= set(doc["deployments"])
    assert "hippo-replica" in [s["name"] for s in doc["services"]]
    # A bad --storage-config is ignored by pgo: an empty storage spec, a PVC of "0".
    assert [slow_emu.pvc(n) for n in names] == ["0", "0"]
    body = {"clientversion": "4.7.4", "namespace": "pgo", "clustername": "hippo"}
    pods = slow_emu.post("/showclusters", body)["Results"][0]["Pods"]
    assert sorted(p["Phase"] for p in pods) == ["Pending", "Pending", "Running"]
    # Not running yet: scaledown --query lists them as unavailable with an unknown lag.
    assert {
        (r["Name"], r["Status"], r["ReplicationLag"]) for r in slow_emu.scale_query("hippo")["Results"]
    } == {(n, "unavailable", -1) for n in names}
    slow_emu.clock.now += 5
    pods = slow_emu.post("/showclusters", body)["Results"][0]["Pods"]
    assert [p["Phase"] for p in pods] == ["Running"] * 3
    assert {(r["Status"], r["ReplicationLag"]) for r in slow_emu.scale_query("hippo")["Results"]} == {
        ("running", 0)
    }


def test_emulator_keeps_the_request_details_on_the_pgreplica(emu: Emu) -> None:
    emu.create("hippo")
    toleration = {"key": "zone", "operator": "Equal", "value": "west", "effect": "NoSchedule"}
    answer = emu.scale(
        "hippo",
        ccpImageTag="centos8-13.5-4.7.4",
        nodeLabel="zone=east",
        NodeAffinityType=1,
        serviceType="NodePort",
        storageConfig="storageos",
        tolerations=[toleration],
    )
    [name] = [line.removeprefix("created Pgreplica ") for line in answer["Results"]]
    replica = emu.doc("hippo")["pgreplicas"][name]
    assert replica["userlabels"]["ccp-image-tag"] == "centos8-13.5-4.7.4"
    assert replica["nodeAffinity"] == {"type": 1, "key": "zone", "values": ["east"]}
    assert replica["serviceType"] == "NodePort"
    assert replica["tolerations"] == [toleration]
    assert replica["status"]["state"] == "pgreplica Created"
    assert emu.pvc(name) == "5Gi"
    # The stored cluster's own labels are not changed.
    assert "ccp-image-tag" not in (emu.doc("hippo")["cluster"]["spec"]["userlabels"] or {})
