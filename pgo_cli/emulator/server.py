"""HTTP(S) front end: TLS as the apiserver sets it up, gorilla/mux routing, handlers.

Built on the standard library's ``ThreadingHTTPServer`` (HTTP/1.1, keep-alive, one thread per
connection) and ``ssl``. The TLS handshake runs in the connection's thread, so one slow client
cannot stall the accept loop.
"""

from __future__ import annotations

import contextlib
import email.utils
import posixpath
import socket
import ssl
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from pgo_cli.emulator import certs, pipeline, publishing
from pgo_cli.emulator.config import Settings
from pgo_cli.emulator.router import EmulatorRequest, Router, parse_query
from pgo_cli.emulator.state import State
from pgo_cli.emulator.world import World
from pgo_cli.wire.gojson import encode_go

HANDSHAKE_TIMEOUT = 10.0
IDLE_TIMEOUT = 120.0
MAX_BODY = 16 * 1024 * 1024
TLS12_CIPHERS = ":".join(
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
    ]
)

Handler = Callable[["RequestHandler", bytes], None]


def clean_path(path: str) -> str:
    """gorilla/mux ``cleanPath``: ``path.Clean`` keeping a trailing slash."""
    if path == "":
        return "/"
    if path[0] != "/":
        path = "/" + path
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):  # posixpath keeps a leading double slash; Go's path.Clean does not
        cleaned = "/" + cleaned.lstrip("/")
    if path.endswith("/") and cleaned != "/":
        cleaned += "/"
    return cleaned


def make_ssl_context(cert_file: str, key_file: str) -> ssl.SSLContext:
    """Server context: TLS >= 1.2, client certificates verified if given (the server cert is the CA)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(TLS12_CIPHERS)
    ctx.load_cert_chain(cert_file, key_file)
    ctx.verify_mode = ssl.CERT_OPTIONAL
    ctx.load_verify_locations(cafile=cert_file)
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx


class EmulatorServer(ThreadingHTTPServer):
    """The listening server; owns the emulated world (state, settings, clock, randomness)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, settings: Settings, world: World | None = None) -> None:
        self.settings = settings
        self.world = world or World(State(settings.state_dir), settings)
        self.state = self.world.state
        from pgo_cli.index import EMULATOR_MODULES

        self.router = Router.from_modules(EMULATOR_MODULES)
        self.ssl_context: ssl.SSLContext | None = None
        if settings.tls:
            cert, key = certs.ensure(settings.state_dir)
            self.ssl_context = make_ssl_context(str(cert), str(key))
        family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        self.address_family = family
        super().__init__((settings.host, settings.port), RequestHandler)

    @property
    def port(self) -> int:
        """The bound port (useful with port 0)."""
        return int(self.server_address[1])

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Run the TLS handshake (in this connection's thread), then serve the connection."""
        if self.ssl_context is None:
            super().finish_request(request, client_address)
            return
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            conn = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return  # e.g. a client certificate that does not verify: the handshake is aborted
        try:
            self.RequestHandlerClass(conn, client_address, self)  # type: ignore[arg-type]
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Connection-level errors (resets, timeouts) are not worth a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


class RequestHandler(BaseHTTPRequestHandler):
    """One connection: requests are answered as the Go apiserver answers them."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT
    server: EmulatorServer

    def setup(self) -> None:
        super().setup()
        # Go's net package sets TCP_NODELAY on every connection; without it, headers and body
        # written separately meet the client's delayed ACK: a ~40 ms stall on every answer.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def __getattr__(self, name: str) -> Any:
        # Every method token is routed (Go's router decides what is allowed).
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no access log."""

    # ------------------------------------------------------------------ response helpers

    def _send(self, status: int, body: bytes = b"", headers: list[tuple[str, str]] | None = None) -> None:
        self.send_response_only(status)
        self.send_header("Date", email.utils.formatdate(usegmt=True))
        for key, value in headers or []:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _http_error(self, status: int, message: str, extra: list[tuple[str, str]] | None = None) -> None:
        """Go's ``http.Error``."""
        headers = [
            *(extra or []),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        self._send(status, (message + "\n").encode(), headers)

    def _json(self, value: Any, authenticated: bool = True) -> None:
        headers = [("Content-Type", "application/json")]
        if authenticated:
            headers.insert(0, ("Www-Authenticate", 'Basic realm="Restricted"'))
        self._send(200, encode_go(value), headers)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            total = 0
            while True:
                size_line = self.rfile.readline(1024)
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_BODY:
                    raise ValueError("body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(length) if length else b""

    # ------------------------------------------------------------------ routing

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._http_error(400, "400 Bad Request")
            return
        # The raw request target: http.server rewrites a leading "//" in self.path.
        words = self.requestline.split()
        target = words[1] if len(words) >= 2 else self.path
        if not target.startswith("/"):
            target = urlsplit(target).path or "/"
        raw_path, _, query = target.partition("?")
        path = unquote(raw_path)
        cleaned = clean_path(path)
        if cleaned != path:
            self._send(301, headers=[("Location", cleaned + ("?" + query if query else ""))])
            return
        probe = ROUTES.get(path)
        if probe is None:
            self._dispatch_registered(path, query, body)
            return
        methods, handler = probe
        if methods is not None and self.command not in methods:
            self._send(405)
            return
        if self.server.ssl_context is not None and path != "/healthz":
            connection: Any = self.connection
            if not connection.getpeercert(binary_form=True):
                self._http_error(403, "Forbidden: Client Certificate Required")
                return
        handler(self, body)

    def _dispatch_registered(self, path: str, query: str, body: bytes) -> None:
        """The routes of the nouns' ``HANDLERS`` (path variables, per-method handlers)."""
        resolved = self.server.router.resolve(self.command, path)
        if resolved == 404:
            self._http_error(404, "404 page not found")
            return
        if resolved == 405:
            self._send(405)
            return
        assert not isinstance(resolved, int)
        route, values = resolved
        if self.server.ssl_context is not None:
            connection: Any = self.connection
            if not connection.getpeercert(binary_form=True):
                self._http_error(403, "Forbidden: Client Certificate Required")
                return
        exchange = pipeline.Exchange(
            route=route,
            method=self.command,
            path=path,
            path_values=values,
            query=parse_query(query),
            raw_body=body,
            headers=dict(self.headers.items()),
        )
        response, request, encoded = pipeline.serve(self.server.world, exchange, self._request)
        if response.status == 500:
            self.close_connection = True
        self._send(response.status or 200, bytes(response.body), response.headers())
        if request is not None:
            publishing.published(
                self.server, route.endpoint, request.body, encoded, request.username, values, request.query
            )

    def _request(self, exchange: pipeline.Exchange) -> EmulatorRequest:
        return EmulatorRequest(
            world=self.server.world,
            endpoint=exchange.route.endpoint,
            method=exchange.method,
            username=exchange.username,
            body=exchange.body,
            path=exchange.path_values,
            query=exchange.query,
            raw_body=exchange.raw_body,
            headers=exchange.headers,
            target=exchange.path,
        )

    # ------------------------------------------------------------------ handlers

    def handle_healthz(self, _body: bytes) -> None:
        """``/healthz``: ``ok``, no auth, no client certificate needed."""
        self._send(200, b"ok", [("Content-Type", "text/plain; charset=utf-8")])

    def handle_health(self, _body: bytes) -> None:
        """``/health``: a VersionResponse-shaped probe answer, no basic auth."""
        self._json({"Version": "healthy", "Code": "ok", "Msg": "healthy"}, authenticated=False)


#: The health probes, answered before (and without) the router's certificate and Basic checks:
#: path -> (allowed methods or None for any, handler). Every apiserver route is a noun's HANDLERS.
ROUTES: dict[str, tuple[frozenset[str] | None, Handler]] = {
    "/health": (None, RequestHandler.handle_health),
    "/healthz": (None, RequestHandler.handle_healthz),
}
