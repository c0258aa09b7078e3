"""Values of the connection settings, shared by the session and the contexts file: Go's boolean
variables, the apiserver URL, the timeout, and where the contexts file is."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pgo_cli.errors import ConfigError, UsageError
from pgo_cli.wire.gojson import parse_go_bool

#: The contexts file, in the user's configuration directory (``$XDG_CONFIG_HOME/pgo``).
CONTEXTS_FILE = "contexts.json"

#: Selects a context when ``--context`` is not typed.
CONTEXT_VARIABLE = "PGO_CONTEXT"


def env_flag(env: Mapping[str, str], name: str) -> bool:
    """A boolean environment variable read with Go's ParseBool; unparsable counts as false."""
    return parse_go_bool(env.get(name, "")) is True


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


def contexts_path(env: Mapping[str, str]) -> Path | None:
    """The contexts file: ``$XDG_CONFIG_HOME/pgo/contexts.json``, else ``$HOME/.config/pgo/…``.

    A relative ``XDG_CONFIG_HOME`` is ignored, as the XDG spec says. None when neither is set.
    """
    xdg = env.get("XDG_CONFIG_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "pgo" / CONTEXTS_FILE
    home = env.get("HOME", "")
    if not home:
        return None
    return Path(home) / ".config" / "pgo" / CONTEXTS_FILE
