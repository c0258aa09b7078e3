"""``pgo update cluster``: every flag's effect on the body pgo sends, key for key and in Go's order."""

from __future__ import annotations

from typing import Any

import pytest
import responses

from pgo_cli.nouns.cluster.update import FLAGS
from tests.support.registry import URL, Runner

#: ``UpdateClusterRequest`` of ``pgo update cluster hippo -n pgo`` (no other flag), in field order.
ZERO: dict[str, Any] = {
    "Clustername": ["hippo"],
    "Selector": "",
    "ClientVersion": "4.7.4",
    "Namespace": "pgo",
    "AllFlag": False,
    "annotations": {"backrest": {}, "global": {}, "pgBouncer": {}, "postgres": {}},
    "Autofail": 0,
    "BackrestCPULimit": "",
    "BackrestCPURequest": "",
    "BackrestMemoryLimit": "",
    "BackrestMemoryRequest": "",
    "BackrestPVCSize": "",
    "CASecret": "",
    "DisableTLS": False,
    "ExporterCPULimit": "",
    "ExporterCPURequest": "",
    "ExporterMemoryLimit": "",
    "ExporterMemoryRequest": "",
    "ExporterRotatePassword": False,
    "CPULimit": "",
    "CPURequest": "",
    "MemoryLimit": "",
    "MemoryRequest": "",
    "Metrics": 0,
    "PGBadger": 0,
    "PVCSize": "",
    "ReplicationTLSSecret": "",
    "ServiceType": "",
    "Standby": 0,
    "Startup": False,
    "Shutdown": False,
    "Tablespaces": [],
    "TLSSecret": "",
    "tolerations": [],
    "TLSOnly": 0,
    "tolerationsDelete": [],
    "WALPVCSize": "",
}

OK = {"Results": ["updated pgcluster hippo"], "Code": "ok", "Msg": ""}

#: One case per flag of pgo 4.7.4 (``cmd/pgo/cmd/update.go``): argv after the name → changed keys.
CASES: list[tuple[str, list[str], dict[str, Any]]] = [
    ("no-prompt", [], {}),
    ("all", ["--all"], {"AllFlag": True}),
    (
        "annotation",
        ["--annotation", "b=2,a=1", "--annotation", "gone-"],
        {"annotations": {**ZERO["annotations"], "global": {"a": "1", "b": "2", "gone": ""}}},
    ),
    (
        "annotation-pgbackrest",
        ["--annotation-pgbackrest", "x=y"],
        {"annotations": {**ZERO["annotations"], "backrest": {"x": "y"}}},
    ),
    (
        "annotation-pgbouncer",
        ["--annotation-pgbouncer", "x=y"],
        {"annotations": {**ZERO["annotations"], "pgBouncer": {"x": "y"}}},
    ),
    (
        "annotation-postgres",
        ["--annotation-postgres", "x-"],
        {"annotations": {**ZERO["annotations"], "postgres": {"x": ""}}},
    ),
    ("cpu", ["--cpu", "500m"], {"CPURequest": "500m"}),
    ("cpu-limit", ["--cpu-limit", "1"], {"CPULimit": "1"}),
    ("disable-autofail", ["--disable-autofail"], {"Autofail": 2}),
    ("disable-metrics", ["--disable-metrics"], {"Metrics": 2}),
    ("disable-pgbadger", ["--disable-pgbadger"], {"PGBadger": 2}),
    (
        "disable-server-tls",
        ["--disable-server-tls", "--server-tls-secret", "t", "--server-ca-secret", "c", "--enable-tls-only"],
        {"DisableTLS": True},
    ),
    ("disable-tls-only", ["--disable-tls-only"], {"TLSOnly": 2}),
    ("enable-autofail", ["--enable-autofail"], {"Autofail": 1}),
    ("memory", ["--memory", "1Gi"], {"MemoryRequest": "1Gi"}),
    ("memory-limit", ["--memory-limit", "2Gi"], {"MemoryLimit": "2Gi"}),
    ("selector", ["-s", "env=prod"], {"Selector": "env=prod"}),
    ("promote-standby", ["--promote-standby"], {"Standby": 2}),
    ("pgbackrest-cpu", ["--pgbackrest-cpu", "100m"], {"BackrestCPURequest": "100m"}),
    ("pgbackrest-cpu-limit", ["--pgbackrest-cpu-limit", "200m"], {"BackrestCPULimit": "200m"}),
    ("pgbackrest-memory", ["--pgbackrest-memory", "64Mi"], {"BackrestMemoryRequest": "64Mi"}),
    ("pgbackrest-memory-limit", ["--pgbackrest-memory-limit", "128Mi"], {"BackrestMemoryLimit": "128Mi"}),
    ("pgbackrest-pvc-size", ["--pgbackrest-pvc-size", "10Gi"], {"BackrestPVCSize": "10Gi"}),
    ("pvc-size", ["--pvc-size", "20Gi"], {"PVCSize": "20Gi"}),
    ("wal-pvc-size", ["--wal-pvc-size", "5Gi"], {"WALPVCSize": "5Gi"}),
    ("exporter-cpu", ["--exporter-cpu", "50m"], {"ExporterCPURequest": "50m"}),
    ("exporter-cpu-limit", ["--exporter-cpu-limit", "100m"], {"ExporterCPULimit": "100m"}),
    ("exporter-memory", ["--exporter-memory", "32Mi"], {"ExporterMemoryRequest": "32Mi"}),
    ("exporter-memory-limit", ["--exporter-memory-limit", "64Mi"], {"ExporterMemoryLimit": "64Mi"}),
    ("enable-metrics", ["--enable-metrics"], {"Metrics": 1}),
    ("enable-pgbadger", ["--enable-pgbadger"], {"PGBadger": 1}),
    ("exporter-rotate-password", ["--exporter-rotate-password"], {"ExporterRotatePassword": True}),
    ("enable-standby", ["--enable-standby"], {"Standby": 1}),
    ("enable-tls-only", ["--enable-tls-only"], {"TLSOnly": 1}),
    ("replication-tls-secret", ["--replication-tls-secret", "repl"], {"ReplicationTLSSecret": "repl"}),
    ("service-type", ["--service-type", "NodePort"], {"ServiceType": "NodePort"}),
    ("startup", ["--startup"], {"Startup": True}),
    ("shutdown", ["--shutdown"], {"Shutdown": True}),
    (
        "tablespace",
        [
            "--tablespace",
            "name=ts1:storageconfig=nfsstorage:pvcsize=10Gi",
            "--tablespace",
            "NAME=t2:StorageConfig=rook",
        ],
        {
            "Tablespaces": [
                {"Name": "ts1", "PVCSize": "10Gi", "StorageConfig": "nfsstorage"},
                {"Name": "t2", "PVCSize": "", "StorageConfig": "rook"},
            ]
        },
    ),
    ("server-ca-secret", ["--server-ca-secret", "ca"], {"CASecret": "ca"}),
    ("server-tls-secret", ["--server-tls-secret", "tls"], {"TLSSecret": "tls"}),
    (
        "toleration",
        [
            "--toleration",
            "ssd:NoSchedule,zone=east",
            "--toleration",
            "old:NoExecute-",
            "--toleration",
            "gpu=yes-",
        ],
        {
            "tolerations": [
                {"key": "ssd", "operator": "Exists", "effect": "NoSchedule"},
                {"key": "zone", "operator": "Equal", "value": "east"},
            ],
            "tolerationsDelete": [
                {"key": "old", "operator": "Exists", "effect": "NoExecute"},
                {"key": "gpu", "operator": "Equal", "value": "yes"},
            ],
        },
    ),
]


def test_every_flag_of_pgo_has_a_case() -> None:
    assert len(FLAGS) == 42
    assert sorted(name for name, _, _ in CASES) == sorted(flag.name for flag in FLAGS)


@pytest.mark.parametrize(("flag", "argv", "changed"), CASES, ids=[case[0] for case in CASES])
def test_flag_fills_its_keys(
    run_cli: Runner, mock_api: responses.RequestsMock, flag: str, argv: list[str], changed: dict[str, Any]
) -> None:
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli("update", "cluster", "hippo", *argv, "--no-prompt")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/clustersupdate")]
    sent = outcome.sent[0]
    assert sent.headers.get("Content-Type") == "application/json"
    expected = {**ZERO, **changed}
    assert list(sent.body) == list(ZERO)  # Go's field order, every key always present
    assert sent.body == expected


def test_enable_wins_over_disable_except_for_autofail(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli(
        "update",
        "cluster",
        "hippo",
        "--enable-metrics",
        "--disable-metrics",
        "--enable-pgbadger",
        "--disable-pgbadger",
        "--enable-tls-only",
        "--disable-tls-only",
        "--enable-standby",
        "--promote-standby",
        "--no-prompt",
    )
    assert outcome.code == 0, outcome.stderr
    body = outcome.sent[0].body
    assert (body["Metrics"], body["PGBadger"], body["TLSOnly"], body["Standby"]) == (1, 1, 1, 1)


def test_all_or_selector_without_names_sends_an_empty_list(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/clustersupdate", json=OK)
    outcome = run_cli("update", "cluster", "--all", "--no-prompt")
    assert outcome.sent[0].body["Clustername"] == []
    outcome = run_cli("update", "cluster", "one", "two", "--no-prompt", namespace="pgouser1")
    assert outcome.sent[0].body["Clustername"] == ["one", "two"]
    assert outcome.sent[0].body["Namespace"] == "pgouser1"
