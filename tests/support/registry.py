"""Running registered commands in tests: in-process against a faked apiserver, or up to the plan.

``run_cli`` runs ``pgo ARGS`` through the real entry point (``pgo_cli.cli.app.run``) with HTTP
faked by ``responses`` and returns the exit code, the output and the requests that were sent.
``plan_for`` runs the same parsing and checks but stops where the runner would send: it returns
the :class:`~pgo_cli.cli.registry.Plan` (the argv → options → requests layer, no HTTP at all).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import responses

from pgo_cli.cli import runner
from pgo_cli.cli.app import run
from pgo_cli.cli.registry import Plan

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


def _session_env(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    for name in ("PGO_CA_CERT", "PGO_CLIENT_CERT", "PGO_CLIENT_KEY", "PGOUSER", "PGO_CLIENT_VERSION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PGO_APISERVER_URL", URL)
    monkeypatch.setenv("DISABLE_TLS", "true")
    monkeypatch.setenv("PGO_NAMESPACE", "pgo")
    monkeypatch.setenv("PGOUSERNAME", "admin")
    monkeypatch.setenv("PGOUSERPASS", PGOUSERPASS)


Runner = Callable[..., Outcome]


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    mock_api: responses.RequestsMock,
    capsys: pytest.CaptureFixture[str],
) -> Runner:
    """``run_cli("scale", "hippo", "--no-prompt")`` → :class:`Outcome` (code, stdout, stderr, sent)."""
    _session_env(monkeypatch, tmp_path)

    def invoke(*args: str, namespace: str | None = "pgo", stdin: str | None = None) -> Outcome:
        if namespace is None:
            monkeypatch.delenv("PGO_NAMESPACE", raising=False)
        else:
            monkeypatch.setenv("PGO_NAMESPACE", namespace)
        if stdin is not None:
            import io

            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        before = len(mock_api.calls)
        code = run(list(args))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err, [_sent(c) for c in list(mock_api.calls)[before:]])

    return invoke


PlanRunner = Callable[..., tuple[int, Plan | None, str]]


@pytest.fixture
def plan_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> PlanRunner:
    """``plan_for("scale", "hippo")`` → (exit code, the plan or None, stderr); nothing is sent."""
    _session_env(monkeypatch, tmp_path)
    captured: list[Plan] = []

    def fake_send(plan: Plan, invocation: runner.Invocation) -> tuple[int, list[runner.Reply]]:
        captured.append(plan)
        return 0, []

    monkeypatch.setattr(runner, "_send", fake_send)

    def invoke(*args: str) -> tuple[int, Plan | None, str]:
        captured.clear()
        capsys.readouterr()
        code = run(list(args))
        err = capsys.readouterr().err
        return code, (captured[0] if captured else None), err

    return invoke
