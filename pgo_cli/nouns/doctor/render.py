"""The doctor's report as text (one line per step, a ``fix:`` line under problems), JSON or YAML.

Every line is scrubbed of the secrets this invocation knows (the password, its Basic token)
whatever a server echoed back. Colour only on a terminal, and never with ``NO_COLOR`` set.
"""

from __future__ import annotations

import json
from typing import TextIO

from pgo_cli.nouns.doctor.steps import Report, Status
from pgo_cli.sdk.debuglog import scrub

STATUS_WIDTH = 9
NAME_WIDTH = 18
_COLOURS = {Status.OK: "32", Status.WARNING: "33", Status.FAILED: "31;1", Status.SKIPPED: "2"}


def write_text(report: Report, out: TextIO, *, colour: bool = False) -> None:
    indent = " " * STATUS_WIDTH
    for step in report.steps:
        label = step.status.value.ljust(STATUS_WIDTH)
        if colour:
            label = f"\x1b[{_COLOURS[step.status]}m{step.status.value}\x1b[0m".ljust(
                STATUS_WIDTH + len(_COLOURS[step.status]) + 7
            )
        out.write(f"{label}{step.name.ljust(NAME_WIDTH)}{scrub(step.detail)}\n".rstrip() + "\n")
        if step.fix and step.status in (Status.FAILED, Status.WARNING):
            out.write(f"{indent}{'fix:'.ljust(NAME_WIDTH)}{scrub(step.fix)}\n")
    out.write(summary(report) + "\n")


def summary(report: Report) -> str:
    warnings = report.count(Status.WARNING)
    skipped = report.count(Status.SKIPPED)
    warned = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    if report.exit_code == 0:
        return f"all checks passed{warned}"
    failures = [step for step in report.steps if step.status is Status.FAILED]
    first = failures[0]
    more = f" and {len(failures) - 1} more" if len(failures) > 1 else ""
    left = f"; {skipped} not checked" if skipped else ""
    return f"failed: {first.name}{more} (exit {report.exit_code}){warned}{left}"


def write_json(report: Report, out: TextIO) -> None:
    out.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")


def write_yaml(report: Report, out: TextIO) -> None:
    """The JSON document as YAML (PyYAML, imported only when asked)."""
    from pgo_cli.output.json_out import write_yaml as write_document

    write_document(report.as_json(), out)
