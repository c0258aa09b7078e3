"""The request pipeline: each route's steps, in its Go handler's order, on a Go-like response writer.

The apiserver's handlers (``internal/apiserver/*service/*service.go``) each decode, authenticate,
set headers and check the client version and namespace in their own order, and write their
answers through Go's ``http.ResponseWriter``, whose rules a client can see: headers set after
``WriteHeader`` are lost, a body written without a ``Content-Type`` gets a sniffed one
(``text/plain; charset=utf-8`` for JSON), and ``http.Error`` after ``WriteHeader`` writes its text
with the status already sent. A route's ``steps`` (:mod:`pgo_cli.wire.endpoint`) say what its
handler does; :func:`serve` runs them on a :class:`GoResponse`, then the noun's handler (the
implementation), and encodes its answer as ``json.NewEncoder(w).Encode`` does.

Where the real handler has a bug a client can observe, the pipeline reproduces it and logs a
one-line notice on the emulator's log (its stderr); ``pgo-emulator serve --fix-bugs NAME`` turns the fixed behaviour on
(:data:`PIPELINE_BUGS`; nouns declare their own ``BUGS`` beside their ``HANDLERS``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pgo_cli.emulator import auth, state
from pgo_cli.emulator import log as emulator_log
from pgo_cli.emulator.bugs import ServerBug, notice
from pgo_cli.emulator.router import encode_answer, parse_body
from pgo_cli.wire import codec
from pgo_cli.wire.endpoint import (
    Authn,
    Decode,
    Endpoint,
    Headers,
    Namespace,
    NamespaceMode,
    QueryBool,
    Step,
    SystemAccounts,
    Version,
)
from pgo_cli.wire.gojson import decoder_error, encode_go, go_quote, lookup, parse_go_bool

if TYPE_CHECKING:
    from pgo_cli.emulator.router import EmulatorRequest, Route
    from pgo_cli.emulator.world import World

VERSION_MISMATCH = "pgo client and server version mismatch"
#: What Go's ``http.DetectContentType`` answers for every body these handlers write.
SNIFFED = "text/plain; charset=utf-8"
JSON = "application/json"
REALM = 'Basic realm="Restricted"'
#: ``apiserver.ErrMethodNotAllowed`` (internal/apiserver/common.go:57), typo included.
NOT_ALLOWED = "This method has is not allowed in the current PostgreSQL Operator installation"


AUTH_FIRST = ServerBug(
    "auth-first",
    "POST /restart reports a body decode error and POST /userdelete a version mismatch (200, JSON) "
    "before checking credentials; fixed: they authenticate first",
    "internal/apiserver/restartservice/restartservice.go:57, userservice/userservice.go:163",
)
AUTH_STATUS = ServerBug(
    "auth-status",
    "/showpolicies and /policiesdelete answer a failed login with 200 (the 401/403 text under "
    "Content-Type application/json); /restart, /restart/{name} and /userupdate write a JSON "
    "document after the 401/403 text; fixed: the 401/403 text alone, with its status",
    "internal/apiserver/policyservice/policyservice.go:132,197, restartservice/restartservice.go:64,132, "
    "userservice/userservice.go:53",
)
CONTENT_TYPE = ServerBug(
    "content-type",
    "answers written before (or without) setting Content-Type get Go's sniffed "
    "'text/plain; charset=utf-8' (show/update pgbouncer, show namespace, scale --query, "
    "scaledown, create policy, decode errors); fixed: application/json",
    "internal/apiserver/clusterservice/scaleservice.go:170,252, namespaceservice/namespaceservice.go:73, "
    "pgbouncerservice/pgbouncerservice.go:188,253, policyservice/policyservice.go:59",
)
RESTART_VERSION = ServerBug(
    "restart-version",
    "restart (and restart --query) with a wrong client version write the mismatch, then go on "
    "(a second JSON document: the restart is done); fixed: they stop at the mismatch",
    "internal/apiserver/restartservice/restartservice.go:74,142",
)
#: The bugs of the pipeline itself (check order and envelopes).
PIPELINE_BUGS: tuple[ServerBug, ...] = (AUTH_FIRST, AUTH_STATUS, CONTENT_TYPE, RESTART_VERSION)


def _canonical(name: str) -> str:
    """``textproto.CanonicalMIMEHeaderKey``."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))


class GoResponse:
    """Go's ``http.ResponseWriter`` as the handlers use it."""

    def __init__(self) -> None:
        self.header: dict[str, str] = {}
        self.status: int | None = None
        self.sent: dict[str, str] = {}
        self.body = bytearray()

    def set(self, name: str, value: str) -> None:
        """``w.Header().Set``: no effect on the answer once the header is written."""
        self.header[_canonical(name)] = value

    def write_header(self, status: int) -> None:
        """``w.WriteHeader``: the first call wins, and the headers are fixed then."""
        if self.status is None:
            self.status = status
            self.sent = dict(self.header)

    def write(self, data: bytes) -> None:
        """``w.Write``: an implicit ``WriteHeader(200)`` first."""
        self.write_header(200)
        self.body += data

    def encode(self, value: Any) -> None:
        """``json.NewEncoder(w).Encode(value)``."""
        self.write(encode_go(value))

    def http_error(self, message: str, status: int) -> None:
        """``http.Error``."""
        self.set("Content-Type", SNIFFED)
        self.set("X-Content-Type-Options", "nosniff")
        self.write_header(status)
        self.write(message.encode("utf-8", "surrogateescape") + b"\n")

    def headers(self) -> list[tuple[str, str]]:
        """The headers sent: those set before ``WriteHeader``, and a sniffed Content-Type if none."""
        sent = dict(self.sent)
        if "Content-Type" not in sent and self.body:
            sent["Content-Type"] = SNIFFED
        return sorted(sent.items())

    @property
    def sniffed(self) -> bool:
        """Whether a body went out without a Content-Type of its own."""
        return bool(self.body) and "Content-Type" not in self.sent


def effective_steps(steps: tuple[Step, ...], fixes: frozenset[str]) -> tuple[Step, ...]:
    """A route's steps with the requested fixes applied (``content-type`` is applied to the answer)."""
    result = list(steps)
    if AUTH_FIRST.name in fixes and any(isinstance(s, Authn) for s in result):
        authn = next(s for s in result if isinstance(s, Authn))
        index = next(i for i, s in enumerate(result) if isinstance(s, (Authn, Decode, Version)))
        result.remove(authn)
        result.insert(index, authn)
    if AUTH_STATUS.name in fixes:
        result = [Authn() if isinstance(s, Authn) else s for s in result]
        authn_at = next((i for i, s in enumerate(result) if isinstance(s, Authn)), None)
        headers = next((s for s in result if isinstance(s, Headers)), None)
        if authn_at is not None and headers is not None and result.index(headers) < authn_at:
            result.remove(headers)
            result.insert(authn_at, headers)
    if RESTART_VERSION.name in fixes:
        result = [Version() if isinstance(s, Version) else s for s in result]
    return tuple(result)


@dataclass
class Exchange:
    """One request on its way through the pipeline."""

    route: Route
    method: str
    path: str
    path_values: dict[str, str]
    query: dict[str, str]
    raw_body: bytes
    headers: Mapping[str, str]
    body: Any = None
    username: str = ""
    authenticated: bool = False
    hits: list[ServerBug] = field(default_factory=list)


def serve(
    world: World,
    exchange: Exchange,
    make_request: Callable[[Exchange], EmulatorRequest],
) -> tuple[GoResponse, EmulatorRequest | None, Any]:
    """Run a route's steps and handler; the response, and the request and answer when it ran."""
    endpoint = exchange.route.endpoint
    fixes = frozenset(world.settings.fix_bugs)
    steps = effective_steps(endpoint.steps, fixes)
    w = GoResponse()
    exchange.body = _lenient(endpoint, exchange.raw_body)
    for index, step in enumerate(steps):
        authn_ahead = any(isinstance(s, Authn) for s in steps[index + 1 :])
        if isinstance(step, NamespaceMode):
            if state.namespace_mode(world.state) not in step.allowed:
                w.set("Allow", "")
                w.http_error(f"Unable to {step.action} namespaces: {NOT_ALLOWED}", 405)
                return w, None, None
        elif isinstance(step, Authn):
            try:
                exchange.username = auth.authenticate(
                    world.state, exchange.headers.get("Authorization"), endpoint.permission
                )
                exchange.authenticated = True
                w.set("WWW-Authenticate", REALM)
            except auth.Denied as denied:
                w.set("WWW-Authenticate", REALM)
                if w.status is not None:
                    exchange.hits.append(AUTH_STATUS)
                w.http_error(denied.message, denied.status)
                if step.then:
                    exchange.hits.append(AUTH_STATUS)
                    message = VERSION_MISMATCH if step.then == "version" else _authn_error(denied)
                    w.encode(_error_doc(endpoint, message))
                return _finish(world, exchange, w), None, None
        elif isinstance(step, Headers):
            if step.late:
                w.write_header(200)
            w.set("WWW-Authenticate", REALM)
            w.set("Content-Type", JSON)
            w.write_header(200)
        elif isinstance(step, Decode):
            problem = _strict_error(endpoint, exchange.raw_body)
            if problem is not None:
                if authn_ahead and _would_fail(world, exchange):
                    exchange.hits.append(AUTH_FIRST)
                w.encode(_error_doc(endpoint, problem, empty=False))
                return _finish(world, exchange, w), None, None
        elif isinstance(step, Version):
            if _client_version(exchange) != world.settings.version:
                w.encode(_error_doc(endpoint, VERSION_MISMATCH))
                if step.stop:
                    if authn_ahead and _would_fail(world, exchange):
                        exchange.hits.append(AUTH_FIRST)
                    return _finish(world, exchange, w), None, None
                exchange.hits.append(RESTART_VERSION)  # and the handler still runs
        elif isinstance(step, Namespace):
            problem = auth.namespace_error(world.state, exchange.username, _namespace(exchange))
            if problem is not None:
                w.encode(_error_doc(endpoint, problem))
                return _finish(world, exchange, w), None, None
        elif isinstance(step, SystemAccounts):
            wanted = bool(lookup(codec.to_wire(exchange.body), "ShowSystemAccounts", False))
            if wanted and not auth.authorized(world.state, exchange.username, "ShowSystemAccounts"):
                w.http_error(auth.MSG_NOT_AUTHORIZED, 403)
                return _finish(world, exchange, w), None, None
        elif isinstance(step, QueryBool):
            text = exchange.query.get(step.name, "")
            if parse_go_bool(text) is None:
                message = f"strconv.ParseBool: parsing {go_quote(text)}: invalid syntax"
                w.encode(_error_doc(endpoint, message))
                return _finish(world, exchange, w), None, None
    request = make_request(exchange)
    try:
        answer = exchange.route.handler(request)
    except auth.Denied as denied:
        w.http_error(denied.message, denied.status)
        return _finish(world, exchange, w), None, None
    except Exception:
        emulator_log.exception(world.log)
        w = GoResponse()
        w.http_error("Internal Server Error", 500)
        return w, None, None
    encoded = encode_answer(answer)
    w.encode(encoded)
    return _finish(world, exchange, w), request, encoded


def _finish(world: World, exchange: Exchange, w: GoResponse) -> GoResponse:
    if w.sniffed and w.status == 200:
        if CONTENT_TYPE.name in world.settings.fix_bugs:
            w.sent["Content-Type"] = JSON
        else:
            exchange.hits.append(CONTENT_TYPE)
    for bug in dict.fromkeys(exchange.hits):
        notice(world.log, exchange.method, exchange.path, bug)
    return w


def _would_fail(world: World, exchange: Exchange) -> bool:
    try:
        auth.authenticate(
            world.state, exchange.headers.get("Authorization"), exchange.route.endpoint.permission
        )
    except auth.Denied:
        return True
    return False


def _authn_error(denied: auth.Denied) -> str:
    """The error ``Authn`` returns beside its ``http.Error`` text (root.go)."""
    if denied.message == auth.MSG_NO_CREDENTIALS:
        return "Not Authorized: Credentials do not comply with RFC 7617"
    if denied.message == auth.MSG_NOT_AUTHENTICATED:
        return "Not Authenticated"
    return auth.MSG_NOT_AUTHORIZED


def _client_version(exchange: Exchange) -> str:
    """``request.ClientVersion``, or the ``version`` query value of a route without a body."""
    if exchange.route.endpoint.request is None:
        return exchange.query.get("version", "")
    return str(lookup(codec.to_wire(exchange.body), "ClientVersion", ""))


def _namespace(exchange: Exchange) -> str:
    """``request.Namespace``, or the ``namespace`` query value of a route without a body."""
    if exchange.route.endpoint.request is None:
        return exchange.query.get("namespace", "")
    return str(lookup(codec.to_wire(exchange.body), "Namespace", ""))


def _error_doc(endpoint: Endpoint, message: str, *, empty: bool = True) -> Any:
    """The handler's zero response with an error Status (``make([]T, 0)`` fields as listed)."""
    response = codec.go_zero(endpoint.response)
    changes: dict[str, Any] = {"status": codec.error_status(message)}
    if empty:
        changes.update({name: [] for name in endpoint.empty_on_error})
    return codec.to_wire(replace(response, **changes))


def _lenient(endpoint: Endpoint, body: bytes) -> Any:
    if endpoint.request is None:
        return None
    return codec.decode_lenient(endpoint.request, parse_body(body))


def _strict_error(endpoint: Endpoint, body: bytes) -> str | None:
    """The error of ``json.NewDecoder(r.Body).Decode(&request)``, or None."""
    problem = decoder_error(body)
    if problem is not None or endpoint.request is None:
        return problem
    value = parse_body(body)
    if value is not None and not isinstance(value, Mapping):
        kind = {list: "array", str: "string", bool: "bool"}.get(type(value), "number")
        return (
            f"json: cannot unmarshal {kind} into Go value of type apiservermsgs.{endpoint.request.__name__}"
        )
    try:
        codec.decode(endpoint.request, value)
    except codec.WireShapeError as error:
        return str(error)
    return None


def known_bugs(modules: Iterable[str]) -> tuple[ServerBug, ...]:
    """The pipeline's bugs and those the given noun modules declare (``BUGS``), by name."""
    found = {bug.name: bug for bug in PIPELINE_BUGS}
    for name in modules:
        for bug in getattr(importlib.import_module(name), "BUGS", ()):
            found[bug.name] = bug
    return tuple(sorted(found.values(), key=lambda bug: bug.name))
