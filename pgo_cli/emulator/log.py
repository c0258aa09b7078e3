"""The emulator's log: the stream ``pgo-emulator``'s ``main`` hands down (its stderr).

The core never reaches for the process's streams: the world, the broker and the pipeline write
through the ``log`` they were given. ``None`` (an emulator built in-process without one) discards.
"""

from __future__ import annotations

import threading
import traceback
from typing import TextIO

_LOCK = threading.Lock()


def write(log: TextIO | None, text: str) -> None:
    """Write ``text`` whole (one writer at a time) and flush; a closed or broken log is ignored."""
    if log is None:
        return
    with _LOCK:
        try:
            log.write(text)
            log.flush()
        except (OSError, ValueError):
            pass


def exception(log: TextIO | None) -> None:
    """The traceback of the exception being handled, as ``traceback.print_exc`` writes it."""
    if log is not None:
        write(log, traceback.format_exc())
