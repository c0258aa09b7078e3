"""A connection to one apiserver as one pgouser: settings, credentials, transport, one ``call``.

This is the noun-free bottom of the Python API: it knows endpoints and message dataclasses only
as :class:`~pgo_cli.wire.endpoint.Endpoint` values handed to :meth:`Connection.call`. The typed
per-noun calls (``client.clusters.scale(...)``) sit above the nouns in :mod:`pgo_cli.client`; the
CLI uses a :class:`Connection` directly.

:meth:`Connection.call` returns the decoded answer and raises a :class:`~pgo_cli.errors.PgoError`
subclass on failure: :class:`~pgo_cli.errors.ApiError` when the apiserver answered
``Code: "error"`` (the decoded answer is on ``.response``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar

from pgo_cli.errors import ApiError, PgoError, ResponseError
from pgo_cli.sdk import debuglog
from pgo_cli.sdk.debuglog import DebugLog
from pgo_cli.sdk.session import (
    FLAG_NAMES,
    Credentials,
    Settings,
    credentials_env,
    environment,
    load_credentials,
    resolve_settings,
)
from pgo_cli.wire import codec
from pgo_cli.wire.endpoint import Endpoint

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from pgo_cli.sdk.transport import Transport

T = TypeVar("T")
C = TypeVar("C", bound="Connection")

VERSION_MISMATCH = "pgo client and server version mismatch"


class GlobalFlags(TypedDict, total=False):
    """pgo's global flags by their Python names, for :meth:`Connection.from_environment`."""

    apiserver_url: str
    namespace: str
    pgo_ca_cert: str
    pgo_client_cert: str
    pgo_client_key: str
    disable_tls: bool
    exclude_os_trust: bool
    insecure_skip_tls_verify: bool
    tls_server_name: str
    debug: bool
    client_version: str
    timeout: str | float
    context: str


#: Asks the apiserver its version (``GET /version``), for the hint of a version mismatch. The
#: version noun provides it; a :class:`Connection` without one gives a hint without the number.
ServerVersion = Callable[["Connection"], str]


class Connection:
    """A connection to one apiserver as one pgouser."""

    def __init__(
        self,
        settings: Settings,
        credentials: Credentials | None = None,
        *,
        debug: DebugLog | None = None,
        env: Mapping[str, str] | None = None,
        server_version: ServerVersion | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        """``debug`` receives the ``--debug`` lines (by default, when ``settings.debug``, a
        :class:`DebugLog` writing to the ``pgo_cli`` logger); ``warn`` each warning line (by
        default :func:`warnings.warn` with :class:`~pgo_cli.errors.PgoWarning`). The SDK writes
        to no process stream of its own: ``pgo`` passes its stderr for both."""
        self.settings = settings
        self._warn = warn if warn is not None else _warn
        self._server_version = server_version
        self._env = env if env is not None else environment()
        self._credentials = credentials
        self._debug = debug if debug is not None else (DebugLog() if settings.debug else None)
        self._transport: Transport | None = None

    @classmethod
    def from_environment(
        cls: type[C], env: Mapping[str, str] | None = None, **flags: Unpack[GlobalFlags]
    ) -> C:
        """Configure from the environment, with ``flags`` taking precedence.

        ``flags`` are the global flags by their Python names (``apiserver_url="https://…"``,
        ``namespace="pgo"``, ``timeout=30`` …, see :class:`GlobalFlags`); an unknown name is a
        :class:`TypeError` (and a type checker's error).
        """
        known = {name.replace("-", "_") for name in FLAG_NAMES}
        unknown = sorted(set(flags) - known)
        if unknown:
            raise TypeError(
                f"from_environment() got unexpected keyword argument(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        source = env if env is not None else environment()
        named: dict[str, Any] = {key.replace("_", "-"): value for key, value in flags.items()}
        return cls(resolve_settings(named, source), env=source)

    # ------------------------------------------------------------------------ configuration

    @property
    def credentials(self) -> Credentials:
        """The pgouser's credentials, read on first use (``PGOUSER`` file, ``PGOUSERNAME`` …)."""
        if self._credentials is None:
            # A context may name the pgouser file or user; the environment still comes first.
            self._credentials = load_credentials(credentials_env(self.settings, self._env), warn=self._warn)
        return self._credentials

    @property
    def environ(self) -> Mapping[str, str]:
        """The environment this connection was configured from (what the CLI's commands read)."""
        return self._env

    @property
    def transport(self) -> Transport:
        """The HTTP transport, built on first use (imports requests)."""
        if self._transport is None:
            from pgo_cli.sdk.transport import Transport

            self.settings.require_url()  # pgo checks the URL before the credentials
            self._transport = Transport(self.settings, self.credentials, self._debug)
        return self._transport

    def close(self) -> None:
        """Close the HTTP session (a closed connection opens a new one when used again)."""
        if self._transport is not None:
            self._transport.close()

    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --------------------------------------------------------------------------------- calls

    def call(
        self,
        endpoint: Endpoint,
        request: Any = None,
        *,
        path: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        check_status: bool = True,
    ) -> Answer[Any]:
        """Send one request to ``endpoint`` and decode its answer into the endpoint's response type.

        ``request`` is a message dataclass (encoded with :func:`~pgo_cli.wire.codec.to_wire`) or
        None for a bodiless GET. A read is retried on transient failures; a write is sent at most
        once. With ``check_status`` an answer with ``Code: "error"`` raises
        :class:`~pgo_cli.errors.ApiError` (the answer is on ``.response``).
        """
        target = endpoint.target(path, query)
        reply = self._send(endpoint, request, target, parse=True)
        return self.decode_answer(endpoint, target, reply.data, check_status=check_status)

    def call_bytes(
        self,
        endpoint: Endpoint,
        request: Any = None,
        *,
        path: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
    ) -> Payload:
        """Send one request as :meth:`call` does and return the 200 answer's bytes, not decoded.

        For a reader of large answers that decodes them piece by piece; :meth:`decode_payload`
        is what :meth:`call` would have returned for the same bytes.
        """
        target = endpoint.target(path, query)
        reply = self._send(endpoint, request, target, parse=False)
        return Payload(endpoint, target, reply.data)

    def decode_payload(self, payload: Payload, *, check_status: bool = True) -> Answer[Any]:
        """The bytes of :meth:`call_bytes` read as :meth:`call` reads an answer."""
        from pgo_cli.sdk.transport import parse_json

        data = parse_json(payload.data, 200)
        return self.decode_answer(payload.endpoint, payload.target, data, check_status=check_status)

    def decode_answer(
        self, endpoint: Endpoint, target: str, data: Any, *, check_status: bool = True
    ) -> Answer[Any]:
        """Decode a parsed answer into the endpoint's response type (Go's rules), then its status."""
        try:
            typed: Any = codec.decode(endpoint.response, data)
        except codec.WireShapeError as exc:
            raise ResponseError(
                f"the apiserver's answer to {endpoint.method} {target} has an unexpected shape: {exc}",
                status=200,
            ) from None
        answer: Answer[Any] = Answer(typed, data if isinstance(data, dict) else {})
        if check_status:
            status = getattr(typed, "status", None)
            if isinstance(status, codec.Status):
                self.raise_for_status(status, typed)
        return answer

    def _send(self, endpoint: Endpoint, request: Any, target: str, *, parse: bool) -> Any:
        if request is None or isinstance(request, Mapping):
            body = None if request is None else dict(request)
        else:
            body = codec.to_wire(request)
            for secret in codec.secret_values(request):
                debuglog.remember_secret(secret)
        return self.transport.call(
            endpoint.method,
            target,
            body,
            idempotent=endpoint.read,
            content_type=endpoint.content_type,
            parse=parse,
        )

    # ----------------------------------------------------------------------------- internals

    def raise_for_status(self, status: codec.Status, reply: Any) -> None:
        """Raise :class:`ApiError` for ``Code: "error"`` (with a hint for a version mismatch)."""
        if not status.is_error:
            return
        hint = None
        if status.msg == VERSION_MISMATCH:
            hint = self._version_hint()
        raise ApiError(
            status.msg or "the apiserver reported an error without a message", response=reply, hint=hint
        )

    def _version_hint(self) -> str:
        sent = self.settings.client_version
        try:
            if self._server_version is None:
                raise PgoError("no version probe")
            server = self._server_version(self)
        except PgoError:
            return f"this client sent version {sent}; pass --client-version with the apiserver's version"
        if server == sent:
            # pgo's GET routes concatenate their query unescaped (show backup, status …): a name
            # holding '?', '&' or '#' pushes the version out of it.
            return (
                f"the apiserver is version {server}, the version this client sent, but it did not "
                "arrive: a '?', '&' or '#' in a name cuts pgo's unescaped query"
            )
        return (
            f"the apiserver is version {server} and this client sent {sent}; "
            f"pass --client-version {server} or set PGO_CLIENT_VERSION={server}"
        )


@dataclass
class Answer(Generic[T]):
    """A decoded answer (``response``) and the JSON object exactly as the server sent it (``raw``)."""

    response: T
    raw: dict[str, Any] = field(default_factory=dict)


def _warn(text: str) -> None:
    """The default warning of a connection: Python's :mod:`warnings` (the program decides where)."""
    import warnings

    from pgo_cli.errors import PgoWarning

    warnings.warn(text, PgoWarning, stacklevel=3)


@dataclass(frozen=True)
class Payload:
    """A 200 answer's bytes as received (:meth:`Connection.call_bytes`), with the route it answers."""

    endpoint: Endpoint
    target: str
    data: bytes
