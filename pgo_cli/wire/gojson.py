"""Go's rules for JSON and strings, as pgo and the apiserver apply them.

* Decoding (``encoding/json``): object keys match struct fields case-insensitively (when several
  keys match one field the last in the object wins), absent keys and ``null`` leave the zero
  value, unknown keys are ignored.
* Encoding: :func:`dumps_go` writes compact JSON with ``<``, ``>`` and ``&`` escaped as Go does;
  :func:`dumps_go_indent` is ``json.MarshalIndent(v, "", "  ")``.
* :func:`go_quote` is ``fmt.Sprintf("%q", s)``, used in pgo's validation messages.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_GO_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_GO_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def parse_go_bool(text: str) -> bool | None:
    """Go's ``strconv.ParseBool``: True/False for its accepted spellings, None otherwise."""
    if text in _GO_TRUE:
        return True
    if text in _GO_FALSE:
        return False
    return None


def fold_key(text: str) -> str:
    """A form of ``text`` under which two keys are equal exactly when Go's ``strings.EqualFold`` is.

    EqualFold compares rune by rune through Unicode simple case folding: ``K`` (Kelvin) equals
    ``k`` and ``ſ`` equals ``s``, but ``ß`` never equals ``ss`` (``str.casefold`` would say it
    does) and ``ı`` equals no ``i``.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_rune(char) for char in text)


def _fold_rune(char: str) -> str:
    folded = _RUNE_FOLDS.get(char)
    if folded is None:
        upper = char.upper()
        lower = upper.lower() if len(upper) == 1 else char.lower()
        folded = lower if len(lower) == 1 and char not in _NO_SIMPLE_FOLD else char
        _RUNE_FOLDS[char] = folded
    return folded


_RUNE_FOLDS: dict[str, str] = {}
#: Runes whose full case mapping reaches an ASCII letter though their simple folding does not.
_NO_SIMPLE_FOLD = frozenset("\u0131\u0130")


def fold_keys(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The object keyed by folded keys (:func:`fold_key`), as Go matches keys to struct fields.

    Every key matching a field case-insensitively fills it in turn, so the *last* one in the
    object wins, an exact-case match included.
    """
    return {fold_key(key): value for key, value in obj.items()}


def lookup(obj: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """Fetch ``key`` from a decoded JSON object the way Go fills a struct field."""
    return fold_keys(obj).get(fold_key(key), default)


def dumps_go(value: Any) -> str:
    """Compact JSON as Go's ``json.Marshal`` writes it (the one encoder of the project).

    Go escapes ``<``, ``>``, ``&``, U+2028 and U+2029 in strings, writes control characters other
    than ``\\n``, ``\\r`` and ``\\t`` as ``\\u00XX``, writes other characters as UTF-8, and
    replaces what is not valid UTF-8 (here: lone surrogates) with U+FFFD. The transport (request
    bodies), ``--dry-run``, ``-o json`` and the emulator's answers all use it, so the body a dry
    run prints is the body sent.
    """
    return _fixed(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def dumps_go_indent(value: Any) -> str:
    """``json.MarshalIndent(value, "", "  ")``: two-space indent, ``"key": value``."""
    return _fixed(json.dumps(value, indent=2, ensure_ascii=False))


def sorted_map(mapping: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A Go map as ``encoding/json`` writes it: keys sorted byte-wise (nil stays nil)."""
    if mapping is None:
        return None
    return {k: mapping[k] for k in sorted(mapping, key=lambda k: k.encode("utf-8"))}


def encode_go(value: Any) -> bytes:
    """``json.NewEncoder(w).Encode(value)``: compact, HTML-escaped, a newline after it."""
    return (dumps_go(value) + "\n").encode("utf-8")


# json.dumps writes \b and \f where Go writes \u0008 and \u000c: an escape is such a pair when the
# backslash before the letter is not itself escaped (an even run of backslashes precedes it).
_SHORT_ESCAPES = re.compile(r"(?<!\\)((?:\\\\)*)\\([bf])")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _fixed(text: str) -> str:
    if "\\b" in text or "\\f" in text:
        text = _SHORT_ESCAPES.sub(
            lambda m: m.group(1) + ("\\u0008" if m.group(2) == "b" else "\\u000c"), text
        )
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return _escape_html(text)


def _escape_html(text: str) -> str:
    # Inside JSON output these characters can only occur within strings, so a global replace is
    # exactly Go's escaping. U+2028/2029 are escaped by Go as well.
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(text: str) -> str:
    """Go's ``%q`` of a string: a double-quoted Go literal, printable Unicode kept."""
    out = ['"']
    for char in text:
        if char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif _is_go_printable(char):
            out.append(char)
        elif "\ud800" <= char <= "\udfff":
            # Not a character: bytes of an argument that was not UTF-8 (Python's surrogate
            # escapes). Go's %q shows each invalid byte as \xNN.
            errors = "surrogateescape" if "\udc80" <= char <= "\udcff" else "surrogatepass"
            out.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8", errors))
        else:
            code = ord(char)
            if code < 0x80:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _is_go_printable(char: str) -> bool:
    # strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    if char == " ":
        return True
    category = unicodedata.category(char)
    return category[0] in "LMNPS"
