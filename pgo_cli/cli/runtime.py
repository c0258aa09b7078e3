"""What a command needs at run time: the typed global flags, the session built from them, and
where the click tree keeps the invocation's :class:`~pgo_cli.cli.io.IO`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from pgo_cli.cli.io import IO
from pgo_cli.sdk.session import Settings, credentials_env, resolve_settings

if TYPE_CHECKING:
    from pgo_cli.errors import PgoError
    from pgo_cli.sdk.connection import Connection

GLOBALS_KEY = "pgo.global_flags"


def remember_global(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Click callback of every global option: keep the values that were typed.

    ``ctx.meta`` is shared by the whole context chain, so a flag typed before the subcommand and
    one typed after it land in the same place; the later one wins, as in cobra.
    """
    if param.name is None:
        return
    if ctx.get_parameter_source(param.name) is not click.core.ParameterSource.COMMANDLINE:
        return
    flag_name = param.name.replace("_", "-")
    ctx.meta.setdefault(GLOBALS_KEY, {})[flag_name] = value


def context_io(ctx: click.Context) -> IO:
    """The :class:`IO` the boundary (:func:`pgo_cli.cli.app.run`) handed to the click tree."""
    found = ctx.find_object(IO)
    return found if found is not None else IO.system()


def typed_globals(ctx: click.Context) -> dict[str, Any]:
    """The global flags typed on this command line (``apiserver-url`` → value)."""
    return dict(ctx.meta.get(GLOBALS_KEY, {}))


@dataclass
class Session:
    """The resolved settings of this invocation and the client built from them."""

    settings: Settings
    env: Mapping[str, str]
    io: IO
    _client: Connection | None = field(default=None, repr=False)

    @classmethod
    def resolve(cls, global_flags: Mapping[str, Any], io: IO) -> Session:
        """The session from the typed global flags, ``io.environ`` and the context (``--context``,
        ``PGO_CONTEXT`` or the contexts file's current one)."""
        return cls(resolve_settings(global_flags, io.environ), io.environ, io)

    def namespace(self) -> str:
        """The namespace to send; an empty one is refused before anything is sent.

        pgo never checks the namespace, but refuses a missing URL before any command runs
        (``cmd/pgo/cmd/root.go`` initConfig): with neither, the URL is what is named first."""
        if not self.settings.namespace:
            self.settings.require_url()
        return self.settings.require_namespace()

    def client(self) -> Connection:
        """The API client (credentials and TLS files are read on first use)."""
        if self._client is None:
            if self.settings.insecure_skip_tls_verify:
                self.io.warn(
                    "Warning: --insecure-skip-tls-verify is set: the apiserver's certificate is not "
                    "verified, so anyone on the network path can read and change this traffic"
                )
            # Imported here: the client pulls in the message classes, which --help and
            # `pgo version --client` do not need.
            from pgo_cli.sdk.connection import Connection
            from pgo_cli.sdk.debuglog import DebugLog

            debug = DebugLog(self.io.stderr) if self.settings.debug else None
            # The context's pgouser file or user fills in what the environment does not name.
            self._client = Connection(
                self.settings,
                debug=debug,
                env=credentials_env(self.settings, self.env),
                server_version=_server_version,
                warn=self.io.warn,
            )
        return self._client


def _server_version(connection: Connection) -> str:
    """The apiserver's version, for the hint of a version mismatch (``GET /version``)."""
    from pgo_cli.nouns.version.calls import version_number

    return version_number(connection)


def note_if_sent(error: PgoError, check: str | None) -> None:
    """Tell the user whether a failed write may still have been carried out by the server."""
    if error.sent:
        extra = "the request was sent, so it may have been carried out"
        if check:
            extra += f"; check with: {check}"
    elif error.sent is False:
        extra = "nothing was sent to the apiserver, so nothing was changed"
    else:
        return
    error.hint = f"{extra} ({error.hint})" if error.hint else extra
