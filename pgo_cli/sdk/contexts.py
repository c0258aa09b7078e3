"""The contexts file: named connection profiles, read strictly and written atomically.

The file is ``$XDG_CONFIG_HOME/pgo/contexts.json`` (``~/.config/pgo/contexts.json`` when
``XDG_CONFIG_HOME`` is unset or relative, as the XDG spec says)::

    {
      "current-context": "a",
      "contexts": {
        "a": {
          "apiserver-url": "https://127.0.0.1:8443",
          "namespace": "pgo",
          "pgo-ca-cert": "/home/me/.pgo/a/client.crt",
          "pgo-client-cert": "/home/me/.pgo/a/client.crt",
          "pgo-client-key": "/home/me/.pgo/a/client.key",
          "pgouser": "/home/me/.pgo/a/pgouser",
          "disable-tls": false,
          "exclude-os-trust": false,
          "tls-server-name": "",
          "client-version": "4.7.4",
          "timeout": 30
        }
      }
    }

Why JSON: the standard library reads *and* writes it on every Python this project supports
(``tomllib`` is 3.11+ and read-only, so TOML would need ``tomli`` on 3.10 plus a writer of our own),
its decoder reports the line and column of a syntax error on every version, and a file we rewrite
loses nothing: JSON has no comments that ``pgo context use`` would silently drop on its next write.

Keys are the global flags' names. Every key is optional; an unknown key, a value of the wrong
type, a duplicate key or a password is an error naming the file and the line. No password is
ever stored: a context names a pgouser file (``pgouser``) or a user (``username``, whose password
comes from ``PGOUSERPASS``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pgo_cli.errors import ConfigError, UsageError
from pgo_cli.sdk.values import contexts_path, env_flag, normalize_url, parse_timeout

#: The keys of one context and their JSON types (``timeout`` is a number of seconds).
STRING_KEYS = (
    "apiserver-url",
    "namespace",
    "pgo-ca-cert",
    "pgo-client-cert",
    "pgo-client-key",
    "pgouser",
    "username",
    "tls-server-name",
    "client-version",
)
BOOL_KEYS = ("disable-tls", "exclude-os-trust")
NUMBER_KEYS = ("timeout",)
#: In the order they are written.
KEYS = (
    "apiserver-url",
    "namespace",
    "pgo-ca-cert",
    "pgo-client-cert",
    "pgo-client-key",
    "pgouser",
    "username",
    "disable-tls",
    "exclude-os-trust",
    "tls-server-name",
    "client-version",
    "timeout",
)
#: Keys that hold file paths (made absolute when saved, so a context works from any directory).
PATH_KEYS = ("pgo-ca-cert", "pgo-client-cert", "pgo-client-key", "pgouser")

#: The environment variable of each key (``pgo context add`` reads them; the emulator's exports).
ENVIRONMENT = {
    "apiserver-url": "PGO_APISERVER_URL",
    "namespace": "PGO_NAMESPACE",
    "pgo-ca-cert": "PGO_CA_CERT",
    "pgo-client-cert": "PGO_CLIENT_CERT",
    "pgo-client-key": "PGO_CLIENT_KEY",
    "pgouser": "PGOUSER",
    "username": "PGOUSERNAME",
    "disable-tls": "DISABLE_TLS",
    "exclude-os-trust": "EXCLUDE_OS_TRUST",
    "client-version": "PGO_CLIENT_VERSION",
    "timeout": "PGO_TIMEOUT",
}

_PASSWORD_KEY = re.compile(r"pass|secret|token", re.IGNORECASE)
NAME_RULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@:+-]{0,252}")
CURRENT = "current-context"
CONTEXTS = "contexts"


@dataclass
class ContextFile:
    """The parsed file: the current context's name ("" for none) and each context's settings."""

    path: Path
    current: str = ""
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted(self.contexts)

    def get(self, name: str) -> dict[str, Any]:
        """The context ``name``; an unknown name is a usage error listing the known ones."""
        found = self.contexts.get(name)
        if found is None:
            raise unknown_context(name, self)
        return found


def unknown_context(name: str, known: ContextFile | None, path: Path | None = None) -> ConfigError:
    names = known.names() if known is not None else []
    where = known.path if known is not None else path
    hint = (
        f"known contexts: {', '.join(names)}"
        if names
        else "no context is defined yet: create one with pgo context add NAME"
    )
    return ConfigError(f"unknown context {name!r}" + (f" (in {where})" if where else ""), hint=hint)


# ------------------------------------------------------------------------------------- reading


def config_file(env: Mapping[str, str]) -> Path:
    """Where the contexts file is (it may not exist); an error when no config directory is known."""
    path = contexts_path(env)
    if path is None:
        raise ConfigError(
            "no configuration directory: neither XDG_CONFIG_HOME nor HOME is set",
            hint="set HOME, or XDG_CONFIG_HOME to an absolute directory",
        )
    return path


def load(path: Path) -> ContextFile:
    """Read and check the file at ``path``; a missing file is an empty one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ContextFile(path)
    except OSError as exc:
        raise ConfigError(
            f"cannot read the contexts file {path}: {exc.strerror or exc}",
            hint=f"check its permissions (it should be yours, mode 0600): ls -l {path}",
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _malformed(path, line, "not UTF-8 text") from None
    return parse(text, path)


def parse(text: str, path: Path) -> ContextFile:
    """Parse the file's text strictly (see the module's docstring for the shape)."""
    if not text.strip():
        return ContextFile(path)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise _malformed(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except _DuplicateKey as dup:
        # The decoder does not say where; the key's second occurrence is the likely place.
        line = _line_of(text, dup.key, dup.key)
        raise _malformed(path, line, f"key {dup.key!r} appears twice in one object") from None
    if not isinstance(data, dict):
        raise _malformed(path, 1, "the file must hold one JSON object")
    for key in data:
        if key not in (CURRENT, CONTEXTS):
            raise _malformed(
                path, _line_of(text, key), f"unknown key {key!r} (expected {CURRENT!r} and {CONTEXTS!r})"
            )
    contexts = data.get(CONTEXTS, {})
    if not isinstance(contexts, dict):
        raise _malformed(path, _line_of(text, CONTEXTS), f"{CONTEXTS!r} must be an object of named contexts")
    parsed: dict[str, dict[str, Any]] = {}
    for name, body in contexts.items():
        problem = name_problem(name)
        if problem:
            raise _malformed(path, _line_of(text, CONTEXTS, name), problem)
        if not isinstance(body, dict):
            raise _malformed(path, _line_of(text, CONTEXTS, name), f"context {name!r} must be an object")
        try:
            parsed[name] = check_settings(body)
        except _BadKey as bad:
            raise _malformed(
                path, _line_of(text, CONTEXTS, name, bad.key), f"context {name!r}: {bad}"
            ) from None
    current = data.get(CURRENT, "")
    if not isinstance(current, str):
        raise _malformed(path, _line_of(text, CURRENT), f"{CURRENT!r} must be a string")
    if current and current not in parsed:
        raise _malformed(
            path, _line_of(text, CURRENT), f"{CURRENT!r} names {current!r}, which is not among the contexts"
        )
    return ContextFile(path, current, parsed)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _BadKey(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def check_settings(body: Mapping[str, Any]) -> dict[str, Any]:
    """One context's settings checked key by key, in :data:`KEYS` order (raises :class:`_BadKey`)."""
    for key, value in body.items():
        if key not in KEYS:
            if _PASSWORD_KEY.search(key):
                raise _BadKey(
                    key,
                    f"{key!r}: passwords are never stored in a context; name a pgouser file "
                    '("pgouser") or a user ("username", password from PGOUSERPASS)',
                )
            raise _BadKey(key, f"unknown key {key!r} (known: {', '.join(KEYS)})")
        if key in STRING_KEYS and not isinstance(value, str):
            raise _BadKey(key, f"{key!r} must be a string")
        if key in BOOL_KEYS and not isinstance(value, bool):
            raise _BadKey(key, f"{key!r} must be true or false")
        if key in NUMBER_KEYS and (
            isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf")
        ):
            raise _BadKey(key, f"{key!r} must be a positive number of seconds")
    if body.get("pgouser") and body.get("username"):
        raise _BadKey("username", "give either 'pgouser' (a file) or 'username', not both")
    return {key: body[key] for key in KEYS if key in body}


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a context, or None."""
    if NAME_RULE.fullmatch(name):
        return None
    return (
        f"invalid context name {name!r}: use letters, digits and . _ @ : + - "
        "(starting with a letter or digit, at most 253 characters)"
    )


def _line_of(text: str, *keys: str) -> int:
    """The line of the last of ``keys``, each searched after the previous one (1 if not found)."""
    position = 0
    found = 0
    for key in keys:
        match = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, position)
        if match is None:
            break
        position = match.end()
        found = match.start()
    return text.count("\n", 0, found) + 1


def _malformed(path: Path, line: int, problem: str) -> ConfigError:
    return ConfigError(
        f"{path}:{line}: {problem}",
        hint=f"fix that line of the contexts file, or delete the file to start again: rm {path}",
    )


# ------------------------------------------------------------------------------------- writing


def write(contexts: ContextFile) -> None:
    """Write the whole file atomically: a temporary file (mode 0600) renamed over the old one."""
    path = contexts.path
    document: dict[str, Any] = {}
    if contexts.current:
        document[CURRENT] = contexts.current
    document[CONTEXTS] = {name: check_settings(contexts.contexts[name]) for name in contexts.names()}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ConfigError(f"cannot write the contexts file {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), stat.S_IRUSR | stat.S_IWUSR)
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ConfigError(f"cannot write the contexts file {path}: {exc.strerror or exc}") from None
    with contextlib.suppress(OSError):  # make the rename durable too
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


@contextlib.contextmanager
def editing(path: Path) -> Iterator[ContextFile]:
    """Read, let the caller change, and write back, holding a lock so two writers lose nothing."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ConfigError(f"cannot lock the contexts file {path}: {exc.strerror or exc}") from None
    try:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX: no lock, the rename is still atomic
            pass
        contexts = load(path)
        yield contexts
        write(contexts)
    finally:
        os.close(lock)


# ------------------------------------------------------------------------------ the public API


def settings_from(
    flags: Mapping[str, Any], env: Mapping[str, str], *, cwd: str | None = None
) -> dict[str, Any]:
    """The context ``pgo context add`` saves: each key from its typed flag, else its variable.

    ``flags`` holds the typed global flags (by their names, plus ``pgouser``/``username`` of
    ``context add``). Paths are made absolute; the password is never read.
    """
    settings: dict[str, Any] = {}
    for key in KEYS:
        value: Any = flags.get(key)
        variable = ENVIRONMENT.get(key)
        if key in BOOL_KEYS:
            if value or (variable and env.get(variable)):
                settings[key] = bool(value) or env_flag(env, variable or "")
            continue
        if not value and variable:
            value = env.get(variable, "")
        if value:
            settings[key] = str(value)
    if "username" in settings and flags.get("pgouser"):
        del settings["username"]  # typed --pgouser beats PGOUSERNAME from the environment
    elif "username" in settings:
        settings.pop("pgouser", None)  # pgo reads PGOUSERNAME before PGOUSER
    if "timeout" in settings:
        seconds = parse_timeout(settings["timeout"])
        settings["timeout"] = int(seconds) if seconds.is_integer() else seconds
    if "apiserver-url" in settings:
        settings["apiserver-url"] = normalize_url(settings["apiserver-url"])
    base = cwd or os.getcwd()
    for key in PATH_KEYS:
        if key in settings:
            settings[key] = os.path.normpath(os.path.join(base, os.path.expanduser(settings[key])))
    return settings


def save_context(
    name: str,
    settings: Mapping[str, Any],
    *,
    use: bool = False,
    overwrite: bool = True,
    env: Mapping[str, str] | None = None,
) -> Path:
    """Save (or replace) the context ``name``; with ``use`` make it the current one.

    ``settings`` uses the file's keys (``apiserver-url``, ``pgo-ca-cert``, ``pgouser`` …, see
    :data:`KEYS`); the emulator's ``env --context NAME`` calls this. Returns the file's path.
    A password in ``settings`` is refused.
    """
    problem = name_problem(name)
    if problem:
        raise UsageError(problem)
    try:
        checked = check_settings(settings)
    except _BadKey as bad:
        raise UsageError(f"context {name!r}: {bad}") from None
    path = config_file(env if env is not None else os.environ)
    with editing(path) as contexts:
        if not overwrite and name in contexts.contexts:
            raise UsageError(
                f"context {name!r} already exists (in {path})",
                hint=f"pass --overwrite to replace it, or see it with: pgo context show {name}",
            )
        contexts.contexts[name] = checked
        if use:
            contexts.current = name
    return path


def settings_from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    """A context from ``PGO_*``-style variables (e.g. what ``pgo-emulator env`` exports)."""
    return settings_from({}, env)


def use_context(name: str, *, env: Mapping[str, str] | None = None) -> Path:
    """Make ``name`` the current context ("" for none)."""
    path = config_file(env if env is not None else os.environ)
    with editing(path) as contexts:
        if name:
            contexts.get(name)
        contexts.current = name
    return path


def delete_context(name: str, *, env: Mapping[str, str] | None = None) -> bool:
    """Delete ``name``; returns whether it was the current context (which is then unset)."""
    path = config_file(env if env is not None else os.environ)
    with editing(path) as contexts:
        contexts.get(name)
        del contexts.contexts[name]
        was_current = contexts.current == name
        if was_current:
            contexts.current = ""
    return was_current
