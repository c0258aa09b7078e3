"""What a command needs at run time: the session built from the global flags, and output choice."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from pgo_cli.cli.io import isatty
from pgo_cli.sdk.session import Settings, credentials_env, environment, resolve_settings

if TYPE_CHECKING:
    from pgo_cli.errors import PgoError
    from pgo_cli.sdk.connection import Connection

GLOBALS_KEY = "pgo.global_flags"
SESSION_KEY = "pgo.session"

OUTPUT_FORMATS = ("table", "pgo", "json", "name")


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


@dataclass
class Session:
    """The resolved settings of this invocation and the client built from them."""

    settings: Settings
    env: Any
    _client: Connection | None = field(default=None, repr=False)

    def namespace(self) -> str:
        """The namespace to send; an empty one is refused before anything is sent."""
        return self.settings.require_namespace()

    def client(self) -> Connection:
        """The API client (credentials and TLS files are read on first use)."""
        if self._client is None:
            if self.settings.insecure_skip_tls_verify:
                sys.stderr.write(
                    "Warning: --insecure-skip-tls-verify is set: the apiserver's certificate is not "
                    "verified, so anyone on the network path can read and change this traffic\n"
                )
            # Imported here: the client pulls in the message classes, which --help and
            # `pgo version --client` do not need.
            from pgo_cli.sdk.connection import Connection
            from pgo_cli.sdk.debuglog import DebugLog

            debug = DebugLog() if self.settings.debug else None
            # The context's pgouser file or user fills in what the environment does not name.
            self._client = Connection(
                self.settings,
                debug=debug,
                env=credentials_env(self.settings, self.env),
                server_version=_server_version,
            )
        return self._client


def _server_version(connection: Connection) -> str:
    """The apiserver's version, for the hint of a version mismatch (``GET /version``)."""
    from pgo_cli.nouns.version.sdk import version_number

    return version_number(connection)


def session_for(ctx: click.Context) -> Session:
    """The session of this invocation, resolved once from the typed global flags, the env and the
    context (``--context``, ``PGO_CONTEXT`` or the contexts file's current one)."""
    existing = ctx.meta.get(SESSION_KEY)
    if isinstance(existing, Session):
        return existing
    env = environment()
    session = Session(resolve_settings(ctx.meta.get(GLOBALS_KEY, {}), env), env)
    ctx.meta[SESSION_KEY] = session
    return session


def typed_global(ctx: click.Context, name: str) -> Any:
    """The value of a global flag if it was typed, else None (no environment, no validation)."""
    return ctx.meta.get(GLOBALS_KEY, {}).get(name)


def stdout_is_terminal() -> bool:
    return isatty(sys.stdout)


def stdin_is_terminal() -> bool:
    return isatty(sys.stdin)


def choose_output(requested: str | None, allowed: tuple[str, ...] = OUTPUT_FORMATS) -> str:
    """The output format: as requested, else a table on a terminal and pgo's text otherwise."""
    from pgo_cli.errors import UsageError

    choice = requested or ""
    if not choice:
        choice = "table" if stdout_is_terminal() and "table" in allowed else "pgo"
    if choice not in allowed:
        raise UsageError(
            f"invalid output format {choice!r}: choose one of {', '.join(allowed)}",
            hint="-o/--output " + "|".join(allowed),
        )
    return choice


def write_error(message: str, hint: str | None = None) -> None:
    """The one way an error reaches the user: ``Error: <first line>`` and ``hint: ...`` on stderr.

    Every secret this invocation sent is scrubbed, whatever a server echoed back.
    """
    from pgo_cli.sdk.debuglog import scrub

    text = scrub(message).strip()
    first_line = text.splitlines()[0] if text else "unknown error"
    sys.stderr.write(f"Error: {first_line}\n")
    if hint:
        sys.stderr.write(f"hint: {scrub(hint)}\n")
    sys.stderr.flush()


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
