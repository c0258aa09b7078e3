"""The error contract: every failure is a :class:`PgoError` carrying its exit code.

The CLI turns these into one ``Error: ...`` line (plus an optional ``hint: ...``) on stderr at a
single boundary (:func:`pgo_cli.cli.app.main`). The Python API raises them unchanged.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit statuses documented in the README."""

    OK = 0
    API_ERROR = 1  # the apiserver answered Code "error"
    USAGE = 2  # bad usage or invalid input, found before anything was sent
    AUTH = 3  # 401 / 403
    UNREACHABLE = 4  # connection, TLS or timeout failure
    BAD_RESPONSE = 5  # not JSON, 5xx, unexpected status, wrong shape
    WAIT_TIMEOUT = 6  # --wait: the request was accepted but the operation did not finish in time
    INTERNAL = 70  # a bug in pgo_cli (EX_SOFTWARE)
    INTERRUPTED = 130  # Ctrl-C
    CLOSED_PIPE = 141  # stdout closed early: a shell's status for SIGPIPE (128 + 13)


#: Every exit status: a few words (the root help) and the full meaning (the README's table, which a
#: test keeps identical).
EXIT_CODES: dict[ExitCode, tuple[str, str]] = {
    ExitCode.OK: ("ok", 'success (also: `--help`; a "no" at the delete prompt)'),
    ExitCode.API_ERROR: (
        "the apiserver refused",
        'the apiserver answered `Code: "error"`; its `Msg` is the error line',
    ),
    ExitCode.USAGE: (
        "bad usage or input (nothing sent)",
        "bad usage or invalid input, found **before** anything was sent (unknown flag, bad value, "
        "missing URL, namespace, credentials or TLS files, no `--no-prompt` without a terminal)",
    ),
    ExitCode.AUTH: (
        "authentication or permission refused",
        "authentication or authorization refused (HTTP 401 / 403; the server's text is shown)",
    ),
    ExitCode.UNREACHABLE: (
        "unreachable, TLS or timeout",
        "the apiserver could not be reached, TLS was refused, or `--timeout` passed",
    ),
    ExitCode.BAD_RESPONSE: (
        "an unusable answer",
        "the apiserver answered something unusable: not JSON, HTTP 5xx, an unexpected status or "
        "redirect, a body of the wrong shape",
    ),
    ExitCode.WAIT_TIMEOUT: (
        "--wait ran out of time",
        "`--wait`: the request was accepted, but the operation had not visibly finished within "
        "`--wait-timeout` (the hint says what was pending and how to check)",
    ),
    ExitCode.INTERNAL: (
        "a bug in pgo_cli",
        "an internal error of pgo_cli (a bug: please report it; `--debug` shows where)",
    ),
    ExitCode.INTERRUPTED: ("interrupted", "interrupted (Ctrl-C)"),
    ExitCode.CLOSED_PIPE: (
        "stdout closed early",
        "stdout was closed early (e.g. `pgo show cluster --all \\| head -1`, `pgo watch alltopic \\| "
        "head -1`): help, data and error lines alike; nothing more is printed",
    ),
}


class PgoError(Exception):
    """Base of every error pgo_cli reports to a user.

    ``message`` is the text after ``Error: ``; ``hint`` an optional second line; ``sent`` tells
    whether the request may have reached the server (``None`` when nothing was to be sent).
    """

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None, sent: bool | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.sent = sent

    def __str__(self) -> str:
        return self.message


class UsageError(PgoError):
    """Bad usage or invalid input, detected before any request was sent (exit 2)."""

    exit_code = ExitCode.USAGE


class ConfigError(UsageError):
    """The session cannot be configured: URL, namespace, credentials or TLS files (exit 2)."""


class ApiError(PgoError):
    """The apiserver answered with ``Code: "error"`` (exit 1). ``response`` is the decoded reply."""

    exit_code = ExitCode.API_ERROR

    def __init__(self, message: str, *, response: Any = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.response = response


class AuthError(PgoError):
    """The apiserver refused the credentials (401) or the action (403) (exit 3)."""

    exit_code = ExitCode.AUTH

    def __init__(self, message: str, *, status: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


class TransportError(PgoError):
    """The apiserver could not be reached, or did not answer in time (exit 4)."""

    exit_code = ExitCode.UNREACHABLE


class TLSError(TransportError):
    """The TLS handshake failed or the server's certificate was refused (exit 4)."""


class ResponseError(PgoError):
    """The apiserver answered something unusable: not JSON, 5xx, odd status, wrong shape (exit 5)."""

    exit_code = ExitCode.BAD_RESPONSE

    def __init__(
        self, message: str, *, status: int | None = None, hint: str | None = None, sent: bool | None = True
    ) -> None:
        super().__init__(message, hint=hint, sent=sent)
        self.status = status


class WaitFailedError(PgoError):
    """``--wait``: the operation was accepted but visibly failed (exit 1)."""

    exit_code = ExitCode.API_ERROR


class WaitTimeoutError(PgoError):
    """``--wait``: the operation was accepted but had not finished in time (exit 6)."""

    exit_code = ExitCode.WAIT_TIMEOUT


class Interrupted(PgoError):
    """The user pressed Ctrl-C (exit 130)."""

    exit_code = ExitCode.INTERRUPTED


class PgoWarning(UserWarning):
    """A warning of the Python API (a pgouser file others can read …), issued with :mod:`warnings`
    when the :class:`~pgo_cli.sdk.connection.Connection` was given no ``warn`` callable."""
