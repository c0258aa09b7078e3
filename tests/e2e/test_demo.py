"""The README's first command: ``python -m pgo_cli.demo`` runs every step against a fresh emulator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.proc import base_env


def test_the_demo_runs_every_step(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pgo_cli.demo"],
        env=base_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("# demo finished: every step succeeded")
    for step in ("$ pgo scale hippo --no-prompt --wait", "$ pgo show backup hippo", "$ pgo status"):
        assert step in done.stdout
    assert "Traceback" not in done.stderr
