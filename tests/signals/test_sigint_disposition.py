"""The Ctrl-C tests need children that can be interrupted, however pytest itself was started."""

from __future__ import annotations

import subprocess
import sys


def test_children_of_the_test_run_do_not_inherit_sigint_ignored() -> None:
    # Started as a background job of a non-interactive shell, pytest inherits SIGINT ignored;
    # tests/conftest.py gives it a handler again so that its children do not (else every
    # SIGINT the Ctrl-C tests send is lost and they time out instead of failing clearly).
    child = subprocess.run(
        [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert child.stdout == "False\n", "a child of the test run starts with SIGINT ignored"
