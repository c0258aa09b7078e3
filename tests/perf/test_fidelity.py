"""Issue 15's fast paths print what pgo prints: ``-o json`` is Go's ``json.MarshalIndent`` (keys in
the server's order, ``<`` ``>`` ``&`` U+2028 U+2029 escaped, non-ASCII raw, Go's numbers) and the
text is pgo's, byte for byte. No timings here: speed is measured by ``bench/run.py`` only."""

from __future__ import annotations

import copy
import json
from typing import Any

import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from pgo_cli.wire import gojson
from pgo_cli.wire.gojson import dumps_go, dumps_go_indent, dumps_go_indent_bytes, go_float
from tests.cluster.conftest import URL, Runner, data_file, data_json

SHOW = f"{URL}/showclusters"

#: An answer whose strings hold everything Go escapes, and what pgo 4.7.4 prints for it with
#: ``-o json`` (written out by hand from encoding/json's rules: the golden).
_ESCAPES_ANSWER = (
    '{"Results":[{"cluster":{"metadata":{"name":"h\\u00e9","labels":{"a<b>&c":"x\\u2028y\\u2029z"}},'
    '"spec":{"name":"hé","port":5432,"zero":0,"neg":-7,"big":9007199254740993,'
    '"ctl":"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f","quote":"\\"\\\\/","emoji":"🐘 ☃","empty":{},"none":[]}},'
    '"Pods":null,"Standby":false}],"Code":"ok","Msg":""}'
)
_ESCAPES_GOLDEN = """{
  "Results": [
    {
      "cluster": {
        "metadata": {
          "name": "hé",
          "labels": {
            "a\\u003cb\\u003e\\u0026c": "x\\u2028y\\u2029z"
          }
        },
        "spec": {
          "name": "hé",
          "port": 5432,
          "zero": 0,
          "neg": -7,
          "big": 9007199254740993,
          "ctl": "\\u0008\\u000c\\n\\r\\t\\u0001\\u001f\x7f",
          "quote": "\\"\\\\/",
          "emoji": "🐘 ☃",
          "empty": {},
          "none": []
        }
      },
      "Pods": null,
      "Standby": false
    }
  ],
  "Code": "ok",
  "Msg": ""
}
"""


def test_show_json_golden_with_escapes_and_non_ascii(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(SHOW, body=_ESCAPES_ANSWER.encode("utf-8"), content_type="application/json")
    outcome = pgo("show", "cluster", "--all", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == _ESCAPES_GOLDEN


def test_fast_path_golden_without_the_command() -> None:
    document = json.loads(_ESCAPES_ANSWER)
    assert dumps_go_indent(document) + "\n" == _ESCAPES_GOLDEN
    assert dumps_go_indent_bytes(document) == _ESCAPES_GOLDEN.rstrip("\n").encode("utf-8")


def test_show_json_refusal_prints_nothing_on_stdout(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(SHOW, json={"Results": None, "Code": "error", "Msg": "no such namespace"})
    outcome = pgo("show", "cluster", "--all", "-o", "json")
    assert outcome.code == 1
    assert outcome.stdout == ""
    assert "no such namespace" in outcome.stderr


def test_show_json_keeps_the_servers_key_order_and_case(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    body = '{"msg":"","Results":[{"Standby":true,"cluster":{"spec":{"z":1,"a":2}}}],"code":"ok"}'
    mock_api.post(SHOW, body=body, content_type="application/json")
    outcome = pgo("show", "cluster", "--all", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    assert json.loads(outcome.stdout) == json.loads(body)
    assert outcome.stdout.index('"msg"') < outcome.stdout.index('"Results"') < outcome.stdout.index('"code"')
    assert outcome.stdout.index('"z"') < outcome.stdout.index('"a"')


def test_show_json_refuses_an_answer_whose_results_are_not_a_list(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(SHOW, json={"Results": {"a": 1}, "Code": "ok", "Msg": ""})
    outcome = pgo("show", "cluster", "--all", "-o", "json")
    assert outcome.code != 0
    assert outcome.stdout == ""
    assert "unexpected shape" in outcome.stderr


def test_show_text_golden_for_many_clusters(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    answer: dict[str, Any] = data_json("show_worked_example.json")
    expected_one = data_file("show_worked_example.txt").read_text(encoding="utf-8")
    template = answer["Results"][0]
    results, expected = [], []
    for index in range(50):
        name = f"hippo{index:02d}"
        detail = copy.deepcopy(template)
        detail["cluster"]["spec"]["name"] = name
        results.append(detail)
        expected.append(expected_one.replace("cluster : hippo ", f"cluster : {name} "))
    mock_api.post(SHOW, json={"Results": results, "Code": "ok", "Msg": ""})
    outcome = pgo("show", "cluster", "--all", "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "".join(expected)


# ---------------------------------------------------------------------------------- Go's numbers

#: ``json.Marshal(float64(x))`` in Go 1.15, as (value, text) pairs (0.0 and -0.0 are equal keys) (strconv 'f', 'e' below 1e-6 and from 1e21).
_GO_FLOATS = [
    (1.0, "1"),
    (-0.0, "-0"),
    (0.0, "0"),
    (0.1, "0.1"),
    (123.456, "123.456"),
    (1.5e-5, "0.000015"),
    (1e-6, "0.000001"),
    (9.99e-7, "9.99e-7"),
    (1e-7, "1e-7"),
    (1e-10, "1e-10"),
    (5e-324, "5e-324"),
    (1e16, "10000000000000000"),
    (1e20, "100000000000000000000"),
    (1e21, "1e+21"),
    (1.5e300, "1.5e+300"),
    (2.0**53, "9007199254740992"),
]


def test_go_float_format() -> None:
    for value, expected in _GO_FLOATS:
        assert go_float(value) == expected, value


def test_floats_in_a_document_are_written_as_go_writes_them() -> None:
    document = {"values": [value for value, _ in _GO_FLOATS], "int": 3}
    expected = "[\n    " + ",\n    ".join(text for _, text in _GO_FLOATS) + "\n  ]"
    assert dumps_go_indent(document) == '{\n  "values": ' + expected + ',\n  "int": 3\n}'


# ------------------------------------------------------------------- the fast path vs a reference


def reference_indent(value: Any, indent: str = "\n") -> str:
    """MarshalIndent written out independently: json.dumps per scalar, Go's fix-ups by hand."""
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{reference_string(str(k))}: {reference_indent(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(reference_indent(v, inner) for v in value) + indent + "]"
    if isinstance(value, str):
        return reference_string(value)
    if isinstance(value, float):
        return go_float(value)  # held to Go's own figures by test_go_float_format
    return json.dumps(value)


def reference_string(text: str) -> str:
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif code < 0x20 or char in "<>&\u2028\u2029":
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_TRICKY = st.sampled_from([*'<>&\u2028\u2029\b\f\n\r\t\x00\x1f\x7f"\\/é☃🐘\ud800', "\\b", "\\\b"])
_STRINGS = st.lists(st.one_of(st.text(max_size=6), _TRICKY), max_size=6).map("".join)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(),
    _STRINGS,
)
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_STRINGS, children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400)
@given(_DOCUMENTS)
def test_fast_path_equals_the_reference_on_random_documents(document: Any) -> None:
    assert dumps_go_indent(document) == reference_indent(document)
    assert dumps_go_indent(document) == gojson._indent_exact(document)


@settings(max_examples=200)
@given(
    st.recursive(
        st.one_of(_SCALARS, st.floats(allow_nan=False, allow_infinity=False)),
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(_STRINGS, children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_documents_with_floats_equal_the_reference(document: Any) -> None:
    assert dumps_go_indent(document) == reference_indent(document)


@settings(max_examples=300)
@given(_DOCUMENTS)
def test_compact_encoder_is_unchanged_by_the_fast_path(document: Any) -> None:
    # dumps_go keeps its own semantics: the indented text is the compact one re-spaced.
    assert json.loads(dumps_go(document)) == json.loads(dumps_go_indent(document))
