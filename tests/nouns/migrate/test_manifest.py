"""The manifest builder on written-down v4 clusters: schema-valid for every method, each setting
carried, the guide's data source per method, refusals, and what is not carried named."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pgo_cli.nouns.migrate import manifest, render, steps
from pgo_cli.nouns.migrate.source import V4Cluster
from tests.nouns.migrate.schema import claims, errors


def _storage(
    size: str, cls: str = "", kind: str = "dynamic", access: str = "ReadWriteOnce", groups: str = ""
) -> dict[str, str]:
    return {
        "name": "",
        "storageclass": cls,
        "accessmode": access,
        "size": size,
        "storagetype": kind,
        "supplementalgroups": groups,
        "matchLabels": "",
    }


EMPTY = _storage("", kind="", access="")


def pgcluster(**spec: Any) -> dict[str, Any]:
    """A Pgcluster as show cluster sends it (pkg/apis/crunchydata.com/v1/cluster.go), initialized."""
    base: dict[str, Any] = {
        "name": "hippo",
        "ccpimage": "crunchy-postgres-ha",
        "ccpimagetag": "centos8-13.5-4.7.4",
        "port": "5432",
        "PrimaryStorage": _storage("5Gi", "fast"),
        "WALStorage": dict(EMPTY),
        "ReplicaStorage": _storage("5Gi", "fast"),
        "BackrestStorage": _storage("10Gi"),
        "resources": {"cpu": "500m", "memory": "1Gi"},
        "limits": {"cpu": "1", "memory": "2Gi"},
        "backrestResources": {"memory": "48Mi"},
        "backrestLimits": {},
        "exporter": False,
        "exporterResources": {"memory": "24Mi"},
        "exporterLimits": {},
        "pgBadger": False,
        "pgBouncer": {"replicas": 0, "resources": {}, "limits": {}, "serviceType": "", "tlsSecret": ""},
        "user": "testuser",
        "database": "hippo",
        "replicas": "0",
        "userlabels": {"pgo-version": "4.7.4", "workflowid": "abc"},
        "nodeAffinity": {},
        "podAntiAffinity": {"default": "preferred", "pgBackRest": "preferred", "pgBouncer": "preferred"},
        "backrestStorageTypes": [],
        "backrestS3Bucket": "",
        "backrestS3Endpoint": "",
        "backrestS3Region": "",
        "backrestS3URIStyle": "",
        "backrestS3VerifyTLS": "true",
        "backrestRepoPath": "",
        "tablespaceMounts": {},
        "tls": {"caSecret": "", "replicationTLSSecret": "", "tlsSecret": ""},
        "tlsOnly": False,
        "standby": False,
        "annotations": {"backrest": {}, "global": {}, "pgBouncer": {}, "postgres": {}},
        "serviceType": "",
        "tolerations": None,
    }
    base.update(spec)
    return {
        "kind": "Pgcluster",
        "metadata": {"name": "hippo", "annotations": {"current-primary": "hippo"}},
        "spec": base,
        "status": {"state": "pgcluster Initialized", "message": "Cluster has been initialized"},
    }


def cluster(replicas: tuple[str, ...] = (), wal: bool = False, **spec: Any) -> V4Cluster:
    data = ["hippo", *(["hippo-wal"] if wal else [])]
    pods = [("hippo-abc-1", "primary", data)] + [(f"{r}-x-y", "replica", [r]) for r in replicas]
    return V4Cluster(
        name="hippo",
        namespace="pgo",
        pgcluster=pgcluster(**spec),
        pods=pods,
        replicas=list(replicas),
        pvcs=sorted([*data, *replicas, "hippo-pgbr-repo"]),
        users=["testuser"],
        storage_types=[],
        backups=1,
    )


S3 = {
    "backrestStorageTypes": ["posix", "s3"],
    "backrestS3Bucket": "hippo-bucket",
    "backrestS3Endpoint": "s3.amazonaws.com",
    "backrestS3Region": "us-east-1",
    "backrestS3URIStyle": "path",
    "backrestS3VerifyTLS": "false",
}

RICH = {
    **S3,
    "exporter": True,
    "exporterLimits": {"cpu": "200m"},
    "pgBadger": True,
    "customconfig": "hippo-custom",
    "syncReplication": True,
    "serviceType": "LoadBalancer",
    "WALStorage": _storage("2Gi", "fast"),
    "userlabels": {"env": "prod", "pgo-version": "4.7.4", "workflowid": "abc"},
    "annotations": {
        "backrest": {"b": "1"},
        "global": {"team": "db"},
        "pgBouncer": {"p": "2"},
        "postgres": {"q": "3"},
    },
    "pgBouncer": {
        "replicas": 2,
        "resources": {"memory": "24Mi"},
        "limits": {"cpu": "300m"},
        "serviceType": "NodePort",
        "tlsSecret": "bouncer-tls",
    },
    "tls": {"caSecret": "hippo-ca", "replicationTLSSecret": "hippo-repl", "tlsSecret": "hippo-tls"},
    "tolerations": [{"key": "zone", "operator": "Equal", "value": "east", "effect": "NoSchedule"}],
    "nodeAffinity": {
        "default": {
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {
                    "weight": 10,
                    "preference": {
                        "matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]
                    },
                }
            ]
        }
    },
    "podAntiAffinity": {"default": "required", "pgBackRest": "preferred", "pgBouncer": "required"},
    "tablespaceMounts": {"ts1": _storage("1Gi")},
}


@pytest.mark.parametrize("method", manifest.METHODS)
def test_every_method_validates_against_the_v5_crd(method: str) -> None:
    built = manifest.build(cluster(("hippo-aaaa", "hippo-bbbb"), wal=True, **RICH), method)
    assert errors(built.manifest) == []
    for claim in claims(built.manifest):  # the CRD's CEL rules on claims
        assert claim["accessModes"] and claim["resources"]["requests"]["storage"]
    # -o json is the same document
    import yaml

    assert yaml.safe_load(render.dumps(built.manifest, "yaml")) == built.manifest
    assert json.loads(render.dumps(built.manifest, "json")) == built.manifest


def test_settings_are_carried() -> None:
    built = manifest.build(cluster(("hippo-aaaa", "hippo-bbbb"), wal=True, **RICH), "volumes")
    doc = built.manifest
    spec = doc["spec"]
    assert doc["apiVersion"] == "postgres-operator.crunchydata.com/v1beta1"
    assert doc["metadata"] == {"name": "hippo", "namespace": "pgo", "labels": {"env": "prod"}}
    assert spec["metadata"] == {"annotations": {"team": "db"}, "labels": {"env": "prod"}}
    assert spec["postgresVersion"] == 13
    [instance] = spec["instances"]
    assert instance["replicas"] == 3
    assert instance["metadata"] == {"annotations": {"q": "3"}}
    assert instance["dataVolumeClaimSpec"] == {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": "5Gi"}},
        "storageClassName": "fast",
    }
    assert instance["walVolumeClaimSpec"]["resources"]["requests"]["storage"] == "2Gi"
    assert instance["resources"] == {
        "limits": {"cpu": "1", "memory": "2Gi"},
        "requests": {"cpu": "500m", "memory": "1Gi"},
    }
    assert instance["tolerations"] == RICH["tolerations"]
    assert instance["affinity"]["nodeAffinity"] == RICH["nodeAffinity"]["default"]
    [term] = instance["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert term["labelSelector"]["matchLabels"]["postgres-operator.crunchydata.com/cluster"] == "hippo"
    bouncer = spec["proxy"]["pgBouncer"]
    assert bouncer["replicas"] == 2 and bouncer["service"] == {"type": "NodePort"}
    assert bouncer["resources"] == {"limits": {"cpu": "300m"}, "requests": {"memory": "24Mi"}}
    assert bouncer["customTLSSecret"] == {"name": "bouncer-tls"} and bouncer["metadata"] == {
        "annotations": {"p": "2"}
    }
    assert "podAntiAffinity" in bouncer["affinity"]
    assert spec["monitoring"] == {
        "pgmonitor": {"exporter": {"resources": {"limits": {"cpu": "200m"}, "requests": {"memory": "24Mi"}}}}
    }
    assert spec["patroni"] == {"dynamicConfiguration": {"synchronous_mode": True}}
    assert spec["service"] == {"type": "LoadBalancer"}
    assert spec["customTLSSecret"] == {"name": "hippo-tls"}
    assert spec["customReplicationTLSSecret"] == {"name": "hippo-repl"}
    assert spec["users"] == [{"name": "postgres"}, {"name": "testuser", "databases": ["hippo"]}]
    assert "password" not in json.dumps(doc).lower()
    pgbackrest = spec["backups"]["pgbackrest"]
    assert pgbackrest["metadata"] == {"annotations": {"b": "1"}}
    assert pgbackrest["repos"] == [
        {
            "name": "repo1",
            "volume": {
                "volumeClaimSpec": {
                    "accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": "10Gi"}},
                }
            },
        }
    ]
    dropped = dict(built.dropped)
    assert "pgBadger" in dropped and "custom configuration ConfigMap hippo-custom" in dropped
    assert "patroni.dynamicConfiguration" in dropped["custom configuration ConfigMap hippo-custom"]
    assert "tablespace ts1" in dropped and "the s3 pgBackRest repository" in dropped


def test_volumes_data_source_is_the_guides() -> None:
    spec = manifest.build(cluster(("hippo-aaaa",), wal=True), "volumes").manifest["spec"]
    assert spec["dataSource"] == {
        "volumes": {
            "pgDataVolume": {"pvcName": "hippo", "directory": "hippo"},
            "pgWALVolume": {"pvcName": "hippo-wal"},
            "pgBackRestVolume": {"pvcName": "hippo-pgbr-repo", "directory": "hippo-backrest-shared-repo"},
        }
    }
    no_wal = manifest.build(cluster(), "volumes").manifest["spec"]
    assert "pgWALVolume" not in no_wal["dataSource"]["volumes"]
    assert "walVolumeClaimSpec" not in no_wal["instances"][0]


def test_volumes_after_a_failover_points_at_the_current_primary() -> None:
    moved = cluster(("hippo",))
    moved.pods = [("hippo-qrst-1-2", "primary", ["hippo-qrst"]), ("hippo-1-2", "replica", ["hippo"])]
    moved.pvcs = ["hippo", "hippo-pgbr-repo", "hippo-qrst"]
    volumes = manifest.build(moved, "volumes").manifest["spec"]["dataSource"]["volumes"]
    assert volumes["pgDataVolume"] == {"pvcName": "hippo-qrst", "directory": "hippo-qrst"}


def test_backups_data_source_pvc_and_s3() -> None:
    spec = manifest.build(cluster(), "backups").manifest["spec"]
    assert spec["dataSource"] == {
        "volumes": {
            "pgBackRestVolume": {"pvcName": "hippo-pgbr-repo", "directory": "hippo-backrest-shared-repo"}
        },
        "postgresCluster": {"repoName": "repo1"},
    }
    s3_only = {**S3, "backrestStorageTypes": ["s3"]}
    spec = manifest.build(cluster(**s3_only), "backups").manifest["spec"]
    assert spec["dataSource"] == {"postgresCluster": {"repoName": "repo1"}}
    pgbackrest = spec["backups"]["pgbackrest"]
    assert pgbackrest["repos"] == [
        {
            "name": "repo1",
            "s3": {"bucket": "hippo-bucket", "endpoint": "s3.amazonaws.com", "region": "us-east-1"},
        }
    ]
    assert pgbackrest["global"] == {
        "repo1-path": "/backrestrepo/hippo-backrest-shared-repo",
        "repo1-s3-uri-style": "path",
        "repo1-storage-verify-tls": "n",
    }
    # go-yaml v2 (kubectl) reads a bare n as false: it is quoted
    assert 'repo1-storage-verify-tls: "n"' in render.dumps(spec, "yaml")


def test_standby_follows_repo1_in_the_cloud() -> None:
    spec = manifest.build(cluster(**{**S3, "backrestRepoPath": "/custom/path"}), "standby").manifest["spec"]
    assert spec["standby"] == {"enabled": True, "repoName": "repo1"}
    assert "dataSource" not in spec
    assert spec["backups"]["pgbackrest"]["repos"][0]["s3"]["bucket"] == "hippo-bucket"
    assert spec["backups"]["pgbackrest"]["global"]["repo1-path"] == "/custom/path"
    gcs = {"backrestStorageTypes": ["gcs"], "backrestGCSBucket": "gb", "backrestGCSKeyType": "service"}
    spec = manifest.build(cluster(**gcs), "standby").manifest["spec"]
    assert spec["backups"]["pgbackrest"]["repos"] == [{"name": "repo1", "gcs": {"bucket": "gb"}}]
    assert errors(manifest.build(cluster(**gcs), "standby").manifest) == []


@pytest.mark.parametrize(
    ("change", "method", "message"),
    [
        (
            {},
            "standby",
            "keeps its pgBackRest repository on a PVC (posix): the standby method needs an S3 or GCS repository",
        ),
        ({"standby": True}, "volumes", "cluster hippo is a v4 standby cluster"),
        (
            {"ccpimagetag": "centos8-10.19-4.7.4"},
            "volumes",
            "cluster hippo runs PostgreSQL 10: PGO v5.8.9 runs 11 to 18",
        ),
        ({"ccpimagetag": "latest"}, "volumes", "cannot tell the PostgreSQL major version"),
        (
            {"ccpimagetag": "centos8-9.6.24-4.7.4"},
            "backups",
            "cluster hippo runs PostgreSQL 9: PGO v5.8.9 runs 11 to 18",
        ),
    ],
)
def test_refusals(change: dict[str, Any], method: str, message: str) -> None:
    with pytest.raises(manifest.Refused) as refused:
        manifest.build(cluster(**change), method)
    assert message in refused.value.message
    assert refused.value.exit_code == 1


def test_not_initialized_is_refused() -> None:
    pending = cluster()
    pending.pgcluster = copy.deepcopy(pending.pgcluster)
    pending.pgcluster["status"] = {"state": "pgcluster Created"}
    with pytest.raises(manifest.Refused, match="is not initialized \\(state 'pgcluster Created'\\)"):
        manifest.build(pending, "backups")


def test_postgres_version_override_and_postgis() -> None:
    spec = manifest.build(cluster(ccpimagetag="latest"), "volumes", postgres_version=14).manifest["spec"]
    assert spec["postgresVersion"] == 14
    gis = cluster(ccpimage="crunchy-postgres-gis-ha", ccpimagetag="centos8-13.5-3.0-4.7.4")
    assert manifest.build(gis, "volumes").manifest["spec"]["postGISVersion"] == "3.0"


def test_nfs_storage_warns_fsgroup_and_sets_supplemental_groups() -> None:
    nfs = _storage("1G", kind="create", access="ReadWriteMany", groups="65534")
    built = manifest.build(cluster(PrimaryStorage=nfs, BackrestStorage=nfs), "volumes")
    assert built.manifest["spec"]["supplementalGroups"] == [65534]
    assert any("to 26" in w and "NFS/HostPath" in w for w in built.warnings)
    assert errors(built.manifest) == []


def test_users_v5_cannot_name_are_listed() -> None:
    odd = cluster()
    odd.users = ["testuser", "Bad_Name", "primaryuser"]
    built = manifest.build(odd, "volumes")
    assert [u["name"] for u in built.manifest["spec"]["users"]] == ["postgres", "testuser"]
    assert "user Bad_Name" in dict(built.dropped)


def test_steps_name_the_exact_commands() -> None:
    two = cluster(("hippo-aaaa", "hippo-bbbb"), wal=True)
    lines = [c for step in steps.plan(two, "volumes") for c in step.commands]
    assert "pgo scaledown hippo --target hippo-aaaa --no-prompt --wait -n pgo" in lines
    assert "pgo delete cluster hippo --keep-data --keep-backups --no-prompt --wait -n pgo" in lines
    assert "kubectl label pvc -n pgo hippo hippo-wal hippo-pgbr-repo pg-cluster- vendor-" in lines
    backups = [c for step in steps.plan(two, "backups") for c in step.commands]
    assert "pgo delete cluster hippo --keep-backups --no-prompt --wait -n pgo" in backups
    assert any("ownerReferences" in c for c in backups)
    standby = [c for step in steps.plan(cluster(**S3), "standby") for c in step.commands]
    assert "pgo update cluster hippo --shutdown --no-prompt -n pgo" in standby
    assert any("_crunchyrepl" in c for c in standby)
    assert not any("delete cluster hippo --keep" in c for c in standby)


def test_down_instances_are_a_warning() -> None:
    down = cluster()
    down.down = ["primary (hippo-abc-1)"]
    warnings = manifest.build(down, "backups").warnings
    assert (
        "pgo test hippo reports down: primary (hippo-abc-1); a fresh backup needs the primary up" in warnings
    )


def test_volumes_keeps_the_pvs_before_apply() -> None:
    plan = steps.plan(cluster(wal=True), "volumes")
    whats = [step.what for step in plan]
    retain = next(i for i, what in enumerate(whats) if "Retain" in what)
    assert whats[retain + 1] == "create the v5 cluster from those volumes"
    assert [c.split('"')[1].split()[3] for c in plan[retain].commands] == [
        "hippo",
        "hippo-wal",
        "hippo-pgbr-repo",
    ]


def test_yaml_is_imported_only_by_the_commands_that_print_it() -> None:
    from tests.foundation.test_import_budget import imported

    for args in (
        ["--help"],
        ["version", "--client"],
        ["migrate", "v5", "--help"],
        ["support", "export", "--help"],
    ):
        assert "yaml" not in imported(*args), args


def test_storage_falls_back_to_pgo_yaml_storage_configs() -> None:
    """A Pgcluster without storage specs (made by an older operator) takes pgo.yaml's configs."""
    old = cluster(PrimaryStorage=dict(EMPTY), BackrestStorage=dict(EMPTY))
    nfs = {
        "AccessMode": "ReadWriteMany",
        "Size": "3G",
        "StorageType": "create",
        "StorageClass": "",
        "SupplementalGroups": "65534",
        "MatchLabels": "zone=red",
    }
    gold = {
        "AccessMode": "ReadWriteOnce",
        "Size": "7Gi",
        "StorageType": "dynamic",
        "StorageClass": "gold",
        "SupplementalGroups": "",
        "MatchLabels": "",
    }
    old.config = {"PrimaryStorage": "nfs", "BackrestStorage": "gold", "Storage": {"nfs": nfs, "gold": gold}}
    built = manifest.build(old, "volumes")
    spec = built.manifest["spec"]
    assert spec["instances"][0]["dataVolumeClaimSpec"] == {
        "accessModes": ["ReadWriteMany"],
        "resources": {"requests": {"storage": "3G"}},
        "selector": {"matchLabels": {"zone": "red"}},
    }
    assert (
        spec["backups"]["pgbackrest"]["repos"][0]["volume"]["volumeClaimSpec"]["storageClassName"] == "gold"
    )
    assert spec["supplementalGroups"] == [65534]
    assert errors(built.manifest) == []


def test_replica_storage_is_named_only_when_it_differs() -> None:
    assert "ReplicaStorage" not in dict(manifest.build(cluster(), "volumes").dropped)
    assert "ReplicaStorage" not in dict(
        manifest.build(cluster(ReplicaStorage=dict(EMPTY)), "volumes").dropped
    )
    other = manifest.build(cluster(ReplicaStorage=_storage("5Gi", "slow")), "volumes")
    assert "replicas get the primary's (5Gi)" in dict(other.dropped)["ReplicaStorage"]
