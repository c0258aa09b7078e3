"""A real local HTTP(S) server that records what reaches it and answers as told.

Used where users meet real things: TLS handshakes with real certificates, real sockets, the real
``pgo`` process. ``requests`` is never mocked here (``responses`` is for the unit tests).
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION_OK = {"Version": "4.7.4", "Code": "ok", "Msg": "apiserver version"}


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_cert: bytes | None

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Answer:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return (json.dumps(self.body, separators=(",", ":")) + "\n").encode()


Handler = Callable[[Recorded], Answer | None]


def default_handler(request: Recorded) -> Answer:
    if request.path == "/version":
        return Answer(200, VERSION_OK, {"Content-Type": "application/json"})
    return Answer(404, b"404 page not found\n", {"Content-Type": "text/plain; charset=utf-8"})


class FakeApiserver:
    """Serves on 127.0.0.1 on an ephemeral port; HTTPS when ``cert`` is given.

    ``client_ca`` makes client certificates verified-if-given (like the real apiserver);
    ``require_client_cert`` makes them mandatory at the handshake.
    """

    def __init__(
        self,
        *,
        cert: Path | None = None,
        key: Path | None = None,
        client_ca: Path | None = None,
        require_client_cert: bool = False,
        handler: Handler | None = None,
    ) -> None:
        self.handler: Handler = handler or default_handler
        self.records: list[Recorded] = []
        self.handshakes = 0
        self.handshake_failures: list[str] = []
        self._lock = threading.Lock()
        self.context: ssl.SSLContext | None = None
        if cert is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.load_cert_chain(str(cert), str(key) if key else None)
            if client_ca is not None:
                context.load_verify_locations(cafile=str(client_ca))
                context.verify_mode = ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_OPTIONAL
            self.context = context
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        scheme = "https" if self.context else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self) -> FakeApiserver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeApiserver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.records.append(request)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: FakeApiserver) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        context = self.owner.context
        if context is not None:
            request.settimeout(10)
            try:
                request = context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                self.owner.handshake_failures.append(str(exc))
                return
            self.owner.handshakes += 1
        self.RequestHandlerClass(request, client_address, self)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-answer is expected in fault tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        cert = None
        if isinstance(self.connection, ssl.SSLSocket):
            cert = self.connection.getpeercert(binary_form=True)
        recorded = Recorded(self.command, self.path, dict(self.headers.items()), body, cert)
        self.server.owner.record(recorded)
        answer = self.server.owner.handler(recorded)
        if answer is None:  # the handler took over the socket (fault tests)
            self.close_connection = True
            return
        payload = answer.payload()
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
