"""Fixtures: an in-process emulator on an ephemeral port with a controllable clock."""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import urllib3

from pgo_cli.emulator.__main__ import prepare_state_dir
from pgo_cli.emulator.config import Settings
from pgo_cli.emulator.server import EmulatorServer
from pgo_cli.emulator.world import World


@pytest.fixture(autouse=True)
def _quiet_insecure_warnings() -> Iterator[None]:
    """Our tests talk to the self-signed emulator with verification off on purpose."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
        yield


VERSION = "4.7.4"


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Emulator:
    """A running emulator and a ready-made client session."""

    url: str
    state_dir: Path
    server: EmulatorServer
    clock: FakeClock
    session: requests.Session

    @property
    def cert(self) -> tuple[str, str]:
        return (str(self.state_dir / "server.crt"), str(self.state_dir / "server.key"))

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        if isinstance(body, (bytes, str)):
            return self.session.post(self.url + path, data=body, **kwargs)
        return self.session.post(self.url + path, json=body, **kwargs)

    def create(self, name: str, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": ns, "Name": name, "AutofailFlag": True, **fields}
        return dict(self.post("/clusters", body).json())

    def show(self, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"clientversion": VERSION, "namespace": ns, **fields}
        return dict(self.post("/showclusters", body).json())

    def delete(self, name: str, ns: str = "pgo", **fields: Any) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": ns, "Clustername": name, **fields}
        return dict(self.post("/clustersdelete", body).json())


def start(state_dir: Path, tls: bool = True, **overrides: Any) -> tuple[EmulatorServer, FakeClock]:
    """Start a server thread; the caller shuts it down."""
    st = prepare_state_dir(state_dir, None, None)
    settings = Settings(state_dir=state_dir, port=0, tls=tls, ready_delay=0.0, delete_delay=0.0)
    for key, value in overrides.items():
        setattr(settings, key, value)
    clock = FakeClock()
    server = EmulatorServer(settings, World(st, settings, clock=clock, log=sys.stderr))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server, clock


def _emulator(tmp_path: Path, tls: bool, **overrides: Any) -> Iterator[Emulator]:
    state_dir = tmp_path / "state"
    server, clock = start(state_dir, tls=tls, **overrides)
    session = requests.Session()
    session.auth = ("admin", "examplepassword")
    session.verify = False
    session.trust_env = False
    if tls:
        session.cert = (str(state_dir / "server.crt"), str(state_dir / "server.key"))
    scheme = "https" if tls else "http"
    try:
        yield Emulator(f"{scheme}://127.0.0.1:{server.port}", state_dir, server, clock, session)
    finally:
        session.close()
        server.shutdown()
        server.server_close()
        server.state.close()


@pytest.fixture
def emu(tmp_path: Path) -> Iterator[Emulator]:
    """A TLS emulator with ready and delete delays of zero."""
    yield from _emulator(tmp_path, tls=True)


@pytest.fixture
def slow_emu(tmp_path: Path) -> Iterator[Emulator]:
    """A TLS emulator with a 3 s ready delay and a 1 s delete delay on the fake clock."""
    yield from _emulator(tmp_path, tls=True, ready_delay=3.0, delete_delay=1.0)


@pytest.fixture
def plain_emu(tmp_path: Path) -> Iterator[Emulator]:
    """A plain-HTTP emulator (--disable-tls)."""
    yield from _emulator(tmp_path, tls=False)
