"""Apiserver routes described once: the client builds its URLs from them, the emulator routes by them.

An :class:`Endpoint` is one route of ``internal/apiserver/routing/routes.go`` as the Go client
calls it (``cmd/pgo/api/*.go``): method, a path template with ``{variables}`` (gorilla/mux
syntax), the query parameters in the order pgo writes them and which of pgo's two encodings it
uses, the request and response message types, the permission the server's Authn checks
(``internal/apiserver/perms.go``), and whether the call is a read (retried on transient failures)
or a write (sent at most once).

pgo builds query strings two ways, and scripts or proxies may see the difference:

* ``"concat"``: string concatenation with no escaping (``show backup``, ``status``, ``failover
  --query`` …): ``?version=4.7.4&namespace=pgo``, values raw, in the order written;
* ``"values"``: ``url.Values.Encode()`` (``scaledown``, ``restart --query``): keys sorted, keys and
  values escaped as ``url.QueryEscape`` does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote_plus

QueryEncoding = Literal["concat", "values"]


# ----------------------------------------------------------------------------------------------
# What the Go handler does before its implementation. The apiserver's handlers do not share a
# pipeline: each decodes, authenticates, sets its headers and checks the client version and the
# namespace in its own order, and a step that fails writes its own answer. A route lists these
# steps in the order its handler (internal/apiserver/*service/*service.go) runs them; the
# emulator's pipeline runs them as listed. The lenient ``_ = json.NewDecoder(r.Body).Decode(&req)``
# is not a step: it cannot fail, so where it sits changes nothing a client sees.


@dataclass(frozen=True)
class Authn:
    """``apiserver.Authn(perm)``: 401/403 by ``http.Error`` (root.go). ``then`` is what the handler
    writes after that text before returning: nothing, a JSON document with Authn's error, or one
    with the version-mismatch message."""

    then: Literal["", "error", "version"] = ""


@dataclass(frozen=True)
class Headers:
    """``WWW-Authenticate`` and ``Content-Type: application/json``, then ``WriteHeader(200)``.

    ``late``: the handler calls ``WriteHeader`` first, so its ``Content-Type`` comes too late and
    Go sniffs the body instead (``text/plain; charset=utf-8``)."""

    late: bool = False


@dataclass(frozen=True)
class Decode:
    """``if err := json.NewDecoder(r.Body).Decode(&req); err != nil``: the decode error (``EOF`` for an
    empty body) is the answer's ``Status.Msg``."""


@dataclass(frozen=True)
class Version:
    """``ClientVersion`` (body, or the ``version`` query value) must equal the server's version.

    ``stop=False``: the handler writes the mismatch and carries on (restartservice.go)."""

    stop: bool = True


@dataclass(frozen=True)
class Namespace:
    """``apiserver.GetNamespace``: the namespace (body, or the ``namespace`` query value) is checked."""


@dataclass(frozen=True)
class SystemAccounts:
    """``ShowSystemAccounts`` asked for without that permission: ``http.Error`` 403."""


@dataclass(frozen=True)
class NamespaceMode:
    """The namespace operating mode must be one of ``allowed``, else 405 ``Unable to <action>
    namespaces: ...`` with an empty ``Allow`` header, before any authentication."""

    allowed: tuple[str, ...]
    action: str


@dataclass(frozen=True)
class QueryBool:
    """``strconv.ParseBool`` of a query value; its error is the answer's ``Status.Msg``."""

    name: str


Step = Authn | Headers | Decode | Version | Namespace | SystemAccounts | NamespaceMode | QueryBool

#: The order of most handlers: Authn, headers, version, namespace, then the implementation.
STANDARD: tuple[Step, ...] = (Authn(), Headers(), Version(), Namespace())

_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")


@dataclass(frozen=True)
class Endpoint:
    """One apiserver route, as both ends of the wire use it."""

    method: str
    path: str
    response: type
    permission: str
    request: type | None = None
    read: bool = False
    query: tuple[str, ...] = ()
    query_encoding: QueryEncoding = "concat"
    #: pgo sends ``Content-Type: application/json`` on every call but ``POST /testclusters``.
    content_type: bool = True
    #: The route has no method filter on the server (routes.go: ``/config``, ``/status`` …).
    any_method: bool = False
    #: What the server's handler does before its implementation, in its order (see :data:`Step`).
    steps: tuple[Step, ...] = STANDARD
    #: Response fields the handler sets to an empty list (``make([]T, 0)``) in its check errors.
    empty_on_error: tuple[str, ...] = ()
    #: The client never calls it (a server-only alias such as ``POST /pgbouncerdelete``).
    server_only: bool = False

    @property
    def variables(self) -> tuple[str, ...]:
        """The names of the path's ``{variables}``, in order."""
        return tuple(_VARIABLE.findall(self.path))

    def target(
        self, path_values: Mapping[str, str] | None = None, query: Mapping[str, str] | None = None
    ) -> str:
        """The request target (path and query string) pgo sends for these values.

        Path values go in raw, as pgo's string concatenation puts them. Every declared query
        parameter is written, in the declared order (``concat``) or sorted and escaped
        (``values``); a value not given is sent empty, as pgo does.
        """
        values = dict(path_values or {})
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise ValueError(f"{self.method} {self.path}: no value for {', '.join(missing)}")
        path = _VARIABLE.sub(lambda match: str(values[match.group(1)]), self.path)
        if not self.query:
            return path
        given = dict(query or {})
        unknown = sorted(set(given) - set(self.query))
        if unknown:
            raise ValueError(f"{self.method} {self.path}: unknown query parameter {', '.join(unknown)}")
        pairs = [(name, str(given.get(name, ""))) for name in self.query]
        if self.query_encoding == "values":
            encoded = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in sorted(pairs))
        else:
            encoded = "&".join(f"{k}={v}" for k, v in pairs)
        return f"{path}?{encoded}"

    def match(self, path: str) -> dict[str, str] | None:
        """The path variables when ``path`` matches this template (gorilla/mux: one segment each)."""
        return _compiled(self.path).get(path)


class _Template:
    def __init__(self, template: str) -> None:
        pattern = ""
        last = 0
        for found in _VARIABLE.finditer(template):
            pattern += re.escape(template[last : found.start()]) + f"(?P<{_group(found.group(1))}>[^/]+)"
            last = found.end()
        pattern += re.escape(template[last:])
        self._names = {_group(name): name for name in _VARIABLE.findall(template)}
        self._regex = re.compile(pattern + r"\Z")

    def get(self, path: str) -> dict[str, str] | None:
        found = self._regex.match(path)
        if found is None:
            return None
        return {self._names[group]: value for group, value in found.groupdict().items()}


def _group(name: str) -> str:
    return name.replace("-", "_")


_TEMPLATES: dict[str, _Template] = {}


def _compiled(template: str) -> _Template:
    compiled = _TEMPLATES.get(template)
    if compiled is None:
        compiled = _TEMPLATES[template] = _Template(template)
    return compiled


def describe(endpoint: Endpoint) -> dict[str, Any]:
    """A plain description of an endpoint (for docs and tests)."""
    return {
        "method": endpoint.method,
        "path": endpoint.path,
        "query": list(endpoint.query),
        "query_encoding": endpoint.query_encoding if endpoint.query else None,
        "request": endpoint.request.__name__ if endpoint.request else None,
        "response": endpoint.response.__name__,
        "permission": endpoint.permission,
        "read": endpoint.read,
    }
