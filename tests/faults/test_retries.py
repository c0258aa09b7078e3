"""Retries (issue 6 §2) and pgo's trailing-slash trap (reference §1.7), against counting servers.

Reads (`GET /version`, `POST /showclusters`) are retried on 503 and on a reset connection; a
create or delete reaches the server exactly once, whatever happens to it.
"""

from __future__ import annotations

import posixpath
import re
import socket
import ssl

import pytest

from tests.faults.conftest import (
    BOUND,
    COMMANDS,
    ROUTES,
    EnvFor,
    check_contract,
    check_sent_statement,
    run_all,
    run_timed,
)
from tests.support.certs import CertPair
from tests.support.faulty import (
    Behaviour,
    FaultServer,
    RawRequest,
    answer,
    hang_after_request,
    in_turn,
    ok_answer,
    reset_after_request,
    response_bytes,
    route,
)

UNAVAILABLE = answer(503, "upstream connect error\n", {"Content-Type": "text/plain"})


def _server(pgo_cert: CertPair, behaviour: Behaviour) -> FaultServer:
    return FaultServer(behaviour, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert)


@pytest.mark.parametrize("command", ["version", "show"])
@pytest.mark.parametrize(
    ("fault", "failures"), [("503", [UNAVAILABLE, UNAVAILABLE]), ("reset", [reset_after_request])]
)
def test_reads_are_retried_until_they_succeed(
    command: str, fault: str, failures: list[Behaviour], pgo_cert: CertPair, env_for: EnvFor
) -> None:
    with _server(pgo_cert, in_turn([*failures, route(ok_answer)])) as server:
        result, seconds = run_timed(COMMANDS[command], env_for(server.url, PGO_TIMEOUT="5"))
        seen = server.paths()
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert seen == [ROUTES[command]] * (len(failures) + 1)
    assert seconds < BOUND


def test_a_read_that_keeps_failing_gives_up_inside_the_timeout(pgo_cert: CertPair, env_for: EnvFor) -> None:
    with _server(pgo_cert, UNAVAILABLE) as server:
        runs = run_all(env_for(server.url), ("version", "show"))
        seen = server.paths()
    for command, run in runs.items():
        lines = check_contract(run, 5, bound=BOUND)
        assert "HTTP 503" in lines[0]
        assert 2 <= seen.count(ROUTES[command]) <= 4, seen  # capped attempts, capped backoff


@pytest.mark.parametrize(
    ("fault", "behaviour", "code"),
    [("503", UNAVAILABLE, 5), ("reset", reset_after_request, 4), ("timeout", hang_after_request, 4)],
)
def test_writes_are_sent_exactly_once(
    fault: str, behaviour: Behaviour, code: int, pgo_cert: CertPair, env_for: EnvFor
) -> None:
    with _server(pgo_cert, behaviour) as server:
        runs = run_all(env_for(server.url), ("create", "delete"))
        seen = server.paths()
    assert server.connections == 2, seen  # one connection each: no retry, not even a reconnect
    for command, run in runs.items():
        check_contract(run, code)
        check_sent_statement(run, True)
        assert seen.count(ROUTES[command]) == 1, seen


# -- pgo's trailing-slash trap -------------------------------------------------------------------


def _gorilla_mux(request: RawRequest) -> bytes:
    """Like the apiserver's router: unclean paths get 301 to the clean one; GET /clusters is 405."""
    clean = posixpath.normpath(re.sub("/+", "/", request.path))  # (normpath keeps a leading //)
    if clean != request.path:
        return response_bytes(301, b"", {"Location": clean})
    if request.method != "POST" and request.path in ("/clusters", "/showclusters", "/clustersdelete"):
        return response_bytes(405, b"", {"Content-Type": "text/plain; charset=utf-8"})
    return ok_answer(request)


def test_the_trap_server_is_real(pgo_cert: CertPair) -> None:
    """The router above does to `//clusters` what gorilla/mux does (so the next test means something)."""
    with _server(pgo_cert, route(_gorilla_mux)) as server:
        context = ssl.create_default_context(cafile=str(pgo_cert.cert))
        context.check_hostname = False
        context.load_cert_chain(str(pgo_cert.cert), str(pgo_cert.key))
        with socket.create_connection(("127.0.0.1", server.port)) as raw, context.wrap_socket(raw) as sock:
            sock.sendall(b"POST //clusters HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
            head = sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 301") and b"Location: /clusters" in head


@pytest.mark.parametrize("slashes", ["/", "//"])
def test_a_trailing_slash_on_the_url_just_works(slashes: str, pgo_cert: CertPair, env_for: EnvFor) -> None:
    with _server(pgo_cert, route(_gorilla_mux)) as server:
        runs = run_all(env_for(server.url + slashes))
        seen = server.paths()
    for command, run in runs.items():
        assert run.result.code == 0, (command, run.result.stderr)
        assert "Error" not in run.result.stderr
    assert sorted(seen) == sorted(ROUTES.values())  # one request each, no `//`, no redirect


def test_a_redirect_is_reported_not_followed(pgo_cert: CertPair, env_for: EnvFor) -> None:
    """A server that redirects every path: one request per command, exit 5, the target named."""
    with _server(pgo_cert, answer(301, b"", {"Location": "/elsewhere"})) as server:
        runs = run_all(env_for(server.url))
        seen = server.paths()
    for command, run in runs.items():
        lines = check_contract(run, 5)
        assert "redirected" in lines[0] and "/elsewhere" in lines[0], lines
        assert seen.count(ROUTES[command]) == 1, seen
    assert not any("elsewhere" in path for path in seen)
