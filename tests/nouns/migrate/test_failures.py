"""``migrate v5`` and ``support export`` against a faked apiserver: each failure its exit code and
one Error line, nothing on stdout, no archive; ``--debug`` shows no secret; bad flags exit 2
before anything is sent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import responses

from tests.nouns.migrate.test_manifest import pgcluster
from tests.support.registry import PGOUSERPASS, URL, Runner

_ANY = re.compile(re.escape(URL) + r"/.*")
COMMANDS = {
    "migrate": ["migrate", "v5", "hippo", "--method", "volumes"],
    "support": ["support", "export", "hippo", "--output", "ARCHIVE"],
}


def _argv(which: str, tmp_path: Path) -> list[str]:
    return [arg.replace("ARCHIVE", str(tmp_path / "a.tar.gz")) for arg in COMMANDS[which]]


def _serve(mock: responses.RequestsMock, reply: object) -> None:
    for method in ("GET", "POST"):
        mock.add_callback(method, _ANY, callback=reply)  # type: ignore[arg-type]


@pytest.mark.parametrize("which", sorted(COMMANDS))
@pytest.mark.parametrize(("status", "code"), [(401, 3), (403, 3), (502, 5)])
def test_http_failures(
    which: str, status: int, code: int, run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    _serve(mock_api, lambda request: (status, {}, "nope"))
    outcome = run_cli(*_argv(which, tmp_path), "--timeout", "1")
    assert (outcome.code, outcome.stdout, len(outcome.error_lines())) == (code, "", 1)
    assert "Traceback" not in outcome.stderr
    assert not (tmp_path / "a.tar.gz").exists()


@pytest.mark.parametrize("which", sorted(COMMANDS))
def test_unreachable_and_not_json(
    which: str, run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    outcome = run_cli(*_argv(which, tmp_path), "--timeout", "1")
    assert (outcome.code, outcome.stdout, len(outcome.error_lines())) == (4, "", 1)
    _serve(mock_api, lambda request: (200, {}, "<html>"))
    outcome = run_cli(*_argv(which, tmp_path))
    assert (outcome.code, outcome.stdout, len(outcome.error_lines())) == (5, "", 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["migrate", "v5", "hippo"], "Error: --method is required: volumes, backups or standby"),
        (["migrate", "v5", "hippo", "--method", "snapshot"], "Error: invalid --method 'snapshot'"),
        (["migrate", "v5", "--method", "volumes"], "Error: one cluster name is required"),
        (["migrate", "v5", "a", "b", "--method", "volumes"], "Error: one cluster at a time, not 2"),
        (
            ["migrate", "v5", "hippo", "--method", "volumes", "-o", "xml"],
            "Error: invalid output format 'xml'",
        ),
        (
            ["migrate", "v5", "hippo", "--method", "volumes", "--execute"],
            "Error: not running 'pgo migrate v5 --execute'",
        ),
        (["support", "export"], "Error: one cluster name is required"),
    ],
)
def test_bad_usage_sends_nothing(
    args: list[str], message: str, run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    outcome = run_cli(*args, stdin="")
    assert (outcome.code, outcome.stdout, outcome.sent) == (2, "", [])
    assert outcome.stderr.startswith(message), outcome.stderr


def _fake(request: object) -> tuple[int, dict[str, str], str]:
    path = str(getattr(request, "url", ""))[len(URL) :].split("?")[0]
    ok = {"Code": "ok", "Msg": ""}
    pod = {"Name": "hippo-a-b", "Type": "primary", "PVC": [{"Name": "hippo", "Capacity": "5Gi"}]}
    answers: dict[str, dict[str, object]] = {
        "/showclusters": {"Results": [{"cluster": pgcluster(), "Pods": [pod], "Replicas": []}], **ok},
        "/showpvc": {"Results": [{"ClusterName": "hippo", "PVCName": "hippo"}], **ok},
        "/usershow": {
            "Results": [{"ClusterName": "hippo", "Username": "testuser", "Password": "Leak-Me-Not-9"}],
            **ok,
        },
        "/backrest/hippo": {"Items": [], **ok},
        "/config": {"Result": {}, **ok},
    }
    return 200, {}, json.dumps(answers.get(path, ok))


def test_debug_shows_no_secret(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    _serve(mock_api, _fake)
    outcome = run_cli("migrate", "v5", "hippo", "--method", "volumes", "--debug")
    assert outcome.code == 0, outcome.stderr
    assert "kind: PostgresCluster" in outcome.stdout
    for secret in (PGOUSERPASS, "Leak-Me-Not-9"):
        assert secret not in outcome.stdout + outcome.stderr
    assert "Authorization" not in outcome.stderr
    assert [sent.path for sent in outcome.sent] == [
        "/showclusters",
        "/showpvc",
        "/usershow",
        "/backrest/hippo",
        "/config",
        "/testclusters",
    ]


def test_execute_stops_at_the_first_failure_and_says_what_is_done_and_left() -> None:
    from pgo_cli.cli.io import IO
    from pgo_cli.errors import ApiError
    from pgo_cli.nouns.migrate.execute import Action, run

    ran: list[str] = []

    def ok(name: str) -> Action:
        return Action(f"pgo {name}", lambda: ran.append(name))

    def fails() -> None:
        raise ApiError("boom from the server")

    io = IO.fake()
    with pytest.raises(ApiError) as failed:
        run([ok("scaledown a"), Action("pgo delete cluster hippo --keep-data", fails), ok("never")], io)
    assert ran == ["scaledown a"]
    assert failed.value.hint == "done: pgo scaledown a; left: pgo delete cluster hippo --keep-data; pgo never"
    assert io.stderr.getvalue().splitlines() == [
        "[1/3] pgo scaledown a",
        "[2/3] pgo delete cluster hippo --keep-data",
    ]  # type: ignore[attr-defined]
