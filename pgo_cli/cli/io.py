"""The I/O seam: the streams, environment and terminal state one invocation works with.

Commands and renderers take an :class:`IO` and never reach for ``sys.stdout``, ``sys.stdin`` or
``os.environ`` themselves, so tests can hand them strings and a pretend terminal (httpie's
``Environment``, gh's ``IOStreams``).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO


def isatty(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or odd stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@dataclass
class IO:
    """Streams, environment and TTY state of one invocation."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str] = field(default_factory=dict)
    stdin_tty: bool = False
    stdout_tty: bool = False
    stderr_tty: bool = False
    width: int = 80

    @classmethod
    def system(cls) -> IO:
        """The process's own streams and environment."""
        stdout_tty = isatty(sys.stdout)
        width = shutil.get_terminal_size((80, 24)).columns if stdout_tty else _columns(os.environ)
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            environ=os.environ,
            stdin_tty=isatty(sys.stdin),
            stdout_tty=stdout_tty,
            stderr_tty=isatty(sys.stderr),
            width=width,
        )

    @classmethod
    def fake(
        cls,
        stdin: str = "",
        *,
        environ: Mapping[str, str] | None = None,
        tty: bool = False,
        width: int | None = None,
    ) -> IO:
        """In-memory streams (for tests): read ``stdout.getvalue()`` afterwards. The width is, as
        for :meth:`system` off a terminal, ``COLUMNS`` of ``environ`` (else 80) unless given."""
        return cls(
            stdin=io.StringIO(stdin),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
            environ=dict(environ or {}),
            stdin_tty=tty,
            stdout_tty=tty,
            stderr_tty=tty,
            width=width if width is not None else _columns(environ or {}),
        )

    def error(self, message: str, hint: str | None = None) -> None:
        """The one way an error reaches the user: ``Error: <first line>`` and ``hint: ...`` on stderr.

        Every secret this invocation sent is scrubbed, whatever a server echoed back.
        """
        from pgo_cli.sdk.debuglog import scrub

        text = scrub(message).strip()
        first_line = text.splitlines()[0] if text else "unknown error"
        self.stderr.write(f"Error: {first_line}\n")
        if hint:
            self.stderr.write(f"hint: {scrub(hint)}\n")
        self.stderr.flush()

    def warn(self, line: str) -> None:
        """One line of warning (or note) on stderr, as written."""
        self.stderr.write(line + "\n")
        self.stderr.flush()

    def colour(self, text: str, code: str) -> str:
        """``text`` in an ANSI colour (``"32"`` green, ``"31"`` red) on a terminal, plain otherwise.

        pgo colours with fatih/color, which is off when stdout is not a terminal or ``NO_COLOR``
        is set.
        """
        if not self.stdout_tty or "NO_COLOR" in self.environ:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"


def _columns(environ: Mapping[str, str]) -> int:
    try:
        return max(20, int(environ.get("COLUMNS", "")))
    except ValueError:
        return 80
