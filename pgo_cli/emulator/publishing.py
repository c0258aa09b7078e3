"""pgo's events (``pkg/events``): what the apiserver and the operator publish after a write.

In a pgo 4.7.4 installation the apiserver and the operator publish JSON events to nsqd and
``pgo watch TOPIC`` tails them. :func:`published` is the one hook of the HTTP server: after a
write answered ``Code: "ok"`` it works out the events pgo would publish for it — each noun
declares its rules beside its handlers, ``EVENTS = {ENDPOINT: rule}`` in ``<noun>/handlers.py`` —
and publishes each to its topics and to ``alltopic``, as ``events.Publish`` does, with the body
``json.MarshalIndent(event, "", "  ")``. Events the operator publishes later (``…Completed``)
follow after the emulator's ready/delete delays. The broker is :mod:`pgo_cli.emulator.events`.
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pgo_cli.emulator import log as emulator_log
from pgo_cli.wire import codec
from pgo_cli.wire.gojson import dumps_go_indent, lookup

if TYPE_CHECKING:
    from pgo_cli.emulator.events import Broker
    from pgo_cli.wire.endpoint import Endpoint

TOPIC_ALL = "alltopic"
TOPIC_CLUSTER = "clustertopic"
TOPIC_BACKUP = "backuptopic"
TOPIC_POLICY = "policytopic"
TOPIC_PGADMIN = "pgadmintopic"
TOPIC_PGBOUNCER = "pgbouncertopic"
TOPIC_PGO = "pgotopic"
TOPIC_PGOUSER = "pgousertopic"
TOPIC_UPGRADE = "upgradetopic"
#: ``apiserver.PgoNamespace``: the operator's own namespace (the installer's default).
PGO_NAMESPACE = "pgo"


def go_time(ns: int | None = None) -> str:
    """``time.Now()`` as Go's JSON writes it in a UTC pod: RFC 3339, nanoseconds without trailing zeros."""
    ns = time.time_ns() if ns is None else ns
    seconds, fraction = divmod(ns, 1_000_000_000)
    stamp = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    digits = f"{fraction:09d}".rstrip("0")
    return f"{stamp}{'.' + digits if digits else ''}Z"


@dataclass(frozen=True)
class Event:
    """One of pgo's event structs: ``EventHeader`` (under ``eventheader``) and its own fields."""

    event_type: str
    namespace: str
    username: str
    topics: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()

    def body(self) -> bytes:
        """``json.MarshalIndent(event, "", "  ")`` with ``Timestamp: time.Now()``."""
        value = {
            "eventheader": {
                "EventType": self.event_type,
                "namespace": self.namespace,
                "username": self.username,
                "timestamp": go_time(),
                "topic": list(self.topics),
            },
            **dict(self.fields),
        }
        return dumps_go_indent(value).encode("utf-8")


def publish(broker: Broker, event: Event) -> None:
    """``events.Publish``: the same body to each of the event's topics, then to ``alltopic``."""
    body = event.body()
    for topic in (*event.topics, TOPIC_ALL):
        broker.publish(topic, body)


@dataclass(frozen=True)
class Written:
    """A write the apiserver accepted: what the rules look at (Go JSON keys, folded lookups)."""

    request: Mapping[str, Any]
    answer: Mapping[str, Any]
    username: str
    path: Mapping[str, str]
    query: Mapping[str, str]

    def get(self, key: str, default: Any = "") -> Any:
        return lookup(self.request, key, default)

    def results(self, prefix: str = "", suffix: str = "") -> list[str]:
        """The names in the answer's ``Results`` lines ``<prefix><name><suffix>``."""
        names = []
        for line in lookup(self.answer, "Results", None) or []:
            if isinstance(line, str) and line.startswith(prefix) and line.endswith(suffix):
                name = line[len(prefix) : len(line) - len(suffix)]
                if name and " " not in name:
                    names.append(name)
        return names

    @property
    def namespace(self) -> str:
        return str(self.get("Namespace") or self.query.get("namespace", ""))


def ready_delay(settings: Any) -> float:
    """The emulator's ready delay: when the operator's ``…Completed`` events follow."""
    return float(getattr(settings, "ready_delay", 0.0))


def delete_delay(settings: Any) -> float:
    """The emulator's delete delay (the rmdata job)."""
    return float(getattr(settings, "delete_delay", 0.0))


@dataclass(frozen=True)
class Later:
    """An event the operator publishes once something finished (after a delay, in seconds)."""

    delay: Callable[[Any], float]
    event: Event


Outcome = Iterable["Event | Later"]
Rule = Callable[[Written], Outcome]


# ------------------------------------------------------------------ building blocks of the rules


def cluster_event(
    event_type: str, w: Written, name: str, topics: tuple[str, ...] = (TOPIC_CLUSTER,), **extra: str
) -> Event:
    """An event about a cluster (``clustername`` and the given fields)."""
    return Event(event_type, w.namespace, w.username, topics, (("clustername", name), *extra.items()))


def pgo_rule(event_type: str, topic: str, field_name: str, names: Callable[[Written], list[str]]) -> Rule:
    """A rule of the pgo-level objects (users, roles, namespaces): one event per name, in ``pgo``."""

    def rule(w: Written) -> Outcome:
        for name in names(w):
            yield Event(event_type, PGO_NAMESPACE, w.username, (topic,), ((field_name, name),))

    return rule


def request_field(key: str) -> Callable[[Written], list[str]]:
    """The request's ``key``, when set."""
    return lambda w: [str(w.get(key))] if w.get(key) else []


def result_lines(prefix: str) -> Callable[[Written], list[str]]:
    """The names in the answer's ``<prefix><name>`` lines."""
    return lambda w: w.results(prefix)


# ------------------------------------------------------------------ the rules of every route

_RULES: dict[tuple[str, str], Rule] | None = None


def rules() -> dict[tuple[str, str], Rule]:
    """(method, route) → rule, from the ``EVENTS`` of every module with ``HANDLERS``.

    Routes without a rule publish nothing in pgo either (failover, label, reload, restart,
    schedules, pgdump, PostgreSQL users: ``postgresusertopic`` is declared but never published
    to; ``pgo delete pgorole`` neither).
    """
    global _RULES
    if _RULES is None:
        from pgo_cli.index import EMULATOR_MODULES

        found: dict[tuple[str, str], Rule] = {}
        for name in EMULATOR_MODULES:
            declared: Mapping[Endpoint, Rule] = getattr(importlib.import_module(name), "EVENTS", {})
            for endpoint, rule in declared.items():
                found[(endpoint.method, endpoint.path)] = rule
        _RULES = found
    return _RULES


def _wire(value: Any) -> Mapping[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return codec.to_wire(value)
    return value if isinstance(value, Mapping) else {}


def _accepted(answer: Mapping[str, Any]) -> bool:
    code = lookup(answer, "Code", None)
    if code is None:
        status = lookup(answer, "status", None)
        code = lookup(status, "Code", None) if isinstance(status, Mapping) else None
    return bool(code == "ok")


def events_for(
    method: str,
    route: str,
    request: Any,
    answer: Any,
    username: str,
    path: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
) -> list[Event | Later]:
    """The events pgo publishes for this accepted write (none for a refused one)."""
    rule = rules().get((method, route))
    wire_answer = _wire(answer)
    if rule is None or not _accepted(wire_answer):
        return []
    written = Written(_wire(request), wire_answer, username, dict(path or {}), dict(query or {}))
    return list(rule(written))


def published(
    server: Any,
    endpoint: Endpoint,
    request: Any,
    answer: Any,
    username: str,
    path: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
) -> None:
    """The HTTP server's hook after each answer: publish pgo's events for it, if any.

    ``endpoint`` is the route that answered. Never raises: the answer has been sent already (a
    failure's traceback goes to the broker's log).
    """
    broker: Broker | None = getattr(server, "event_broker", None)
    if broker is None:
        return
    try:
        method, route = endpoint.method, endpoint.path
        settings = getattr(server, "settings", None)
        for item in events_for(method, route, request, answer, username, path, query):
            if isinstance(item, Later):
                event = item.event
                broker.later(item.delay(settings), lambda event=event: publish(broker, event))  # type: ignore[misc]
            else:
                publish(broker, item)
    except Exception:
        emulator_log.exception(broker.log)
