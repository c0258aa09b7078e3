"""A ``pgo`` process whose stdin and stderr are a pseudo-terminal (prompts, progress lines)."""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Mapping, Sequence

from tests.support.proc import pgo_executable


class Terminal:
    """Start ``pgo ARGS`` on a pty; :meth:`expect` what it writes, :meth:`type` answers."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str]) -> None:
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            [pgo_executable(), *args], stdin=slave, stderr=slave, stdout=subprocess.PIPE, env=dict(env)
        )
        os.close(slave)
        self.seen = b""

    def expect(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} not seen; got {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"terminal closed before {text!r}; got {self.seen!r}"
                self.seen += chunk

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        """Wait for the exit; the exit code and stdout (the terminal's rest is in :attr:`seen`)."""
        stdout = self.process.stdout.read().decode() if self.process.stdout else ""
        code = self.process.wait(timeout=timeout)
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk
        os.close(self.master)
        return code, stdout
