"""The operator's event stream: an NSQ-compatible TCP server (the broker ``pgo watch`` reads).

In a pgo 4.7.4 installation the apiserver and the operator publish JSON events to nsqd (the
``pgo-event`` container, TCP 4150 in the pod, usually reached on ``localhost:14150``) and ``pgo
watch TOPIC`` tails them. The emulator does the same in-process:

* :class:`NsqServer` speaks the subset of nsqd's TCP protocol (V2) that consumers use: the
  magic, ``IDENTIFY`` (``OK``, or nsqd's settings as JSON with feature negotiation), ``SUB``,
  ``RDY``, ``FIN``, ``REQ``, ``TOUCH``, ``NOP``, ``CLS``, and ``PUB``/``MPUB``; heartbeats at the
  negotiated interval, and connections closed after two unanswered ones. Topics and channels
  follow nsqd: each channel of a topic gets every message, its clients share them (RDY
  bounds what is in flight), unfinished messages are re-sent after ``msg_timeout`` or when their
  client goes; an ephemeral channel vanishes with its last client; a topic with no channel keeps
  its messages (up to nsqd's ``--mem-queue-size``, 10000) for the first channel to come.
pgo's events themselves (what each write publishes) are :mod:`pgo_cli.emulator.publishing`;
the frames are :mod:`pgo_cli.wire.nsq`, shared with ``pgo watch``.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import json
import queue
import socket
import socketserver
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from pgo_cli.emulator import log as emulator_log
from pgo_cli.wire.nsq import (
    CLOSE_WAIT,
    FRAME_ERROR,
    FRAME_MESSAGE,
    FRAME_RESPONSE,
    HEARTBEAT,
    MAGIC_V2,
    MAX_RDY_COUNT,
    OK,
    frame,
    message_data,
    valid_name,
)

DEFAULT_PORT = 14150
NSQD_VERSION = "1.2.1"
MEM_QUEUE_SIZE = 10_000
MAX_MSG_SIZE = 1024 * 1024
MAX_BODY_SIZE = 5 * 1024 * 1024
DEFAULT_HEARTBEAT_MS = 30_000
MAX_HEARTBEAT_MS = 60_000
DEFAULT_MSG_TIMEOUT_MS = 60_000
MAX_MSG_TIMEOUT_MS = 15 * 60_000
TICK = 0.05


class ClientError(Exception):
    """An error frame for the client; ``fatal`` ones close the connection (nsqd's FatalClientErr)."""

    def __init__(self, code: str, text: str, *, fatal: bool = True) -> None:
        super().__init__(f"{code} {text}")
        self.fatal = fatal


# ====================================================================== the broker


@dataclass
class Message:
    id: bytes
    body: bytes
    timestamp_ns: int
    attempts: int = 0


@dataclass
class Channel:
    name: str
    queue: deque[Message] = field(default_factory=deque)
    clients: list[Connection] = field(default_factory=list)
    in_flight: dict[bytes, tuple[Message, Connection, float]] = field(default_factory=dict)
    deferred: list[tuple[float, int, Message]] = field(default_factory=list)
    #: Where the round robin over the clients starts next.
    turn: int = 0

    @property
    def ephemeral(self) -> bool:
        return self.name.endswith("#ephemeral")


@dataclass
class Topic:
    name: str
    channels: dict[str, Channel] = field(default_factory=dict)
    backlog: deque[Message] = field(default_factory=lambda: deque(maxlen=MEM_QUEUE_SIZE))


class Broker:
    """Topics, channels and the connections subscribed to them (one lock for all).

    ``log`` receives the traceback of a failing timer action (the emulator's stderr); None discards.
    """

    def __init__(self, log: TextIO | None = None) -> None:
        self.log = log
        self.lock = threading.RLock()
        self.topics: dict[str, Topic] = {}
        self.connections: set[Connection] = set()
        self._ids = itertools.count(1)
        self._order = itertools.count()
        self._later: list[tuple[float, int, Callable[[], None]]] = []
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick_loop, name="nsq-ticker", daemon=True)
        self._ticker.start()

    def close(self) -> None:
        self._stop.set()
        with self.lock:
            connections = list(self.connections)
        for conn in connections:
            conn.shutdown()

    # ------------------------------------------------------------------ publishing

    def publish(self, topic_name: str, body: bytes) -> None:
        """``PUB``: a copy of the message for every channel of the topic (kept if it has none)."""
        with self.lock:
            topic = self.topics.setdefault(topic_name, Topic(topic_name))
            message = Message(f"{next(self._ids):016x}".encode(), body, time.time_ns())
            if not topic.channels:
                topic.backlog.append(message)
                return
            for channel in topic.channels.values():
                channel.queue.append(Message(message.id, body, message.timestamp_ns))
                self._pump(channel)

    def later(self, delay: float, action: Callable[[], None]) -> None:
        """Run ``action`` (a publication) ``delay`` seconds from now, on the ticker thread."""
        with self.lock:
            heapq.heappush(self._later, (time.monotonic() + delay, next(self._order), action))

    # ------------------------------------------------------------------ consumers

    def subscribe(self, conn: Connection, topic_name: str, channel_name: str) -> None:
        with self.lock:
            topic = self.topics.setdefault(topic_name, Topic(topic_name))
            channel = topic.channels.get(channel_name)
            if channel is None:
                channel = topic.channels[channel_name] = Channel(channel_name)
                if len(topic.channels) == 1:
                    channel.queue.extend(topic.backlog)
                    topic.backlog.clear()
            channel.clients.append(conn)
            conn.topic, conn.channel = topic, channel
            self._pump(channel)

    def ready(self, conn: Connection, count: int) -> None:
        with self.lock:
            conn.ready_count = count
            if conn.channel is not None:
                self._pump(conn.channel)

    def finish(self, conn: Connection, message_id: bytes) -> None:
        with self.lock:
            channel = conn.channel
            held = channel.in_flight.get(message_id) if channel else None
            if channel is None or held is None or held[1] is not conn:
                raise ClientError(
                    "E_FIN_FAILED",
                    f"FIN {message_id.decode(errors='replace')} failed ID not in flight",
                    fatal=False,
                )
            del channel.in_flight[message_id]
            conn.in_flight -= 1
            self._pump(channel)

    def requeue(self, conn: Connection, message_id: bytes, delay_ms: int) -> None:
        with self.lock:
            channel = conn.channel
            held = channel.in_flight.get(message_id) if channel else None
            if channel is None or held is None or held[1] is not conn:
                raise ClientError(
                    "E_REQ_FAILED",
                    f"REQ {message_id.decode(errors='replace')} failed ID not in flight",
                    fatal=False,
                )
            del channel.in_flight[message_id]
            conn.in_flight -= 1
            self._defer(channel, held[0], delay_ms / 1000)
            self._pump(channel)

    def touch(self, conn: Connection, message_id: bytes) -> None:
        with self.lock:
            channel = conn.channel
            held = channel.in_flight.get(message_id) if channel else None
            if channel is None or held is None or held[1] is not conn:
                raise ClientError(
                    "E_TOUCH_FAILED",
                    f"TOUCH {message_id.decode(errors='replace')} failed ID not in flight",
                    fatal=False,
                )
            channel.in_flight[message_id] = (held[0], conn, time.monotonic() + conn.msg_timeout)

    def leave(self, conn: Connection) -> None:
        """The connection is gone: its messages go back to the channel (or with an ephemeral one)."""
        with self.lock:
            self.connections.discard(conn)
            channel, topic = conn.channel, conn.topic
            if channel is None or topic is None:
                return
            conn.channel = None
            if conn in channel.clients:
                channel.clients.remove(conn)
            mine = [mid for mid, (_, owner, _) in channel.in_flight.items() if owner is conn]
            for mid in mine:
                message = channel.in_flight.pop(mid)[0]
                channel.queue.appendleft(message)
            if channel.ephemeral and not channel.clients:
                topic.channels.pop(channel.name, None)
                if topic.name.endswith("#ephemeral") and not topic.channels:
                    self.topics.pop(topic.name, None)
                return
            self._pump(channel)

    # ------------------------------------------------------------------ delivery

    def _pump(self, channel: Channel) -> None:
        """Send queued messages to the channel's clients while their RDY allows (round robin)."""
        while channel.queue:
            ready = [c for c in channel.clients if c.can_take()]
            if not ready:
                return
            for conn in ready[channel.turn % len(ready) :] + ready[: channel.turn % len(ready)]:
                if not channel.queue:
                    return
                channel.turn += 1
                message = channel.queue.popleft()
                message.attempts += 1
                channel.in_flight[message.id] = (message, conn, time.monotonic() + conn.msg_timeout)
                conn.in_flight += 1
                conn.send(
                    FRAME_MESSAGE,
                    message_data(message.timestamp_ns, message.attempts, message.id, message.body),
                )

    def _defer(self, channel: Channel, message: Message, delay: float) -> None:
        if delay <= 0:
            channel.queue.append(message)
        else:
            heapq.heappush(channel.deferred, (time.monotonic() + delay, next(self._order), message))

    def _tick_loop(self) -> None:
        while not self._stop.wait(TICK):
            try:
                self._tick(time.monotonic())
            except Exception:
                emulator_log.exception(self.log)

    def _tick(self, now: float) -> None:
        due: list[Callable[[], None]] = []
        with self.lock:
            while self._later and self._later[0][0] <= now:
                due.append(heapq.heappop(self._later)[2])
            for topic in list(self.topics.values()):
                for channel in list(topic.channels.values()):
                    expired = [mid for mid, (_, _, deadline) in channel.in_flight.items() if deadline <= now]
                    for mid in expired:
                        message, owner, _ = channel.in_flight.pop(mid)
                        owner.in_flight -= 1
                        channel.queue.append(message)
                    while channel.deferred and channel.deferred[0][0] <= now:
                        channel.queue.append(heapq.heappop(channel.deferred)[2])
                    if channel.queue:
                        self._pump(channel)
            connections = list(self.connections)
        for conn in connections:
            conn.heartbeat(now)
        for action in due:
            try:
                action()
            except Exception:
                emulator_log.exception(self.log)


# ====================================================================== the TCP protocol


class Connection:
    """One client: its reader runs in the server's thread, a writer thread sends its frames."""

    def __init__(self, broker: Broker, sock: socket.socket) -> None:
        self.broker = broker
        self.sock = sock
        self.topic: Topic | None = None
        self.channel: Channel | None = None
        self.ready_count = 0
        self.in_flight = 0
        self.identified = False
        self.closing = False
        self.heartbeat_interval = DEFAULT_HEARTBEAT_MS / 1000
        self.msg_timeout = DEFAULT_MSG_TIMEOUT_MS / 1000
        self.last_heartbeat = time.monotonic()
        self.last_read = time.monotonic()
        self._gone = threading.Event()
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_loop, name="nsq-writer", daemon=True)
        self._writer.start()

    def can_take(self) -> bool:
        return not self.closing and not self._gone.is_set() and self.in_flight < self.ready_count

    def send(self, kind: int, data: bytes) -> None:
        if not self._gone.is_set():
            self._outbox.put(frame(kind, data))

    def heartbeat(self, now: float) -> None:
        if self.heartbeat_interval <= 0 or self._gone.is_set():
            return
        if now - self.last_read > 2 * self.heartbeat_interval:
            self.shutdown()  # two heartbeats unanswered: nsqd gives up on the client
            return
        if now - self.last_heartbeat >= self.heartbeat_interval:
            self.last_heartbeat = now
            self.send(FRAME_RESPONSE, HEARTBEAT)

    def shutdown(self) -> None:
        self._gone.set()
        self._outbox.put(None)
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)

    def _write_loop(self) -> None:
        while True:
            data = self._outbox.get()
            if data is None:
                return
            try:
                self.sock.sendall(data)
            except OSError:
                self.shutdown()
                return

    # ------------------------------------------------------------------ reading

    def serve(self) -> None:
        reader = self.sock.makefile("rb")
        try:
            if reader.read(4) != MAGIC_V2:
                self.send(FRAME_ERROR, b"E_BAD_PROTOCOL")
                return
            with self.broker.lock:
                self.broker.connections.add(self)
            while not self._gone.is_set():
                line = reader.readline(MAX_BODY_SIZE)
                if not line:
                    return
                self.last_read = time.monotonic()
                words = line.rstrip(b"\n").rstrip(b"\r").split(b" ")
                try:
                    self._command(words, reader)
                except ClientError as error:
                    self.send(FRAME_ERROR, str(error).encode())
                    if error.fatal:
                        return
        except (OSError, ValueError):
            return
        finally:
            self.broker.leave(self)
            self._outbox.put(None)
            self._writer.join(timeout=2)
            with contextlib.suppress(OSError):
                reader.close()

    def _command(self, words: list[bytes], reader: Any) -> None:
        name = words[0].decode("ascii", "replace")
        params = [w.decode("utf-8", "replace") for w in words[1:]]
        handler = _COMMANDS.get(name)
        if handler is None:
            raise ClientError("E_INVALID", f"invalid command {name}")
        handler(self, params, reader)

    def _body(self, reader: Any, what: str, limit: int) -> bytes:
        header = reader.read(4)
        if len(header) != 4:
            raise ClientError("E_BAD_BODY", f"{what} failed to read body size")
        (size,) = struct.unpack(">i", header)
        if size <= 0 or size > limit:
            raise ClientError("E_BAD_BODY", f"{what} invalid body size {size}")
        body: bytes = reader.read(size)
        if len(body) != size:
            raise ClientError("E_BAD_BODY", f"{what} failed to read body")
        return body

    def identify(self, params: list[str], reader: Any) -> None:
        if self.identified or self.channel is not None:
            raise ClientError("E_INVALID", "cannot IDENTIFY in current state")
        body = self._body(reader, "IDENTIFY", MAX_BODY_SIZE)
        try:
            data = json.loads(body)
        except ValueError:
            raise ClientError("E_BAD_BODY", "IDENTIFY failed to decode JSON body") from None
        if not isinstance(data, dict):
            raise ClientError("E_BAD_BODY", "IDENTIFY failed to decode JSON body")
        heartbeat = int(data.get("heartbeat_interval") or 0)
        if heartbeat == -1:
            self.heartbeat_interval = 0
        elif heartbeat == 0:
            self.heartbeat_interval = DEFAULT_HEARTBEAT_MS / 1000
        elif 1000 <= heartbeat <= MAX_HEARTBEAT_MS:
            self.heartbeat_interval = heartbeat / 1000
        else:
            raise ClientError("E_BAD_BODY", f"IDENTIFY heartbeat interval ({heartbeat}) is invalid")
        timeout = int(data.get("msg_timeout") or 0)
        if timeout == 0:
            timeout = DEFAULT_MSG_TIMEOUT_MS
        if not 1000 <= timeout <= MAX_MSG_TIMEOUT_MS:
            raise ClientError("E_BAD_BODY", f"IDENTIFY msg timeout ({timeout}) is invalid")
        self.msg_timeout = timeout / 1000
        self.identified = True
        if not data.get("feature_negotiation"):
            self.send(FRAME_RESPONSE, OK)
            return
        settings = {
            "max_rdy_count": MAX_RDY_COUNT,
            "version": NSQD_VERSION,
            "max_msg_timeout": MAX_MSG_TIMEOUT_MS,
            "msg_timeout": timeout,
            "tls_v1": False,
            "deflate": False,
            "deflate_level": 6,
            "max_deflate_level": 6,
            "snappy": False,
            "sample_rate": 0,
            "auth_required": False,
            "output_buffer_size": 16384,
            "output_buffer_timeout": 250,
        }
        self.send(FRAME_RESPONSE, json.dumps(settings, separators=(",", ":")).encode())

    def sub(self, params: list[str], _reader: Any) -> None:
        if self.channel is not None or self.closing:
            raise ClientError("E_INVALID", "cannot SUB in current state")
        if len(params) < 2:
            raise ClientError("E_INVALID", "SUB insufficient number of parameters")
        topic, channel = params[0], params[1]
        if not valid_name(topic):
            raise ClientError("E_BAD_TOPIC", f'SUB topic name "{topic}" is not valid')
        if not valid_name(channel):
            raise ClientError("E_BAD_CHANNEL", f'SUB channel name "{channel}" is not valid')
        self.send(FRAME_RESPONSE, OK)
        self.broker.subscribe(self, topic, channel)

    def rdy(self, params: list[str], _reader: Any) -> None:
        if self.closing:
            return  # nsqd ignores RDY once the client said CLS
        if self.channel is None:
            raise ClientError("E_INVALID", "cannot RDY in current state")
        try:
            count = int(params[0]) if params else 1
        except ValueError:
            raise ClientError("E_INVALID", "RDY could not parse count") from None
        if not 0 <= count <= MAX_RDY_COUNT:
            raise ClientError("E_INVALID", f"RDY count {count} out of range 0-{MAX_RDY_COUNT}")
        self.broker.ready(self, count)

    def _message_id(self, params: list[str], what: str) -> bytes:
        if self.channel is None:
            raise ClientError("E_INVALID", f"cannot {what} in current state")
        if not params:
            raise ClientError("E_INVALID", f"{what} insufficient number of params")
        message_id = params[0].encode()
        if len(message_id) != 16:
            raise ClientError("E_INVALID", f"{what} invalid message ID")
        return message_id

    def fin(self, params: list[str], _reader: Any) -> None:
        self.broker.finish(self, self._message_id(params, "FIN"))

    def req(self, params: list[str], _reader: Any) -> None:
        message_id = self._message_id(params, "REQ")
        try:
            delay = int(params[1]) if len(params) > 1 else 0
        except ValueError:
            raise ClientError("E_INVALID", "REQ could not parse timeout") from None
        if not 0 <= delay <= 60 * 60_000:
            raise ClientError("E_INVALID", f"REQ timeout {delay} out of range 0-3600000")
        self.broker.requeue(self, message_id, delay)

    def touch(self, params: list[str], _reader: Any) -> None:
        self.broker.touch(self, self._message_id(params, "TOUCH"))

    def nop(self, _params: list[str], _reader: Any) -> None:
        """``NOP``: the answer to a heartbeat; reading it already counted."""

    def cls(self, _params: list[str], _reader: Any) -> None:
        if self.channel is None:
            raise ClientError("E_INVALID", "cannot CLS in current state")
        self.closing = True
        self.send(FRAME_RESPONSE, CLOSE_WAIT)

    def pub(self, params: list[str], reader: Any) -> None:
        if not params or not valid_name(params[0]):
            raise ClientError("E_BAD_TOPIC", f'PUB topic name "{params[0] if params else ""}" is not valid')
        body = self._body(reader, "PUB", MAX_MSG_SIZE)
        self.broker.publish(params[0], body)
        self.send(FRAME_RESPONSE, OK)

    def mpub(self, params: list[str], reader: Any) -> None:
        if not params or not valid_name(params[0]):
            raise ClientError("E_BAD_TOPIC", f'MPUB topic name "{params[0] if params else ""}" is not valid')
        body = self._body(reader, "MPUB", MAX_BODY_SIZE)
        if len(body) < 4:
            raise ClientError("E_BAD_BODY", "MPUB invalid message count")
        (count,) = struct.unpack(">i", body[:4])
        offset, messages = 4, []
        for _ in range(max(count, 0)):
            if offset + 4 > len(body):
                raise ClientError("E_BAD_MESSAGE", "MPUB failed to read message body size")
            (size,) = struct.unpack(">i", body[offset : offset + 4])
            if size <= 0 or offset + 4 + size > len(body):
                raise ClientError("E_BAD_MESSAGE", f"MPUB invalid message body size {size}")
            messages.append(body[offset + 4 : offset + 4 + size])
            offset += 4 + size
        if count < 1:
            raise ClientError("E_BAD_BODY", f"MPUB invalid message count {count}")
        for message in messages:
            self.broker.publish(params[0], message)
        self.send(FRAME_RESPONSE, OK)


_COMMANDS: dict[str, Callable[[Connection, list[str], Any], None]] = {
    "IDENTIFY": Connection.identify,
    "SUB": Connection.sub,
    "RDY": Connection.rdy,
    "FIN": Connection.fin,
    "REQ": Connection.req,
    "TOUCH": Connection.touch,
    "NOP": Connection.nop,
    "CLS": Connection.cls,
    "PUB": Connection.pub,
    "MPUB": Connection.mpub,
}


class _Handler(socketserver.BaseRequestHandler):
    server: NsqServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        Connection(self.server.broker, sock).serve()


class NsqServer(socketserver.ThreadingTCPServer):
    """nsqd's TCP port, for ``pgo watch`` and other NSQ clients (one thread per connection)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT, log: TextIO | None = None) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.broker = Broker(log)
        super().__init__((host, port), _Handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> NsqServer:
        self._thread = threading.Thread(target=self.serve_forever, args=(0.1,), name="nsqd", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.broker.close()
        self.server_close()


# ====================================================================== the HTTP server's link


def attach(server: Any, nsq: NsqServer | Broker | None) -> None:
    """Make ``server`` (the HTTP :class:`~pgo_cli.emulator.server.EmulatorServer`) publish to ``nsq``."""
    server.event_broker = nsq.broker if isinstance(nsq, NsqServer) else nsq
