"""A local server that misbehaves on purpose, one connection at a time, on raw sockets.

:class:`FaultServer` listens on 127.0.0.1 (an ephemeral port, so tests can run in parallel), wraps
each accepted socket in TLS when given a certificate, and hands the connection to a *behaviour*:
a function that reads the request (or not) and answers (or not) however the fault needs. The
server counts connections and records every request that arrived whole, so a test can say what
reached the server and how often.

Behaviours are built by the small factories below (:func:`answer`, :func:`hang_after_request`,
:func:`close_in_headers`, :func:`drip` …); :func:`in_turn` gives the n-th connection the n-th
behaviour (the last one repeats), e.g. two 503s and then a good answer.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

VERSION_OK = {"Version": "4.7.4", "Code": "ok", "Msg": "apiserver version"}
CREATE_OK = {
    "result": {"Name": "hippo", "Users": None, "WorkflowID": "a1b2c3"},
    "status": {"code": "ok", "msg": ""},
}
SHOW_OK = {"Code": "ok", "Msg": "", "Results": []}
DELETE_OK = {"Code": "ok", "Msg": "", "Results": ["deleted pgcluster hippo"]}


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Connection:
    """One accepted connection, as a behaviour sees it."""

    sock: socket.socket
    server: FaultServer
    index: int
    request: RawRequest | None = None
    _buffer: bytes = b""

    def read_request(self) -> RawRequest | None:
        """Read one HTTP/1.1 request (headers and a Content-Length body) and record it."""
        try:
            while b"\r\n\r\n" not in self._buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return None
                self._buffer += chunk
            head, _, rest = self._buffer.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            while len(rest) < length:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return None
                rest += chunk
        except (OSError, ValueError):
            return None
        self.request = RawRequest(method, path, headers, rest[:length])
        self.server.record(self.request)
        return self.request

    def send(self, data: bytes) -> bool:
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server stops; False when it stopped."""
        return not self.server.stopping.wait(seconds)

    def reset(self) -> None:
        """Close with an RST instead of a FIN (the client sees 'connection reset by peer')."""
        with contextlib.suppress(OSError):
            # SO_LINGER 0: close() sends an RST; a TLS socket closes without a close_notify.
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.sock.close()


Behaviour = Callable[[Connection], None]


def response_bytes(
    status: int, body: bytes | str | Any = b"", headers: dict[str, str] | None = None
) -> bytes:
    """A whole HTTP/1.1 answer with Content-Length and ``Connection: close``."""
    payload = _payload(body)
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    merged = {"Content-Length": str(len(payload)), "Connection": "close", **(headers or {})}
    lines += [f"{name}: {value}" for name, value in merged.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload


def _payload(body: bytes | str | Any) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return (json.dumps(body, separators=(",", ":")) + "\n").encode()


# --------------------------------------------------------------------------------------------------
# behaviours


def answer(status: int, body: bytes | str | Any = b"", headers: dict[str, str] | None = None) -> Behaviour:
    def behave(conn: Connection) -> None:
        if conn.read_request() is not None:
            conn.send(response_bytes(status, body, headers))

    return behave


def route(table: Callable[[RawRequest], bytes]) -> Behaviour:
    """Read the request and send whatever ``table`` makes of it (whole raw answer bytes)."""

    def behave(conn: Connection) -> None:
        request = conn.read_request()
        if request is not None:
            conn.send(table(request))

    return behave


def ok_answer(request: RawRequest) -> bytes:
    """What a healthy apiserver answers on the four routes (and 404 elsewhere)."""
    bodies = {
        "/version": VERSION_OK,
        "/showclusters": SHOW_OK,
        "/clusters": CREATE_OK,
        "/clustersdelete": DELETE_OK,
    }
    body = bodies.get(request.path)
    if body is None:
        return response_bytes(404, "404 page not found\n", {"Content-Type": "text/plain; charset=utf-8"})
    return response_bytes(200, body, {"Content-Type": "application/json"})


def plain_http_400(conn: Connection) -> None:
    """A plain HTTP server meeting a TLS ClientHello: it answers 400 to the garbage and hangs up."""
    try:
        conn.sock.recv(65536)
    except OSError:
        return
    conn.send(
        b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n400 Bad Request"
    )


def silent(conn: Connection) -> None:
    """Accept and never say anything (not even the TLS handshake when the server is plain TCP)."""
    conn.wait(60)


def hang_after_request(conn: Connection) -> None:
    """Read the whole request, then never answer."""
    conn.read_request()
    conn.wait(60)


def close_after_request(conn: Connection) -> None:
    """Read the request and hang up without a byte of answer."""
    conn.read_request()


def close_in_headers(conn: Connection) -> None:
    if conn.read_request() is not None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: applic")


def close_in_body(conn: Connection) -> None:
    if conn.read_request() is not None:
        body = json.dumps(VERSION_OK).encode()
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body) + 500}\r\n\r\n"
        )
        conn.send(head.encode() + body[:10])


def reset_after_request(conn: Connection) -> None:
    if conn.read_request() is not None:
        conn.reset()


def drip(payload: bytes, interval: float = 1.0, *, headers_too: bool = False) -> Behaviour:
    """Answer one byte per ``interval`` seconds: the body only, or the whole answer."""

    def behave(conn: Connection) -> None:
        if conn.read_request() is None:
            return
        whole = response_bytes(200, payload, {"Content-Type": "application/json"})
        head_len = 0 if headers_too else whole.index(b"\r\n\r\n") + 4
        if not conn.send(whole[:head_len]):
            return
        for offset in range(head_len, len(whole)):
            if not conn.send(whole[offset : offset + 1]) or not conn.wait(interval):
                return

    return behave


def huge(status: int, size: int, *, valid_json: bool) -> Behaviour:
    """An answer of ``size`` bytes, streamed: a JSON document padded in Msg, or junk."""

    def behave(conn: Connection) -> None:
        if conn.read_request() is None:
            return
        if valid_json:
            start, end = b'{"Version":"4.7.4","Code":"ok","Msg":"', b'"}\n'
        else:
            start, end = b"<html><body>", b"</body></html>\n"
        filler = size - len(start) - len(end)
        head = f"HTTP/1.1 {status} {REASONS[status]}\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
        if not conn.send(head.encode() + start):
            return
        block = b"x" * (1024 * 1024)
        while filler > 0:
            piece = block[: min(filler, len(block))]
            if not conn.send(piece):
                return
            filler -= len(piece)
        conn.send(end)

    return behave


def in_turn(behaviours: Sequence[Behaviour]) -> Behaviour:
    """The n-th connection gets the n-th behaviour; the last one repeats."""

    def behave(conn: Connection) -> None:
        behaviours[min(conn.index, len(behaviours) - 1)](conn)

    return behave


# --------------------------------------------------------------------------------------------------
# the server


@dataclass
class FaultServer:
    """Serves ``behaviour`` on 127.0.0.1; HTTPS when ``cert``/``key`` are given.

    ``client_ca`` asks for client certificates (optional unless ``require_client_cert``).
    ``handshake=False`` leaves TLS to nobody: the client's handshake is never answered.
    """

    behaviour: Behaviour
    cert: Path | None = None
    key: Path | None = None
    client_ca: Path | None = None
    require_client_cert: bool = False
    handshake: bool = True
    requests: list[RawRequest] = field(default_factory=list)
    connections: int = 0
    handshake_failures: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.context: ssl.SSLContext | None = None
        if self.cert is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.load_cert_chain(str(self.cert), str(self.key) if self.key else None)
            if self.client_ca is not None:
                context.load_verify_locations(cafile=str(self.client_ca))
                context.verify_mode = ssl.CERT_REQUIRED if self.require_client_cert else ssl.CERT_OPTIONAL
            self.context = context
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        with self._lock:
            return [f"{request.method} {request.path}" for request in self.requests]

    def record(self, request: RawRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                index = self.connections
                self.connections += 1
                self._socks.append(sock)
            threading.Thread(target=self._serve, args=(sock, index), daemon=True).start()

    def _serve(self, sock: socket.socket, index: int) -> None:
        try:
            if self.context is not None and self.handshake:
                sock.settimeout(10)
                try:
                    sock = self.context.wrap_socket(sock, server_side=True)
                except (ssl.SSLError, OSError) as exc:
                    self.handshake_failures.append(str(exc))
                    return
                with self._lock:
                    self._socks.append(sock)
            sock.settimeout(30)
            self.behaviour(Connection(sock, self, index))
        except Exception:  # a client hanging up is part of every fault here
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.close()
