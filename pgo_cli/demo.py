"""The main job in one command: ``python -m pgo_cli.demo``.

Starts ``pgo-emulator`` on a free port with a fresh state directory, then runs the real ``pgo``
against it over mutual TLS — version, create (waiting for the pods), show (table and pgo text),
scale, test, backup, show backup, a PostgreSQL user, status, delete — printing each command line
and its output, and stops the emulator. Exits non-zero if any step fails.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS: list[list[str]] = [
    ["version"],
    ["create", "cluster", "hippo", "--replica-count", "1", "--label", "env=demo", "--wait"],
    ["show", "cluster", "hippo", "-o", "table"],
    ["show", "cluster", "hippo", "-o", "pgo"],
    ["show", "cluster", "--all", "-o", "name"],
    ["scale", "hippo", "--no-prompt", "--wait"],
    ["test", "hippo"],
    ["backup", "hippo", "--wait"],
    ["show", "backup", "hippo"],
    ["create", "user", "hippo", "--username", "app", "--managed"],
    ["show", "user", "hippo"],
    ["status"],
    ["delete", "cluster", "hippo", "--no-prompt", "--wait"],
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pgo-emulator exited early with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"pgo-emulator did not listen on port {port} within {seconds:g}s")


def _emulator_env(state_dir: Path, port: int) -> dict[str, str]:
    lines = subprocess.run(
        [sys.executable, "-m", "pgo_cli.emulator", "env", "--state-dir", str(state_dir), "--port", str(port)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    env = {}
    for line in lines:
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    return env


def _pgo() -> list[str]:
    script = Path(sys.executable).with_name("pgo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pgo_cli"]


def main() -> int:
    """Run the demo; return the exit status."""
    with tempfile.TemporaryDirectory(prefix="pgo-demo-") as temp:
        state_dir = Path(temp) / "state"
        port = _free_port()
        print(f"# starting pgo-emulator on https://127.0.0.1:{port} (state in {state_dir})", flush=True)
        emulator = subprocess.Popen(
            [
                sys.executable, "-m", "pgo_cli.emulator", "serve",
                "--port", str(port), "--state-dir", str(state_dir), "--ready-delay", "1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            _wait_for_port(port, emulator)
            env = {**os.environ, **_emulator_env(state_dir, port), "COLUMNS": "100"}
            for name in ("PGOUSERNAME", "PGOUSERPASS"):
                env.pop(name, None)
            for step in STEPS:
                print(f"\n$ pgo {shlex.join(step)}", flush=True)
                result = subprocess.run([*_pgo(), *step], env=env, stdin=subprocess.DEVNULL)
                if result.returncode != 0:
                    print(f"# step failed with exit status {result.returncode}", file=sys.stderr)
                    return result.returncode
            print("\n# demo finished: every step succeeded", flush=True)
            return 0
        finally:
            emulator.send_signal(signal.SIGTERM)
            try:
                emulator.wait(timeout=10)
            except subprocess.TimeoutExpired:
                emulator.kill()


if __name__ == "__main__":
    sys.exit(main())
