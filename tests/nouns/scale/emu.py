"""An in-process emulator (plain HTTP, a hand-moved clock) for the WP1 tests (scale, scaledown,
failover, restart, reload), with helpers that speak the routes the way pgo does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from pgo_cli.emulator import state
from pgo_cli.emulator.server import EmulatorServer
from tests.support.inproc import Clock, running_emulator

VERSION = "4.7.4"


@dataclass
class Emu:
    url: str
    server: EmulatorServer
    clock: Clock
    session: requests.Session

    def post(self, path: str, body: Any) -> dict[str, Any]:
        return dict(self.session.post(self.url + path, json=body).json())

    def get(self, target: str) -> dict[str, Any]:
        return dict(self.session.get(self.url + target).json())

    def create(self, name: str, replicas: int = 0, ns: str = "pgo", **fields: Any) -> None:
        body = {
            "ClientVersion": VERSION,
            "Namespace": ns,
            "Name": name,
            "AutofailFlag": True,
            "ReplicaCount": replicas,
            **fields,
        }
        answer = self.post("/clusters", body)
        assert answer["status"]["Code"] == "ok", answer

    def scale(self, name: str, count: int = 1, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"clientVersion": VERSION, "namespace": ns, "replicaCount": count, "tolerations": [], **fields}
        return self.post(f"/clusters/scale/{name}", body)

    def scale_query(self, name: str, ns: str = "pgo", version: str = VERSION) -> dict[str, Any]:
        return self.get(f"/scale/{name}?version={version}&namespace={ns}")

    def scaledown(
        self, name: str, target: str, ns: str = "pgo", delete: str = "true", version: str = VERSION
    ) -> dict[str, Any]:
        return self.get(
            f"/scaledown/{name}?delete-data={delete}&namespace={ns}&replica-name={target}&version={version}"
        )

    def failover(self, name: str, target: str = "", force: bool = False, ns: str = "pgo") -> dict[str, Any]:
        body = {
            "ClientVersion": VERSION,
            "ClusterName": name,
            "Force": force,
            "Namespace": ns,
            "Target": target,
        }
        return self.post("/failover", body)

    def failover_query(self, name: str, ns: str = "pgo") -> dict[str, Any]:
        return self.get(f"/failover/{name}?version={VERSION}&namespace={ns}")

    def restart(
        self, name: str, targets: list[str] | None = None, rolling: bool = False, ns: str = "pgo"
    ) -> dict[str, Any]:
        body = {
            "Namespace": ns,
            "ClusterName": name,
            "RollingUpdate": rolling,
            "Targets": targets or [],
            "ClientVersion": VERSION,
        }
        return self.post("/restart", body)

    def restart_query(self, name: str, ns: str = "pgo") -> dict[str, Any]:
        return self.get(f"/restart/{name}?namespace={ns}&version={VERSION}")

    def reload(self, *names: str, selector: str = "", ns: str = "pgo") -> dict[str, Any]:
        return self.post("/reload", {"Namespace": ns, "Args": list(names), "Selector": selector})

    def doc(self, name: str, ns: str = "pgo") -> dict[str, Any]:
        with self.server.state.read() as conn:
            row = state.get_cluster(conn, ns, name)
        assert row is not None
        return row.doc

    def edit(self, name: str, change: Callable[[dict[str, Any]], None], ns: str = "pgo") -> None:
        """Change a stored cluster's document (to set up states pgo cannot reach)."""
        with self.server.state.write() as conn:
            row = state.get_cluster(conn, ns, name)
            assert row is not None
            change(row.doc)
            state.update_cluster_doc(conn, ns, name, row.doc)

    def pvc(self, name: str, ns: str = "pgo") -> str | None:
        with self.server.state.read() as conn:
            return state.pvc_capacity(conn, ns, name)

    def object(self, kind: str, name: str, ns: str = "pgo") -> dict[str, Any] | None:
        with self.server.state.read() as conn:
            return state.get_object(conn, kind, ns, name)

    def replicas(self, name: str) -> list[str]:
        """The replica instance names, as scaledown --query lists them."""
        return [r["Name"] for r in self.scale_query(name)["Results"]]

    def primary(self, name: str) -> str:
        """The instance whose pod has the primary role (show cluster's view)."""
        body = {"clientversion": VERSION, "namespace": "pgo", "clustername": name}
        pods = self.post("/showclusters", body)["Results"][0]["Pods"]
        [primary] = [pod["Name"] for pod in pods if pod["Primary"]]
        return str(primary).rsplit("-", 2)[0]


def start_emu(tmp_path: Path, ready_delay: float = 0.0) -> Iterator[Emu]:
    with running_emulator(tmp_path, ready_delay) as running:
        yield Emu(running.url, running.server, running.clock, running.session)


@pytest.fixture
def emu(tmp_path: Path) -> Iterator[Emu]:
    """An in-process emulator whose pods are ready at once."""
    yield from start_emu(tmp_path)


@pytest.fixture
def slow_emu(tmp_path: Path) -> Iterator[Emu]:
    """An in-process emulator whose new pods are ready 5 s (of the hand-moved clock) later."""
    yield from start_emu(tmp_path, ready_delay=5.0)
