"""A small consumer of the NSQ TCP protocol (V2), as much of it as ``pgo watch`` uses.

pgo 4.7.4 uses go-nsq: one consumer of one topic on an ephemeral channel, connected straight to
nsqd (no lookupd). The conversation is: the magic ``"  V2"``; ``IDENTIFY`` with a JSON body
(feature negotiation on, so nsqd answers with its settings as JSON, or plain ``OK``); ``SUB topic
channel``; ``RDY n``; then frames: ``_heartbeat_`` responses (answered with ``NOP``), messages
(answered with ``FIN <id>``) and errors. ``CLS`` asks nsqd to stop sending before the client goes.

Frames from nsqd are ``size:int32 frame_type:int32 data`` (big endian; ``size`` counts the type and
the data). A message's data is ``timestamp:int64 attempts:uint16 id:16 bytes body``. The frame
helpers are shared with the emulator's server (:mod:`pgo_cli.emulator.events`).
"""

from __future__ import annotations

import json
import re
import socket
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAGIC_V2 = b"  V2"
FRAME_RESPONSE = 0
FRAME_ERROR = 1
FRAME_MESSAGE = 2
HEARTBEAT = b"_heartbeat_"
OK = b"OK"
CLOSE_WAIT = b"CLOSE_WAIT"
#: nsqd's ``--max-rdy-count`` default.
MAX_RDY_COUNT = 2500
#: A frame larger than this is not nsqd talking (its ``--max-msg-size`` default is 1 MiB).
MAX_FRAME = 16 * 1024 * 1024

_NAME = re.compile(r"^[.a-zA-Z0-9_-]+(#ephemeral)?$")


def valid_name(name: str) -> bool:
    """nsqd's (and go-nsq's) rule for topic and channel names: 1-64 of ``[.a-zA-Z0-9_-]``."""
    return 1 <= len(name) <= 64 and _NAME.match(name) is not None


def frame(kind: int, data: bytes) -> bytes:
    """One frame as nsqd writes it."""
    return struct.pack(">ii", len(data) + 4, kind) + data


def message_data(timestamp_ns: int, attempts: int, message_id: bytes, body: bytes) -> bytes:
    """The data of a message frame."""
    return struct.pack(">qH", timestamp_ns, attempts) + message_id + body


def command(name: str, *params: str, body: bytes | None = None) -> bytes:
    """A client command line, with its size-prefixed body when it has one (IDENTIFY, PUB)."""
    line = " ".join((name, *params)).encode("utf-8") + b"\n"
    if body is None:
        return line
    return line + struct.pack(">i", len(body)) + body


@dataclass(frozen=True)
class Message:
    """A message delivered by nsqd."""

    timestamp_ns: int
    attempts: int
    id: bytes
    body: bytes


class Closed(ConnectionError):
    """nsqd closed the connection."""


class ProtocolError(Exception):
    """nsqd answered with an error frame, or with something that is not NSQ."""


def parse_address(address: str) -> tuple[str, int]:
    """``host:port`` (``[v6]:port`` too), as Go's ``net.SplitHostPort`` reads it."""
    host, sep, port = address.rpartition(":")
    if not sep:
        raise ValueError(f"address {address}: missing port in address")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ValueError(f"address {address}: too many colons in address")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"address {address}: invalid port {port!r}")
    return host or "localhost", int(port)


class Consumer:
    """One connection to nsqd consuming ``topic`` on ``channel``.

    ``connect()`` runs the handshake; iterating :meth:`messages` yields each message and sends its
    ``FIN`` when the caller asks for the next one; heartbeats are answered on the way.
    """

    def __init__(
        self,
        address: str,
        topic: str,
        channel: str,
        *,
        max_in_flight: int = 200,
        heartbeat_ms: int = 30_000,
        connect_timeout: float = 10.0,
        identify: dict[str, Any] | None = None,
    ) -> None:
        self.address = address
        self.host, self.port = parse_address(address)
        self.topic = topic
        self.channel = channel
        self.max_in_flight = max_in_flight
        self.heartbeat_ms = heartbeat_ms
        self.connect_timeout = connect_timeout
        self.identify_body = identify or {}
        self.settings: dict[str, Any] = {}
        self._sock: socket.socket | None = None
        self._buffer = b""

    # ------------------------------------------------------------------ connection

    def connect(self) -> None:
        """Dial, send the magic, IDENTIFY, SUB and RDY; raise :class:`ProtocolError` on a refusal."""
        sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        # Two missed heartbeats mean nsqd is gone (go-nsq's default ReadTimeout is 60 s).
        sock.settimeout(self.heartbeat_ms * 2 / 1000)
        identify = {
            "client_id": socket.gethostname().split(".")[0],
            "hostname": socket.gethostname(),
            "feature_negotiation": True,
            "heartbeat_interval": self.heartbeat_ms,
            "tls_v1": False,
            "deflate": False,
            "snappy": False,
            "sample_rate": 0,
            "msg_timeout": 0,
            **self.identify_body,
        }
        self._send(MAGIC_V2 + command("IDENTIFY", body=json.dumps(identify).encode()))
        answer = self._expect_response("IDENTIFY")
        if answer != OK:
            try:
                self.settings = json.loads(answer)
            except ValueError as exc:
                raise ProtocolError(f"IDENTIFY: not an nsqd answer: {answer[:80]!r}") from exc
        self._send(command("SUB", self.topic, self.channel))
        if self._expect_response("SUB") != OK:
            raise ProtocolError("SUB: nsqd did not answer OK")
        max_rdy = int(self.settings.get("max_rdy_count") or MAX_RDY_COUNT)
        self._send(command("RDY", str(min(self.max_in_flight, max_rdy))))

    def messages(self) -> Iterator[Message]:
        """Each message as it arrives (FIN is sent when the next one is asked for)."""
        while True:
            kind, data = self._read_frame()
            if kind == FRAME_RESPONSE:
                if data == HEARTBEAT:
                    self._send(command("NOP"))
                elif data == CLOSE_WAIT:
                    return
                continue
            if kind == FRAME_ERROR:
                text = data.decode("utf-8", "replace")
                if text.startswith(("E_FIN_FAILED", "E_REQ_FAILED", "E_TOUCH_FAILED")):
                    continue  # not fatal (nsqd keeps the connection)
                raise ProtocolError(text)
            if kind != FRAME_MESSAGE or len(data) < 26:
                raise ProtocolError(f"unexpected frame type {kind}")
            timestamp, attempts = struct.unpack(">qH", data[:10])
            message = Message(timestamp, attempts, data[10:26], data[26:])
            yield message
            self._send(command("FIN", message.id.decode("ascii", "replace")))

    def close(self) -> None:
        """Say ``CLS`` (best effort) and close the socket."""
        sock, self._sock = self._sock, None
        if sock is None:
            return
        try:
            sock.settimeout(1.0)
            sock.sendall(command("CLS"))
        except OSError:
            pass
        finally:
            sock.close()

    # ------------------------------------------------------------------ frames

    def _send(self, data: bytes) -> None:
        if self._sock is None:
            raise Closed("not connected")
        self._sock.sendall(data)

    def _expect_response(self, what: str) -> bytes:
        while True:
            kind, data = self._read_frame()
            if kind == FRAME_RESPONSE and data == HEARTBEAT:
                self._send(command("NOP"))
                continue
            if kind == FRAME_ERROR:
                raise ProtocolError(data.decode("utf-8", "replace"))
            if kind != FRAME_RESPONSE:
                raise ProtocolError(f"{what}: unexpected frame type {kind}")
            return data

    def _read_frame(self) -> tuple[int, bytes]:
        header = self._read(8)
        size, kind = struct.unpack(">ii", header)
        if size < 4 or size > MAX_FRAME:
            raise ProtocolError(f"not an nsqd frame (size {size})")
        return kind, self._read(size - 4)

    def _read(self, count: int) -> bytes:
        while len(self._buffer) < count:
            if self._sock is None:
                raise Closed("not connected")
            chunk = self._sock.recv(65536)
            if not chunk:
                raise Closed("closed by nsqd")
            self._buffer += chunk
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data
