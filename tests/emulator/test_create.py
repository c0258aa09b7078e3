"""Create: stored Pgcluster (§7.8, shaped as §5.8), validations (§7.7) and passwords."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pgo_cli.emulator.world import PASSWORD_CHARS
from pgo_cli.nouns.cluster.emulation import go_base64_error

from .conftest import VERSION, Emulator

# The exact body of `pgo create cluster hippo -n pgo --replica-count=1` (reference §4.6).
CLI_BODY: dict[str, Any] = json.loads(
    """{"Name":"hippo","Namespace":"pgo","NodeAffinityType":0,"NodeLabel":"","PasswordLength":0,
    "PasswordSuperuser":"","PasswordReplication":"","Password":"","SecretFrom":"","UserLabels":{},
    "Tablespaces":[],"Policies":"","CCPImage":"","CCPImageTag":"","CCPImagePrefix":"","PGOImagePrefix":"",
    "ReplicaCount":1,"ServiceType":"","MetricsFlag":false,"ExporterCPULimit":"","ExporterCPURequest":"",
    "ExporterMemoryLimit":"","ExporterMemoryRequest":"","BadgerFlag":false,"AutofailFlag":true,
    "ArchiveFlag":false,"BackrestStorageType":"","PgbouncerFlag":false,"PgBouncerReplicas":0,
    "PgBouncerServiceType":"","PgBouncerTLSSecret":"","CustomConfig":"","StorageConfig":"",
    "WALStorageConfig":"","ReplicaStorageConfig":"","ClientVersion":"4.7.4","PasswordType":"",
    "PodAntiAffinity":"","PodAntiAffinityPgBackRest":"","PodAntiAffinityPgBouncer":"","SyncReplication":null,
    "BackrestConfig":"","BackrestGCSBucket":"","BackrestGCSEndpoint":"","BackrestGCSKey":"",
    "BackrestGCSKeyType":"service","BackrestS3Key":"","BackrestS3KeySecret":"","BackrestS3Bucket":"",
    "BackrestS3Region":"","BackrestS3Endpoint":"","BackrestS3URIStyle":"","BackrestS3VerifyTLS":0,
    "Standby":false,"BackrestRepoPath":"","PVCSize":"","BackrestPVCSize":"","WALPVCSize":"","Username":"",
    "ShowSystemAccounts":false,"Database":"","TLSOnly":false,"TLSSecret":"","CASecret":"",
    "ReplicationTLSSecret":"","CPULimit":"","CPURequest":"","MemoryLimit":"","MemoryRequest":"",
    "PgBouncerCPULimit":"","PgBouncerCPURequest":"","PgBouncerMemoryLimit":"","PgBouncerMemoryRequest":"",
    "BackrestCPULimit":"","BackrestCPURequest":"","BackrestMemoryLimit":"","BackrestMemoryRequest":"",
    "BackrestStorageConfig":"","BackrestS3CASecretName":"",
    "PGDataSource":{"namespace":"","restoreFrom":"","restoreOpts":""},
    "annotations":{"backrest":{},"global":{},"pgBouncer":{},"postgres":{}},"tolerations":[]}"""
)

STORAGE_DEFAULT = {
    "name": "",
    "storageclass": "",
    "accessmode": "ReadWriteOnce",
    "size": "1G",
    "storagetype": "dynamic",
    "supplementalgroups": "",
    "matchLabels": "",
}
STORAGE_EMPTY = dict.fromkeys(STORAGE_DEFAULT, "")


def expected_spec(workflow_id: str) -> dict[str, Any]:
    """The spec of the §5.8 worked example, key order included."""
    return {
        "name": "hippo",
        "clustername": "hippo",
        "policies": "",
        "ccpimage": "crunchy-postgres-ha",
        "ccpimagetag": "centos8-13.5-4.7.4",
        "ccpimageprefix": "registry.developers.crunchydata.com/crunchydata",
        "pgoimageprefix": "registry.developers.crunchydata.com/crunchydata",
        "port": "5432",
        "disableAutofail": False,
        "pgBadger": False,
        "pgbadgerport": "10000",
        "exporter": False,
        "exporterport": "9187",
        "PrimaryStorage": STORAGE_DEFAULT,
        "WALStorage": STORAGE_EMPTY,
        "ReplicaStorage": STORAGE_DEFAULT,
        "BackrestStorage": STORAGE_DEFAULT,
        "PGAdminStorage": STORAGE_EMPTY,
        "resources": {"memory": "128Mi"},
        "limits": {},
        "backrestResources": {"memory": "48Mi"},
        "backrestLimits": {},
        "exporterResources": {"memory": "24Mi"},
        "exporterLimits": {},
        "pgBouncer": {
            "replicas": 0,
            "resources": {"memory": "24Mi"},
            "limits": {},
            "serviceType": "",
            "tlsSecret": "",
        },
        "user": "testuser",
        "passwordType": "",
        "database": "hippo",
        "replicas": "1",
        "status": "completed",
        "customconfig": "",
        "userlabels": {"pgo-version": "4.7.4", "workflowid": workflow_id},
        "nodeAffinity": {},
        "podAntiAffinity": {"default": "preferred", "pgBackRest": "preferred", "pgBouncer": "preferred"},
        "backrestGCSBucket": "",
        "backrestGCSEndpoint": "",
        "backrestGCSKeyType": "service",
        "backrestS3Bucket": "",
        "backrestS3Region": "",
        "backrestS3Endpoint": "",
        "backrestS3URIStyle": "",
        "backrestS3VerifyTLS": "true",
        "backrestRepoPath": "",
        "backrestStorageTypes": [],
        "tablespaceMounts": {},
        "tls": {"caSecret": "", "replicationTLSSecret": "", "tlsSecret": ""},
        "tlsOnly": False,
        "standby": False,
        "shutdown": False,
        "pgDataSource": {"namespace": "", "restoreFrom": "", "restoreOpts": ""},
        "annotations": {"backrest": {}, "global": {}, "pgBouncer": {}, "postgres": {}},
        "serviceType": "",
        "tolerations": [],
    }


def test_cli_body_creates_the_worked_example(emu: Emulator) -> None:
    assert len(CLI_BODY) == 82
    raw = emu.post("/clusters", CLI_BODY)
    assert raw.headers["Content-Type"] == "application/json"
    assert raw.content.endswith(b"}\n")
    created = raw.json()
    assert list(created) == ["result", "status"]
    assert created["status"] == {"Code": "ok", "Msg": ""}
    result = created["result"]
    assert list(result) == ["Database", "Name", "Users", "WorkflowID"]
    assert (result["Database"], result["Name"]) == ("hippo", "hippo")
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", result["WorkflowID"]
    )
    [user] = result["Users"]
    assert list(user) == ["Password", "Username"]
    assert user["Username"] == "testuser"
    assert len(user["Password"]) == 24 and set(user["Password"]) <= set(PASSWORD_CHARS)

    shown = emu.show(clustername="hippo")
    assert list(shown) == ["Results", "Code", "Msg"]
    [detail] = shown["Results"]
    assert list(detail) == ["cluster", "Deployments", "Pods", "Services", "Replicas", "Standby"]
    cluster = detail["cluster"]
    assert list(cluster) == ["kind", "apiVersion", "metadata", "spec", "status"]
    assert (cluster["kind"], cluster["apiVersion"]) == ("Pgcluster", "crunchydata.com/v1")
    meta = cluster["metadata"]
    assert list(meta) == [
        "name",
        "namespace",
        "uid",
        "resourceVersion",
        "generation",
        "creationTimestamp",
        "labels",
        "annotations",
    ]
    # initialised: PatchClusterCRD (internal/util/util.go:83) has copied the user labels on
    user_labels = cluster["spec"]["userlabels"]
    assert meta["labels"] == {
        "name": "hippo",
        "pg-cluster": "hippo",
        "pgo-version": "4.7.4",
        "pgouser": "admin",
        "workflowid": user_labels["workflowid"],
    }
    assert meta["annotations"] == {"current-primary": "hippo", "primary-deployment": "hippo"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta["creationTimestamp"])
    spec = cluster["spec"]
    expected = expected_spec(result["WorkflowID"])
    assert spec == expected
    assert list(spec) == list(expected)
    assert cluster["status"] == {"state": "pgcluster Initialized", "message": "Cluster has been initialized"}

    [replica] = detail["Replicas"]
    assert re.fullmatch(r"hippo-[a-z]{4}", replica["Name"])
    assert [d["Name"] for d in detail["Deployments"]] == sorted(
        ["hippo", "hippo-backrest-shared-repo", replica["Name"]]
    )
    assert all(d["PolicyLabels"] == [] for d in detail["Deployments"])
    primary, second = detail["Pods"]
    if primary["Type"] != "primary":
        primary, second = second, primary
    assert list(primary) == ["Name", "Phase", "NodeName", "PVC", "ReadyStatus", "Ready", "Primary", "Type"]
    assert re.fullmatch(
        r"hippo-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}", primary["Name"]
    )
    assert (primary["Phase"], primary["ReadyStatus"], primary["Ready"], primary["Primary"]) == (
        "Running",
        "1/1",
        True,
        True,
    )
    assert primary["PVC"] == [{"Capacity": "1G", "Name": "hippo"}]
    assert re.fullmatch(r"worker-\d", primary["NodeName"])
    assert (second["Type"], second["Primary"], second["PVC"]) == (
        "replica",
        False,
        [{"Capacity": "1G", "Name": replica["Name"]}],
    )
    assert second["Name"].startswith(replica["Name"] + "-")
    assert [s["Name"] for s in detail["Services"]] == ["hippo", "hippo-replica"]
    for service in detail["Services"]:
        assert list(service) == [
            "Name", "Data", "ClusterIP", "ClusterPorts", "ExternalIP", "ClusterName", "Pgbouncer", "BackrestRepo", "PGAdmin",
        ]  # fmt: skip
        assert service["ClusterPorts"] == ["2022/TCP", "5432/TCP"]
        assert re.fullmatch(r"10\.96\.\d+\.\d+", service["ClusterIP"])
        assert (service["Data"], service["ExternalIP"], service["ClusterName"]) == ("", "", "")
        assert not (service["Pgbouncer"] or service["BackrestRepo"] or service["PGAdmin"])
    assert detail["Standby"] is False


def test_features_change_ports_containers_and_objects(emu: Emulator) -> None:
    created = emu.create(
        "full",
        MetricsFlag=True,
        BadgerFlag=True,
        PgbouncerFlag=True,
        UserLabels={"env": "prod"},
        CPURequest="0.5",
        CPULimit="1",
        MemoryRequest="1.5Gi",
        MemoryLimit="2048Mi",
        PVCSize="2Gi",
        WALStorageConfig="nfsstorage",
        WALPVCSize="3Gi",
        Tablespaces=[{"Name": "ts1", "PVCSize": "5Gi", "StorageConfig": "gce"}],
        tolerations=[
            {"key": "zone", "operator": "Equal", "value": "east", "effect": "", "tolerationSeconds": None}
        ],
        annotations={"global": {"a": "1", "b": ""}, "postgres": None},
        NodeLabel="disk=ssd",
        NodeAffinityType=1,
        SyncReplication=True,
        PasswordType="scram",
        BackrestStorageType="local,posix",
        BackrestS3VerifyTLS=2,
    )
    assert created["status"]["Code"] == "ok", created
    [detail] = emu.show(clustername="full")["Results"]
    spec = detail["cluster"]["spec"]
    assert spec["resources"] == {"cpu": "500m", "memory": "1536Mi"}
    assert spec["limits"] == {"cpu": "1", "memory": "2Gi"}
    assert spec["pgBouncer"]["replicas"] == 1
    assert spec["replicas"] == "1" and spec["syncReplication"] is True
    assert spec["passwordType"] == "scram-sha-256"
    assert spec["backrestStorageTypes"] == ["posix", "posix"]
    assert spec["backrestS3VerifyTLS"] == "false"
    assert spec["PrimaryStorage"]["size"] == "2Gi" and spec["ReplicaStorage"]["size"] == "2Gi"
    assert spec["WALStorage"]["size"] == "3Gi" and spec["WALStorage"]["accessmode"] == "ReadWriteMany"
    assert spec["tablespaceMounts"]["ts1"]["size"] == "5Gi"
    assert spec["tolerations"] == [{"key": "zone", "operator": "Equal", "value": "east"}]
    assert spec["annotations"] == {"backrest": {}, "global": {"a": "1"}, "pgBouncer": {}, "postgres": {}}
    assert spec["nodeAffinity"] == {
        "default": {
            "requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [
                    {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}
                ]
            }
        }
    }
    assert list(spec["userlabels"]) == ["env", "pgo-version", "workflowid"]
    names = [s["Name"] for s in detail["Services"]]
    assert names == ["full", "full-pgbouncer", "full-replica"]
    ports = {s["Name"]: s["ClusterPorts"] for s in detail["Services"]}
    assert ports["full"] == ["10000/TCP", "9187/TCP", "2022/TCP", "5432/TCP"]
    bouncer = detail["Services"][1]
    assert (bouncer["Pgbouncer"], bouncer["ClusterName"]) == (True, "full")
    assert "full-pgbouncer" in [d["Name"] for d in detail["Deployments"]]
    pod = next(p for p in detail["Pods"] if p["Primary"])
    assert pod["ReadyStatus"] == "3/3"
    assert pod["PVC"] == [
        {"Capacity": "2Gi", "Name": "full"},
        {"Capacity": "3Gi", "Name": "full-wal"},
        {"Capacity": "5Gi", "Name": "full-tablespace-ts1"},
    ]


def test_raw_request_without_autofail_flag_disables_autofail(emu: Emulator) -> None:
    emu.post("/clusters", {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "raw"})
    [detail] = emu.show(clustername="raw")["Results"]
    assert detail["cluster"]["spec"]["disableAutofail"] is True
    assert detail["cluster"]["spec"]["tolerations"] is None
    assert detail["cluster"]["spec"]["backrestGCSKeyType"] == ""


LIMIT_64 = 'limit "64Mi" is lower than the request "128Mi"'
DNS1035 = (
    "invalid cluster name format a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
    "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex "
    "used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
)
QTY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
ANTI = "Invalid pod anti-affinity type.  Valid values are 'required', 'preferred' or 'disabled'"

VALIDATIONS: list[tuple[dict[str, Any], str]] = [
    ({"Name": "all"}, "invalid cluster name 'all' is not allowed as a cluster name"),
    ({"ReplicaCount": -1}, "invalid replica-count , should be greater than or equal to 0"),
    ({"Name": "1abc"}, DNS1035),
    ({"Name": "a.b"}, DNS1035),
    ({"Name": ""}, DNS1035),
    ({"Name": "a" * 64}, "invalid cluster name format must be no more than 63 characters"),
    (
        {"UserLabels": {"Env": "x"}},
        "invalid label: invalid key Env: a lowercase RFC 1123 label must consist of",
    ),
    ({"UserLabels": {"a/b/c": "v"}}, "invalid label: invalid key for v"),
    ({"UserLabels": {"env": "-x"}}, "invalid label: invalid value -x: a valid label must be an empty string"),
    (
        {"PGDataSource": {"restoreOpts": "--type=time"}},
        "A cluster to restore from must be specified when providing restore options",
    ),
    (
        {"PGDataSource": {"restoreFrom": "ghost"}},
        "Unable to find PVC ghost-pgbr-repo for cluster ghost (namespace pgo), cannot restore from the specified data source",
    ),
    ({"PVCSize": "1GiB"}, f'could not parse PVC size "1GiB": {QTY_FORMAT} (hint: try a value like "1Gi")'),
    (
        {"BackrestPVCSize": "1K"},
        'could not parse PVC size "1K": unable to parse quantity\'s suffix (hint: try a value like "1Gi")',
    ),
    ({"WALPVCSize": "x"}, f'could not parse PVC size "x": {QTY_FORMAT} (hint: try a value like "1Gi")'),
    ({"CPURequest": "abc"}, QTY_FORMAT),
    ({"CPURequest": "2", "CPULimit": "1500m"}, 'limit "1500m" is lower than the request "2"'),
    ({"MemoryLimit": "64Mi"}, LIMIT_64),
    ({"BackrestMemoryLimit": "32Mi"}, 'limit "32Mi" is lower than the request "48Mi"'),
    ({"PgBouncerMemoryLimit": "16Mi"}, 'limit "16Mi" is lower than the request "24Mi"'),
    ({"ExporterMemoryLimit": "16Mi"}, 'limit "16Mi" is lower than the request "24Mi"'),
    (
        {"Tablespaces": [{"Name": "t", "StorageConfig": "nope"}]},
        "nope storage config for tablespace t was not found",
    ),
    (
        {"Tablespaces": [{"Name": "t", "StorageConfig": "gce", "PVCSize": "1Gk"}]},
        'could not parse PVC size "1Gk": unable to parse quantity\'s suffix',
    ),
    (
        {"ReplicationTLSSecret": "r"},
        "Both TLS secret and CA secret must be set in order to enable certificate-based authentication for replication",
    ),
    ({"PgBouncerTLSSecret": "b"}, "pgBouncer must be enabled in order to enable TLS for pgBouncer"),
    (
        {"PgBouncerTLSSecret": "b", "PgbouncerFlag": True},
        "Both TLS secret and CA secret must be set in order to enable TLS for pgBouncer",
    ),
    ({"TLSOnly": True}, "TLS only clusters requires both a TLS secret and CA secret"),
    ({"TLSSecret": "t"}, "Both TLS secret and CA secret must be set in order to enable TLS for PostgreSQL"),
    ({"TLSSecret": "t", "CASecret": "c"}, 'secrets "t" not found'),
    ({"CustomConfig": "mycfg"}, "mycfg configmap was not found "),
    ({"ServiceType": "clusterip"}, 'invalid service type "clusterip"'),
    ({"Standby": True}, "Backrest storage type 's3' must be selected in order to create a standby cluster"),
    (
        {"Standby": True, "BackrestStorageType": "s3"},
        "A pgBackRest repository path must be specified when creating a standby cluster",
    ),
    ({"BackrestConfig": "brc"}, 'configmaps "brc" not found'),
    ({"BackrestStorageType": "posix,nfs"}, "invalid storage type: nfs"),
    ({"BackrestStorageType": "s3,s3"}, "Cannot use S3 and GCS at the same time."),
    (
        {"BackrestStorageType": "gcs"},
        "A configuration settings for GCS storage is missing. Values must be provided for the GCS bucket, GCS endpoint, and a GCS key in order to use the GCS storage type with pgBackRest.",
    ),
    (
        {"BackrestStorageType": "s3", "BackrestS3Bucket": "b"},
        "A configuration setting for AWS S3 storage is missing. Values must be provided for the S3 bucket, S3 endpoint and S3 region in order to use the 's3' storage type with pgBackRest.",
    ),
    (
        {
            "BackrestStorageType": "s3",
            "BackrestS3Bucket": "b",
            "BackrestS3Endpoint": "e",
            "BackrestS3Region": "r",
            "BackrestGCSKeyType": "x",
        },
        'Invalid GCS key type. Must either be "service" or "token".',
    ),
    ({"BackrestStorageConfig": "x\ty"}, '"x\\ty" storage config was not found'),
    ({"StorageConfig": "nope"}, '"nope" storage config was not found'),
    ({"WALStorageConfig": "nope"}, '"nope" storage config was not found'),
    ({"WALPVCSize": "1Gi"}, "WAL size requires WAL storage"),
    ({"NodeLabel": "a=b=c"}, "a=b=c node label does not follow key=value format"),
    ({"NodeLabel": "ab"}, "ab node label does not follow key=value format"),
    ({"ReplicaStorageConfig": "nope"}, "nope Storage config was not found "),
    ({"PasswordType": "sha"}, "invalid password type. choices are (md5, scram-sha-256)"),
    ({"PgbouncerFlag": True, "PgBouncerReplicas": -1}, "must have at least 1 replica(s) for pgBouncer"),
    ({"PgbouncerFlag": True, "PgBouncerServiceType": "x"}, 'invalid pgBouncer service type "x"'),
    ({"PodAntiAffinity": "x"}, ANTI),
    ({"PodAntiAffinityPgBackRest": "Required"}, ANTI),
    ({"PodAntiAffinityPgBouncer": "x"}, ANTI),
    ({"BackrestS3URIStyle": "virtual"}, 'pgBackRest S3 URI style must be set to either "path" or "host".'),
    ({"SecretFrom": "ghost"}, 'no secrets found for "ghost"'),
    ({"BackrestS3CASecretName": "ca"}, 'Error finding pgBackRest S3 CA secret "ca": secrets "ca" not found'),
    ({"BackrestGCSKey": "abc!"}, "could not decode GCS key: illegal base64 data at input byte 3"),
]


@pytest.mark.parametrize(("fields", "message"), VALIDATIONS, ids=[m[:40] for _, m in VALIDATIONS])
def test_validation_messages(emu: Emulator, fields: dict[str, Any], message: str) -> None:
    body = {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "hippo", **fields}
    response = emu.post("/clusters", body).json()
    assert response["status"]["Code"] == "error"
    assert response["status"]["Msg"].startswith(message)
    if message.endswith(" "):
        assert response["status"]["Msg"] == message
    assert emu.show(allflag=True)["Results"] == []


def test_first_failure_wins(emu: Emulator) -> None:
    body = {
        "ClientVersion": VERSION,
        "Namespace": "pgo",
        "Name": "hippo",
        "ServiceType": "bad",
        "MemoryLimit": "64Mi",
    }
    assert emu.post("/clusters", body).json()["status"]["Msg"] == LIMIT_64


def test_existing_cluster_is_not_recreated(emu: Emulator) -> None:
    assert emu.create("hippo")["status"]["Code"] == "ok"
    again = emu.create("hippo")
    assert again == {
        "result": {"Database": "", "Name": "", "Users": None, "WorkflowID": ""},
        "status": {"Code": "error", "Msg": "pgcluster hippo was found so we will not create it"},
    }
    # the same name in another namespace is another cluster
    assert emu.create("hippo", ns="pgouser1")["status"]["Code"] == "ok"


def test_passwords_requested_length_and_database(emu: Emulator) -> None:
    result = emu.create("a", Password="secret", Username="app", Database="appdb")["result"]
    assert result["Users"] == [{"Password": "secret", "Username": "app"}]
    assert result["Database"] == "appdb"
    result = emu.create("b", PasswordLength=40, ShowSystemAccounts=True, PasswordSuperuser="su")["result"]
    users = {u["Username"]: u["Password"] for u in result["Users"]}
    assert users["postgres"] == "su"
    assert len(users["primaryuser"]) == 40 and len(users["testuser"]) == 40


def test_secret_from_copies_passwords(emu: Emulator) -> None:
    source = emu.create("src", ShowSystemAccounts=True)["result"]["Users"]
    copied = emu.create("dst", SecretFrom="src", ShowSystemAccounts=True)["result"]["Users"]
    assert copied == source
    missing = emu.create("dst2", SecretFrom="src", Username="other")
    assert missing["status"]["Msg"] == 'could not find secret "other" in cluster "src"'


def test_later_failures_keep_user_secrets_and_partial_result(emu: Emulator) -> None:
    failed = emu.create("gcs", BackrestGCSKey="!!!!")
    assert failed["status"]["Msg"] == "could not decode GCS key: illegal base64 data at input byte 0"
    assert [u["Username"] for u in failed["result"]["Users"]] == ["testuser"]
    assert failed["result"]["WorkflowID"] == ""
    retried = emu.create("gcs", BackrestGCSKey="aGVsbG8=")
    assert retried["status"]["Code"] == "ok"
    assert retried["result"]["Users"] == failed["result"]["Users"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", None),
        ("aGVsbG8=", None),
        ("aGVsbA==", None),
        ("aGVs\nbG8=", None),
        ("abc!", "illegal base64 data at input byte 3"),
        ("abc", "illegal base64 data at input byte 0"),
        ("ab=c", "illegal base64 data at input byte 2"),
        ("a===", "illegal base64 data at input byte 1"),
        ("aGVsbA=", "illegal base64 data at input byte 7"),
        ("aGVsbG8=x", "illegal base64 data at input byte 8"),
    ],
)
def test_go_base64_errors(text: str, error: str | None) -> None:
    assert go_base64_error(text) == error
