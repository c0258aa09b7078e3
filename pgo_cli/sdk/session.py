"""The session: every setting resolved flag > environment > file, exactly as pgo resolves it.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pgo_cli import PGO_VERSION
from pgo_cli.errors import ConfigError, UsageError
from pgo_cli.wire.gojson import parse_go_bool

DEFAULT_TIMEOUT = 60.0
SYSTEM_PGOUSER = "/etc/pgo/pgouser"


def env_flag(env: Mapping[str, str], name: str) -> bool:
    """A boolean environment variable read with Go's ParseBool; unparsable counts as false."""
    return parse_go_bool(env.get(name, "")) is True


@dataclass(frozen=True)
class Credentials:
    """The pgouser name and password, and where they came from (never the password itself)."""

    username: str
    password: str
    source: str

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


def normalize_url(url: str) -> str:
    """Check the apiserver URL and strip trailing slashes (pgo's 301 → GET → 405 trap)."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"invalid apiserver URL {url!r}: it must look like https://host:port",
            hint="set PGO_APISERVER_URL or --apiserver-url, e.g. https://127.0.0.1:8443",
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"invalid apiserver URL {url!r}: a query or fragment is not allowed")
    try:
        parts.port  # noqa: B018 - validates the port number
    except ValueError:
        raise ConfigError(f"invalid apiserver URL {url!r}: bad port number") from None
    return text.rstrip("/")


def parse_timeout(text: str) -> float:
    """Seconds as a positive number (``--timeout`` / ``PGO_TIMEOUT``)."""
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"invalid timeout {text!r}: expected a number of seconds, e.g. 30") from None
    if not value > 0 or value == float("inf"):
        raise UsageError(f"invalid timeout {text!r}: it must be a positive number of seconds")
    return value


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
)


def resolve_settings(flags: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    """Combine command-line flags (only those typed) with the environment, flag first.

    ``flags`` maps flag names with dashes (``apiserver-url``) to the typed values.
    """

    def text(flag: str, variable: str | None) -> str:
        value = flags.get(flag)
        if value:
            return str(value)
        return env.get(variable, "") if variable else ""

    ca_cert = text("pgo-ca-cert", "PGO_CA_CERT")
    timeout_text = text("timeout", "PGO_TIMEOUT")
    return Settings(
        apiserver_url=text("apiserver-url", "PGO_APISERVER_URL"),
        namespace=text("namespace", "PGO_NAMESPACE"),
        ca_cert=ca_cert,
        client_cert=text("pgo-client-cert", "PGO_CLIENT_CERT") or ca_cert,
        client_key=text("pgo-client-key", "PGO_CLIENT_KEY"),
        # pgo OR-s these two with their environment variables: the flag cannot switch them back.
        disable_tls=bool(flags.get("disable-tls")) or env_flag(env, "DISABLE_TLS"),
        exclude_os_trust=bool(flags.get("exclude-os-trust")) or env_flag(env, "EXCLUDE_OS_TRUST"),
        insecure_skip_tls_verify=bool(flags.get("insecure-skip-tls-verify")),
        tls_server_name=text("tls-server-name", None),
        debug=bool(flags.get("debug")),
        client_version=text("client-version", "PGO_CLIENT_VERSION") or PGO_VERSION,
        timeout=parse_timeout(timeout_text) if timeout_text else DEFAULT_TIMEOUT,
    )


# --------------------------------------------------------------------------------------------
# Credentials (pgo's SetSessionUserCredentials)


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
    if username and not password:
        raise ConfigError("PGOUSERPASS needs to be specified if PGOUSERNAME is provided")
    if password and not username:
        raise ConfigError("PGOUSERNAME needs to be specified if PGOUSERPASS is provided")
    if username and password:
        return Credentials(username, password, "PGOUSERNAME/PGOUSERPASS")

    named = env.get("PGOUSER", "")
    if named:
        content = _read_pgouser(Path(named), warn)
        if content is None:
            raise ConfigError(f"{named} file not found", hint="PGOUSER names a file that cannot be read")
        return parse_pgouser(content, source=named)

    home_dir = home if home is not None else env.get("HOME", "")
    for candidate in (f"{home_dir}/.pgouser" if home_dir else "", system_file):
        if not candidate:
            continue
        content = _read_pgouser(Path(candidate), warn)
        if content is not None:
            return parse_pgouser(content, source=candidate)
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
