"""``pgo create cluster``: one case per flag proving the body, compared the Go way (keys matched
case-insensitively, an absent key is its zero value), and the reference's exact default body."""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import responses

from pgo_cli.nouns.cluster.flags import CREATE_FLAGS
from pgo_cli.nouns.cluster.request import BODY_TEMPLATE
from pgo_cli.wire.gojson import lookup
from tests.cluster.conftest import URL, Runner, create_ok, data_json


def go_view(sent: dict[str, Any]) -> dict[str, Any]:
    """What a Go server decodes from ``sent``: every field by case-insensitive key, else zero."""
    view: dict[str, Any] = {}
    for key, zero in BODY_TEMPLATE:
        value = lookup(sent, key, None)
        if isinstance(zero, dict) and zero and isinstance(value, dict):
            value = {inner: lookup(value, inner, inner_zero) for inner, inner_zero in zero.items()}
        view[key] = zero if value is None and key != "SyncReplication" else value
    return view


def default_body() -> dict[str, Any]:
    body: dict[str, Any] = data_json("create_default_body.json")
    return body


# (command-line flags, expected changes to the default body)
CASES: list[tuple[list[str], dict[str, Any]]] = [
    (["--annotation=a=1,b=2"], {"annotations": {"global": {"a": "1", "b": "2"}}}),
    (["--annotation-pgbackrest", "r=1"], {"annotations": {"backrest": {"r": "1"}}}),
    (["--annotation-pgbouncer", "p=2"], {"annotations": {"pgBouncer": {"p": "2"}}}),
    (
        ["--annotation-postgres", "gone-", "--annotation-postgres", "k=v"],
        {"annotations": {"postgres": {"gone": "", "k": "v"}}},
    ),
    (["--ccp-image", "crunchy-postgres-gis-ha"], {"CCPImage": "crunchy-postgres-gis-ha"}),
    (["-c", "centos8-13.5-4.7.4"], {"CCPImageTag": "centos8-13.5-4.7.4"}),
    (["--ccp-image-tag=t2"], {"CCPImageTag": "t2"}),
    (["--ccp-image-prefix", "reg/x"], {"CCPImagePrefix": "reg/x"}),
    (["--pgo-image-prefix", "reg/y"], {"PGOImagePrefix": "reg/y"}),
    (["--cpu", "500m"], {"CPURequest": "500m"}),
    (["--cpu-limit", "2"], {"CPULimit": "2"}),
    (["--custom-config", "my-cm"], {"CustomConfig": "my-cm"}),
    (["-d", "appdb"], {"Database": "appdb"}),
    (["--database=appdb2"], {"Database": "appdb2"}),
    (["--disable-autofail"], {"AutofailFlag": False}),
    (["--disable-autofail=false"], {"AutofailFlag": True}),
    (
        ["--label", "env=prod", "--label=team=db,tier="],
        {"UserLabels": {"env": "prod", "team": "db", "tier": ""}},
    ),
    (["--memory", "1Gi"], {"MemoryRequest": "1Gi"}),
    (["--memory-limit", "2Gi"], {"MemoryLimit": "2Gi"}),
    (["--metrics"], {"MetricsFlag": True}),
    (["--exporter-cpu", "100m"], {"ExporterCPURequest": "100m"}),
    (["--exporter-cpu-limit", "200m"], {"ExporterCPULimit": "200m"}),
    (["--exporter-memory", "32Mi"], {"ExporterMemoryRequest": "32Mi"}),
    (["--exporter-memory-limit", "64Mi"], {"ExporterMemoryLimit": "64Mi"}),
    (
        ["--node-affinity-type", "required", "--node-label", "zone=a"],
        {"NodeAffinityType": 1, "NodeLabel": "zone=a"},
    ),
    (["--node-affinity-type=prefer", "--node-label=zone=a"], {"NodeAffinityType": 0, "NodeLabel": "zone=a"}),
    (["--node-label", "disk=ssd"], {"NodeLabel": "disk=ssd"}),
    (["--password", "pw1"], {"Password": "pw1"}),
    (["--password-length", "32"], {"PasswordLength": 32}),
    (["--password-type", "scram-sha-256"], {"PasswordType": "scram-sha-256"}),
    (["--password-superuser", "su"], {"PasswordSuperuser": "su"}),
    (["--password-replication", "rep"], {"PasswordReplication": "rep"}),
    (["--pgbackrest-cpu", "1"], {"BackrestCPURequest": "1"}),
    (["--pgbackrest-cpu-limit", "2"], {"BackrestCPULimit": "2"}),
    (["--pgbackrest-custom-config", "br-cm"], {"BackrestConfig": "br-cm"}),
    (["--pgbackrest-memory", "64Mi"], {"BackrestMemoryRequest": "64Mi"}),
    (["--pgbackrest-memory-limit", "128Mi"], {"BackrestMemoryLimit": "128Mi"}),
    (["--pgbackrest-pvc-size", "10Gi"], {"BackrestPVCSize": "10Gi"}),
    (["--pgbackrest-repo-path", "/backrestrepo/x"], {"BackrestRepoPath": "/backrestrepo/x"}),
    (["--pgbackrest-gcs-bucket", "gb"], {"BackrestGCSBucket": "gb"}),
    (["--pgbackrest-gcs-endpoint", "ge"], {"BackrestGCSEndpoint": "ge"}),
    (["--pgbackrest-gcs-key-type", "token"], {"BackrestGCSKeyType": "token"}),
    (["--pgbackrest-s3-key", "AK"], {"BackrestS3Key": "AK"}),
    (["--pgbackrest-s3-bucket", "sb"], {"BackrestS3Bucket": "sb"}),
    (["--pgbackrest-s3-ca-secret", "s3ca"], {"BackrestS3CASecretName": "s3ca"}),
    (["--pgbackrest-s3-endpoint", "s3.example"], {"BackrestS3Endpoint": "s3.example"}),
    (["--pgbackrest-s3-key-secret", "SK"], {"BackrestS3KeySecret": "SK"}),
    (["--pgbackrest-s3-region", "eu-west-1"], {"BackrestS3Region": "eu-west-1"}),
    (["--pgbackrest-s3-uri-style", "path"], {"BackrestS3URIStyle": "path"}),
    (["--pgbackrest-s3-verify-tls"], {"BackrestS3VerifyTLS": 1}),
    (["--pgbackrest-s3-verify-tls=true"], {"BackrestS3VerifyTLS": 1}),
    (["--pgbackrest-s3-verify-tls=false"], {"BackrestS3VerifyTLS": 2}),
    (["--pgbackrest-storage-config", "nfs"], {"BackrestStorageConfig": "nfs"}),
    (["--pgbackrest-storage-type", "posix,s3"], {"BackrestStorageType": "posix,s3"}),
    (["--pgbadger"], {"BadgerFlag": True}),
    (["--pgbouncer"], {"PgbouncerFlag": True}),
    (["--pgbouncer-cpu", "50m"], {"PgBouncerCPURequest": "50m"}),
    (["--pgbouncer-cpu-limit", "100m"], {"PgBouncerCPULimit": "100m"}),
    (["--pgbouncer-memory", "24Mi"], {"PgBouncerMemoryRequest": "24Mi"}),
    (["--pgbouncer-memory-limit", "48Mi"], {"PgBouncerMemoryLimit": "48Mi"}),
    (["--pgbouncer", "--pgbouncer-replicas", "3"], {"PgbouncerFlag": True, "PgBouncerReplicas": 3}),
    (
        ["--pgbouncer", "--pgbouncer-service-type", "NodePort"],
        {"PgbouncerFlag": True, "PgBouncerServiceType": "NodePort"},
    ),
    (["--pgbouncer-tls-secret", "bouncer-tls"], {"PgBouncerTLSSecret": "bouncer-tls"}),
    (["--replica-storage-config", "rs"], {"ReplicaStorageConfig": "rs"}),
    (["--pod-anti-affinity", "required"], {"PodAntiAffinity": "required"}),
    (["--pod-anti-affinity-pgbackrest", "disabled"], {"PodAntiAffinityPgBackRest": "disabled"}),
    (["--pod-anti-affinity-pgbouncer", "preferred"], {"PodAntiAffinityPgBouncer": "preferred"}),
    (["-z", "p1,p2"], {"Policies": "p1,p2"}),
    (["--policies", "p3"], {"Policies": "p3"}),
    (["--pvc-size", "20Gi"], {"PVCSize": "20Gi"}),
    (["--replica-count", "2"], {"ReplicaCount": 2}),
    (["--replication-tls-secret", "rep-tls"], {"ReplicationTLSSecret": "rep-tls"}),
    (["--restore-from", "old"], {"PGDataSource": {"restoreFrom": "old"}}),
    (["--restore-from-namespace", "ns2"], {"PGDataSource": {"namespace": "ns2"}}),
    (["--restore-opts", "--type=time"], {"PGDataSource": {"restoreOpts": "--type=time"}}),
    (["-s", "other"], {"SecretFrom": "other"}),
    (["--secret-from", "other2"], {"SecretFrom": "other2"}),
    (["--server-ca-secret", "ca"], {"CASecret": "ca"}),
    (["--server-tls-secret", "tls"], {"TLSSecret": "tls"}),
    (["--service-type", "LoadBalancer"], {"ServiceType": "LoadBalancer"}),
    (["--show-system-accounts"], {"ShowSystemAccounts": True}),
    (["--storage-config", "nfsstorage"], {"StorageConfig": "nfsstorage"}),
    (["--sync-replication"], {"SyncReplication": True, "ReplicaCount": 1}),
    (["--sync-replication", "--replica-count=3"], {"SyncReplication": True, "ReplicaCount": 3}),
    (["--sync-replication=false"], {"SyncReplication": False}),
    (["--tls-only"], {"TLSOnly": True}),
    (
        ["--toleration", "ssd:NoSchedule", "--toleration=zone=east,zone=west:NoExecute,gone-"],
        {
            "tolerations": [
                {"key": "ssd", "operator": "Exists", "effect": "NoSchedule"},
                {"key": "zone", "operator": "Equal", "value": "east"},
                {"key": "zone", "operator": "Equal", "value": "west", "effect": "NoExecute"},
            ]
        },
    ),
    (["--standby"], {"Standby": True}),
    (
        [
            "--tablespace",
            "name=ts1:storageconfig=nfs:pvcsize=10Gi",
            "--tablespace=NAME=b:StorageConfig=y:foo=z",
        ],
        {
            "Tablespaces": [
                {"Name": "ts1", "PVCSize": "10Gi", "StorageConfig": "nfs"},
                {"Name": "b", "PVCSize": "", "StorageConfig": "y"},
            ]
        },
    ),
    (["-u", "app"], {"Username": "app"}),
    (["--username=app2"], {"Username": "app2"}),
    (["--wal-storage-config", "wal"], {"WALStorageConfig": "wal"}),
    (["--wal-storage-size", "5Gi"], {"WALPVCSize": "5Gi"}),
]


def apply(body: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(body))
    for key, value in changes.items():
        if key in ("annotations", "PGDataSource"):
            result[key].update(value)
        else:
            result[key] = value
    return result


def _flags_in(argv: list[str]) -> set[str]:
    names = set()
    by_short = {flag.short: flag.name for flag in CREATE_FLAGS if flag.short}
    for arg in argv:
        if arg.startswith("--"):
            names.add(arg[2:].split("=")[0])
        elif re.fullmatch(r"-[a-zA-Z]", arg):
            names.add(by_short[arg[1]])
    return names


def test_every_create_flag_has_a_payload_case() -> None:
    covered = set().union(*(_flags_in(argv) for argv, _ in CASES)) | {"pgbackrest-gcs-key"}
    missing = {flag.name for flag in CREATE_FLAGS} - covered
    assert not missing, f"flags without a payload case: {sorted(missing)}"


def test_default_body_is_the_reference_body_byte_for_byte(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(f"{URL}/clusters", json=create_ok())
    outcome = pgo("create", "cluster", "hippo", "-n", "pgouser1", "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    expected = default_body()
    assert list(expected) == [key for key, _ in BODY_TEMPLATE]
    assert len(expected) == 82
    wire = outcome.calls[0].request.body
    assert wire == json.dumps(expected, separators=(",", ":")).encode()


@pytest.mark.parametrize(("argv", "changes"), CASES, ids=[" ".join(argv) for argv, _ in CASES])
def test_flag_sets_its_field(
    pgo: Runner, mock_api: responses.RequestsMock, argv: list[str], changes: dict[str, Any]
) -> None:
    mock_api.post(f"{URL}/clusters", json=create_ok())
    outcome = pgo("create", "cluster", "hippo", *argv, "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    (sent,) = outcome.bodies()
    expected = apply(default_body(), {"Namespace": "pgo", **changes})
    expected["Namespace"] = "pgo"
    assert go_view(sent) == go_view(expected)


def test_gcs_key_file_is_sent_as_base64(
    pgo: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    key_file = tmp_path / "gcs.json"
    key_file.write_bytes(b'{"type": "service_account"}\n\x00\xff')
    mock_api.post(f"{URL}/clusters", json=create_ok())
    outcome = pgo("create", "cluster", "hippo", "--pgbackrest-gcs-key", str(key_file), "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    (sent,) = outcome.bodies()
    assert sent["BackrestGCSKey"] == base64.b64encode(key_file.read_bytes()).decode()


def test_passwords_from_files_and_environment(
    pgo: Runner, mock_api: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-file\nsecond line ignored\n")
    monkeypatch.setenv("PGO_CLUSTER_PASSWORD_SUPERUSER", "from-env")
    monkeypatch.setenv("PGO_CLUSTER_PASSWORD_REPLICATION", "env-loses")
    mock_api.post(f"{URL}/clusters", json=create_ok())
    outcome = pgo(
        "create",
        "cluster",
        "hippo",
        "--password-file",
        str(secret),
        "--password-replication",
        "flag-wins",
        "-o",
        "pgo",
    )
    assert outcome.code == 0, outcome.stderr
    (sent,) = outcome.bodies()
    assert (sent["Password"], sent["PasswordSuperuser"], sent["PasswordReplication"]) == (
        "from-file",
        "from-env",
        "flag-wins",
    )


def test_create_prints_pgo_lines(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    reply = create_ok()
    reply["result"]["Users"].insert(0, {"Password": "pw0", "Username": "postgres"})
    mock_api.post(f"{URL}/clusters", json=reply)
    outcome = pgo("create", "cluster", "hippo", "-o", "pgo")
    assert outcome.stdout == (
        "created cluster: hippo\n"
        "workflow id: 0b2c3d4e-aaaa-bbbb-cccc-123456789abc\n"
        "database name: hippo\n"
        "users:\n"
        "\tusername: postgres password: pw0\n"
        "\tusername: testuser password: gen<er>&ated\n"
    )
    assert outcome.stderr == ""


def test_create_json_output_is_the_response(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(f"{URL}/clusters", json=create_ok())
    outcome = pgo("create", "cluster", "hippo", "-o", "json")
    assert json.loads(outcome.stdout) == create_ok()


def test_create_server_error_exits_1(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    message = "pgcluster hippo was found so we will not create it"
    mock_api.post(f"{URL}/clusters", json={"result": {}, "status": {"Code": "error", "Msg": message}})
    outcome = pgo("create", "cluster", "hippo", "-o", "pgo")
    assert outcome.code == 1
    assert outcome.error_lines() == [f"Error: {message}"]
    assert outcome.stdout == ""


def test_create_timeout_after_sending_says_so(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    """A server that reads the request and never answers: the hint says it may have happened."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    received: list[bytes] = []

    def swallow() -> None:
        connection, _ = listener.accept()
        received.append(connection.recv(65536))
        time.sleep(3)
        connection.close()

    thread = threading.Thread(target=swallow, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    mock_api.add_passthru(url)
    outcome = pgo("create", "cluster", "hippo", "--apiserver-url", url, "--timeout", "0.5", "-o", "pgo")
    listener.close()
    assert outcome.code == 4
    assert received and received[0].startswith(b"POST /clusters")
    assert "the request was sent" in outcome.stderr
    assert "check with: pgo show cluster hippo -n pgo" in outcome.stderr
