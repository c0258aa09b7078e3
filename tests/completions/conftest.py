"""Shells, a recording ``pgo`` shim, and a running emulator for the completion tests."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.fake_server import free_port
from tests.support.proc import base_env, pgo_executable

ROOT = Path(__file__).resolve().parents[2]
COMPLETIONS = ROOT / "completions"


def shell_or_skip(name: str) -> str:
    """The shell's path; bash is required, zsh and fish are skipped with a reason when absent."""
    path = shutil.which(name)
    if path is None:
        if name == "bash":
            pytest.fail("bash is required for the completion tests")
        pytest.skip(
            f"{name} is not installed (e.g. apt-get install -y {name}); its completion is untested here"
        )
    return path


@dataclass
class Shim:
    """A directory holding a ``pgo`` that records each call, then runs the real one."""

    bin_dir: Path
    log: Path

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def shim(tmp_path: Path) -> Shim:
    bin_dir = tmp_path / "shim-bin"
    bin_dir.mkdir()
    log = tmp_path / "pgo-calls.log"
    script = bin_dir / "pgo"
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(log))}\nexec {shlex.quote(pgo_executable())} "$@"\n'
    )
    script.chmod(0o755)
    return Shim(bin_dir, log)


@dataclass
class Emulator:
    env: dict[str, str]
    process: subprocess.Popen[bytes]


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    """A running pgo-emulator (temporary state, ready at once) and the environment that uses it."""
    port = free_port()
    state = tmp_path / "state"
    home = tmp_path / "home"
    home.mkdir()
    emulator_cmd = [sys.executable, "-m", "pgo_cli.emulator"]
    process = subprocess.Popen(
        [*emulator_cmd, "serve", "--port", str(port), "--state-dir", str(state), "--ready-delay", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("pgo-emulator did not start") from None
                time.sleep(0.05)
        exports = subprocess.run(
            [*emulator_cmd, "env", "--state-dir", str(state), "--port", str(port)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        values = {}
        for line in exports.splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            values[name] = shlex.split(value)[0]
        yield Emulator(base_env(home, **values), process)
    finally:
        process.terminate()
        process.wait(timeout=10)
