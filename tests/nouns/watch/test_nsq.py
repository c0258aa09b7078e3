"""The emulator's NSQ server (pgo_cli.emulator.events) spoken to raw, and by pgo_cli's consumer."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Iterator

import pytest

from pgo_cli.emulator.events import NsqServer
from pgo_cli.wire import nsq


@pytest.fixture
def server() -> Iterator[NsqServer]:
    srv = NsqServer("127.0.0.1", 0).start()
    try:
        yield srv
    finally:
        srv.stop()


class Raw:
    """A hand-driven NSQ client: send command bytes, read frames."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def frame(self, timeout: float = 5) -> tuple[int, bytes]:
        self.sock.settimeout(timeout)
        header = self._read(8)
        size, kind = struct.unpack(">ii", header)
        return kind, self._read(size - 4)

    def closed(self, timeout: float = 5) -> bool:
        """True when the server closes the connection (after any pending frames)."""
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
        except (TimeoutError, OSError):
            return False

    def _read(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def handshake(self, topic: str, channel: str, *, rdy: int = 10, **identify: object) -> None:
        body = json.dumps({"feature_negotiation": True, **identify}).encode()
        self.send(nsq.MAGIC_V2 + nsq.command("IDENTIFY", body=body))
        kind, data = self.frame()
        assert kind == nsq.FRAME_RESPONSE and json.loads(data)["max_rdy_count"] == 2500
        self.send(nsq.command("SUB", topic, channel))
        assert self.frame() == (nsq.FRAME_RESPONSE, b"OK")
        self.send(nsq.command("RDY", str(rdy)))

    def message(self) -> nsq.Message:
        while True:
            kind, data = self.frame()
            if kind == nsq.FRAME_RESPONSE and data == nsq.HEARTBEAT:
                continue
            assert kind == nsq.FRAME_MESSAGE, (kind, data)
            ts, attempts = struct.unpack(">qH", data[:10])
            return nsq.Message(ts, attempts, data[10:26], data[26:])

    def close(self) -> None:
        self.sock.close()


def _wait_for(condition: object, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_identify_without_feature_negotiation_is_ok(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.send(nsq.MAGIC_V2 + nsq.command("IDENTIFY", body=b'{"client_id":"x"}'))
    assert raw.frame() == (nsq.FRAME_RESPONSE, b"OK")
    raw.close()


def test_identify_with_feature_negotiation_answers_settings(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.send(nsq.MAGIC_V2 + nsq.command("IDENTIFY", body=b'{"feature_negotiation":true,"msg_timeout":5000}'))
    kind, data = raw.frame()
    settings = json.loads(data)
    assert kind == nsq.FRAME_RESPONSE
    assert settings["msg_timeout"] == 5000 and settings["tls_v1"] is False and settings["snappy"] is False
    assert settings["auth_required"] is False
    raw.close()


def test_bad_magic_is_refused(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.send(b"  V1")
    assert raw.frame() == (nsq.FRAME_ERROR, b"E_BAD_PROTOCOL")
    assert raw.closed()


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"SUB bad/topic ch\n", b'E_BAD_TOPIC SUB topic name "bad/topic" is not valid'),
        (b"SUB alltopic bad*channel\n", b'E_BAD_CHANNEL SUB channel name "bad*channel" is not valid'),
        (b"SUB alltopic\n", b"E_INVALID SUB insufficient number of parameters"),
        (b"RDY 1\n", b"E_INVALID cannot RDY in current state"),
        (b"BOGUS\n", b"E_INVALID invalid command BOGUS"),
    ],
)
def test_fatal_errors_close_the_connection(server: NsqServer, line: bytes, error: bytes) -> None:
    raw = Raw(server.port)
    raw.send(nsq.MAGIC_V2 + line)
    assert raw.frame() == (nsq.FRAME_ERROR, error)
    assert raw.closed()


def test_fin_of_an_unknown_id_is_not_fatal(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("alltopic", "c1")
    raw.send(nsq.command("FIN", "0000000000000099"))
    kind, data = raw.frame()
    assert kind == nsq.FRAME_ERROR and data.startswith(b"E_FIN_FAILED FIN 0000000000000099 failed")
    server.broker.publish("alltopic", b"still here")
    assert raw.message().body == b"still here"
    raw.close()


def test_messages_published_before_any_channel_wait_for_the_first_one(server: NsqServer) -> None:
    server.broker.publish("clustertopic", b"one")
    server.broker.publish("clustertopic", b"two")
    raw = Raw(server.port)
    raw.handshake("clustertopic", "tail000001#ephemeral")
    first, second = raw.message(), raw.message()
    assert (first.body, second.body) == (b"one", b"two")
    assert first.attempts == 1 and len(first.id) == 16 and first.timestamp_ns > 0
    raw.close()


def test_every_channel_gets_every_message_and_clients_of_a_channel_share_them(server: NsqServer) -> None:
    a, b = Raw(server.port), Raw(server.port)
    a.handshake("t", "one")
    b.handshake("t", "two")
    _wait_for(lambda: len(server.broker.topics["t"].channels) == 2)
    server.broker.publish("t", b"hello")
    assert a.message().body == b"hello" and b.message().body == b"hello"
    # two clients of one channel: each message goes to one of them
    c = Raw(server.port)
    c.handshake("t", "one")
    clients = server.broker.topics["t"].channels["one"].clients
    _wait_for(lambda: len(clients) == 2 and all(client.ready_count for client in clients))
    server.broker.publish("t", b"m1")
    server.broker.publish("t", b"m2")
    got = sorted([a.message().body, c.message().body])
    assert got == [b"m1", b"m2"]
    for raw in (a, b, c):
        raw.close()


def test_rdy_bounds_what_is_in_flight_and_fin_releases_it(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("t", "c", rdy=1)
    _wait_for(lambda: "t" in server.broker.topics and server.broker.topics["t"].channels)
    server.broker.publish("t", b"a")
    server.broker.publish("t", b"b")
    first = raw.message()
    with pytest.raises(TimeoutError):
        raw.frame(timeout=0.3)  # RDY 1: the second waits for the FIN
    raw.send(nsq.command("FIN", first.id.decode()))
    assert raw.message().body == b"b"
    raw.close()


def test_unfinished_messages_are_sent_again_after_a_reconnect(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("t", "durable")
    _wait_for(lambda: "t" in server.broker.topics and server.broker.topics["t"].channels)
    server.broker.publish("t", b"keep")
    assert raw.message().body == b"keep"
    raw.close()  # no FIN: back to the (non-ephemeral) channel
    _wait_for(lambda: not server.broker.topics["t"].channels["durable"].clients)
    again = Raw(server.port)
    again.handshake("t", "durable")
    message = again.message()
    assert (message.body, message.attempts) == (b"keep", 2)
    again.close()


def test_req_sends_a_message_again(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("t", "c")
    _wait_for(lambda: "t" in server.broker.topics and server.broker.topics["t"].channels)
    server.broker.publish("t", b"again")
    first = raw.message()
    raw.send(nsq.command("REQ", first.id.decode(), "0"))
    second = raw.message()
    assert (second.id, second.attempts) == (first.id, 2)
    raw.close()


def test_an_ephemeral_channel_goes_with_its_last_client(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("alltopic", "tail123456#ephemeral")
    _wait_for(lambda: "alltopic" in server.broker.topics and server.broker.topics["alltopic"].channels)
    raw.close()
    _wait_for(lambda: not server.broker.topics["alltopic"].channels)


def test_heartbeats_are_sent_and_a_silent_client_is_dropped(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("t", "c", heartbeat_interval=1000)
    assert raw.frame(timeout=3) == (nsq.FRAME_RESPONSE, nsq.HEARTBEAT)
    raw.send(nsq.command("NOP"))
    assert raw.frame(timeout=3) == (nsq.FRAME_RESPONSE, nsq.HEARTBEAT)
    # no answer any more: closed after two intervals without a read
    assert raw.closed(timeout=5)


def test_invalid_heartbeat_interval_is_refused(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.send(nsq.MAGIC_V2 + nsq.command("IDENTIFY", body=b'{"heartbeat_interval":10}'))
    assert raw.frame() == (nsq.FRAME_ERROR, b"E_BAD_BODY IDENTIFY heartbeat interval (10) is invalid")
    assert raw.closed()


def test_cls_answers_close_wait_and_stops_deliveries(server: NsqServer) -> None:
    raw = Raw(server.port)
    raw.handshake("t", "c")
    raw.send(nsq.command("CLS"))
    assert raw.frame() == (nsq.FRAME_RESPONSE, nsq.CLOSE_WAIT)
    server.broker.publish("t", b"not for you")
    with pytest.raises(TimeoutError):
        raw.frame(timeout=0.3)
    raw.close()


def test_pub_and_mpub_over_tcp(server: NsqServer) -> None:
    consumer = Raw(server.port)
    consumer.handshake("t", "c")
    _wait_for(lambda: "t" in server.broker.topics and server.broker.topics["t"].channels)
    producer = Raw(server.port)
    producer.send(nsq.MAGIC_V2 + nsq.command("PUB", "t", body=b"single"))
    assert producer.frame() == (nsq.FRAME_RESPONSE, b"OK")
    parts = [b"x", b"yy"]
    body = struct.pack(">i", len(parts)) + b"".join(struct.pack(">i", len(p)) + p for p in parts)
    producer.send(nsq.command("MPUB", "t", body=body))
    assert producer.frame() == (nsq.FRAME_RESPONSE, b"OK")
    assert [consumer.message().body for _ in range(3)] == [b"single", b"x", b"yy"]
    producer.send(nsq.command("PUB", "t", body=b""))
    kind, data = producer.frame()
    assert kind == nsq.FRAME_ERROR and data.startswith(b"E_BAD_BODY")
    consumer.close()
    producer.close()


def test_the_consumer_answers_heartbeats_and_fins(server: NsqServer) -> None:
    consumer = nsq.Consumer(f"127.0.0.1:{server.port}", "alltopic", "tail000042#ephemeral", heartbeat_ms=1000)
    consumer.connect()
    assert consumer.settings["max_rdy_count"] == 2500
    channel = server.broker.topics["alltopic"].channels["tail000042#ephemeral"]
    client = channel.clients[0]
    _wait_for(lambda: client.ready_count == 200)
    assert client.heartbeat_interval == 1.0

    def publish_later() -> None:
        time.sleep(2.5)  # two heartbeats first: the consumer must NOP or be dropped
        server.broker.publish("alltopic", b"late")

    threading.Thread(target=publish_later, daemon=True).start()
    messages = consumer.messages()
    late = next(messages)
    assert late.body == b"late"
    server.broker.publish("alltopic", b"second")
    second = next(messages)  # asking for it sent the FIN of the first
    assert second.body == b"second"
    _wait_for(lambda: list(channel.in_flight) == [second.id])
    consumer.close()
    _wait_for(lambda: "tail000042#ephemeral" not in server.broker.topics["alltopic"].channels)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("localhost:14150", ("localhost", 14150)),
        ("10.0.0.1:4150", ("10.0.0.1", 4150)),
        ("[::1]:4150", ("::1", 4150)),
        (":4150", ("localhost", 4150)),
    ],
)
def test_parse_address(address: str, expected: tuple[str, int]) -> None:
    assert nsq.parse_address(address) == expected


@pytest.mark.parametrize("address", ["localhost", "localhost:", "localhost:http", "a:b:1", "host:70000"])
def test_parse_address_refuses(address: str) -> None:
    with pytest.raises(ValueError):
        nsq.parse_address(address)


@pytest.mark.parametrize(
    ("name", "valid"),
    [("alltopic", True), ("tail123456#ephemeral", True), ("a.b_c-d", True), ("", False), ("x" * 65, False)],
)
def test_valid_name(name: str, valid: bool) -> None:
    assert nsq.valid_name(name) is valid
