"""The session: every setting resolved flag > environment > context > file and defaults.

Without a context (no ``--context``, no ``PGO_CONTEXT``, no current context in the contexts
file) this is exactly how pgo resolves them. A context (:mod:`pgo_cli.sdk.contexts`)
fills in, per setting, what neither a typed flag nor an environment variable gave; for the
credentials it comes after ``PGOUSERNAME``/``PGOUSERPASS`` and ``PGOUSER`` and before
``~/.pgouser`` and ``/etc/pgo/pgouser``.

Nothing here touches the network. Settings are resolved eagerly (cheap) but *demanded* lazily:
a command asks for the URL, the namespace or the credentials only when it needs them, so
``--help``, completion and ``pgo version --client`` work with no configuration at all.

Deliberate differences from pgo 4.7.4 (documented in the README):

* the client certificate falls back to ``PGO_CA_CERT`` when ``PGO_CLIENT_CERT`` is unset;
* a trailing ``/`` on the URL is removed (pgo turns it into a 301 → GET → 405 trap);
* an empty namespace is refused here, with a hint, instead of being sent;
* a missing URL is exit 2 (usage), not 255.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pgo_cli.errors import ConfigError
from pgo_cli.release import PGO_VERSION
from pgo_cli.sdk.values import (  # re-exported: the session's values, as before
    CONTEXT_VARIABLE as CONTEXT_VARIABLE,
)
from pgo_cli.sdk.values import (
    contexts_path as contexts_path,
)
from pgo_cli.sdk.values import (
    env_flag as env_flag,
)
from pgo_cli.sdk.values import (
    normalize_url as normalize_url,
)
from pgo_cli.sdk.values import (
    parse_timeout as parse_timeout,
)

DEFAULT_TIMEOUT = 60.0
SYSTEM_PGOUSER = "/etc/pgo/pgouser"


@dataclass(frozen=True)
class Credentials:
    """The pgouser name and password, and where they came from (never the password itself)."""

    username: str
    password: str
    source: str
    #: The pgouser file they were read from ("" when they came from variables).
    path: str = ""

    def __repr__(self) -> str:  # keep the password out of tracebacks and debug output
        return f"Credentials(username={self.username!r}, password='***', source={self.source!r})"


@dataclass(frozen=True)
class Settings:
    """Resolved configuration of one invocation. Empty strings mean "not set"."""

    apiserver_url: str = ""
    namespace: str = ""
    ca_cert: str = ""
    client_cert: str = ""
    client_key: str = ""
    disable_tls: bool = False
    exclude_os_trust: bool = False
    insecure_skip_tls_verify: bool = False
    tls_server_name: str = ""
    debug: bool = False
    client_version: str = PGO_VERSION
    timeout: float = DEFAULT_TIMEOUT
    #: The context in use ("" for none) and the file it was read from.
    context: str = ""
    context_file: str = ""
    #: The context's pgouser file or user name (used only when the environment names none).
    pgouser: str = ""
    username: str = ""
    #: Where each attribute came from: ``flag --x``, ``environment X``, ``context NAME`` (else
    #: the default); see :meth:`origin`.
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def origin(self, attribute: str) -> str:
        """Where the setting ``attribute`` (``apiserver_url`` …) came from; ``default`` if unset."""
        return dict(self.origins).get(attribute, "default")

    def require_url(self) -> str:
        """The apiserver base URL, validated and without a trailing slash."""
        if not self.apiserver_url:
            raise ConfigError(
                "The PGO_APISERVER_URL environment variable or the --apiserver-url flag needs to be supplied.",
                hint="for example: export PGO_APISERVER_URL=https://127.0.0.1:8443",
            )
        return normalize_url(self.apiserver_url)

    def require_namespace(self) -> str:
        """The namespace requests are sent for; pgo would send an empty one, we refuse it here."""
        if not self.namespace:
            raise ConfigError(
                "no namespace given: pass -n/--namespace or set PGO_NAMESPACE",
                hint="the apiserver refuses an empty namespace; e.g. -n pgo",
            )
        return self.namespace


#: The global flags :func:`resolve_settings` reads, by their command-line names.
FLAG_NAMES = (
    "apiserver-url",
    "namespace",
    "pgo-ca-cert",
    "pgo-client-cert",
    "pgo-client-key",
    "disable-tls",
    "exclude-os-trust",
    "insecure-skip-tls-verify",
    "tls-server-name",
    "debug",
    "client-version",
    "timeout",
    "context",
)


def select_context(flags: Mapping[str, Any], env: Mapping[str, str]) -> tuple[str, Mapping[str, Any], str]:
    """The context in force: ``--context``, else ``PGO_CONTEXT``, else the file's current one.

    Returns its name, its settings and the file ("", {}, "" when there is none). The file is read
    only when a context is named or the file exists; an unknown name, or a malformed file, is a
    :class:`~pgo_cli.errors.ConfigError` (exit 2) naming the file (and the line).
    """
    name = str(flags.get("context") or "") or env.get(CONTEXT_VARIABLE, "")
    path = contexts_path(env)
    if not name and (path is None or not path.is_file()):
        return "", {}, ""  # today's users: no context, no file read, nothing imported
    from pgo_cli.sdk import contexts as store

    if path is None:
        raise store.unknown_context(name, None)
    contexts = store.load(path)
    name = name or contexts.current
    if not name:
        return "", {}, ""
    return name, contexts.get(name), str(path)


def resolve_settings(flags: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    """Combine command-line flags (only those typed), the environment and the context, flag first.

    ``flags`` maps flag names with dashes (``apiserver-url``) to the typed values; ``context``
    selects a context (else ``PGO_CONTEXT``, else the contexts file's current one).
    """
    context_name, context, context_file = select_context(flags, env)
    origins: dict[str, str] = {}

    def text(attribute: str, flag: str, variable: str | None) -> str:
        value = flags.get(flag)
        if value:
            origins[attribute] = f"flag --{flag}"
            return str(value)
        if variable and env.get(variable):
            origins[attribute] = f"environment {variable}"
            return env[variable]
        saved = context.get(flag)
        if saved is not None and saved != "":
            origins[attribute] = f"context {context_name}"
            return str(saved)
        return ""

    def boolean(attribute: str, flag: str, variable: str) -> bool:
        # pgo OR-s the flag with its environment variable: the flag cannot switch it back off.
        if flags.get(flag):
            origins[attribute] = f"flag --{flag}"
            return True
        if env.get(variable):
            origins[attribute] = f"environment {variable}"
            return env_flag(env, variable)
        if flag in context:
            origins[attribute] = f"context {context_name}"
            return bool(context[flag])
        return False

    ca_cert = text("ca_cert", "pgo-ca-cert", "PGO_CA_CERT")
    client_cert = text("client_cert", "pgo-client-cert", "PGO_CLIENT_CERT")
    if not client_cert and ca_cert:
        client_cert = ca_cert
        origins["client_cert"] = origins["ca_cert"]
    timeout_text = text("timeout", "timeout", "PGO_TIMEOUT")
    if flags.get("insecure-skip-tls-verify"):
        origins["insecure_skip_tls_verify"] = "flag --insecure-skip-tls-verify"
    if flags.get("debug"):
        origins["debug"] = "flag --debug"
    if context_name:
        origins["context"] = (
            "flag --context"
            if flags.get("context")
            else f"environment {CONTEXT_VARIABLE}"
            if env.get(CONTEXT_VARIABLE)
            else f"current context of {context_file}"
        )
    return Settings(
        apiserver_url=text("apiserver_url", "apiserver-url", "PGO_APISERVER_URL"),
        namespace=text("namespace", "namespace", "PGO_NAMESPACE"),
        ca_cert=ca_cert,
        client_cert=client_cert,
        client_key=text("client_key", "pgo-client-key", "PGO_CLIENT_KEY"),
        disable_tls=boolean("disable_tls", "disable-tls", "DISABLE_TLS"),
        exclude_os_trust=boolean("exclude_os_trust", "exclude-os-trust", "EXCLUDE_OS_TRUST"),
        insecure_skip_tls_verify=bool(flags.get("insecure-skip-tls-verify")),
        tls_server_name=text("tls_server_name", "tls-server-name", None),
        debug=bool(flags.get("debug")),
        client_version=text("client_version", "client-version", "PGO_CLIENT_VERSION") or PGO_VERSION,
        timeout=parse_timeout(timeout_text) if timeout_text else DEFAULT_TIMEOUT,
        context=context_name,
        context_file=context_file,
        pgouser=str(context.get("pgouser") or ""),
        username=str(context.get("username") or ""),
        origins=tuple(sorted(origins.items())),
    )


# --------------------------------------------------------------------------------------------
# Credentials (pgo's SetSessionUserCredentials)


class ContextEnv(Mapping[str, str]):
    """The environment with the context's pgouser file or user name filled in (see below)."""

    def __init__(self, base: Mapping[str, str], extra: Mapping[str, str], note: str) -> None:
        self._base = base
        self._extra = dict(extra)
        self.note = note

    def __getitem__(self, key: str) -> str:
        if key in self._extra:
            return self._extra[key]
        return self._base[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._extra
        yield from (key for key in self._base if key not in self._extra)

    def __len__(self) -> int:
        return len(set(self._base) | set(self._extra))

    def supplies(self, key: str) -> bool:
        """Whether ``key`` comes from the context rather than the environment."""
        return key in self._extra


def credentials_env(settings: Settings, env: Mapping[str, str]) -> Mapping[str, str]:
    """The environment :func:`load_credentials` reads, with the context's credentials in place.

    Order: ``PGOUSERNAME`` + ``PGOUSERPASS``; ``PGOUSER``; the context's ``username`` (its
    password from ``PGOUSERPASS``) or ``pgouser`` file; ``~/.pgouser``; ``/etc/pgo/pgouser``.
    Without a context (or one naming no credentials) this is ``env`` itself.
    """
    if not settings.context or not (settings.pgouser or settings.username):
        return env
    if env.get("PGOUSERNAME"):
        return env  # the environment's pair (or pgo's error about it)
    note = f"context {settings.context}"
    if settings.username:
        if env.get("PGOUSERPASS") or not env.get("PGOUSER"):
            return ContextEnv(env, {"PGOUSERNAME": settings.username}, note)
        return env
    if env.get("PGOUSER") or env.get("PGOUSERPASS"):
        return env
    return ContextEnv(env, {"PGOUSER": settings.pgouser}, note)


def load_credentials(
    env: Mapping[str, str],
    *,
    home: str | None = None,
    system_file: str = SYSTEM_PGOUSER,
    warn: Callable[[str], None] | None = None,
) -> Credentials:
    """Find the pgouser credentials as pgo does.

    Order: ``PGOUSERNAME`` + ``PGOUSERPASS``; the file named by ``PGOUSER`` (no fallback if it is
    unreadable); ``$HOME/.pgouser``; ``/etc/pgo/pgouser``. ``warn`` receives a warning when a
    file is readable by group or others.
    """
    username = env.get("PGOUSERNAME", "")
    password = env.get("PGOUSERPASS", "")
    note = env.note if isinstance(env, ContextEnv) else ""
    if username and not password and isinstance(env, ContextEnv) and env.supplies("PGOUSERNAME"):
        raise ConfigError(
            f"{note} names the pgouser {username!r}: set PGOUSERPASS to its password",
            hint="passwords are never stored in a context; or give the context a pgouser file",
        )
    if username and not password:
        raise ConfigError("PGOUSERPASS needs to be specified if PGOUSERNAME is provided")
    if password and not username:
        raise ConfigError("PGOUSERNAME needs to be specified if PGOUSERPASS is provided")
    if username and password:
        source = f"{note} user and PGOUSERPASS" if note else "PGOUSERNAME/PGOUSERPASS"
        return Credentials(username, password, source)

    named = env.get("PGOUSER", "")
    if named:
        content = _read_pgouser(Path(named), warn)
        if content is None:
            where = f"{note} names a pgouser file" if note else "PGOUSER names a file"
            raise ConfigError(f"{named} file not found", hint=f"{where} that cannot be read")
        return replace(parse_pgouser(content, source=named), path=named)

    home_dir = home if home is not None else env.get("HOME", "")
    for candidate in (f"{home_dir}/.pgouser" if home_dir else "", system_file):
        if not candidate:
            continue
        content = _read_pgouser(Path(candidate), warn)
        if content is not None:
            return replace(parse_pgouser(content, source=candidate), path=candidate)
    raise ConfigError(
        "could not find pgouser file",
        hint="set PGOUSERNAME and PGOUSERPASS, or PGOUSER to a file holding user:password",
    )


def parse_pgouser(content: str, *, source: str = "pgouser file") -> Credentials:
    """Parse ``user:password`` as pgo does: trim the whole file, exactly one line, first ``:``."""
    trimmed = content.strip()
    lines = trimmed.split("\n")
    if len(lines) != 1 or ":" not in lines[0]:
        raise ConfigError(
            "unable to parse credentials in pgouser file",
            hint=f"{source} must hold exactly one line of the form user:password",
        )
    username, _, password = lines[0].partition(":")
    # A CRLF file trims to one line but may keep a '\r' before the newline of a longer file;
    # pgo keeps it too, so do not strip further.
    return Credentials(username, password, source)


def _read_pgouser(path: Path, warn: Callable[[str], None] | None) -> str | None:
    try:
        raw = path.read_bytes()
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if warn is not None and sys.platform != "win32" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(
            f"Warning: pgouser file {path} is accessible by group or others "
            f"(mode {stat.S_IMODE(mode):04o}); protect it with: chmod 600 {path}"
        )
    return raw.decode("utf-8", errors="replace")


def environment() -> Mapping[str, str]:
    """The process environment (a seam for tests)."""
    return os.environ
