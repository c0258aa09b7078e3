"""Shared pieces of the fault matrix: the four commands, the user's environment, the contract."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.certs import CertPair
from tests.support.proc import Result, base_env, run_pgo

PASSWORD = "s3cret-Pa55word"
TIMEOUT = "2"
#: Generous wall-time bound for one `pgo --timeout 2` run (start-up, handshake, slow CI machines).
BOUND = 10.0

#: The commands every row runs, with the route each one uses.
COMMANDS: dict[str, list[str]] = {
    "version": ["version"],
    "show": ["show", "cluster", "hippo", "-o", "pgo"],
    "create": ["create", "cluster", "hippo"],
    "delete": ["delete", "cluster", "hippo", "--no-prompt"],
}
ROUTES = {
    "version": "GET /version",
    "show": "POST /showclusters",
    "create": "POST /clusters",
    "delete": "POST /clustersdelete",
}
WRITES = ("create", "delete")
CHECK_HINT = "check with: pgo show cluster hippo -n pgo"
MAY_HAVE = "may have been carried out"
NOT_SENT = "nothing was sent"


@dataclass
class Run:
    command: str
    result: Result
    seconds: float


EnvFor = Callable[..., dict[str, str]]


@pytest.fixture
def env_for(tmp_path: Path, pgo_cert: CertPair) -> EnvFor:
    """The default install's environment pointed at ``url`` (other variables may be replaced)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)

    def make(url: str, **changes: str) -> dict[str, str]:
        env = base_env(
            home,
            PGO_APISERVER_URL=url,
            PGO_CA_CERT=str(pgo_cert.cert),
            PGO_CLIENT_CERT=str(pgo_cert.cert),
            PGO_CLIENT_KEY=str(pgo_cert.key),
            PGOUSERNAME="admin",
            PGOUSERPASS=PASSWORD,
            PGO_NAMESPACE="pgo",
            PGO_TIMEOUT=TIMEOUT,
        )
        env.update(changes)
        return env

    return make


def run_timed(args: Sequence[str], env: Mapping[str, str]) -> tuple[Result, float]:
    started = time.monotonic()
    result = run_pgo(args, env, timeout=60)
    return result, time.monotonic() - started


def run_all(
    env: Mapping[str, str], commands: Sequence[str] = tuple(COMMANDS), extra: Sequence[str] = ()
) -> dict[str, Run]:
    """Run the commands at once (each its own `pgo` process) and collect what each did."""
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        futures = {name: pool.submit(run_timed, [*COMMANDS[name], *extra], env) for name in commands}
        return {name: Run(name, *future.result()) for name, future in futures.items()}


def check_contract(run: Run, code: int, *, bound: float = BOUND) -> list[str]:
    """The error contract of one failed run; returns its stderr lines (Error first, then hints)."""
    result, where = run.result, f"pgo {run.command}"
    assert result.code == code, (where, result.code, result.stdout, result.stderr)
    assert result.stdout == "", (where, result.stdout)
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), (where, result.stderr)
    assert sum(line.startswith("Error:") for line in lines) == 1, (where, result.stderr)
    assert all(line.startswith("hint: ") for line in lines[1:]), (where, result.stderr)
    assert "Traceback" not in result.output, (where, result.stderr)
    assert PASSWORD not in result.output, where
    assert run.seconds < bound, (where, run.seconds)
    return lines


def check_sent_statement(run: Run, sent: bool | None) -> None:
    """create/delete say whether the request may have been applied; reads make no such claim."""
    stderr = run.result.stderr
    if run.command not in WRITES:
        assert MAY_HAVE not in stderr and NOT_SENT not in stderr, (run.command, stderr)
        return
    if sent is True:
        assert MAY_HAVE in stderr and CHECK_HINT in stderr, (run.command, stderr)
    elif sent is False:
        assert NOT_SENT in stderr and MAY_HAVE not in stderr, (run.command, stderr)
    else:
        assert MAY_HAVE not in stderr, (run.command, stderr)
