"""The parity suite's harness: one real ``pgo-emulator`` process per test module, raw HTTP over mTLS.

Requests go out through ``http.client`` and ``ssl`` with the emulator's own client certificate
(as the installer hands it to pgo), byte for byte as written here: no ``pgo``, no ``requests``
(which would hide status lines, header spelling and a second JSON document). A module may set
``EMULATOR_ARGS`` (extra ``pgo-emulator serve`` arguments, e.g. ``("--fix-bugs", "all")``).
"""

from __future__ import annotations

import base64
import http.client
import json
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.emulator import Emulator

VERSION = "4.7.4"
ADMIN = ("admin", "examplepassword")
#: ``http.Error`` texts of ``apiserver.Authn`` (internal/apiserver/root.go:318,325,331).
NO_CREDENTIALS = (
    "Not Authorized. Basic Authentication credentials must be provided according to RFC 7617, Section 2."
)
NOT_AUTHENTICATED = "Not authenticated in apiserver"
MISMATCH = "pgo client and server version mismatch"
SNIFFED = "text/plain; charset=utf-8"


@dataclass
class Answer:
    """One HTTP answer as it came off the wire."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive), or None when absent."""
        values = [value for key, value in self.headers if key.lower() == name.lower()]
        return values[0] if values else None

    def docs(self) -> list[Any]:
        """Every JSON document of the body (``json.Encoder`` ends each with a newline)."""
        return [json.loads(line) for line in self.body.decode().splitlines() if line.startswith("{")]

    def doc(self) -> Any:
        """The body's one JSON document."""
        [document] = self.docs()
        return document


def msg(document: Any) -> str:
    """``Status.Msg`` of a response, embedded (``Msg``) or under ``status``."""
    if "Msg" in document:
        return str(document["Msg"])
    return str(document["status"]["Msg"])


def code(document: Any) -> str:
    """``Status.Code`` of a response."""
    if "Code" in document:
        return str(document["Code"])
    return str(document["status"]["Code"])


class Raw:
    """Raw HTTPS requests to one emulator, with its client certificate."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        cert = str(emulator.state_dir / "server.crt")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cafile=cert)
        context.check_hostname = False  # pgo's certificate names no host (as the installer's)
        context.load_cert_chain(cert, str(emulator.state_dir / "server.key"))
        self.context = context

    def call(
        self,
        method: str,
        target: str,
        body: Any = None,
        auth: tuple[str, str] | None = ADMIN,
    ) -> Answer:
        """Send one request; ``body`` is bytes as they are, or a value sent as JSON."""
        if body is None:
            payload = b""
        elif isinstance(body, bytes):
            payload = body
        else:
            payload = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Content-Length": str(len(payload))}
        if auth is not None:
            headers["Authorization"] = "Basic " + base64.b64encode(":".join(auth).encode()).decode()
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.emulator.port, context=self.context, timeout=30
        )
        try:
            connection.request(method, target, body=payload, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    def post(self, target: str, body: Any = None, auth: tuple[str, str] | None = ADMIN) -> Answer:
        return self.call("POST", target, body, auth)

    def get(self, target: str, auth: tuple[str, str] | None = ADMIN) -> Answer:
        return self.call("GET", target, None, auth)

    def create_cluster(self, name: str, **fields: Any) -> None:
        """``POST /clusters`` for a cluster in ``pgo`` (ready at once: ``--ready-delay 0``)."""
        body = {"ClientVersion": VERSION, "Namespace": "pgo", "Name": name, **fields}
        answer = self.post("/clusters", body)
        assert code(answer.doc()) == "ok", answer.body

    def notices(self, needle: str, timeout: float = 5.0) -> list[str]:
        """The emulator's stderr lines containing ``needle`` (waiting briefly for them)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [line.strip() for line in list(self.emulator.log) if needle in line]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


@pytest.fixture(scope="module")
def raw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Raw]:
    """One emulator for the module (its ``EMULATOR_ARGS``), spoken to raw."""
    args = tuple(getattr(request.module, "EMULATOR_ARGS", ()))
    emulator = Emulator.in_dir(tmp_path_factory.mktemp("parity"), *args).start()
    try:
        yield Raw(emulator)
    finally:
        emulator.stop()
