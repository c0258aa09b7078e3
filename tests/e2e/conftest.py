"""A real ``pgo-emulator`` process for end-to-end tests of the real ``pgo`` over mutual TLS."""

from __future__ import annotations

import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.fake_server import free_port
from tests.support.proc import base_env

EMULATOR = [sys.executable, "-m", "pgo_cli.emulator"]


@dataclass
class Emulator:
    """A running emulator and the environment that points ``pgo`` at it."""

    state_dir: Path
    port: int
    home: Path
    extra_args: list[str] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Emulator:
        command = [
            *EMULATOR, "serve", "--port", str(self.port), "--state-dir", str(self.state_dir),
            "--ready-delay", "0", "--delete-delay", "0", *self.extra_args,
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"pgo-emulator exited: {self.process.stderr.read() if self.process.stderr else ''!r}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("pgo-emulator did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=10)

    def exports(self) -> dict[str, str]:
        text = subprocess.run(
            [*EMULATOR, "env", "--state-dir", str(self.state_dir), "--port", str(self.port)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        values: dict[str, str] = {}
        for line in text.splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            values[name] = shlex.split(value)[0]
        return values

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(self.home, **self.exports(), **extra)

    def admin(self, *args: str) -> None:
        """Run an emulator management subcommand (user/role/namespace add) on this state dir."""
        subprocess.run(
            [*EMULATOR, *args, "--state-dir", str(self.state_dir)], check=True, capture_output=True
        )


def _make(tmp_path: Path, *extra: str) -> Emulator:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return Emulator(tmp_path / "state", free_port(), home, list(extra))


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    running = _make(tmp_path).start()
    yield running
    running.stop()


@pytest.fixture
def make_emulator(tmp_path: Path) -> Iterator[Callable[..., Emulator]]:
    """Start emulators with extra ``serve`` arguments; all are stopped at the end."""
    started: list[Emulator] = []

    def factory(*extra: str) -> Emulator:
        instance = _make(tmp_path, *extra).start()
        started.append(instance)
        return instance

    yield factory
    for instance in started:
        instance.stop()
