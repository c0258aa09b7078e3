"""YAML as pgo's ``show config`` writes it: ``sigs.k8s.io/yaml`` v1.2.0 over ``gopkg.in/yaml.v2`` v2.4.0.

``yaml.Marshal(v)`` there encodes ``v`` to JSON, reads that JSON back as YAML and emits it with
yaml.v2, so only JSON values occur: maps (keys sorted by yaml.v2's ``keyList.Less``), lists,
strings, numbers, booleans and null. The emitter's choices reproduced here:

* block style, 2-space indentation, sequences inside a mapping not indented (``key:\\n- a``),
  ``{}`` and ``[]`` for empty collections;
* a string is written plain unless it would read back as something else (``""``, ``"true"``,
  ``"y"``, ``"5432"``, ``"1e3"``, ``"2021-01-01"``, ``"1:20"`` …: double quotes) or libyaml
  does not allow it plain (leading indicator, ``": "``, ``" #"``, surrounding spaces …: single
  quotes); multi-line strings use the literal style (``|``, ``|-``, ``|+``);
* plain text longer than the line width (80) is folded at spaces, as yaml.v2 does.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["dumps", "key_less"]

BEST_WIDTH = 80

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "true", "True", "TRUE", "false", "False", "FALSE",
    "on", "On", "ON", "off", "Off", "OFF",
}  # fmt: skip
_SPECIAL_FLOATS = {
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
}  # fmt: skip
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMP_FORMATS = (
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{2}:\d{2}(\.\d+)?([Zz]|[-+]\d{1,2}(:\d{2})?)?$"),
    re.compile(
        r"^\d{4}-\d{1,2}-\d{1,2}[ \t]+\d{1,2}:\d{2}:\d{2}(\.\d+)?([ \t]*([Zz]|[-+]\d{1,2}(:\d{2})?))?$"
    ),
    re.compile(r"^\d{4}-\d{2}-\d{2}$"),
)
_GO_INT = re.compile(r"^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9_]+)$")


def dumps(value: Any) -> str:
    """The text of ``yaml.Marshal(value)`` (ends with a newline)."""
    lines: list[str] = []
    if isinstance(value, Mapping) and value:
        _mapping(value, 0, lines)
    elif isinstance(value, (list, tuple)) and value:
        _sequence(value, 0, lines)
    else:
        lines.append(_inline(value, 0))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- key order


def key_less(a: str, b: str) -> bool:
    """yaml.v2's ``keyList.Less`` for two string keys (sorter.go)."""
    ar, br = a, b
    for i in range(min(len(ar), len(br))):
        if ar[i] == br[i]:
            continue
        al, bl = ar[i].isalpha(), br[i].isalpha()
        if al and bl:
            return ar[i] < br[i]
        if al or bl:
            return bl
        an = bn = 0
        if ar[i] == "0" or br[i] == "0":
            j = i - 1
            while j >= 0 and ar[j].isdigit():
                if ar[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(ar) and ar[ai].isdigit():
            an = an * 10 + int(ar[ai])
            ai += 1
        bi = i
        while bi < len(br) and br[bi].isdigit():
            bn = bn * 10 + int(br[bi])
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ar[i] < br[i]
    return len(ar) < len(br)


def _sorted_keys(mapping: Mapping[str, Any]) -> list[str]:
    import functools

    def compare(a: str, b: str) -> int:
        if key_less(a, b):
            return -1
        if key_less(b, a):
            return 1
        return 0

    return sorted((str(k) for k in mapping), key=functools.cmp_to_key(compare))


# ------------------------------------------------------------------------------- emitting


def _mapping(
    mapping: Mapping[str, Any], indent: int, lines: list[str], first_prefix: str | None = None
) -> None:
    pad = " " * indent
    for index, key in enumerate(_sorted_keys(mapping)):
        value = mapping[key]
        head = (first_prefix if index == 0 and first_prefix is not None else pad) + _scalar(key, indent) + ":"
        _entry(head, value, indent, lines, nested_indent=indent + 2, sequence_indent=indent)


def _sequence(items: Sequence[Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for index, item in enumerate(items):
        head = (first_prefix if index == 0 and first_prefix is not None else pad) + "-"
        if isinstance(item, Mapping) and item:
            _mapping(item, indent + 2, lines, first_prefix=head + " ")
        elif isinstance(item, (list, tuple)) and item:
            _sequence(item, indent + 2, lines, first_prefix=head + " ")
        else:
            _entry(head, item, indent, lines, nested_indent=indent + 2, sequence_indent=indent + 2)


def _entry(
    head: str, value: Any, indent: int, lines: list[str], *, nested_indent: int, sequence_indent: int
) -> None:
    if isinstance(value, Mapping) and value:
        lines.append(head)
        _mapping(value, nested_indent, lines)
    elif isinstance(value, (list, tuple)) and value:
        lines.append(head)
        _sequence(value, sequence_indent, lines)
    elif isinstance(value, str) and "\n" in value:
        lines.append(head + " " + _literal_header(value))
        body_pad = " " * nested_indent
        text = value[:-1] if value.endswith("\n") else value
        lines.extend((body_pad + line) if line else "" for line in text.split("\n"))
    else:
        lines.append(head + " " + _inline(value, nested_indent, column=len(head) + 1))


def _literal_header(value: str) -> str:
    chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
    indicator = "2" if value[:1] in (" ", "\n") else ""
    return "|" + indicator + chomp


def _inline(value: Any, indent: int, column: int = 0) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, (list, tuple)):
        return "[]"
    return _scalar(str(value), indent, column)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value.is_integer() and abs(value) < 1e21:
        # The JSON text of an integral float64 (e.g. 24) reads back as a YAML int.
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        digits = exponent.lstrip("+-").lstrip("0") or "0"
        text = f"{mantissa}e{sign}{digits.zfill(2)}"
    return text


# ------------------------------------------------------------------------------- scalars


def resolves_to_string(text: str) -> bool:
    """Whether a plain ``text`` reads back as a string (yaml.v2 ``resolve``), not null/bool/number/time."""
    if text in _NULLS or text in _BOOLS or text in _SPECIAL_FLOATS:
        return False
    first = text[0]
    if first == "." and _is_float(text):
        return False
    if first.isdigit() or first in "+-":
        plain = text.replace("_", "")
        if _GO_INT.match(plain) and _go_int_ok(plain):
            return False
        if _YAML_FLOAT.match(plain):
            return False
        if first.isdigit() and any(p.match(text) for p in _TIMESTAMP_FORMATS):
            return False
    return not _BASE60_FLOAT.match(text)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _go_int_ok(text: str) -> bool:
    body = text.lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        return len(body) > 2
    if len(body) > 1 and body.startswith("0"):
        return all(c in "01234567" for c in body)  # Go's base-0 octal
    return bool(body)


def _printable(ch: str) -> bool:
    code = ord(ch)
    if ch in "\t\n":
        return True
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return False
    return unicodedata.category(ch) != "Cs"


def _plain_allowed(text: str) -> tuple[bool, bool]:
    """libyaml's ``analyze_scalar`` for block context: (plain allowed, single quotes allowed)."""
    if text.startswith(("---", "...")):
        return False, True
    plain = single = True
    if text[0] in " " or text[-1] in " ":
        plain = False
    if any(not _printable(ch) for ch in text):
        return False, False
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        followed_by_space = nxt in ("", " ", "\t", "\n")
        if i == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                plain = False
            if ch in "?:-" and followed_by_space:
                plain = False
        else:
            if ch == ":" and followed_by_space:
                plain = False
            if ch == "#" and text[i - 1] in " \t":
                plain = False
        if ch == "\t":
            plain = False
    return plain, single


def _scalar(text: str, indent: int, column: int = 0) -> str:
    if text == "":
        return '""'
    if not resolves_to_string(text):
        return _double_quoted(text)
    plain, single = _plain_allowed(text)
    if plain:
        return _fold(text, indent, column)
    if single:
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


def _fold(text: str, indent: int, column: int) -> str:
    """Plain text broken at single spaces once past the line width (yaml.v2's best_width)."""
    if " " not in text or column + len(text) <= BEST_WIDTH:
        return text
    out: list[str] = []
    col = column
    i = 0
    while i < len(text):
        ch = text[i]
        if (
            ch == " "
            and col > BEST_WIDTH
            and i + 1 < len(text)
            and text[i + 1] != " "
            and (i == 0 or text[i - 1] != " ")
        ):
            out.append("\n" + " " * indent)
            col = indent
        else:
            out.append(ch)
            col += 1
        i += 1
    return "".join(out)


def _double_quoted(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
    out = []
    for ch in text:
        if ch in escapes:
            out.append(escapes[ch])
        elif not _printable(ch):
            code = ord(ch)
            out.append(
                f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
