"""The emulated world: one object per emulator holding what every handler shares.

The clock and the random generator (both replaceable, so tests move time by hand and seed names),
the settings (the emulator's options and its pgo.yaml), the state database, and :meth:`World.reconcile`:
the one place where delayed effects catch up with the clock. Handlers reach it as
``request.world``; it knows no noun.

Most delayed effects need no stored transition: a pod is ``Running`` once the clock passes its
``ready_at`` (:mod:`pgo_cli.emulator.model`), a workflow completes when its cluster is ready. The
effects that change what is stored are :class:`ReconcileRule` s, run by :meth:`World.reconcile`
before a handler reads or writes: the rules each noun declares beside its ``HANDLERS`` as
``RECONCILE = (rule, ...)`` (a deleted cluster's rmdata job, a restore that settles, a schedule
that fires), found through the nouns index like the handlers.
"""

from __future__ import annotations

import datetime
import importlib
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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


#: A :attr:`ReconcileRule.order` that runs a rule before the others (a deleted cluster's removal).
FIRST = -1


@dataclass(frozen=True)
class ReconcileRule:
    """A delayed effect that changes what is stored, declared by the noun that owns it."""

    name: str
    #: Whether the effect has work at this moment (cheap: it runs on every reconcile).
    due: Callable[[sqlite3.Connection, float], bool]
    #: Do the work, inside the caller's write transaction.
    run: Callable[[sqlite3.Connection, float, World], object]
    #: Rules run by ascending order, those of equal order in the order given (the index's).
    order: int = 0


def rules_of(modules: Iterable[str]) -> tuple[ReconcileRule, ...]:
    """The ``RECONCILE`` rules the given noun modules declare, in module order."""
    return tuple(rule for name in modules for rule in getattr(importlib.import_module(name), "RECONCILE", ()))


def _ordered(rules: Iterable[ReconcileRule]) -> tuple[ReconcileRule, ...]:
    return tuple(sorted(rules, key=lambda rule: rule.order))  # stable: equal orders keep theirs


class World:
    """The state, settings, clock, randomness and log of one emulator, and the delayed effects."""

    def __init__(
        self,
        st: state_db.State,
        settings: Settings,
        clock: Clock = time.time,
        rng: random.Random | None = None,
        log: TextIO | None = None,
        rules: Sequence[ReconcileRule] | None = None,
    ) -> None:
        self.state = st
        self.settings = settings
        self.clock = clock
        self.rng = rng or random.SystemRandom()
        #: Where notices and tracebacks go (``pgo-emulator``'s stderr, from its ``main``); None discards.
        self.log = log
        #: The nouns' reconcile rules (None: those of every noun in the index, found on first use).
        self._rules = None if rules is None else _ordered(rules)

    @property
    def pgo(self) -> PgoYaml:
        """The emulated installation's pgo.yaml."""
        return self.settings.pgo

    def now(self) -> float:
        """The emulated time (seconds since the epoch)."""
        return self.clock()

    # ------------------------------------------------------------------ delayed effects

    @property
    def rules(self) -> tuple[ReconcileRule, ...]:
        """Every delayed effect, in the order they run (by ``order``, then the index's)."""
        if self._rules is None:
            from pgo_cli.index import EMULATOR_MODULES

            self._rules = _ordered(rules_of(EMULATOR_MODULES))
        return self._rules

    def reconcile(self, conn: sqlite3.Connection | None = None, now: float | None = None) -> None:
        """Catch up with the clock: run every delayed effect that is due.

        With ``conn`` (a write transaction) it runs inside the caller's transaction; without, it
        opens a write transaction only when something is due.
        """
        moment = self.clock() if now is None else now
        rules = self.rules
        if conn is None:
            with self.state.read() as reader:
                if not any(rule.due(reader, moment) for rule in rules):
                    return
            with self.state.write() as writer:
                self._run(writer, moment, rules)
            return
        self._run(conn, moment, rules)

    def _run(self, conn: sqlite3.Connection, moment: float, rules: tuple[ReconcileRule, ...]) -> None:
        for rule in rules:
            if rule.due(conn, moment):
                rule.run(conn, moment, self)

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
