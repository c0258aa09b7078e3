"""Properties of pgo's create-cluster parsers (pgo_cli.parsers): labels, annotations,
tolerations, tablespaces, node affinity — only UsageError ever escapes, and every value a user
can write round-trips to what pgo sends."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pgo_cli import parsers
from pgo_cli.errors import UsageError
from tests.properties.strategies import hostile_text, label_key, label_value, plain_piece

items = st.lists(hostile_text, max_size=5)


def _only_usage_errors(call: object, *args: object) -> object:
    try:
        return call(*args)  # type: ignore[operator]
    except UsageError as error:
        assert error.message.startswith("--"), error.message  # names the flag
        return None


@given(items)
def test_labels_never_raise_anything_but_usage_errors(values: list[str]) -> None:
    result = _only_usage_errors(parsers.labels, values)
    assert result is None or isinstance(result, dict)


@given(st.dictionaries(label_key, label_value, max_size=5))
def test_labels_round_trip(labels: dict[str, str]) -> None:
    assert parsers.labels([f"{key}={value}" for key, value in labels.items()]) == labels


@given(items)
def test_annotations_never_raise_anything_but_usage_errors(values: list[str]) -> None:
    result = _only_usage_errors(parsers.annotation_group, values, "--annotation")
    assert result is None or isinstance(result, dict)


@given(
    st.dictionaries(plain_piece, plain_piece.filter(lambda v: not v.endswith("-")), max_size=5),
    st.lists(plain_piece.filter(lambda k: k != ""), max_size=3),
)
def test_annotations_round_trip(added: dict[str, str], removed: list[str]) -> None:
    expected = {**added, **dict.fromkeys(removed, "")}
    typed = [f"{key}={value}" for key, value in added.items()] + [f"{key}-" for key in removed]
    assert parsers.annotation_group(typed, "--annotation") == expected


@given(items)
def test_tolerations_never_raise_anything_but_usage_errors(values: list[str]) -> None:
    result = _only_usage_errors(parsers.tolerations, values)
    assert result is None or isinstance(result, list)


toleration_part = plain_piece.filter(lambda s: not s.endswith("-"))


@given(
    st.lists(
        st.tuples(
            toleration_part.filter(lambda s: "-" not in s[-1:]),
            st.none() | toleration_part,
            st.sampled_from(parsers.TAINT_EFFECTS),
        ),
        max_size=4,
    )
)
def test_tolerations_round_trip(specs: list[tuple[str, str | None, str]]) -> None:
    typed, expected = [], []
    for key, value, effect in specs:
        rule = key if value is None else f"{key}={value}"
        typed.append(f"{rule}:{effect}" if effect else rule)
        toleration = {"key": key} if key else {}
        toleration["operator"] = "Exists" if value is None else "Equal"
        if value:
            toleration["value"] = value
        if effect:
            toleration["effect"] = effect
        expected.append(toleration)
    assume(all(not item.endswith("-") for item in typed))
    assert parsers.tolerations(typed) == expected


@given(items)
def test_tablespaces_never_raise_anything_but_usage_errors(values: list[str]) -> None:
    result = _only_usage_errors(parsers.tablespaces, values)
    assert result is None or isinstance(result, list)


@given(
    st.lists(
        st.tuples(plain_piece, plain_piece, st.none() | plain_piece, st.booleans()),
        max_size=4,
    )
)
def test_tablespaces_round_trip(specs: list[tuple[str, str, str | None, bool]]) -> None:
    typed, expected = [], []
    for name, storage, size, shout in specs:
        keys = ("NAME", "STORAGECONFIG", "PVCSize") if shout else ("name", "storageconfig", "pvcsize")
        pieces = [f"{keys[0]}={name}", f"{keys[1]}={storage}"]
        if size is not None:
            pieces.append(f"{keys[2]}={size}")
        typed.append(":".join(pieces))
        expected.append({"Name": name, "PVCSize": size or "", "StorageConfig": storage})
    assert parsers.tablespaces(typed) == expected


@given(hostile_text, hostile_text)
def test_node_affinity_type_is_0_1_or_a_usage_error(kind: str, label: str) -> None:
    try:
        value = parsers.node_affinity_type(kind, label)
    except UsageError:
        assert kind not in ("", "preferred", "prefer") and (
            label == "" or kind not in ("required", "require")
        )
        return
    assert value in (0, 1)


@pytest.mark.parametrize("kind", ["required", "require"])
def test_node_affinity_required_is_1(kind: str) -> None:
    assert parsers.node_affinity_type(kind, "zone=a") == 1
