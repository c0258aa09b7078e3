"""``-o json``: one JSON document per invocation, in Go's ``MarshalIndent`` layout.

Several answers (one per cluster name) are merged into one document of the same shape as a single
answer, so that scripts written for pgo's ``-o json`` keep working: ``Results`` concatenated,
``Code``/``Msg`` of the first failure (else of the last answer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from pgo_cli.wire.gojson import dumps_go_indent

__all__ = ["merge_answers", "write_document"]


def merge_answers(answers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge flattened-status answers (``{"Results": [...], "Code": ..., "Msg": ...}``) into one."""
    if not answers:
        return {"Results": [], "Code": "ok", "Msg": ""}
    if len(answers) == 1:
        return dict(answers[0])
    merged: dict[str, Any] = dict(answers[-1])
    results: list[Any] = []
    for answer in answers:
        results.extend(_field(answer, "Results") or [])
    merged[_key(merged, "Results")] = results
    failed = [answer for answer in answers if _field(answer, "Code") == "error"]
    if failed:
        merged[_key(merged, "Code")] = "error"
        merged[_key(merged, "Msg")] = _field(failed[0], "Msg") or ""
    return merged


def _key(answer: Mapping[str, Any], name: str) -> str:
    for key in answer:
        if key.casefold() == name.casefold():
            return key
    return name


def _field(answer: Mapping[str, Any], name: str) -> Any:
    return answer.get(_key(answer, name))


def write_document(document: Any, out: TextIO) -> None:
    """Write ``document`` as Go's ``json.MarshalIndent(v, "", "  ")`` plus a newline."""
    out.write(dumps_go_indent(document) + "\n")
