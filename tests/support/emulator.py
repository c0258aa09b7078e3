"""A real ``pgo-emulator`` process for tests: start it, point ``pgo`` at it, stop it."""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.fake_server import free_port
from tests.support.proc import base_env, run_pgo

EMULATOR = [sys.executable, "-m", "pgo_cli.emulator"]


def spawn_emulator(state_dir: Path, port: int, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``pgo-emulator serve`` and wait for its start-up line (it prints it once listening).

    Returns the process and that line. Only the start-up line is read from stderr; the emulator
    writes nothing else there unless it fails.
    """
    process = subprocess.Popen(
        [*EMULATOR, "serve", "--state-dir", str(state_dir), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"pgo-emulator did not start: {line}{process.stderr.read()}")
    return process, line


def emulator_exports(state_dir: Path, port: int) -> dict[str, str]:
    """The variables ``pgo-emulator env`` exports, parsed as a shell would."""
    text = subprocess.run(
        [*EMULATOR, "env", "--state-dir", str(state_dir), "--port", str(port)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values: dict[str, str] = {}
    for line in text.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = shlex.split(value)[0]
    return values


@dataclass
class Emulator:
    """A running emulator and the environment that points ``pgo`` at it."""

    state_dir: Path
    port: int
    home: Path
    extra_args: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None
    #: What the emulator wrote on stderr after its start-up line (e.g. server-bug notices).
    log: list[str] = field(default_factory=list)

    @classmethod
    def in_dir(cls, directory: Path, *extra: str) -> Emulator:
        """An emulator (not started) with its state and a HOME under ``directory``."""
        home = directory / "home"
        home.mkdir(exist_ok=True)
        return cls(directory / "state", free_port(), home, list(extra))

    def start(self) -> Emulator:
        """Start (or restart) it, ready at once: no readiness or deletion delay."""
        self.process, _ = spawn_emulator(
            self.state_dir, self.port, "--ready-delay", "0", "--delete-delay", "0", *self.extra_args
        )
        stream = self.process.stderr
        assert stream is not None
        # Keep reading stderr so that notices never fill the pipe and stall the server.
        threading.Thread(target=lambda: self.log.extend(stream), daemon=True).start()
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=10)

    def env(self, **extra: str) -> dict[str, str]:
        """The user's environment after ``eval "$(pgo-emulator env)"``, plus ``extra``."""
        return base_env(self.home, **emulator_exports(self.state_dir, self.port), **extra)

    def admin(self, *args: str) -> None:
        """Run an emulator management subcommand (user/role/namespace add) on this state dir."""
        subprocess.run(
            [*EMULATOR, *args, "--state-dir", str(self.state_dir)], check=True, capture_output=True
        )


@contextlib.contextmanager
def running_with_clusters(directory: Path, *clusters: str) -> Iterator[Emulator]:
    """An emulator started in ``directory`` with ``clusters`` created by the installed ``pgo``;
    stopped on leaving (a module-scoped fixture's body: ``with running_with_clusters(...)``)."""
    emulator = Emulator.in_dir(directory).start()
    try:
        for name in clusters:
            created = run_pgo(["create", "cluster", name], emulator.env())
            assert created.code == 0, created.stderr
        yield emulator
    finally:
        emulator.stop()
