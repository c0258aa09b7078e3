"""The emulator's router: gorilla/mux semantics over the shared endpoint descriptions.

Each noun's emulator module exports ``HANDLERS``, a mapping from an
:class:`~pgo_cli.wire.endpoint.Endpoint` to a handler. The router matches the cleaned path against
every template (path variables take one segment), then the method: a path that matches with no
method allowed is a 405, no match at all a 404, as gorilla/mux answers. Before the handler runs,
the request pipeline (:mod:`pgo_cli.emulator.pipeline`) runs the route's steps in its Go
handler's order (authentication, headers, version and namespace checks ...); the handler gets the
body decoded leniently into the endpoint's request type (Go's ``_ = json.NewDecoder(r.Body).Decode(&req)``).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from pgo_cli.emulator import bugs
from pgo_cli.wire import codec
from pgo_cli.wire.endpoint import Endpoint

if TYPE_CHECKING:
    from pgo_cli.emulator.config import Settings
    from pgo_cli.emulator.state import State
    from pgo_cli.emulator.world import World


@dataclass
class EmulatorRequest:
    """What a handler gets: the world, the authenticated user, the decoded body, path and query values."""

    #: The emulated world: state, settings, clock, randomness, log, :meth:`~World.reconcile`.
    world: World
    endpoint: Endpoint
    method: str
    username: str
    body: Any
    path: dict[str, str]
    query: dict[str, str]
    raw_body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    #: The request path as sent (for log lines).
    target: str = ""

    @property
    def state(self) -> State:
        """The state database (``world.state``)."""
        return self.world.state

    @property
    def settings(self) -> Settings:
        """The emulator's options and pgo.yaml (``world.settings``)."""
        return self.world.settings

    def reproduces(self, bug: bugs.ServerBug) -> bool:
        """Whether this request gets pgo 4.7.4's buggy answer (logged), not the ``--fix-bugs`` one."""
        if bug.name in self.world.settings.fix_bugs:
            return False
        bugs.notice(self.world.log, self.method, self.target or self.endpoint.path, bug)
        return True


Handler = Callable[[EmulatorRequest], Any]


@dataclass(frozen=True)
class Route:
    endpoint: Endpoint
    handler: Handler


class Router:
    """Routes requests to the handlers of every noun."""

    def __init__(self, routes: list[Route] | None = None) -> None:
        self.routes: list[Route] = list(routes or [])

    @classmethod
    def from_modules(cls, modules: tuple[str, ...]) -> Router:
        """A router over the ``HANDLERS`` of the given modules."""
        routes: list[Route] = []
        for name in modules:
            handlers: Mapping[Endpoint, Handler] = importlib.import_module(name).HANDLERS
            routes.extend(Route(endpoint, handler) for endpoint, handler in handlers.items())
        return cls(routes)

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | int:
        """The route and path variables for a request, or 404/405."""
        matched_path = False
        for route in self.routes:
            values = route.endpoint.match(path)
            if values is None:
                continue
            matched_path = True
            if route.endpoint.any_method or route.endpoint.method == method:
                return route, values
        return 405 if matched_path else 404


def parse_query(query: str) -> dict[str, str]:
    """``r.URL.Query().Get(key)`` for every key: the first value, blanks kept."""
    return {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}


def decode_request(endpoint: Endpoint, body: bytes) -> Any:
    """The body decoded as the Go handler does: malformed JSON or mismatched values give zeros."""
    if endpoint.request is None:
        return None
    return codec.decode_lenient(endpoint.request, parse_body(body))


def parse_body(body: bytes) -> Any:
    """The first JSON value of a body (trailing bytes ignored, as json.Decoder does), or None."""
    try:
        text = body.decode("utf-8", errors="replace")
        value, _ = json.JSONDecoder().raw_decode(text.lstrip(" \t\r\n"))
    except ValueError:
        return None
    return value


def encode_answer(value: Any) -> Any:
    """A handler's answer as a JSON value (message dataclasses encoded by their description)."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return codec.to_wire(value)
    return value
