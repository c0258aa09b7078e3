"""Properties of the Go helpers: %q against a reference unquoter, and decoding arbitrary JSON by
Go's rules into every message type (only WireShapeError may escape)."""

from __future__ import annotations

import contextlib
import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pgo_cli.nouns.cluster import messages
from pgo_cli.wire.gojson import dumps_go, go_quote, lookup

_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}


def go_unquote(literal: str) -> str:
    """A small ``strconv.Unquote`` for double-quoted Go literals (the reference for go_quote)."""
    assert literal[:1] == '"' and literal[-1:] == '"' and len(literal) >= 2, literal
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        char = body[i]
        assert char not in '"\n', f"unescaped {char!r} in {literal!r}"
        if char != "\\":
            out.append(char)
            i += 1
            continue
        kind = body[i + 1]
        if kind in _SIMPLE:
            out.append(_SIMPLE[kind])
            i += 2
        elif kind in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[kind]
            digits = body[i + 2 : i + 2 + width]
            assert len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits), literal
            code = int(digits, 16)
            assert kind != "x" or code < 0x80, "\\x above 0x7f is a byte, not a character"
            assert not 0xD800 <= code <= 0xDFFF and code <= 0x10FFFF, "not a valid rune"
            out.append(chr(code))
            i += 2 + width
        elif kind in "01234567":
            digits = body[i + 1 : i + 4]
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise AssertionError(f"unknown escape \\{kind} in {literal!r}")
    return "".join(out)


go_strings = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))


@given(go_strings)
def test_go_quote_round_trips_through_a_go_unquoter(text: str) -> None:
    quoted = go_quote(text)
    assert go_unquote(quoted) == text
    assert all(char.isprintable() or char == " " for char in quoted), quoted


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("a\tb", '"a\\tb"'),
        ("\x00", '"\\x00"'),
        ("\x7f", '"\\x7f"'),
        ("é", '"é"'),
        ("\u200b", '"\\u200b"'),
        ('"', '"\\""'),
    ],
)
def test_go_quote_examples(text: str, quoted: str) -> None:
    assert go_quote(text) == quoted


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)

# Keys the messages actually read, so the decoder reaches nested types, not only unknown keys.
_KEYS = sorted(
    {
        str(meta.get("json", field.name))
        for cls in vars(messages).values()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls)
        for field in dataclasses.fields(cls)
        for meta in [dict(field.metadata)]
    }
    | {"Code", "Msg", "Results", "result", "status", "cluster", "Cluster", "Pods", "Services"}
)
shaped_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(_KEYS) | st.sampled_from(_KEYS).map(str.lower), children, max_size=5
        )
    ),
    max_leaves=40,
)
MESSAGE_TYPES = [
    cls for cls in vars(messages).values() if isinstance(cls, type) and dataclasses.is_dataclass(cls)
]


@pytest.mark.parametrize("kind", MESSAGE_TYPES, ids=lambda cls: cls.__name__)
@given(value=st.one_of(json_values, shaped_values))
def test_decode_raises_only_wire_shape_errors(kind: type, value: object) -> None:
    try:
        decoded = messages.decode(kind, value)
    except messages.WireShapeError:
        return
    assert isinstance(decoded, kind)
    if kind is messages.ShowClusterResponse:
        for detail in decoded.results or []:
            with contextlib.suppress(messages.WireShapeError):
                detail.pgcluster()  # the typed view of the raw cluster object


@given(st.dictionaries(st.text(max_size=6), json_values, max_size=6), st.text(max_size=6))
def test_lookup_finds_keys_case_insensitively(obj: dict[str, object], key: str) -> None:
    found = lookup(obj, key, default=KeyError)
    if key in obj:
        assert found == obj[key]
    elif any(candidate.casefold() == key.casefold() for candidate in obj):
        assert found is not KeyError
    else:
        assert found is KeyError


@given(json_values)
def test_dumps_go_is_json_without_raw_html_characters(value: object) -> None:
    text = dumps_go(value)
    assert not any(char in text for char in "<>&")
    assert json.loads(text) == value


def go_unquote_bytes(literal: str) -> bytes:
    """``strconv.Unquote`` at the byte level: ``\\xNN`` is one byte, everything else UTF-8."""
    out, i, body = bytearray(), 0, literal[1:-1]
    while i < len(body):
        if body.startswith("\\x", i):
            out.append(int(body[i + 2 : i + 4], 16))
            i += 4
            continue
        end = i + 1
        if body[i] == "\\":
            end = i + {"u": 6, "U": 10}.get(body[i + 1], 2)
            if body[i + 1] in "01234567":
                end = i + 4
        out += go_unquote(f'"{body[i:end]}"').encode()
        i = end
    return bytes(out)


@given(st.binary(max_size=30))
def test_go_quote_of_undecodable_arguments_matches_go(raw: bytes) -> None:
    """Python hands over command-line bytes that are not UTF-8 as surrogate escapes; Go's %q
    shows each such byte as ``\\xNN``."""
    text = raw.decode("utf-8", "surrogateescape")
    assert go_unquote_bytes(go_quote(text)) == raw
