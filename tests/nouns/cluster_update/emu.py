"""An in-process emulator (plain HTTP, a hand-moved clock) for the update/upgrade/workflow tests."""

from __future__ import annotations

from collections.abc import Iterator
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

    def create(self, name: str, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": ns, "Name": name, "AutofailFlag": True, **fields}
        return dict(self.session.post(self.url + "/clusters", json=body).json())

    def update(self, *names: str, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": ns, "Clustername": list(names), **fields}
        return dict(self.session.post(self.url + "/clustersupdate", json=body).json())

    def upgrade(self, *names: str, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": ns, "Args": list(names), **fields}
        return dict(self.session.post(self.url + "/upgrades", json=body).json())

    def workflow(self, workflow_id: str, ns: str = "pgo", version: str = VERSION) -> dict[str, Any]:
        target = f"{self.url}/workflow/{workflow_id}?version={version}&namespace={ns}"
        return dict(self.session.get(target).json())

    def show(self, name: str, ns: str = "pgo") -> dict[str, Any]:
        body = {"clientversion": VERSION, "namespace": ns, "clustername": name}
        results = self.session.post(self.url + "/showclusters", json=body).json()["Results"]
        assert len(results) == 1, results
        return dict(results[0])

    def doc(self, name: str, ns: str = "pgo") -> dict[str, Any]:
        with self.server.state.read() as conn:
            row = state.get_cluster(conn, ns, name)
        assert row is not None
        return row.doc

    def edit(self, name: str, change: Any, ns: str = "pgo") -> None:
        """Change a stored cluster's document (to set up states pgo cannot reach)."""
        with self.server.state.write() as conn:
            row = state.get_cluster(conn, ns, name)
            assert row is not None
            change(row.doc)
            state.update_cluster_doc(conn, ns, name, row.doc)

    def pvc(self, name: str, ns: str = "pgo") -> str | None:
        with self.server.state.read() as conn:
            return state.pvc_capacity(conn, ns, name)


def start_emu(tmp_path: Path, ready_delay: float = 0.0) -> Iterator[Emu]:
    with running_emulator(tmp_path, ready_delay) as running:
        yield Emu(running.url, running.server, running.clock, running.session)


@pytest.fixture
def emu(tmp_path: Path) -> Iterator[Emu]:
    """An in-process emulator whose pods are ready at once."""
    yield from start_emu(tmp_path)


@pytest.fixture
def slow_emu(tmp_path: Path) -> Iterator[Emu]:
    """An in-process emulator whose pods are ready 3 s (of the hand-moved clock) after a change."""
    yield from start_emu(tmp_path, ready_delay=3.0)
