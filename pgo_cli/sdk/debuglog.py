"""``--debug`` output: what was sent and received, with every secret redacted.

The Authorization header is never logged. JSON bodies have password-like fields replaced by
``<redacted>``, and the session's known secrets are scrubbed from any text as a second guard.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

REDACTED = "<redacted>"
_SECRET_KEY = re.compile(r"password|passwd|secret|token|backrest(s3key|gcskey)$", re.IGNORECASE)
# Keys that hold the *name* of a Kubernetes Secret, not a secret: TLSSecret, CASecret,
# ReplicationTLSSecret, PgBouncerTLSSecret, BackrestS3CASecretName, SecretFrom (create cluster)
# and a policy schedule's Secret. BackrestS3KeySecret (the S3 secret key itself) stays secret.
_SECRET_NAME_KEY = re.compile(r"(tls|ca)secret(name)?$|^secretfrom$|^secret$", re.IGNORECASE)
# A secret this long is scrubbed wherever it appears; a shorter one only where it stands alone
# (not inside a longer word), so a one-letter password does not blank every "p" of a message.
_SUBSTRING_SCRUB = 8
_MAX_BODY = 4096
# For text that does not parse as JSON (truncated bodies): "SomePassword": "value" pairs.
_SECRET_PAIR = re.compile(
    r'("[^"]*(?:password|passwd|secret|token|s3key|gcskey)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"?', re.IGNORECASE
)


#: Every secret this process has been given (pgouser password, Basic token, passwords in request
#: bodies): scrubbed from debug lines and from the Error/hint lines, whatever a server echoes back.
_KNOWN_SECRETS: set[str] = set()


def remember_secret(secret: str) -> None:
    """Register a secret that must never be printed."""
    if secret:
        _KNOWN_SECRETS.add(secret)


def forget_secrets() -> None:
    """Start a new invocation with no remembered secrets (``pgo_cli.cli.app.run`` calls it)."""
    _KNOWN_SECRETS.clear()


def remember_body_secrets(value: Any) -> None:
    """Register the values of password-like fields of a JSON request body."""
    if isinstance(value, dict):
        for key, item in value.items():
            if is_secret_key(str(key)) and isinstance(item, str):
                remember_secret(item)
            else:
                remember_body_secrets(item)
    elif isinstance(value, list):
        for item in value:
            remember_body_secrets(item)


def scrub(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every known secret replaced by ``<redacted>`` (longest first).

    A secret of 8 characters or more is replaced wherever it occurs; a shorter one only where no
    letter or digit touches it on either side (``"p"`` in ``secrets "p" not found``, not the ``p``
    of ``provided``).
    """
    for secret in sorted(_KNOWN_SECRETS.union(extra), key=len, reverse=True):
        if not secret:
            continue
        if len(secret) >= _SUBSTRING_SCRUB:
            text = text.replace(secret, REDACTED)
        else:
            pattern = r"(?<![^\W_])" + re.escape(secret) + r"(?![^\W_])"
            text = re.sub(pattern, REDACTED, text)
    return text


def is_secret_key(key: str) -> bool:
    """True for JSON keys whose values must never be shown (``Password``, ``BackrestS3Key`` …).

    Not for the keys that name a Kubernetes Secret (``TLSSecret``, ``SecretFrom`` …): their values
    are names the apiserver repeats in its messages (``secrets "tls" not found``)."""
    return (
        bool(_SECRET_KEY.search(key))
        and not key.lower().endswith("type")
        and not _SECRET_NAME_KEY.search(key)
    )


def redact(value: Any) -> Any:
    """A copy of a JSON value with secret fields replaced."""
    if isinstance(value, dict):
        return {
            key: (REDACTED if is_secret_key(str(key)) and isinstance(item, str) and item else redact(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


#: The logger a :class:`DebugLog` without a stream writes to (at ``DEBUG`` level).
LOGGER = "pgo_cli"


class DebugLog:
    """Writes ``debug: ...`` lines, scrubbing the secrets remembered for this run.

    The lines go to ``stream`` when one is given (``pgo`` hands over its stderr); without one, to
    the :data:`LOGGER` logger at ``DEBUG`` level, so that a program using the SDK decides where
    they go (``logging.basicConfig(level=logging.DEBUG)`` shows them on its stderr).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def line(self, text: str) -> None:
        text = scrub(text)
        if self.stream is None:
            import logging

            logging.getLogger(LOGGER).debug("debug: %s", text)
            return
        self.stream.write(f"debug: {text}\n")
        self.stream.flush()

    def body(self, label: str, payload: Any) -> None:
        """Log a JSON body (already parsed) or raw text, redacted and truncated."""
        if isinstance(payload, (dict, list)):
            text = json.dumps(redact(payload), separators=(",", ":"))
        elif isinstance(payload, bytes):
            text = _body_text(payload)
        else:
            text = str(payload)
        text = text.replace("\r", "\\r").replace("\n", "\\n")  # one log line per body
        if len(text) > _MAX_BODY:
            text = f"{text[:_MAX_BODY]}… ({len(text)} characters in all)"
        self.line(f"{label}: {text}")


def _body_text(payload: bytes) -> str:
    try:
        parsed = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        # Not JSON (perhaps cut short): redact anything shaped like a secret field.
        text = payload[: _MAX_BODY * 2].decode("utf-8", errors="replace")
        return _SECRET_PAIR.sub(lambda match: f'{match.group(1)}"{REDACTED}"', text)
    return json.dumps(redact(parsed), separators=(",", ":"))
