"""Go's rules for JSON and strings, as pgo and the apiserver apply them.

* Decoding (``encoding/json``): object keys match struct fields case-insensitively (when several
  keys match one field the last in the object wins), absent keys and ``null`` leave the zero
  value, unknown keys are ignored.
* Encoding: :func:`dumps_go` writes compact JSON with ``<``, ``>`` and ``&`` escaped as Go does;
  :func:`dumps_go_indent` is ``json.MarshalIndent(v, "", "  ")``.
* :func:`go_quote` is ``fmt.Sprintf("%q", s)``, used in pgo's validation messages.
"""

from __future__ import annotations

import decimal
import json
import math
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
    """``json.MarshalIndent(value, "", "  ")``: two-space indent, ``"key": value``.

    Keys stay in the mapping's order; strings are escaped as :func:`dumps_go` escapes them; numbers
    are written as Go writes them (an integral float as an integer, ``0.000015``, ``1e-7``,
    ``1e+21``). See :func:`dumps_go_indent_bytes`, which this decodes.
    """
    return dumps_go_indent_bytes(value).decode("utf-8")


def dumps_go_indent_bytes(value: Any) -> bytes:
    """:func:`dumps_go_indent` as UTF-8 bytes, at C speed for the documents answers are made of.

    The standard library indents in pure Python (~450 ms for a 2,000-cluster answer) and has no C
    re-indenter; orjson writes the same layout in C (~15 ms). Its output differs from Go's only
    where checked here: ``<``, ``>``, ``&``, U+2028/2029 (replaced afterwards, each only when
    present: a one-byte scan), ``\\b``/``\\f`` (only when a backslash occurs) and floats (a
    document holding any takes :func:`_indent_exact`, as does one orjson refuses: a lone
    surrogate, an integer beyond 64 bits, a non-string key, another type).
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - a declared dependency
        return _indent_exact(value).encode("utf-8")
    if _holds_float(value):
        return _indent_exact(value).encode("utf-8")
    try:
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _indent_exact(value).encode("utf-8")
    if b"\\" in raw and (b"\\b" in raw or b"\\f" in raw):
        raw = _SHORT_ESCAPES_BYTES.sub(
            lambda m: m.group(1) + (b"\\u0008" if m.group(2) == b"b" else b"\\u000c"), raw
        )
    for char, escaped in _HTML_BYTES:
        if char in raw:
            raw = raw.replace(char, escaped)
    if b"\xe2" in raw:  # the lead byte of U+2028 and U+2029
        raw = raw.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
    return raw


def loads_quick(payload: bytes | bytearray | memoryview) -> tuple[bool, Any]:
    """``(True, value)`` when orjson reads ``payload`` exactly as ``json.loads`` would, else ``(False, None)``.

    orjson decodes at about twice the standard library's speed and is strict: anything it
    refuses (a lone surrogate escape, NaN, a number too large for a double, leading non-JSON
    whitespace, trailing data, invalid UTF-8, nesting beyond 1,024) is left to the caller's
    standard-library reading, which keeps its own rules and messages. The one value orjson
    reads differently is an integer beyond 64 bits (it gives a float): a payload that may hold
    one (:func:`has_long_digit_run`) is left to the caller as well.
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - a declared dependency
        return False, None
    if has_long_digit_run(payload):
        return False, None
    try:
        return True, orjson.loads(payload)
    except orjson.JSONDecodeError:
        return False, None


#: Every digit (and the minus sign) as ``0``, every byte that may come just before a number
#: (``:``, ``[``, ``,``, JSON's whitespace) as ``|``: a number of many digits is then one ``find``
#: (C speed, no regular expression), and a run of digits inside a string (a WAL file name,
#: ``"000000010000000000000002"``) is not one, as a quote comes before it.
_NUMBER_SHAPES = bytes.maketrans(b"123456789-:[, \t\n\r", b"0000000000|||||||")
#: orjson reads every integer from -2**63 to 2**64-1 exactly, which covers every integer of up
#: to 19 digits but a negative one below -2**63: 20 digits, or a minus sign and 19, may not be.
_WIDE_NUMBER = b"0" * 20
_SCAN_CHUNK = 1 << 20


def has_long_digit_run(payload: bytes | bytearray | memoryview) -> bool:
    """Whether ``payload`` may hold an integer beyond 64 bits: a number of 20 digits or more, or a
    negative one of 19 (read in 1 MiB pieces; a string holding such a number after a space or a
    comma counts too, to be safe).

    A PostgreSQL system identifier (19 digits) and WAL file names (24-digit strings), in every
    ``pgo show backup`` answer, are not.
    """
    view = memoryview(payload)
    size = len(view)
    overlap = len(_WIDE_NUMBER)
    start = 0
    while start < size:
        piece = bytes(view[start : start + _SCAN_CHUNK + overlap]).translate(_NUMBER_SHAPES)
        if b"|" + _WIDE_NUMBER in piece or (start == 0 and piece.startswith(_WIDE_NUMBER)):
            return True
        start += _SCAN_CHUNK
    return False


_HTML_BYTES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))
_SHORT_ESCAPES_BYTES = re.compile(rb"(?<!\\)((?:\\\\)*)\\([bf])")


def _holds_float(value: Any) -> bool:
    """Whether a float occurs anywhere in ``value`` (orjson writes ``1.0`` and ``1e+16``; Go ``1``
    and ``10000000000000000``). Answers hardly ever hold one: one walk over the containers."""
    stack = [value]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        kind = type(item)
        if kind is dict:
            children: Any = item.values()
        elif kind is list or kind is tuple:
            children = item
        else:
            if isinstance(item, float):
                return True
            if isinstance(item, Mapping):
                children = item.values()
            elif isinstance(item, (list, tuple)):
                children = item
            else:
                continue
        for child in children:
            child_kind = type(child)
            if child_kind is str or child_kind is int or child_kind is bool or child is None:
                continue
            if child_kind is float:
                return True
            push(child)
    return False


def _indent_exact(value: Any, indent: str = "\n") -> str:
    """Go's ``MarshalIndent`` written out in Python: the reference the fast path is held to."""
    if isinstance(value, str):
        return dumps_go(value)
    if value is None or isinstance(value, (bool, int)):
        return dumps_go(value)
    if isinstance(value, float):
        return go_float(value)
    inner = indent + "  "
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [f"{dumps_go(_key_text(k))}: {_indent_exact(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_indent_exact(v, inner) for v in value) + indent + "]"
    return dumps_go(value)  # what json.dumps makes of anything else (it raises TypeError)


def _key_text(key: Any) -> str:
    """A mapping key as ``json.dumps`` writes it (Go's map keys are strings or integers)."""
    if isinstance(key, str):
        return key
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return go_float(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def go_float(number: float) -> str:
    """A float64 as ``encoding/json`` writes it: ``strconv`` 'f' format, 'e' below 1e-6 and from
    1e21 (``1e-07`` cleaned to ``1e-7``). NaN and infinities, which Go refuses, are written as
    ``json.dumps`` writes them."""
    if number != number or number in (math.inf, -math.inf):
        return json.dumps(number)  # Go refuses these; Python's decoder lets them through
    text = repr(number)
    size = abs(number)
    if size != 0 and (size < 1e-6 or size >= 1e21):
        mantissa, _, exponent = text.partition("e")
        sign, digits = exponent[0], exponent[1:]
        if sign == "-" and len(digits) == 2 and digits[0] == "0":
            digits = digits[1:]
        return f"{mantissa}e{sign}{digits}"
    text = format(decimal.Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


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


# ---------------------------------------------------------------------------------------------
# json.Decoder's syntax errors (encoding/json scanner.go), for handlers that report them.


class _Syntax(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_SPACE = b" \t\r\n"
_HEX = b"0123456789abcdefABCDEF"
_DIGITS = b"0123456789"


def _quote_char(byte: int) -> str:
    """scanner.go ``quoteChar``: the offending byte as Go shows it."""
    if byte == ord("'"):
        return "'\\''"
    if byte == ord('"'):
        return "'\"'"
    return "'" + go_quote(chr(byte))[1:-1] + "'"


def decoder_error(data: bytes) -> str | None:
    """What ``json.NewDecoder(r).Decode(&v)`` says about the syntax of the body's first value.

    ``EOF`` for an empty (or all-space) body, ``unexpected EOF`` for a value cut short, the
    scanner's ``invalid character ...`` message for a bad byte, None for a well-formed first
    value (bytes after it are not read, as Decode does not read them).
    """
    scanner = _Scanner(data)
    scanner.skip_space()
    if scanner.pos >= len(data):
        return "EOF"
    try:
        scanner.value("looking for beginning of value")
    except _Syntax as error:
        return error.message
    return None


class _Scanner:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def skip_space(self) -> None:
        while self.pos < len(self.data) and self.data[self.pos] in _SPACE:
            self.pos += 1

    def next(self) -> int:
        if self.pos >= len(self.data):
            raise _Syntax("unexpected EOF")
        byte = self.data[self.pos]
        self.pos += 1
        return byte

    def peek(self) -> int | None:
        return self.data[self.pos] if self.pos < len(self.data) else None

    def fail(self, byte: int, context: str) -> _Syntax:
        return _Syntax(f"invalid character {_quote_char(byte)} {context}")

    def value(self, context: str) -> None:
        self.skip_space()
        byte = self.next()
        if byte == ord("{"):
            self.object()
        elif byte == ord("["):
            self.array()
        elif byte == ord('"'):
            self.string()
        elif byte == ord("-") or byte in _DIGITS:
            self.number(byte)
        elif byte in b"tfn":
            word = {ord("t"): "true", ord("f"): "false", ord("n"): "null"}[byte]
            for expected in word[1:]:
                got = self.next()
                if got != ord(expected):
                    raise self.fail(got, f"in literal {word} (expecting {_quote_char(ord(expected))})")
        else:
            raise self.fail(byte, context)

    def object(self) -> None:
        self.skip_space()
        if self.peek() == ord("}"):
            self.pos += 1
            return
        while True:
            self.skip_space()
            byte = self.next()
            if byte != ord('"'):
                raise self.fail(byte, "looking for beginning of object key string")
            self.string()
            self.skip_space()
            byte = self.next()
            if byte != ord(":"):
                raise self.fail(byte, "after object key")
            self.value("looking for beginning of value")
            self.skip_space()
            byte = self.next()
            if byte == ord("}"):
                return
            if byte != ord(","):
                raise self.fail(byte, "after object key:value pair")

    def array(self) -> None:
        self.skip_space()
        if self.peek() == ord("]"):
            self.pos += 1
            return
        while True:
            self.value("looking for beginning of value")
            self.skip_space()
            byte = self.next()
            if byte == ord("]"):
                return
            if byte != ord(","):
                raise self.fail(byte, "after array element")

    def string(self) -> None:
        while True:
            byte = self.next()
            if byte == ord('"'):
                return
            if byte < 0x20:
                raise self.fail(byte, "in string literal")
            if byte == ord("\\"):
                byte = self.next()
                if byte == ord("u"):
                    for _ in range(4):
                        digit = self.next()
                        if digit not in _HEX:
                            raise self.fail(digit, "in \\u hexadecimal character escape")
                elif byte not in b'"\\/bfnrt':
                    raise self.fail(byte, "in string escape code")

    def number(self, first: int) -> None:
        # A number ends at the first byte that cannot continue it (that byte is left for the
        # caller); at the end of the body a top-level number is complete.
        if first == ord("-"):
            first = self.next()
            if first not in _DIGITS:
                raise self.fail(first, "in numeric literal")
        if first != ord("0"):
            self._digits()
        if self.peek() == ord("."):
            self.pos += 1
            digit = self.next()
            if digit not in _DIGITS:
                raise self.fail(digit, "after decimal point in numeric literal")
            self._digits()
        if self.peek() in (ord("e"), ord("E")):
            self.pos += 1
            sign = self.next()
            digit = self.next() if sign in b"+-" else sign
            if digit not in _DIGITS:
                raise self.fail(digit, "in exponent of numeric literal")
            self._digits()

    def _digits(self) -> None:
        while self.pos < len(self.data) and self.data[self.pos] in _DIGITS:
            self.pos += 1
