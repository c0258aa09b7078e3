"""Ctrl-C (issue 6 §5): SIGINT to a real `pgo` at several points → exit 130, one `Error:` line,
no traceback; a create or delete interrupted after sending says that it may have been applied."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence

import pytest

from tests.faults.conftest import CHECK_HINT, COMMANDS, MAY_HAVE, NOT_SENT, EnvFor
from tests.support.certs import CertPair
from tests.support.faulty import FaultServer, drip, hang_after_request, ok_answer, route, silent
from tests.support.proc import pgo_executable


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


def _interrupt(
    args: Sequence[str],
    env: Mapping[str, str],
    ready: Callable[[], bool],
    stdin: int | None = subprocess.DEVNULL,
) -> tuple[int, str, str, float]:
    """Start pgo, wait until ``ready``, let it settle in its wait, send SIGINT; return what it did."""
    process = subprocess.Popen(
        [pgo_executable(), *args],
        env={**env, "PGO_TIMEOUT": "30"},
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(ready)
        time.sleep(0.3)  # now blocked in the socket read (or the prompt)
        sent_at = time.monotonic()
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=10)
        return process.returncode, stdout, stderr, time.monotonic() - sent_at
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _server(pgo_cert: CertPair, behaviour: Callable[..., None], *, handshake: bool = True) -> FaultServer:
    return FaultServer(
        behaviour, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert, handshake=handshake
    )


def _check_one_line(code: int, stdout: str, stderr: str, seconds: float) -> None:
    assert code == 130, (code, stderr)
    assert stdout == ""
    assert stderr == "Error: interrupted\n", stderr
    assert seconds < 5


@pytest.mark.parametrize("command", ["version", "show"])
def test_while_connecting_to_a_server_that_never_answers(
    command: str, pgo_cert: CertPair, env_for: EnvFor
) -> None:
    with _server(pgo_cert, silent, handshake=False) as server:
        result = _interrupt(COMMANDS[command], env_for(server.url), lambda: server.connections >= 1)
    _check_one_line(*result)


@pytest.mark.parametrize("command", ["version", "show"])
def test_while_reading_a_slow_body(command: str, pgo_cert: CertPair, env_for: EnvFor) -> None:
    with _server(pgo_cert, drip(b'{"Code":"ok","Msg":"' + b"x" * 100 + b'"}')) as server:
        result = _interrupt(COMMANDS[command], env_for(server.url), lambda: len(server.requests) >= 1)
    _check_one_line(*result)


@pytest.mark.parametrize("command", ["create", "delete"])
def test_a_write_interrupted_after_sending_may_have_been_applied(
    command: str, pgo_cert: CertPair, env_for: EnvFor
) -> None:
    with _server(pgo_cert, hang_after_request) as server:
        code, stdout, stderr, seconds = _interrupt(
            COMMANDS[command], env_for(server.url), lambda: len(server.requests) >= 1
        )
    assert (code, stdout) == (130, "")
    lines = stderr.splitlines()
    assert lines[0] == "Error: interrupted" and len(lines) == 2, stderr
    assert lines[1].startswith("hint: ") and MAY_HAVE in lines[1] and CHECK_HINT in lines[1], stderr
    assert "Traceback" not in stderr and seconds < 5


@pytest.mark.parametrize("command", ["create", "delete"])
def test_a_write_interrupted_before_sending_says_nothing_was_sent(
    command: str, pgo_cert: CertPair, env_for: EnvFor
) -> None:
    with _server(pgo_cert, silent, handshake=False) as server:
        code, stdout, stderr, _ = _interrupt(
            COMMANDS[command], env_for(server.url), lambda: server.connections >= 1
        )
    assert (code, stdout) == (130, "")
    lines = stderr.splitlines()
    assert lines[0] == "Error: interrupted" and len(lines) == 2, stderr
    assert NOT_SENT in lines[1] and MAY_HAVE not in lines[1], stderr


def test_at_the_delete_prompt_on_a_terminal(pgo_cert: CertPair, env_for: EnvFor) -> None:
    """The question is on stderr, stdin a pseudo-terminal; Ctrl-C there sends nothing."""
    controller, terminal = pty.openpty()
    try:
        with _server(pgo_cert, route(ok_answer)) as server:
            process = subprocess.Popen(
                [pgo_executable(), *COMMANDS["delete"][:-1]],  # without --no-prompt
                env={**env_for(server.url), "PGO_TIMEOUT": "30"},
                stdin=terminal,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            try:
                assert process.stderr is not None and process.stdout is not None
                started, asked = time.monotonic(), b""
                while b"Proceed? (yes/no)" not in asked:
                    assert time.monotonic() - started < 10 and process.poll() is None, asked
                    ready, _, _ = select.select([process.stderr], [], [], 0.1)
                    if ready:
                        asked += os.read(process.stderr.fileno(), 4096)
                time.sleep(0.2)
                process.send_signal(signal.SIGINT)
                stdout, rest = process.communicate(timeout=10)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            requests = server.paths()
    finally:
        os.close(controller)
        os.close(terminal)
    assert process.returncode == 130, (asked, rest)
    assert stdout == b""
    assert asked.startswith(b"WARNING - This will delete ALL OF YOUR DATA")
    assert rest.strip(b"\n") == b"Error: interrupted", (asked, rest)
    assert b"Traceback" not in asked + rest
    assert requests == []  # nothing was sent
