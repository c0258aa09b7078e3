"""The emulator's ``POST /clustersupdate``: UpdateCluster's messages in their order, and the state after."""

from __future__ import annotations

from typing import Any

import pytest

from pgo_cli.emulator import state
from tests.nouns.cluster_update.emu import Emu


def _error(answer: dict[str, Any]) -> str:
    assert answer["Code"] == "error", answer
    return str(answer["Msg"])


def test_version_and_namespace_come_first(emu: Emu) -> None:
    assert _error(emu.update("hippo", ClientVersion="4.6.0")) == "pgo client and server version mismatch"
    assert "not part of the Operator installation" in _error(emu.update("hippo", ns="elsewhere"))


def test_checks_before_the_selection_in_go_order(emu: Emu) -> None:
    # None of these clusters exist: every message below comes before the lookup.
    both: dict[str, Any] = {"Startup": True, "Shutdown": True, "CPULimit": "1m", "CPURequest": "2"}
    assert _error(emu.update("nosuch", **both)) == (
        "Both a startup and a shutdown was requested. Please specify one or the other"
    )
    assert _error(emu.update("nosuch", CPURequest="2", CPULimit="500m", MemoryRequest="x")) == (
        'limit "500m" is lower than the request "2"'
    )
    assert _error(emu.update("nosuch", MemoryRequest="1Gi", MemoryLimit="512Mi")) == (
        'limit "512Mi" is lower than the request "1Gi"'
    )
    assert _error(emu.update("nosuch", BackrestCPURequest="nope")).startswith("quantities must match")
    assert _error(emu.update("nosuch", ExporterMemoryRequest="64Mi", ExporterMemoryLimit="32Mi")) == (
        'limit "32Mi" is lower than the request "64Mi"'
    )
    tablespace = [{"Name": "ts1", "PVCSize": "", "StorageConfig": "nosuchstorage"}]
    assert _error(emu.update("nosuch", Tablespaces=tablespace, PVCSize="bad")) == (
        "nosuchstorage storage config for tablespace ts1 was not found"
    )
    tablespace = [{"Name": "ts1", "PVCSize": "lots", "StorageConfig": "nfsstorage"}]
    assert _error(emu.update("nosuch", Tablespaces=tablespace)).startswith(
        'could not parse PVC size "lots": quantities must match'
    )
    assert _error(emu.update("nosuch", WALPVCSize="huge")).startswith("quantities must match")
    assert _error(emu.update("nosuch")) == 'pgclusters.crunchydata.com "nosuch" not found'
    assert _error(emu.update(Selector="env=none")) == "no clusters found"
    assert _error(emu.update(Selector="a in (")).startswith("found ")


def test_a_lone_limit_below_the_stored_request_is_accepted(emu: Emu) -> None:
    emu.create("hippo")
    assert emu.update("hippo", MemoryLimit="64Mi")["Code"] == "ok"


def test_resources_sizes_and_annotations_show_in_show_cluster(emu: Emu) -> None:
    emu.create("hippo", ReplicaCount=1, annotations={"global": {"keep": "1", "drop": "2"}})
    answer = emu.update(
        "hippo",
        MemoryRequest="1Gi",
        CPURequest="0.5",
        CPULimit="1",
        PVCSize="5Gi",
        BackrestPVCSize="3Gi",
        annotations={"global": {"drop": "", "new": "x"}, "postgres": {"p": "q"}},
    )
    assert answer == {"Results": ["updated pgcluster hippo"], "Code": "ok", "Msg": ""}
    detail = emu.show("hippo")
    spec = detail["cluster"]["spec"]
    assert spec["resources"] == {"cpu": "500m", "memory": "1Gi"}
    assert spec["limits"] == {"cpu": "1"}
    assert spec["PrimaryStorage"]["size"] == "5Gi"
    assert spec["annotations"]["global"] == {"keep": "1", "new": "x"}
    assert spec["annotations"]["postgres"] == {"p": "q"}
    assert sorted(pvc["Capacity"] for pod in detail["Pods"] for pvc in pod["PVC"]) == ["5Gi", "5Gi"]
    assert emu.pvc("hippo-pgbr-repo") == "3Gi"


def test_a_pvc_only_grows(emu: Emu) -> None:
    emu.create("hippo", PVCSize="2Gi")
    assert _error(emu.update("hippo", PVCSize="1Gi")) == (
        'cannot resize PVC: new size "1Gi" is less than old size "2Gi"'
    )
    assert _error(emu.update("hippo", PVCSize="2048Mi")) == (
        'cannot resize PVC: new size "2Gi" is less than old size "2Gi"'
    )
    assert emu.pvc("hippo") == "2Gi"
    assert emu.update("hippo", PVCSize="3Gi")["Code"] == "ok"
    assert emu.pvc("hippo") == "3Gi"


def test_tls_settings_are_validated_with_the_stored_ones(emu: Emu) -> None:
    emu.create("hippo")
    assert _error(emu.update("hippo", ReplicationTLSSecret="r")) == (
        "Both TLS secret and CA secret must be set in order to enable certificate-based authentication "
        "for replication"
    )
    assert (
        _error(emu.update("hippo", TLSOnly=1)) == "TLS only clusters requires both a TLS secret and CA secret"
    )
    assert _error(emu.update("hippo", TLSSecret="tls")) == (
        "Both TLS secret and CA secret must be set in order to enable TLS for PostgreSQL"
    )
    assert _error(emu.update("hippo", TLSSecret="tls", CASecret="ca")) == 'secrets "tls" not found'
    with emu.server.state.write() as conn:
        state.put_secret(conn, "pgo", "tls", "", {"kind": "tls"})
    assert _error(emu.update("hippo", TLSSecret="tls", CASecret="ca")) == 'secrets "ca" not found'
    with emu.server.state.write() as conn:
        state.put_secret(conn, "pgo", "ca", "", {"kind": "tls"})
    assert emu.update("hippo", TLSSecret="tls", CASecret="ca", TLSOnly=1)["Code"] == "ok"
    spec = emu.doc("hippo")["cluster"]["spec"]
    assert (spec["tls"]["tlsSecret"], spec["tls"]["caSecret"], spec["tlsOnly"]) == ("tls", "ca", True)
    # DisableTLS wins over everything else and is not validated.
    assert emu.update("hippo", DisableTLS=True, TLSSecret="other")["Code"] == "ok"
    spec = emu.doc("hippo")["cluster"]["spec"]
    assert (spec["tls"]["tlsSecret"], spec["tls"]["caSecret"], spec["tlsOnly"]) == ("", "", False)


def test_service_type_and_sidecars(emu: Emu) -> None:
    emu.create("hippo")
    assert _error(emu.update("hippo", ServiceType="Bogus")) == 'invalid service type "Bogus"'
    assert emu.update("hippo", ServiceType="NodePort", Metrics=1, PGBadger=1, Autofail=2)["Code"] == "ok"
    detail = emu.show("hippo")
    spec = detail["cluster"]["spec"]
    assert (spec["serviceType"], spec["exporter"], spec["pgBadger"], spec["disableAutofail"]) == (
        "NodePort",
        True,
        True,
        True,
    )
    assert [pod["ReadyStatus"] for pod in detail["Pods"]] == ["3/3"]
    primary = next(s for s in detail["Services"] if s["Name"] == "hippo")
    assert primary["ClusterPorts"] == ["10000/TCP", "9187/TCP", "2022/TCP", "5432/TCP"]
    assert emu.update("hippo", Metrics=2)["Code"] == "ok"
    detail = emu.show("hippo")
    assert [pod["ReadyStatus"] for pod in detail["Pods"]] == ["2/2"]


def test_a_change_rolls_the_pods(slow_emu: Emu) -> None:
    slow_emu.create("hippo")
    slow_emu.clock.now += 5
    before = slow_emu.show("hippo")["Pods"][0]
    assert before["Ready"]
    assert slow_emu.update("hippo", MemoryRequest="1Gi")["Code"] == "ok"
    after = slow_emu.show("hippo")["Pods"][0]
    assert after["Name"] != before["Name"] and not after["Ready"]
    assert after["Name"].startswith("hippo-")
    slow_emu.clock.now += 3
    assert slow_emu.show("hippo")["Pods"][0]["Ready"]


def test_shutdown_removes_the_pods_and_startup_brings_them_back(slow_emu: Emu) -> None:
    slow_emu.create("hippo", ReplicaCount=1)
    slow_emu.clock.now += 5
    assert len(slow_emu.show("hippo")["Pods"]) == 2
    assert slow_emu.update("hippo", Shutdown=True)["Code"] == "ok"
    assert slow_emu.show("hippo")["Pods"] == []
    cluster = slow_emu.doc("hippo")["cluster"]
    assert cluster["spec"]["shutdown"] is True
    assert cluster["status"] == {
        "state": "pgcluster Shutdown",
        "message": "Database shutdown along with the following services: [hippo-backrest-shared-repo ]",
    }
    assert slow_emu.pvc("hippo") is not None  # the data stays
    assert slow_emu.update("hippo", Startup=True)["Code"] == "ok"
    pods = {pod["Type"]: pod for pod in slow_emu.show("hippo")["Pods"]}
    assert set(pods) == {"primary", "replica"}
    assert not pods["primary"]["Ready"] and not pods["replica"]["Ready"]
    slow_emu.clock.now += 3
    pods = {pod["Type"]: pod for pod in slow_emu.show("hippo")["Pods"]}
    assert pods["primary"]["Ready"] and not pods["replica"]["Ready"]  # the replicas follow the primary
    slow_emu.clock.now += 3
    assert all(pod["Ready"] for pod in slow_emu.show("hippo")["Pods"])
    assert slow_emu.doc("hippo")["cluster"]["spec"]["shutdown"] is False


def test_standby_needs_a_shutdown_and_blob_storage(emu: Emu) -> None:
    emu.create("hippo")
    assert (
        _error(emu.update("hippo", Standby=1)) == "Cluster must be shutdown in order to enable standby mode"
    )
    # The state is the one before this request: a shutdown in the same request does not count.
    assert _error(emu.update("hippo", Standby=1, Shutdown=True)) == (
        "Cluster must be shutdown in order to enable standby mode"
    )
    assert emu.update("hippo", Shutdown=True)["Code"] == "ok"
    assert _error(emu.update("hippo", Standby=1)) == (
        "Backrest storage type 's3' or 'gcs' must be enabled in order to enable standby mode"
    )
    emu.edit("hippo", lambda doc: doc["cluster"]["spec"].update(backrestStorageTypes=["posix", "s3"]))
    assert emu.update("hippo", Standby=1)["Code"] == "ok"
    assert emu.show("hippo")["Standby"] is True
    assert emu.update("hippo", Standby=2)["Code"] == "ok"
    assert emu.show("hippo")["Standby"] is False


def test_tablespaces_add_a_pvc_per_instance(emu: Emu) -> None:
    emu.create("hippo", ReplicaCount=1)
    tablespaces = [{"Name": "ts1", "PVCSize": "2Gi", "StorageConfig": "nfsstorage"}]
    assert emu.update("hippo", Tablespaces=tablespaces)["Code"] == "ok"
    spec = emu.doc("hippo")["cluster"]["spec"]
    assert spec["tablespaceMounts"]["ts1"]["size"] == "2Gi"
    assert spec["tablespaceMounts"]["ts1"]["storagetype"] == "create"
    replica = emu.doc("hippo")["replicas"][0]
    assert emu.pvc("hippo-tablespace-ts1") == "2Gi"
    assert emu.pvc(f"{replica}-tablespace-ts1") == "2Gi"
    names = sorted(pvc["Name"] for pod in emu.show("hippo")["Pods"] for pvc in pod["PVC"])
    assert names == sorted(["hippo", "hippo-tablespace-ts1", replica, f"{replica}-tablespace-ts1"])


def test_tolerations_removed_then_added(emu: Emu) -> None:
    emu.create(
        "hippo",
        tolerations=[
            {"key": "ssd", "operator": "Exists", "effect": "NoSchedule"},
            {"key": "zone", "operator": "Equal", "value": "east"},
        ],
    )
    answer = emu.update(
        "hippo",
        tolerationsDelete=[{"key": "ssd", "operator": "Exists", "effect": "NoSchedule"}],
        tolerations=[{"key": "gpu", "operator": "Exists"}],
    )
    assert answer["Code"] == "ok"
    assert emu.doc("hippo")["cluster"]["spec"]["tolerations"] == [
        {"key": "zone", "operator": "Equal", "value": "east"},
        {"key": "gpu", "operator": "Exists"},
    ]


def test_selection_all_and_selector(emu: Emu) -> None:
    emu.create("hippo", UserLabels={"env": "prod"})
    emu.create("zebra")
    assert emu.update(AllFlag=True, Autofail=2)["Results"] == [
        "updated pgcluster hippo",
        "updated pgcluster zebra",
    ]
    assert emu.update(Selector="env=prod", Autofail=1)["Results"] == ["updated pgcluster hippo"]
    assert emu.doc("hippo")["cluster"]["spec"]["disableAutofail"] is False
    assert emu.doc("zebra")["cluster"]["spec"]["disableAutofail"] is True


def test_a_refusal_leaves_the_clusters_before_it_updated(emu: Emu) -> None:
    emu.create("alpha", PVCSize="1Gi")
    emu.create("beta", PVCSize="5Gi")
    answer = emu.update("alpha", "beta", PVCSize="2Gi")
    assert answer["Code"] == "error"
    assert answer["Msg"] == 'cannot resize PVC: new size "2Gi" is less than old size "5Gi"'
    assert answer["Results"] == ["updated pgcluster alpha"]
    assert emu.pvc("alpha") == "2Gi" and emu.pvc("beta") == "5Gi"


@pytest.mark.parametrize("field", ["ExporterRotatePassword"])
def test_exporter_password_rotates_only_with_the_exporter(emu: Emu, field: str) -> None:
    emu.create("hippo", MetricsFlag=True)

    def password() -> Any:
        with emu.server.state.read() as conn:
            secret = state.get_secret(conn, "pgo", "hippo-exporter-secret")
        return None if secret is None else secret["password"]

    first = password()
    rotate: dict[str, Any] = {field: True}
    assert emu.update("hippo", **rotate)["Code"] == "ok"
    second = password()
    assert second is not None and second != first
    emu.create("plain")
    assert emu.update("plain", **rotate)["Code"] == "ok"
    with emu.server.state.read() as conn:
        assert state.get_secret(conn, "pgo", "plain-exporter-secret") is None
