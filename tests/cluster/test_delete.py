"""``pgo delete cluster``: requests, flags, the confirmation prompt (through a real pseudo-terminal)
and a closed stdin (nothing sent, exit 2)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import responses

from pgo_cli.nouns.cluster.commands import DELETE_PROMPTS
from tests.cluster.conftest import URL, Runner
from tests.support.proc import base_env, pgo_executable

DELETE = f"{URL}/clustersdelete"


def ok(*results: str) -> dict[str, Any]:
    return {"Results": list(results), "Code": "ok", "Msg": ""}


def test_request_body_per_name(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(DELETE, json=ok("deleted pgcluster a"))
    mock_api.post(DELETE, json=ok("deleted pgcluster b"))
    outcome = pgo("delete", "cluster", "a", "b", "--no-prompt")
    assert outcome.code == 0
    assert outcome.stdout == "deleted pgcluster a\ndeleted pgcluster b\n"
    assert outcome.calls[0].request.body == (
        b'{"Clustername":"a","Selector":"","ClientVersion":"4.7.4","Namespace":"pgo","AllFlag":false,'
        b'"DeleteBackups":true,"DeleteData":true}'
    )
    assert outcome.bodies()[1]["Clustername"] == "b"


@pytest.mark.parametrize(
    ("flags", "backups", "data"),
    [
        ([], True, True),
        (["--keep-backups"], False, True),
        (["--keep-data"], True, False),
        (["--keep-data", "--keep-backups"], False, False),
    ],
)
def test_keep_flags(
    pgo: Runner, mock_api: responses.RequestsMock, flags: list[str], backups: bool, data: bool
) -> None:
    mock_api.post(DELETE, json=ok())
    (body,) = pgo("delete", "cluster", "a", "--yes", *flags).bodies()
    assert (body["DeleteBackups"], body["DeleteData"]) == (backups, data)


def test_all_is_sent_as_the_name_all(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(DELETE, json=ok("deleted pgcluster a", "deleted pgcluster b"))
    outcome = pgo("delete", "cluster", "--all", "--no-prompt")
    (body,) = outcome.bodies()
    assert (body["Clustername"], body["AllFlag"]) == ("all", False)
    assert outcome.stdout == "deleted pgcluster a\ndeleted pgcluster b\n"


def test_selector_without_names_sends_one_request(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(DELETE, json=ok("deleted pgcluster a"))
    (body,) = pgo("delete", "cluster", "-s", "env=test", "--no-prompt").bodies()
    assert (body["Clustername"], body["Selector"]) == ("", "env=test")


def test_server_error_for_one_name_exits_1_after_the_others(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(DELETE, json={"Results": [], "Code": "error", "Msg": "no clusters found"})
    mock_api.post(DELETE, json=ok("deleted pgcluster b"))
    outcome = pgo("delete", "cluster", "a", "b", "--no-prompt")
    assert outcome.code == 1
    assert outcome.stdout == "deleted pgcluster b\n"
    assert outcome.error_lines() == ["Error: no clusters found"]


def test_deprecated_flags_warn_and_change_nothing(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(DELETE, json=ok())
    outcome = pgo("delete", "cluster", "a", "-b", "--delete-data", "--no-prompt")
    assert outcome.code == 0
    assert (
        "Flag --delete-backups has been deprecated, Backups are deleted by default. If you would like to keep "
        "your backups, use the --keep-backups flag\n" in outcome.stderr
    )
    assert (
        "Flag --delete-data has been deprecated, Data is deleted by default. You can preserve your data by keeping "
        "your backups with the --keep-backups flag\n" in outcome.stderr
    )
    (body,) = outcome.bodies()
    assert (body["DeleteBackups"], body["DeleteData"]) == (True, True)


def test_nothing_named_is_a_usage_error(pgo: Runner) -> None:
    outcome = pgo("delete", "cluster", "--no-prompt")
    assert outcome.code == 2
    assert outcome.calls == []
    assert outcome.error_lines() == [
        "Error: A cluster name,  selector, or --all is required for this command."
    ]


def test_json_output_is_one_document(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(DELETE, json=ok("deleted pgcluster a"))
    mock_api.post(DELETE, json=ok("deleted pgcluster b"))
    outcome = pgo("delete", "cluster", "a", "b", "--yes", "-o", "json")
    assert json.loads(outcome.stdout) == ok("deleted pgcluster a", "deleted pgcluster b")


# ---------------------------------------------------------------------------------------------
# a real process, a real (plain HTTP) server, a real terminal


class _Recorder(ThreadingHTTPServer):
    requests: list[tuple[str, dict[str, Any]]]


class _Handler(BaseHTTPRequestHandler):
    server: _Recorder

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.server.requests.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
        name = self.server.requests[-1][1].get("Clustername", "")
        payload = json.dumps(ok(f"deleted pgcluster {name}")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    server = _Recorder(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def process_env(tmp_path: Path, recorder: _Recorder) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    host, port = recorder.server_address[:2]
    return base_env(
        home,
        PGO_APISERVER_URL=f"http://{host!s}:{port}",
        DISABLE_TLS="true",
        PGO_NAMESPACE="pgo",
        PGOUSERNAME="admin",
        PGOUSERPASS="examplepassword",
    )


def test_closed_stdin_sends_nothing_and_exits_2_fast(
    process_env: dict[str, str], recorder: _Recorder
) -> None:
    started = time.monotonic()
    with open(os.devnull) as devnull:
        completed = subprocess.run(
            [pgo_executable(), "delete", "cluster", "hippo"],
            stdin=devnull,
            capture_output=True,
            text=True,
            env=process_env,
            timeout=10,
        )
    assert time.monotonic() - started < 1.5
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines()[0].startswith("Error: ")
    assert "--no-prompt" in completed.stderr
    assert recorder.requests == []


class _Terminal:
    """A ``pgo`` process whose stdin and stderr are a pseudo-terminal."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            [pgo_executable(), *args], stdin=slave, stderr=slave, stdout=subprocess.PIPE, env=env
        )
        os.close(slave)
        self.seen = b""

    def expect(self, text: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} not seen; got {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"terminal closed before {text!r}; got {self.seen!r}"
                self.seen += chunk

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self) -> tuple[int, str]:
        stdout = self.process.stdout.read().decode() if self.process.stdout else ""
        code = self.process.wait(timeout=10)
        os.close(self.master)
        return code, stdout


def test_prompt_on_a_terminal_reprompts_then_deletes(
    process_env: dict[str, str], recorder: _Recorder
) -> None:
    terminal = _Terminal(["delete", "cluster", "hippo"], process_env)
    terminal.expect(DELETE_PROMPTS[(False, False)])
    terminal.type("yES\n")
    terminal.expect("Please type yes or no and then press enter:")
    terminal.type("Yes\n")
    code, stdout = terminal.finish()
    assert code == 0
    assert stdout == "deleted pgcluster hippo\n"
    assert [path for path, _ in recorder.requests] == ["/clustersdelete"]


@pytest.mark.parametrize(("answer", "flags"), [("no\n", ["--keep-backups"]), ("\x04", ["--keep-data"])])
def test_no_or_end_of_input_aborts(
    process_env: dict[str, str], recorder: _Recorder, answer: str, flags: list[str]
) -> None:
    terminal = _Terminal(["delete", "cluster", "hippo", *flags], process_env)
    terminal.expect(DELETE_PROMPTS[("--keep-backups" in flags, "--keep-data" in flags)])
    terminal.type(answer)
    terminal.expect("Aborting...")
    code, stdout = terminal.finish()
    assert code == 0
    assert stdout == ""
    assert recorder.requests == []
