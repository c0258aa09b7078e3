"""``-o json``: one JSON document per invocation, in Go's ``MarshalIndent`` layout; ``-o yaml``:
the same document as YAML (kubectl's ``-o yaml``).

Several answers (one per cluster name) are merged into one document of the same shape as a single
answer, so that scripts written for pgo's ``-o json`` keep working: lists concatenated
(``Results``, ``Items`` …), ``Code``/``Msg`` of the first failure (else of the last answer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from pgo_cli.wire.gojson import dumps_go_indent_bytes

__all__ = ["merge_answers", "write_document", "write_yaml"]


def merge_answers(answers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge several answers of one command into one document of the same shape.

    Lists are concatenated wherever the answers have them (``Results``, ``Items``,
    ``BackupList.items`` …, one level of nesting deep), other values come from the last answer,
    and ``Code``/``Msg`` are those of the first failure, if any.
    """
    if not answers:
        return {"Results": [], "Code": "ok", "Msg": ""}
    if len(answers) == 1:
        return dict(answers[0])
    merged: dict[str, Any] = {}
    for answer in answers:
        merged = _merged(merged, answer, depth=0)
    failed = [answer for answer in answers if _field(answer, "Code") == "error"]
    if failed:
        merged[_key(merged, "Code")] = "error"
        merged[_key(merged, "Msg")] = _field(failed[0], "Msg") or ""
    return merged


def _merged(into: Mapping[str, Any], answer: Mapping[str, Any], depth: int) -> dict[str, Any]:
    result = dict(into)
    for key, value in answer.items():
        existing_key = _key(result, key)
        existing = result.get(existing_key)
        if isinstance(value, list) and isinstance(existing, list):
            result[existing_key] = [*existing, *value]
        elif isinstance(value, Mapping) and isinstance(existing, Mapping) and depth == 0:
            result[existing_key] = _merged(existing, value, depth + 1)
        elif value is None and isinstance(existing, list):
            continue  # a nil slice adds nothing to what the other answers listed
        else:
            result[existing_key] = value
    return result


def _key(answer: Mapping[str, Any], name: str) -> str:
    for key in answer:
        if key.casefold() == name.casefold():
            return key
    return name


def _field(answer: Mapping[str, Any], name: str) -> Any:
    return answer.get(_key(answer, name))


def write_document(document: Any, out: TextIO) -> None:
    """Write ``document`` as Go's ``json.MarshalIndent(v, "", "  ")`` plus a newline.

    The UTF-8 bytes go straight to the stream's binary buffer when it has one (no text copy of a
    document that can be tens of MB); ``out`` is flushed first so that what it holds comes before.
    """
    data = dumps_go_indent_bytes(document)
    buffer = getattr(out, "buffer", None)
    if buffer is None or (getattr(out, "encoding", None) or "").lower().replace("-", "") != "utf8":
        out.write(data.decode("utf-8") + "\n")
        return
    out.flush()
    buffer.write(data)
    buffer.write(b"\n")
    buffer.flush()


def write_yaml(document: Any, out: TextIO) -> None:
    """``document`` as YAML: block style, keys in the answer's order (PyYAML, imported only here)."""
    import yaml

    out.write(
        yaml.safe_dump(document, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1 << 30)
    )
