"""The fault matrix (issue 6 §1): real local servers misbehaving on purpose, and the real `pgo`.

Every row runs `pgo version`, `pgo show cluster hippo`, `pgo create cluster hippo` and
`pgo delete cluster hippo --no-prompt` (at once, each its own process) with `--timeout 2`
against one server and checks the contract of each: the documented exit code, exactly one
`Error:` line (plus hints) on stderr, nothing on stdout, no traceback, bounded time — and for
create and delete, whether the request may have been applied, and that it reached the server at
most once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.faults.conftest import (
    COMMANDS,
    ROUTES,
    WRITES,
    EnvFor,
    check_contract,
    check_sent_statement,
    run_all,
)
from tests.support import faulty
from tests.support.certs import CertPair
from tests.support.fake_server import free_port
from tests.support.faulty import Behaviour, FaultServer, answer

HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.21.6</center>\r\n</body>\r\n</html>\r\n"
)
TEXT = {"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff"}
JSON = {"Content-Type": "application/json"}
FIFTY_MB = 50 * 1024 * 1024


@dataclass
class Row:
    behaviour: Behaviour
    code: int
    #: whether a create/delete may have been applied (None: the server refused it outright)
    sent: bool | None
    #: text the Error line must contain
    fragment: str
    handshake: bool = True
    commands: tuple[str, ...] = tuple(COMMANDS)
    #: reads that are retried on this fault (they may reach the server more than once)
    retried: tuple[str, ...] = ()
    extra_hint: str = ""
    env: dict[str, str] = field(default_factory=dict)


ROWS: dict[str, Row] = {
    "accepts-never-answers-tls": Row(
        faulty.silent, 4, False, "within 2 seconds", handshake=False, retried=("version", "show")
    ),
    "never-answers-after-request": Row(
        faulty.hang_after_request, 4, True, "within 2 seconds", retried=("version", "show")
    ),
    "closes-before-status-line": Row(
        faulty.close_after_request, 4, True, "failed before an answer arrived", retried=("version", "show")
    ),
    # http.client takes a header block cut by EOF as complete: a 200 with an empty body.
    "closes-during-headers": Row(faulty.close_in_headers, 5, True, "answer was empty"),
    "closes-during-body": Row(
        faulty.close_in_body, 4, True, "connection broke while reading", retried=("version", "show")
    ),
    "connection-reset": Row(
        faulty.reset_after_request, 4, True, "connection reset", retried=("version", "show")
    ),
    "truncated-json": Row(answer(200, b'{"Version":"4.7.4","Code":"o', JSON), 5, True, "not valid JSON"),
    "empty-200": Row(answer(200, b"", JSON), 5, True, "empty"),
    "html-502": Row(
        answer(502, HTML_502, {"Content-Type": "text/html"}),
        5,
        True,
        "HTTP 502 Bad Gateway (502 Bad Gateway)",
        retried=("version", "show"),
    ),
    "500-json-body": Row(
        answer(500, {"Code": "error", "Msg": "database is down"}, JSON),
        5,
        True,
        'HTTP 500 Internal Server Error ({"Code":"error","Msg":"database is down"})',
    ),
    "301-elsewhere": Row(
        answer(301, b"", {"Location": "https://elsewhere.invalid/"}),
        5,
        True,
        "redirected",
        extra_hint="base URL",
    ),
    "302-elsewhere": Row(
        answer(302, b"", {"Location": "/login"}), 5, True, "with HTTP 302; redirects are not followed"
    ),
    "401-no-body": Row(answer(401, b"", TEXT), 3, None, "Authentication Failed: 401"),
    "401-real-body": Row(
        answer(401, "Not authenticated in apiserver\n", TEXT),
        3,
        None,
        "Authentication Failed: 401 (Not authenticated in apiserver)",
        extra_hint="PGOUSERNAME/PGOUSERPASS",
    ),
    "403-real-body": Row(
        answer(403, "Not authorized for this apiserver action\n", TEXT),
        3,
        None,
        "Forbidden: 403 (Not authorized for this apiserver action)",
        extra_hint="lacks the pgo permission",
    ),
    "403-client-certificate": Row(
        answer(403, "Forbidden: Client Certificate Required\n", TEXT),
        3,
        None,
        "Client Certificate Required",
        extra_hint="PGO_CLIENT_CERT",
    ),
    "404": Row(answer(404, "404 page not found\n", TEXT), 5, True, "Invalid Status Code: 404"),
    "405": Row(answer(405, b"", TEXT), 5, True, "is not allowed in the current Operator install: 405"),
    "50MB-junk-200": Row(faulty.huge(200, FIFTY_MB, valid_json=False), 5, True, "not valid JSON"),
    "50MB-500-page": Row(faulty.huge(500, FIFTY_MB, valid_json=False), 5, True, "HTTP 500"),
    "code-a-number": Row(
        answer(200, {"Code": 1, "Msg": "x", "Results": [], "status": {"code": 1}}, JSON),
        5,
        True,
        "unexpected shape",
    ),
    "results-a-string": Row(
        answer(200, {"Code": "ok", "Msg": "", "Results": "hippo", "result": "hippo"}, JSON),
        5,
        True,
        "unexpected shape",
        commands=("show", "create", "delete"),
    ),
    "not-an-object": Row(answer(200, b'["ok"]\n', JSON), 5, True, "unexpected shape"),
    "one-byte-per-second-body": Row(
        faulty.drip(b'{"Version":"4.7.4","Code":"ok","Msg":"apiserver version"}\n'),
        4,
        True,
        "within 2 seconds",
        retried=("version", "show"),
    ),
    "one-byte-per-second-headers": Row(
        faulty.drip(b"{}", headers_too=True), 4, True, "within 2 seconds", retried=("version", "show")
    ),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_fault(name: str, pgo_cert: CertPair, env_for: EnvFor) -> None:
    row = ROWS[name]
    server = FaultServer(
        row.behaviour, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert, handshake=row.handshake
    )
    with server:
        runs = run_all(env_for(server.url, **row.env), row.commands)
        seen = server.paths()
    for command, run in runs.items():
        lines = check_contract(run, row.code)
        assert row.fragment in lines[0], (command, lines)
        if row.extra_hint:
            assert any(row.extra_hint in line for line in lines[1:]), (command, lines)
        check_sent_statement(run, row.sent)
        arrived = seen.count(ROUTES[command])
        if command in WRITES:
            assert arrived == (1 if row.handshake else 0), (command, seen)
        elif command not in row.retried:
            assert arrived == 1, (command, seen)


def test_connection_refused(env_for: EnvFor) -> None:
    runs = run_all(env_for(f"https://127.0.0.1:{free_port()}"))
    for run in runs.values():
        lines = check_contract(run, 4)
        assert "cannot connect to the apiserver" in lines[0] and "connection refused" in lines[0], lines
        check_sent_statement(run, False)


def test_unknown_host(env_for: EnvFor) -> None:
    runs = run_all(env_for("https://pgo-apiserver.invalid:8443"))
    for run in runs.values():
        lines = check_contract(run, 4)
        assert "unknown host" in lines[0], lines
        check_sent_statement(run, False)
