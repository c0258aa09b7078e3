"""Shells, a recording ``pgo`` shim, and a running emulator for the completion tests."""

from __future__ import annotations

import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.proc import pgo_executable

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
