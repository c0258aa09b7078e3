"""The emulated world: one object per emulator holding what every handler shares.

The clock and the random generator (both replaceable, so tests move time by hand and seed names),
the settings (the emulator's options and its pgo.yaml), the state database, and :meth:`World.reconcile`:
the one place where delayed effects catch up with the clock. Handlers reach it as
``request.world``; it knows no noun.

Most delayed effects need no stored transition: a pod is ``Running`` once the clock passes its
``ready_at`` (:mod:`pgo_cli.emulator.model`), a workflow completes when its cluster is ready. The
rmdata job of a deleted cluster is the one effect that changes what is stored; it runs here, before
a handler reads or writes clusters.
"""

from __future__ import annotations

import datetime
import random
import sqlite3
import time
from collections.abc import Callable
from typing import TextIO

from pgo_cli.emulator import state as state_db
from pgo_cli.emulator.config import PgoYaml, Settings

Clock = Callable[[], float]

#: ``util.GeneratePassword``'s alphabet: ASCII 40..125 without backquote and backslash.
PASSWORD_CHARS = "".join(chr(c) for c in range(40, 126) if chr(c) not in "`\\")
#: Kubernetes' ``SafeEncodeString`` alphabet (the random part of generated object names).
K8S_NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789"
LOWERCASE = "abcdefghijklmnopqrstuvwxyz"


def rfc3339(timestamp: float) -> str:
    """``time.Time.Format(time.RFC3339)`` of a moment in a UTC pod (whole seconds, ``Z``)."""
    moment = datetime.datetime.fromtimestamp(int(timestamp), datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class World:
    """The state, settings, clock, randomness and log of one emulator, and the delayed effects."""

    def __init__(
        self,
        st: state_db.State,
        settings: Settings,
        clock: Clock = time.time,
        rng: random.Random | None = None,
        log: TextIO | None = None,
    ) -> None:
        self.state = st
        self.settings = settings
        self.clock = clock
        self.rng = rng or random.SystemRandom()
        #: Where notices and tracebacks go (``pgo-emulator``'s stderr, from its ``main``); None discards.
        self.log = log

    @property
    def pgo(self) -> PgoYaml:
        """The emulated installation's pgo.yaml."""
        return self.settings.pgo

    def now(self) -> float:
        """The emulated time (seconds since the epoch)."""
        return self.clock()

    # ------------------------------------------------------------------ delayed effects

    def reconcile(self, conn: sqlite3.Connection | None = None, now: float | None = None) -> None:
        """Catch up with the clock: run every rmdata job that is due (the clusters vanish).

        With ``conn`` (a write transaction) it runs inside the caller's transaction; without, it
        opens a write transaction only when something is due.
        """
        moment = self.clock() if now is None else now
        if conn is not None:
            if state_db.deletions_due(conn, moment):
                state_db.finish_deletions(conn, moment)
            return
        with self.state.read() as reader:
            due = state_db.deletions_due(reader, moment)
        if due:
            with self.state.write() as writer:
                state_db.finish_deletions(writer, moment)

    # ------------------------------------------------------------------ randomness

    def password(self, length: int = 0) -> str:
        """``util.GeneratePassword``; ``length`` <= 0 takes pgo.yaml's ``PasswordLength`` (24)."""
        size = length if length > 0 else (self.pgo.password_length or 24)
        return "".join(self.rng.choice(PASSWORD_CHARS) for _ in range(size))

    def suffix(self, n: int, alphabet: str = K8S_NAME_CHARS) -> str:
        """``n`` random characters for a generated object name."""
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def cluster_ip(self) -> str:
        """A Service's ClusterIP in the emulated service network."""
        return f"10.96.{self.rng.randrange(0, 256)}.{self.rng.randrange(1, 255)}"

    def resource_version(self) -> str:
        """A new object's ``metadata.resourceVersion``."""
        return str(self.rng.randrange(100000, 9999999))
