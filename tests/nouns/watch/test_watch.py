"""``pgo watch``: the command in-process against the emulator's NSQ server, and pgo's events."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pgo_cli.cli.app import run
from pgo_cli.emulator import events, publishing
from pgo_cli.emulator.events import NsqServer
from pgo_cli.emulator.publishing import Event, Later, events_for
from pgo_cli.nouns.watch.commands import channel_name


@pytest.fixture
def server() -> Iterator[NsqServer]:
    srv = NsqServer("127.0.0.1", 0).start()
    try:
        yield srv
    finally:
        srv.stop()


def _wait_for(condition: Any, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
def no_config(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PGO_APISERVER_URL", "PGO_CA_CERT", "PGO_CLIENT_CERT", "PGO_CLIENT_KEY", "PGOUSER"):
        monkeypatch.delenv(name, raising=False)


def test_prints_topic_and_body_per_message_until_the_stream_closes(
    server: NsqServer, capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(run(["watch", "clustertopic", "-a", f"127.0.0.1:{server.port}"]))
    )
    thread.start()
    _wait_for(
        lambda: "clustertopic" in server.broker.topics and server.broker.topics["clustertopic"].channels
    )
    (channel,) = server.broker.topics["clustertopic"].channels
    assert re.fullmatch(r"tail\d{6}#ephemeral", channel)
    server.broker.publish("clustertopic", b'{\n  "a": 1\n}')
    server.broker.publish("clustertopic", b"second")
    state = server.broker.topics["clustertopic"].channels[channel]
    _wait_for(lambda: state.turn == 2 and not state.in_flight)  # both delivered and FINished
    server.stop()
    thread.join(10)
    out, err = capsys.readouterr()
    assert result == [4]
    assert out == 'clustertopic | {\n  "a": 1\n}\nclustertopic | second\n'
    assert err == f"Error: the event stream at 127.0.0.1:{server.port} closed the connection\n"


def test_no_topic_is_a_usage_error(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    assert run(["watch"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "Error: topic is required\n")


def test_invalid_topic_is_refused_before_dialling(
    capsys: pytest.CaptureFixture[str], no_config: None
) -> None:
    assert run(["watch", "no/such", "-a", "127.0.0.1:1"]) == 2
    assert capsys.readouterr().err.startswith("Error: invalid topic name\n")


def test_bad_address_is_a_usage_error(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    assert run(["watch", "alltopic", "--pgo-event-address", "localhost"]) == 2
    assert capsys.readouterr().err.startswith("Error: address localhost: missing port in address\n")


def test_nothing_listening_exits_4(capsys: pytest.CaptureFixture[str], no_config: None) -> None:
    from tests.support.fake_server import free_port

    port = free_port()
    assert run(["watch", "alltopic", "-a", f"127.0.0.1:{port}"]) == 4
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"Error: cannot connect to the event stream at 127.0.0.1:{port}: Connection refused\n"


def test_channel_name_is_pgos() -> None:
    import random

    assert re.fullmatch(r"tail\d{6}#ephemeral", channel_name())
    assert channel_name(random.Random(1)) == f"tail{random.Random(1).randrange(999999):06d}#ephemeral"


# ---------------------------------------------------------------------- the events


def _bodies(items: list[Event | Later]) -> list[dict[str, Any]]:
    return [json.loads((item.event if isinstance(item, Later) else item).body()) for item in items]


def test_event_body_is_go_marshal_indent() -> None:
    event = Event(
        "CreateCluster", "pgo", "admin", ("clustertopic",), (("clustername", "a<b"), ("workflowid", "w"))
    )
    text = event.body().decode()
    stamp = json.loads(text)["eventheader"]["timestamp"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z", stamp)
    assert not re.search(r"\.\d*0Z", stamp)  # RFC3339Nano: no trailing zeros
    assert text == (
        "{\n"
        '  "eventheader": {\n'
        '    "EventType": "CreateCluster",\n'
        '    "namespace": "pgo",\n'
        '    "username": "admin",\n'
        f'    "timestamp": "{stamp}",\n'
        '    "topic": [\n'
        '      "clustertopic"\n'
        "    ]\n"
        "  },\n"
        '  "clustername": "a\\u003cb",\n'
        '  "workflowid": "w"\n'
        "}"
    )


def test_go_time() -> None:
    assert publishing.go_time(0) == "1970-01-01T00:00:00Z"
    assert publishing.go_time(1_500_000_000) == "1970-01-01T00:00:01.5Z"
    assert publishing.go_time(123) == "1970-01-01T00:00:00.000000123Z"


def test_create_cluster_publishes_create_and_later_completed() -> None:
    answer = {"result": {"Name": "hippo", "WorkflowID": "w1"}, "status": {"Code": "ok", "Msg": ""}}
    items = events_for("POST", "/clusters", {"Name": "hippo", "Namespace": "pgo"}, answer, "admin")
    assert isinstance(items[0], Event) and isinstance(items[1], Later)
    first, completed = _bodies(items)
    assert first["eventheader"]["EventType"] == "CreateCluster"
    assert first["eventheader"]["topic"] == ["clustertopic"]
    assert (first["clustername"], first["workflowid"], first["eventheader"]["username"]) == (
        "hippo",
        "w1",
        "admin",
    )
    assert completed["eventheader"]["EventType"] == "CreateClusterCompleted"


def test_refused_answers_publish_nothing() -> None:
    answer = {"result": {"Name": ""}, "status": {"Code": "error", "Msg": "no"}}
    assert events_for("POST", "/clusters", {"Name": "hippo"}, answer, "admin") == []
    assert (
        events_for("POST", "/pgbouncer", {}, {"Code": "error", "Results": ["hippo pgbouncer added"]}, "a")
        == []
    )


@pytest.mark.parametrize(
    ("method", "route", "request_", "answer", "path", "query", "expected"),
    [
        (
            "POST",
            "/clusters/scale/{name}",
            {"namespace": "pgo"},
            {"Results": ["created Pgreplica hippo-abcd"], "Code": "ok"},
            {"name": "hippo"},
            {},
            [("ScaleCluster", ["clustertopic"], {"clustername": "hippo", "replicaname": "hippo-abcd"})],
        ),
        (
            "GET",
            "/scaledown/{name}",
            None,
            {"Results": ["deleted replica hippo-abcd"], "Code": "ok"},
            {"name": "hippo"},
            {"namespace": "pgo"},
            [("ScaleDownCluster", ["clustertopic"], {"clustername": "hippo", "replicaname": ""})],
        ),
        (
            "POST",
            "/pgbouncer",
            {"Namespace": "pgo", "Args": ["hippo"]},
            {"Results": ["hippo pgbouncer added"], "Code": "ok"},
            {},
            {},
            [("CreatePgbouncer", ["pgbouncertopic"], {"clustername": "hippo"})],
        ),
        (
            "POST",
            "/backrestbackup",
            {"Namespace": "pgo"},
            {"Results": ["created Pgtask backrest-backup-hippo"], "Code": "ok"},
            {},
            {},
            [
                ("CreateBackup", ["backuptopic"], {"clustername": "hippo", "backuptype": "pgbackrest"}),
                (
                    "CreateBackupCompleted",
                    ["clustertopic", "backuptopic"],
                    {"clustername": "hippo", "backuptype": "pgbackrest", "path": ""},
                ),
            ],
        ),
        (
            "POST",
            "/policies/apply",
            {"Name": "p1", "Namespace": "pgo"},
            {"Name": ["a", "b"], "Code": "ok"},
            {},
            {},
            [
                ("ApplyPolicy", ["policytopic"], {"clustername": "a", "policyname": "p1"}),
                ("ApplyPolicy", ["policytopic"], {"clustername": "b", "policyname": "p1"}),
            ],
        ),
        (
            "POST",
            "/pgousercreate",
            {"PgouserName": "bob", "Namespace": "pgouser1"},
            {"Code": "ok"},
            {},
            {},
            [("PGOCreateUser", ["pgousertopic"], {"createdusername": "bob"})],
        ),
        (
            "POST",
            "/namespaceupdate",
            {},
            {"Results": ["updated namespace ns1"], "Code": "ok"},
            {},
            {},
            [("PGOCreateNamespace", ["pgotopic"], {"creatednamespace": "ns1"})],
        ),
        (
            "POST",
            "/upgrades",
            {"Namespace": "pgo"},
            {"Results": ["created upgrade task for hippo"], "WorkflowID": "w", "Code": "ok"},
            {},
            {},
            [
                (
                    "UpgradeCluster",
                    ["clustertopic", "upgradetopic"],
                    {"clustername": "hippo", "workflowid": "w"},
                ),
                (
                    "UpgradeClusterCreateSubmitted",
                    ["clustertopic", "upgradetopic"],
                    {"clustername": "hippo", "workflowid": "w"},
                ),
            ],
        ),
        ("POST", "/usercreate", {}, {"Code": "ok"}, {}, {}, []),  # pgo publishes no PostgreSQL user event
        ("POST", "/failover", {}, {"Code": "ok"}, {}, {}, []),
    ],
)
def test_rules(
    method: str,
    route: str,
    request_: Any,
    answer: dict[str, Any],
    path: dict[str, str],
    query: dict[str, str],
    expected: list[tuple[str, list[str], dict[str, str]]],
) -> None:
    bodies = _bodies(events_for(method, route, request_ or {}, answer, "admin", path, query))
    got = [
        (
            b["eventheader"]["EventType"],
            b["eventheader"]["topic"],
            {k: v for k, v in b.items() if k != "eventheader"},
        )
        for b in bodies
    ]
    assert got == expected
    for body in bodies:
        header = body["eventheader"]
        assert header["namespace"] == "pgo"
        assert header["username"] == ("" if "Pgbouncer" in header["EventType"] else "admin")


def test_published_goes_to_the_topics_and_alltopic(server: NsqServer) -> None:
    class Fake:
        settings = None

    fake = Fake()
    events.attach(fake, server)
    endpoint = type("E", (), {"method": "POST", "path": "/pgbouncer"})()
    publishing.published(
        fake, endpoint, {"Namespace": "pgo"}, {"Results": ["hippo pgbouncer added"], "Code": "ok"}, "x"
    )
    topics = server.broker.topics
    assert len(topics["pgbouncertopic"].backlog) == 1 and len(topics["alltopic"].backlog) == 1
    assert topics["pgbouncertopic"].backlog[0].body == topics["alltopic"].backlog[0].body


def test_published_without_a_broker_does_nothing() -> None:
    publishing.published(
        object(), "/clusters", {}, {"status": {"Code": "ok"}, "result": {"Name": "x"}}, "admin"
    )
