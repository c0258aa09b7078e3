"""The worked script of the README (``examples/sdk_tour.py``) against a real ``pgo-emulator``.

It runs as a user runs it: a separate Python process configured by ``pgo-emulator env``, over
mutual TLS; it touches a dozen nouns and leaves nothing behind, which ``pgo`` then confirms.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo

TOUR = Path(__file__).resolve().parents[2] / "examples" / "sdk_tour.py"


def test_the_tour_runs_against_the_emulator_and_cleans_up(emulator: Emulator) -> None:
    env = emulator.env()
    done = subprocess.run(
        [sys.executable, str(TOUR)], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == "apiserver 4.7.4"
    assert "pgo" in lines[1] and lines[2] == "pgoroles ['pgoadmin']"
    assert "created hippo workflow " in done.stdout
    assert "test [('hippo', [True, True, True])]" in lines  # primary, create's replica, scale's
    assert "shown ['hippo']" in lines and "backup sets 1" in lines
    assert "user [('alice', 'hippo')]" in lines and "applied ['hippo']" in lines
    assert "pgbouncer ['hippo']" in lines
    assert lines[-1].startswith('refused before sending: --memory "lots": quantities must match')
    assert lines[-1].endswith(" exit 2")
    # What the script deleted is gone, as pgo sees it.
    assert run_pgo(["show", "cluster", "--all"], env).stdout.strip() == "No clusters found."
    policies = run_pgo(["show", "policy", "--all"], env)
    assert "pol1" not in policies.stdout
