"""Running registered commands in tests: in-process against a faked apiserver, or up to the plan.

``run_cli`` runs ``pgo ARGS`` through the real entry point (``pgo_cli.cli.app.run``) with HTTP
faked by ``responses`` and returns the exit code, the output and the requests that were sent.
``plan_for`` runs the same parsing and checks but stops where the runner would send: it returns
the :class:`~pgo_cli.cli.command.Plan` (the argv → options → requests layer, no HTTP at all).
Each command is handed an in-memory :class:`~pgo_cli.cli.io.IO`: nothing is monkeypatched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
import responses

from pgo_cli.cli.app import plan, report, run
from pgo_cli.cli.command import Plan
from pgo_cli.cli.io import IO

URL = "http://apiserver.test:8443"
PGOUSERPASS = "Adm1n-pa55word-never-printed"


@dataclass
class Sent:
    """One request that reached the fake apiserver."""

    method: str
    target: str
    body: Any
    headers: dict[str, str]

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    sent: list[Sent] = field(default_factory=list)

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("Error:")]


def _sent(call: Any) -> Sent:
    request = call.request
    body = json.loads(request.body) if request.body else None
    target = request.url[len(URL) :]
    return Sent(request.method, target, body, dict(request.headers))


@pytest.fixture
def mock_api() -> Iterator[responses.RequestsMock]:
    """HTTP faked: register answers with ``mock_api.add(...)``; nothing else is reachable."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


#: Variables of this machine that would change what a command does: never handed to it.
_DROPPED = (
    "PGO_CA_CERT",
    "PGO_CLIENT_CERT",
    "PGO_CLIENT_KEY",
    "PGOUSER",
    "PGO_CLIENT_VERSION",
    "PGO_CONTEXT",
)


def session_env(home: Path, machine: dict[str, str | None], namespace: str | None = "pgo") -> dict[str, str]:
    """The environment a command is handed: this process's (what a test set in it included), minus
    the connection variables ``machine`` had before the test, plus the fake apiserver's."""
    env = {key: value for key, value in os.environ.items() if machine.get(key, key) != value}
    env.update(
        HOME=str(home),
        PGO_APISERVER_URL=URL,
        DISABLE_TLS="true",
        PGOUSERNAME="admin",
        PGOUSERPASS=PGOUSERPASS,
    )
    env.pop("PGO_NAMESPACE", None)
    if namespace is not None:
        env["PGO_NAMESPACE"] = namespace
    return env


Runner = Callable[..., Outcome]


@pytest.fixture
def run_cli(tmp_path: Path, mock_api: responses.RequestsMock) -> Runner:
    """``run_cli("scale", "hippo", "--no-prompt")`` → :class:`Outcome` (code, stdout, stderr, sent).

    The command gets its own :class:`~pgo_cli.cli.io.IO` (``stdin`` text; ``tty``: standard
    input is a pretend terminal): no process stream or variable is patched.
    """
    machine = {key: os.environ.get(key) for key in _DROPPED}

    def invoke(
        *args: str, namespace: str | None = "pgo", stdin: str | None = None, tty: bool = False
    ) -> Outcome:
        io = IO.fake(stdin or "", environ=session_env(tmp_path, machine, namespace))
        io.stdin_tty = tty
        before = len(mock_api.calls)
        code = run(list(args), io=io)
        stdout, stderr = cast(StringIO, io.stdout).getvalue(), cast(StringIO, io.stderr).getvalue()
        return Outcome(code, stdout, stderr, [_sent(c) for c in list(mock_api.calls)[before:]])

    return invoke


PlanRunner = Callable[..., tuple[int, Plan | None, str]]


@pytest.fixture
def plan_for(tmp_path: Path) -> PlanRunner:
    """``plan_for("scale", "hippo")`` → (exit code, the plan or None, stderr); nothing is sent.

    :func:`pgo_cli.cli.app.plan` is the argv → plan function; :func:`pgo_cli.cli.app.report`
    turns what it raises into the message and exit code ``pgo`` would give.
    """

    machine = {key: os.environ.get(key) for key in _DROPPED}

    def invoke(*args: str) -> tuple[int, Plan | None, str]:
        io = IO.fake(environ=session_env(tmp_path, machine))
        try:
            return 0, plan(list(args), io=io), cast(StringIO, io.stderr).getvalue()
        except BaseException as error:
            code = report(error, io)
            return code, None, cast(StringIO, io.stderr).getvalue()

    return invoke
