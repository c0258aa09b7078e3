"""The doctor's report: steps in order, each ok, warning, failed or skipped, and what they prove.

A step *provides* facts (``"url"``, ``"tls"``, ``"server-trust"`` …) that later steps *need*.
A failed step breaks the facts it provides; a later step needing a broken fact is not run and is
listed as skipped, naming the failure that stopped it. So the doctor stops exactly where a
failure makes the rest meaningless, and goes on where it does not (a missing namespace does not
prevent checking TLS). The exit code is that of the first failure, 0 when nothing failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pgo_cli.errors import ExitCode, PgoError
from pgo_cli.sdk.debuglog import scrub


class Status(str, Enum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass
class Step:
    """One line of the report. ``code`` is the exit code a failure stands for."""

    name: str
    status: Status
    detail: str
    fix: str = ""
    code: int = 0

    def as_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "name": self.name,
            "status": self.status.value,
            "detail": scrub(self.detail),
            "fix": scrub(self.fix),
        }
        if self.status is Status.FAILED:
            document["exit_code"] = self.code
        return document


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)
    #: fact -> the name of the failed step that broke it
    broken: dict[str, str] = field(default_factory=dict)

    def add(self, step: Step, provides: Iterable[str] = ()) -> Step:
        self.steps.append(step)
        if step.status is Status.FAILED:
            for fact in provides:
                self.broken.setdefault(fact, step.name)
        return step

    def ok(self, name: str, detail: str, provides: Iterable[str] = ()) -> Step:
        return self.add(Step(name, Status.OK, detail), provides)

    def warning(self, name: str, detail: str, fix: str = "", provides: Iterable[str] = ()) -> Step:
        return self.add(Step(name, Status.WARNING, detail, fix), provides)

    def failed(self, name: str, detail: str, fix: str, code: int, provides: Iterable[str] = ()) -> Step:
        return self.add(Step(name, Status.FAILED, detail, fix or "", int(code)), provides)

    def failed_with(self, name: str, error: PgoError, provides: Iterable[str] = (), fix: str = "") -> Step:
        """A failed step from an SDK error: its message, its hint as the fix, its exit code."""
        return self.failed(name, error.message, fix or error.hint or "", error.exit_code, provides)

    def skipped(self, name: str, detail: str) -> Step:
        return self.add(Step(name, Status.SKIPPED, detail))

    def blocked(self, name: str, needs: Iterable[str], provides: Iterable[str] = ()) -> bool:
        """When a fact ``name`` needs is broken, list it as skipped and say so (True).

        What the skipped step would have provided is broken too, by the same failure.
        """
        for fact in needs:
            culprit = self.broken.get(fact)
            if culprit is not None:
                self.skipped(name, f"not checked: {culprit} failed")
                for provided in provides:
                    self.broken.setdefault(provided, culprit)
                return True
        return False

    def is_broken(self, fact: str) -> bool:
        return fact in self.broken

    @property
    def exit_code(self) -> int:
        for step in self.steps:
            if step.status is Status.FAILED:
                return step.code
        return int(ExitCode.OK)

    def count(self, status: Status) -> int:
        return sum(1 for step in self.steps if step.status is status)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.exit_code == 0,
            "exit_code": self.exit_code,
            "steps": [step.as_json() for step in self.steps],
        }
