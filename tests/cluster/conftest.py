"""Fixtures for the cluster command tests: the real CLI in-process, HTTP faked by ``responses``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, cast

import pytest
import responses

from pgo_cli.cli.app import run
from pgo_cli.cli.io import IO

URL = "http://apiserver.test:8443"
#: pgo 4.7.4's default create body, flag tables and the show worked example, as test data.
DATA = Path(__file__).resolve().parents[1] / "data" / "pgo47"
PGOUSERPASS = "Adm1n-pa55word-never-printed"


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    calls: list[Any]

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(call.request.body) for call in self.calls]

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("Error:")]


Runner = Callable[..., Outcome]


@pytest.fixture
def mock_api() -> Iterator[responses.RequestsMock]:
    """HTTP faked; a test that expects nothing to be sent asserts on ``len(mock_api.calls)``."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def pgo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mock_api: responses.RequestsMock) -> Runner:
    """Run ``pgo ARGS...`` in-process against the fake apiserver; returns code, output and calls.

    The environment is set here (and the tests of this folder change it: ``DISABLE_TLS`` off, a
    CA file …); each command is handed an in-memory :class:`~pgo_cli.cli.io.IO` holding a copy of
    it, so no process stream is captured.
    """
    for name in ("PGO_CA_CERT", "PGO_CLIENT_CERT", "PGO_CLIENT_KEY", "PGOUSER", "PGO_CLIENT_VERSION"):
        monkeypatch.delenv(name, raising=False)
    for name in (
        "PGO_CLUSTER_PASSWORD",
        "PGO_CLUSTER_PASSWORD_SUPERUSER",
        "PGO_CLUSTER_PASSWORD_REPLICATION",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PGO_APISERVER_URL", URL)
    monkeypatch.setenv("DISABLE_TLS", "true")
    monkeypatch.setenv("PGO_NAMESPACE", "pgo")
    monkeypatch.setenv("PGOUSERNAME", "admin")
    monkeypatch.setenv("PGOUSERPASS", PGOUSERPASS)

    def invoke(*args: str, namespace: str | None = "pgo") -> Outcome:
        env = dict(os.environ)
        if namespace is None:
            env.pop("PGO_NAMESPACE", None)
        io = IO.fake(environ=env)
        before = len(mock_api.calls)
        code = run(list(args), io=io)
        out, err = cast(StringIO, io.stdout).getvalue(), cast(StringIO, io.stderr).getvalue()
        return Outcome(code, out, err, list(mock_api.calls)[before:])

    return invoke


def data_file(name: str) -> Path:
    """A file of ``tests/data/pgo47``: facts of pgo 4.7.4 the tests compare against."""
    return DATA / name


def data_json(name: str) -> Any:
    return json.loads(data_file(name).read_text(encoding="utf-8"))


def create_ok(name: str = "hippo") -> dict[str, Any]:
    return {
        "result": {
            "Database": name,
            "Name": name,
            "Users": [{"Password": "gen<er>&ated", "Username": "testuser"}],
            "WorkflowID": "0b2c3d4e-aaaa-bbbb-cccc-123456789abc",
        },
        "status": {"Code": "ok", "Msg": ""},
    }


def args_list(*parts: str) -> Sequence[str]:
    return list(parts)
