"""An in-process emulator over plain HTTP with a clock the test moves by hand (for handler tests)."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from pgo_cli.emulator.__main__ import prepare_state_dir
from pgo_cli.emulator.config import Settings
from pgo_cli.emulator.server import EmulatorServer
from pgo_cli.emulator.world import World


class Clock:
    """A clock the tests move by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Running:
    """What a test talks to: the base URL, the server (and its state), the clock, a session."""

    url: str
    server: EmulatorServer
    clock: Clock
    session: requests.Session


@contextlib.contextmanager
def running_emulator(tmp_path: Path, ready_delay: float = 0.0) -> Iterator[Running]:
    """Start an emulator on a free port in this process; stop it and close its state after."""
    state_dir = tmp_path / "state"
    st = prepare_state_dir(state_dir, None, None)
    settings = Settings(state_dir=state_dir, port=0, tls=False, ready_delay=ready_delay, delete_delay=0.0)
    clock = Clock()
    server = EmulatorServer(settings, World(st, settings, clock=clock, log=sys.stderr))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    session = requests.Session()
    session.auth = ("admin", "examplepassword")
    session.trust_env = False
    try:
        yield Running(f"http://127.0.0.1:{server.port}", server, clock, session)
    finally:
        session.close()
        server.shutdown()
        server.server_close()
        server.state.close()
