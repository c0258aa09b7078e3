"""The Python API: typed calls to the apiserver, configured by the same rules as the CLI.

>>> from pgo_cli import Client
>>> client = Client.from_environment()           # PGO_APISERVER_URL, PGO_CA_CERT, PGOUSER …
>>> client.version().version
'4.7.4'

Every method returns a typed response from :mod:`pgo_cli.messages` and raises a
:class:`~pgo_cli.errors.PgoError` subclass on failure: :class:`~pgo_cli.errors.ApiError` when the
apiserver answered ``Code: "error"`` (the decoded answer is on ``.response``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pgo_cli import messages
from pgo_cli.debuglog import DebugLog
from pgo_cli.errors import ApiError, PgoError, ResponseError
from pgo_cli.session import Credentials, Settings, environment, load_credentials, resolve_settings

if TYPE_CHECKING:
    from pgo_cli.transport import Transport

T = TypeVar("T")

VERSION_MISMATCH = "pgo client and server version mismatch"


class Client:
    """A connection to one apiserver as one pgouser."""

    def __init__(
        self,
        settings: Settings,
        credentials: Credentials | None = None,
        *,
        debug: DebugLog | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self._env = env if env is not None else environment()
        self._credentials = credentials
        self._debug = debug if debug is not None else (DebugLog() if settings.debug else None)
        self._transport: Transport | None = None

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Client:
        """Configure from the environment, with ``flags`` (``apiserver_url=…``) taking precedence."""
        source = env if env is not None else environment()
        named = {key.replace("_", "-"): value for key, value in flags.items()}
        return cls(resolve_settings(named, source), env=source)

    # ------------------------------------------------------------------------ configuration

    @property
    def credentials(self) -> Credentials:
        if self._credentials is None:
            self._credentials = load_credentials(self._env, warn=_warn)
        return self._credentials

    @property
    def transport(self) -> Transport:
        """The HTTP transport, built on first use (imports requests)."""
        if self._transport is None:
            from pgo_cli.transport import Transport

            self.settings.require_url()  # pgo checks the URL before the credentials
            self._transport = Transport(self.settings, self.credentials, self._debug)
        return self._transport

    def url_for(self, path: str) -> str:
        """The full URL of an apiserver route (no request is made)."""
        return self.settings.require_url() + path

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --------------------------------------------------------------------------------- calls

    def version(self) -> messages.VersionResponse:
        """``GET /version``."""
        reply = self._call("GET", "/version", None, messages.VersionResponse, idempotent=True)
        if not reply.status.ok:  # pgo's version command fails on anything but "ok"
            raise ApiError(
                reply.status.msg or f"the apiserver answered Code {reply.status.code!r}", response=reply
            )
        return reply

    def create_cluster(self, body: Mapping[str, Any]) -> messages.CreateClusterResponse:
        """``POST /clusters`` with a ``CreateClusterRequest`` body (see :mod:`pgo_cli.cluster_request`)."""
        reply = self._call("POST", "/clusters", dict(body), messages.CreateClusterResponse)
        self._raise_for_status(reply.status, reply)
        return reply

    def show_cluster(self, request: messages.ShowClusterRequest) -> messages.ShowClusterResponse:
        """``POST /showclusters`` (a read: retried on transient failures)."""
        reply, raw = self._call_raw(
            "POST", "/showclusters", request.to_wire(), messages.ShowClusterResponse, idempotent=True
        )
        reply.raw = raw if isinstance(raw, dict) else {}
        self._raise_for_status(reply.status, reply)
        return reply

    def delete_cluster(self, request: messages.DeleteClusterRequest) -> messages.DeleteClusterResponse:
        """``POST /clustersdelete``."""
        reply = self._call("POST", "/clustersdelete", request.to_wire(), messages.DeleteClusterResponse)
        self._raise_for_status(reply.status, reply)
        return reply

    # ----------------------------------------------------------------------------- internals

    def _call(self, method: str, path: str, body: Any, kind: type[T], *, idempotent: bool = False) -> T:
        reply, _ = self._call_raw(method, path, body, kind, idempotent=idempotent)
        return reply

    def _call_raw(
        self, method: str, path: str, body: Any, kind: type[T], *, idempotent: bool = False
    ) -> tuple[T, Any]:
        answer = self.transport.call(method, path, body, idempotent=idempotent)
        try:
            return messages.decode(kind, answer.data), answer.data
        except messages.WireShapeError as exc:
            raise ResponseError(
                f"the apiserver's answer to {method} {path} has an unexpected shape: {exc}", status=200
            ) from None

    def _raise_for_status(self, status: messages.Status, reply: Any) -> None:
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
            server = self.version().version
        except PgoError:
            return f"this client sent version {sent}; pass --client-version with the apiserver's version"
        return (
            f"the apiserver is version {server} and this client sent {sent}; "
            f"pass --client-version {server} or set PGO_CLIENT_VERSION={server}"
        )


def _warn(text: str) -> None:
    import sys

    sys.stderr.write(text + "\n")
