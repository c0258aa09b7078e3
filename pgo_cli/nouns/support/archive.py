"""The reads of a support archive, their redaction, and the ``.tar.gz`` itself.

Each read is one apiserver call a user could make (``show cluster -o json``, ``test``, ``df`` …),
kept as the JSON the apiserver answered, refused answers included (their ``Code``/``Msg`` are
what support needs), then redacted twice: every password-like field (``Password``,
``BackrestS3Key`` …, :func:`pgo_cli.sdk.debuglog.redact`) is replaced, and every value removed
that way, plus the pgouser's password, is scrubbed from all the files' text, wherever an answer
repeats it. ``LISTING.txt`` says what each file is and what went wrong with a read.
"""

from __future__ import annotations

import io
import json
import platform
import tarfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pgo_cli.errors import Interrupted, PgoError
from pgo_cli.sdk.debuglog import REDACTED, is_secret_key

#: The shortest removed value that is also scrubbed from all the text.
MIN_SCRUBBED = 4


@dataclass(frozen=True)
class Read:
    """One file of the archive: its name, the pgo command it equals, and how to get it."""

    file: str
    command: str
    fetch: Callable[[], Any]


@dataclass
class Entry:
    """A file as it will be stored, and what the listing says of it."""

    file: str
    command: str
    data: Any = None
    problem: str = ""


@dataclass
class Archive:
    """The collected files, redacted on :meth:`tar`."""

    root: str
    entries: list[Entry] = field(default_factory=list)
    #: Secret values known before the reads (the pgouser password): scrubbed from every file.
    known_secrets: set[str] = field(default_factory=set)

    def collect(self, reads: Iterable[Read], progress: Callable[[int, int, str], None]) -> None:
        """Make each read; a failed one is listed with its error and the others still run."""
        reads = list(reads)
        for index, read in enumerate(reads):
            progress(index, len(reads), read.command)
            entry = Entry(read.file, read.command)
            try:
                entry.data = read.fetch()
            except Interrupted:
                raise  # Ctrl-C stops the export: nothing is written
            except PgoError as error:
                entry.problem = f"{type(error).__name__}: {error.message}"
            self.entries.append(entry)
        progress(len(reads), len(reads), "")

    def secrets(self) -> set[str]:
        """Every value the redaction removes, plus the known ones."""
        found = set(self.known_secrets)
        for entry in self.entries:
            _secret_values(entry.data, found)
        # Values this short ("y", "on") are not secrets worth scrubbing from every file's text:
        # their own fields are still redacted.
        return {secret for secret in found if len(secret) >= MIN_SCRUBBED and secret != REDACTED}

    def tar(self, now: float | None = None) -> bytes:
        """The ``.tar.gz`` bytes: every file under :attr:`root`, redacted, then ``LISTING.txt``."""
        secrets = sorted(self.secrets(), key=len, reverse=True)
        mtime = int(time.time() if now is None else now)
        buffer = io.BytesIO()
        listing = [
            f"pgo support export: {self.root}",
            "Every password, key and token was removed ('<redacted>'): fields by name, and their values",
            "wherever else they appeared.",
            "",
        ]
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            for entry in self.entries:
                if entry.data is None:
                    listing.append(
                        f"{entry.file:<24} MISSING   {entry.command}: {_scrub(entry.problem, secrets)}"
                    )
                    continue
                text = (
                    entry.data
                    if isinstance(entry.data, str)
                    else json.dumps(redact(entry.data), indent=2, ensure_ascii=False) + "\n"
                )
                body = _scrub(text, secrets).encode("utf-8")
                _add(tar, f"{self.root}/{entry.file}", body, mtime)
                state = _status(entry.data)
                listing.append(f"{entry.file:<24} {len(body):>9} {entry.command}{state}")
            _add(tar, f"{self.root}/LISTING.txt", ("\n".join(listing) + "\n").encode("utf-8"), mtime)
        return buffer.getvalue()


def client_info(version: str, client_version: str, sources: list[dict[str, str]]) -> dict[str, Any]:
    """The client's side: versions, platform and where each setting came from (no values that are secret)."""
    return {
        "pgo_cli": version,
        "client_version": client_version,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "settings": sources,
    }


#: Password-like keys whose values are settings, not secrets (pgo.yaml's ``PasswordLength`` …).
_SETTING_SUFFIXES = ("length", "agedays", "type")


def secret_key(key: str) -> bool:
    """The ``--debug`` rule for secret fields, less the password *settings* of ``show config``."""
    return is_secret_key(key) and not key.lower().endswith(_SETTING_SUFFIXES)


def redact(value: Any) -> Any:
    """A copy of a JSON value with every non-empty secret field replaced by ``<redacted>``."""
    if isinstance(value, Mapping):
        return {
            key: REDACTED if secret_key(str(key)) and isinstance(item, str) and item else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def _status(data: Any) -> str:
    if isinstance(data, Mapping):
        nested = data.get("status")
        status = nested if isinstance(nested, Mapping) else data
        if status.get("Code") == "error":
            return f" (the apiserver refused: {status.get('Msg', '')})"
    return ""


def _secret_values(value: Any, found: set[str]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if secret_key(str(key)) and isinstance(item, str):
                found.add(item)
            else:
                _secret_values(item, found)
    elif isinstance(value, list):
        for item in value:
            _secret_values(item, found)


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
        # the same secret as JSON writes it inside a string (quotes, backslashes escaped)
        escaped = json.dumps(secret, ensure_ascii=False)[1:-1]
        if escaped != secret:
            text = text.replace(escaped, REDACTED)
    return text


def _add(tar: tarfile.TarFile, name: str, body: bytes, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(body)
    info.mtime = mtime
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(body))
