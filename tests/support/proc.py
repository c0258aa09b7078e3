"""Run the installed ``pgo`` entry point in a subprocess, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_SCRIPTS = Path(sys.executable).parent
#: Variables of ours that must not leak from the developer's shell into a test.
_OURS = (
    "PGO_CONTEXT",
    "XDG_CONFIG_HOME",
    "PGO_APISERVER_URL",
    "PGO_NAMESPACE",
    "PGO_CA_CERT",
    "PGO_CLIENT_CERT",
    "PGO_CLIENT_KEY",
    "DISABLE_TLS",
    "EXCLUDE_OS_TRUST",
    "PGOUSERNAME",
    "PGOUSERPASS",
    "PGOUSER",
    "PGO_TIMEOUT",
    "PGO_CLIENT_VERSION",
)


def pgo_executable() -> str:
    """The console script installed next to the test interpreter."""
    candidate = _SCRIPTS / "pgo"
    return str(candidate) if candidate.exists() else "pgo"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def base_env(home: Path, **extra: str) -> dict[str, str]:
    """The machine's environment minus our variables, with HOME pointing at ``home``."""
    env = {key: value for key, value in os.environ.items() if key not in _OURS}
    env["HOME"] = str(home)
    env.update(extra)
    return env


def run_pgo(
    args: Sequence[str], env: Mapping[str, str], *, stdin: str | None = None, timeout: float = 30
) -> Result:
    completed = subprocess.run(
        [pgo_executable(), *args],
        env=dict(env),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)
