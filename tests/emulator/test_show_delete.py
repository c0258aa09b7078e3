"""Show selection and simulated time (§5.3), delete semantics and delays (§6.5)."""

from __future__ import annotations

import threading

from .conftest import Emulator


def names(response: dict[str, object]) -> list[str]:
    results = response["Results"]
    assert isinstance(results, list)
    return [d["cluster"]["metadata"]["name"] for d in results]


def test_show_by_name_all_and_selectors(emu: Emulator) -> None:
    for name in ("rhino", "hippo", "zebra"):
        assert emu.create(name)["status"]["Code"] == "ok"
    emu.create("other", ns="pgouser1")
    assert names(emu.show(clustername="hippo")) == ["hippo"]
    assert emu.show(clustername="nope") == {"Results": [], "Code": "ok", "Msg": ""}
    assert emu.show(clustername="") == {"Results": [], "Code": "ok", "Msg": ""}
    assert names(emu.show(allflag=True)) == ["hippo", "rhino", "zebra"]
    assert names(emu.show(selector="name in (zebra,hippo)", clustername="rhino")) == ["hippo", "zebra"]
    assert names(emu.show(selector="name notin (zebra)", allflag=False)) == ["hippo", "rhino"]
    assert names(emu.show(selector="name!=rhino")) == ["hippo", "zebra"]
    assert names(emu.show(selector="pgouser=admin,name==rhino")) == ["rhino"]
    assert names(emu.show(selector="pgouser")) == ["hippo", "rhino", "zebra"]
    assert names(emu.show(selector="!pgouser")) == []
    bad = emu.show(selector="name in (")
    assert (bad["Results"], bad["Code"]) == ([], "error")
    assert "expected" in bad["Msg"]
    # once initialized, the operator has copied spec.userlabels onto the Pgcluster's labels
    # (util.PatchClusterCRD), so selectors see them
    emu.create("labelled", UserLabels={"env": "prod"})
    assert names(emu.show(selector="env=prod")) == ["labelled"]
    assert names(emu.show(ccpimagetag="nope", allflag=True)) == []
    assert len(names(emu.show(ccpimagetag="centos8-13.5-4.7.4", allflag=True))) == 4


def test_pods_become_ready_after_the_delay(slow_emu: Emulator) -> None:
    slow_emu.create("hippo", MetricsFlag=True)
    [detail] = slow_emu.show(clustername="hippo")["Results"]
    [pod] = detail["Pods"]
    assert (pod["Phase"], pod["ReadyStatus"], pod["Ready"]) == ("Pending", "0/2", False)
    assert detail["cluster"]["status"] == {
        "state": "pgcluster Created",
        "message": "Created, not processed yet",
    }
    assert detail["cluster"]["spec"]["status"] == ""
    slow_emu.clock.advance(2.9)
    assert slow_emu.show(clustername="hippo")["Results"][0]["Pods"][0]["Ready"] is False
    slow_emu.clock.advance(0.2)
    [detail] = slow_emu.show(clustername="hippo")["Results"]
    [pod] = detail["Pods"]
    assert (pod["Phase"], pod["ReadyStatus"], pod["Ready"]) == ("Running", "2/2", True)
    assert detail["cluster"]["status"]["state"] == "pgcluster Initialized"
    assert detail["cluster"]["spec"]["status"] == "completed"


def test_delete_is_asynchronous(slow_emu: Emulator) -> None:
    slow_emu.create("hippo")
    assert slow_emu.delete("hippo", DeleteData=True, DeleteBackups=True) == {
        "Results": ["deleted pgcluster hippo"],
        "Code": "ok",
        "Msg": "",
    }
    assert names(slow_emu.show(clustername="hippo")) == ["hippo"]  # still there, like a running rmdata job
    assert slow_emu.create("hippo")["status"]["Msg"] == "pgcluster hippo was found so we will not create it"
    slow_emu.clock.advance(1.0)
    assert slow_emu.show(clustername="hippo")["Results"] == []
    assert slow_emu.delete("hippo") == {"Results": [], "Code": "error", "Msg": "no clusters found"}


def test_delete_all_and_selector(emu: Emulator) -> None:
    for name in ("a", "b", "c"):
        emu.create(name)
    emu.create("keep", ns="pgouser1")
    assert emu.delete("a", Selector="name in (b,c)")["Results"] == [
        "deleted pgcluster b",
        "deleted pgcluster c",
    ]
    assert emu.delete("all")["Results"] == ["deleted pgcluster a"]
    assert emu.delete("all") == {"Results": [], "Code": "error", "Msg": "no clusters found"}
    assert names(emu.show(ns="pgouser1", allflag=True)) == ["keep"]
    bad = emu.delete("x", Selector="a in")
    assert (bad["Results"], bad["Code"]) == ([], "error")


def test_keep_backups_allows_restore_and_full_delete_does_not(emu: Emulator) -> None:
    emu.create("src")
    emu.delete("src", DeleteData=True, DeleteBackups=False)
    restored = emu.create("copy", PGDataSource={"restoreFrom": "src"})
    assert restored["status"]["Code"] == "ok"
    assert (
        emu.show(clustername="copy")["Results"][0]["cluster"]["spec"]["pgDataSource"]["restoreFrom"] == "src"
    )
    emu.create("gone")
    emu.delete("gone", DeleteData=True, DeleteBackups=True)
    failed = emu.create("copy2", PGDataSource={"restoreFrom": "gone"})
    assert failed["status"]["Msg"] == (
        "Unable to find PVC gone-pgbr-repo for cluster gone (namespace pgo), cannot restore from the specified data source"
    )
    other_ns = emu.create("copy3", PGDataSource={"restoreFrom": "src", "namespace": "pgouser1"})
    assert "(namespace pgouser1)" in other_ns["status"]["Msg"]


def test_keep_data_returns_the_old_passwords(emu: Emulator) -> None:
    first = emu.create("hippo", ShowSystemAccounts=True)["result"]["Users"]
    emu.delete("hippo", DeleteData=False, DeleteBackups=True)
    again = emu.create("hippo", ShowSystemAccounts=True, Password="ignored")["result"]["Users"]
    assert again == first
    emu.delete("hippo", DeleteData=True, DeleteBackups=True)
    fresh = emu.create("hippo", ShowSystemAccounts=True)["result"]["Users"]
    assert all(a["Password"] != b["Password"] for a, b in zip(first, fresh, strict=True))


def test_concurrent_creates_of_one_name_exactly_one_wins(emu: Emulator) -> None:
    for round_ in range(5):
        name = f"race{round_}"
        barrier = threading.Barrier(6)
        outcomes: list[dict[str, object]] = []
        lock = threading.Lock()

        def worker(
            name: str = name,
            barrier: threading.Barrier = barrier,
            outcomes: list[dict[str, object]] = outcomes,
            lock: threading.Lock = lock,
        ) -> None:
            import requests

            session = requests.Session()
            session.trust_env = False
            session.verify = False
            session.cert = emu.cert
            session.auth = ("admin", "examplepassword")
            barrier.wait()
            body = {"ClientVersion": "4.7.4", "Namespace": "pgo", "Name": name}
            result = session.post(emu.url + "/clusters", json=body).json()
            with lock:
                outcomes.append(result["status"])

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(o["Code"] for o in outcomes) == ["error"] * 5 + ["ok"]
        assert {o["Msg"] for o in outcomes if o["Code"] == "error"} == {
            f"pgcluster {name} was found so we will not create it"
        }
        assert names(emu.show(clustername=name)) == [name]


def test_user_labels_are_selectable_only_once_the_cluster_is_initialized(slow_emu: Emulator) -> None:
    slow_emu.create("labelled", UserLabels={"env": "prod"})
    assert names(slow_emu.show(selector="env=prod")) == []
    slow_emu.clock.advance(3.0)
    assert names(slow_emu.show(selector="env=prod")) == ["labelled"]
