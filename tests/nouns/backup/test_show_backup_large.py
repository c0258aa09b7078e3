"""``pgo show backup all`` of a large namespace: each repository printed straight from its JSON
value (``plain_detail_text``) must be exactly the text of its typed copy, or not be used.

The value generator walks the message classes of ``GET /backrest/{name}`` and, field by field,
leaves a key out, sends null, the right JSON type, a wrong one, a whole float for an int, or the
key in another case (Go's case-insensitive match), so that both readings meet what the typed
decoding converts or refuses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import types
import typing
from typing import Any

import orjson
import pytest
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgo_cli.cli import large
from pgo_cli.errors import PgoError
from pgo_cli.nouns.backup import endpoints
from pgo_cli.nouns.backup.messages import ShowBackrestDetail, ShowBackrestResponse
from pgo_cli.nouns.backup.text import detail_text, plain_detail_text, write_backrest
from pgo_cli.sdk.connection import Connection
from pgo_cli.sdk.session import Credentials, Settings
from pgo_cli.wire import codec
from pgo_cli.wire.gojson import dumps_go
from pgo_cli.wire.lazy import LazyList
from tests.support.registry import URL

UTC = dt.timezone.utc
_WRONG = st.sampled_from(["x", 7, True, 1.5, [], {}])


def _field_value(hint: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _field_value(inner)
    if origin is list:
        (item,) = typing.get_args(hint)
        element = (
            st.one_of(_field_value(item), st.none()) if dataclasses.is_dataclass(item) else _field_value(item)
        )
        return st.lists(element, max_size=2)
    if dataclasses.is_dataclass(hint):
        return _struct_value(typing.cast(type, hint))
    if hint is int:
        return st.one_of(st.integers(min_value=0, max_value=2**40), st.just(3.0))
    if hint is str:
        return st.one_of(st.text(max_size=4), st.sampled_from(["full", "20201220-171801F", "posix"]))
    raise AssertionError(hint)


def _struct_value(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    optional = {}
    for spec in dataclasses.fields(cls):
        wire = spec.metadata["json"]
        value = st.one_of(_field_value(hints[spec.name]), _field_value(hints[spec.name]), st.none(), _WRONG)
        optional[wire] = value
        optional[wire.upper() if wire != wire.upper() else wire.lower()] = value  # rarely both
    return st.fixed_dictionaries({}, optional=optional)


_DETAILS = _struct_value(ShowBackrestDetail)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DETAILS)
def test_plain_text_is_the_typed_text_or_none(element: dict[str, Any]) -> None:
    value = orjson.loads(dumps_go(element))  # as the lazy reading gives it
    field = codec.first_list_field(ShowBackrestResponse)
    assert field is not None
    plain = plain_detail_text(value, UTC)
    try:
        typed: str | None = detail_text(field[2](value), UTC)
    except codec.WireShapeError:
        typed = None
    if plain is not None:
        assert plain == typed


def _repository(name: str) -> dict[str, Any]:
    """One repository as the apiserver sends it (pgBackRest's info, a full and an incremental)."""
    backup = {
        "archive": {"start": "000000010000000000000002", "stop": "000000010000000000000003"},
        "backrest": {"format": 5, "version": "2.33"},
        "database": {"id": 1},
        "info": {"delta": 34645569, "repository": {"delta": 4060063, "size": 4060063}, "size": 34645569},
        "label": "20201220-171801F",
        "prior": "",
        "reference": None,
        "timestamp": {"start": 1608484681, "stop": 1608484691},
        "type": "full",
    }
    incremental = dict(
        backup,
        label="20201220-171801F_20201221-090000I",
        prior="20201220-171801F",
        reference=["20201220-171801F"],
        type="incr",
    )
    return {
        "Name": name,
        "Info": [
            {
                "archive": [
                    {
                        "db": {"id": 1},
                        "id": "13-1",
                        "max": "00000001000000000000000A",
                        "min": "000000010000000000000002",
                    }
                ],
                "backup": [backup, incremental],
                "cipher": "none",
                "db": [{"id": 1, "system-id": 7716345907388470576, "version": "13"}],
                "name": "db",
                "status": {"code": 0, "message": "ok"},
            }
        ],
        "StorageType": "posix",
    }


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value: each key of each object, each element of each list."""
    found = [path] if path else []
    if isinstance(value, dict):
        for name, child in value.items():
            found.extend(_paths(child, (*path, name)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*path, index)))
    return found


_REPOSITORY_PATHS = _paths(_repository("hippo"))
_MUTATIONS = ("drop", "null", "recase", "x", 7, True, 1.5, 3.0, [], {}, [None], ["a", None])


def _mutated(path: tuple[Any, ...], mutation: Any) -> dict[str, Any]:
    """The repository with one change at ``path``."""
    value = _repository("hippo")
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if mutation == "drop" and isinstance(parent, dict):
        del parent[last]
    elif mutation == "recase" and isinstance(parent, dict):
        parent[last.upper() if last != last.upper() else last.lower()] = parent.pop(last)
    elif mutation not in ("drop", "recase"):
        parent[last] = None if mutation == "null" else mutation
    return value


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_REPOSITORY_PATHS), st.sampled_from(_MUTATIONS))
def test_one_change_anywhere_is_read_plainly_only_when_typed_reading_agrees(
    path: tuple[Any, ...], mutation: Any
) -> None:
    value = orjson.loads(dumps_go(_mutated(path, mutation)))
    plain = plain_detail_text(value, UTC)
    try:
        typed: str | None = detail_text(codec.decode(ShowBackrestDetail, value), UTC)
    except codec.WireShapeError:
        typed = None
        assert plain is None  # a field the typed decoding refuses is one the plain reading checks
    if plain is not None:
        assert plain == typed


def test_an_answer_in_gos_layout_is_printed_from_its_json_values() -> None:
    value = orjson.loads(dumps_go(_repository("hippo")))
    text = plain_detail_text(value, UTC)
    assert text is not None  # the plain reading is taken, not just allowed
    assert text == detail_text(codec.decode(ShowBackrestDetail, value), UTC)
    assert "        incr backup: 20201220-171801F_20201221-090000I\n" in text
    assert "            backup reference list: 20201220-171801F\n" in text
    assert (
        "            timestamp start/stop: 2020-12-20 17:18:01 +0000 UTC / 2020-12-20 17:18:11 +0000 UTC\n"
        in text
    )


@pytest.mark.parametrize(
    "change",
    [
        {"StorageType": 3},
        {"Info": [None]},  # the zero struct in the typed copy
        {"Info": [{"db": [{"system-id": 1.0}]}]},  # a whole float: the typed copy makes it an int
        {"Info": [{"backup": [{"reference": ["a", None]}]}]},  # null is "" there
        {"name": "hippo"},  # Go's case-insensitive match
    ],
)
def test_values_not_read_plainly_are_decoded(change: dict[str, Any]) -> None:
    value = orjson.loads(dumps_go({**_repository("hippo"), **change}))
    assert plain_detail_text(value, UTC) is None


def _answer(*items: dict[str, Any]) -> bytes:
    return (dumps_go({"Items": list(items), "Code": "ok", "Msg": ""}) + "\n").encode()


def _client() -> Connection:
    return Connection(
        Settings(apiserver_url=URL, namespace="pgo", timeout=5.0), Credentials("admin", "pw", "test")
    )


def _outcome(payload: bytes, *, lazily: bool) -> tuple[str, str]:
    """(error class or "", text) of pgo's show backup text for ``payload``, lazily or not."""
    client = _client()
    with responses.RequestsMock() as mock:
        mock.get(f"{URL}/backrest/all", body=payload, content_type="application/json")
        try:
            if lazily:
                fetched = large.fetch(client, endpoints.SHOW_BACKREST, None, path={"name": "all"})

                def render(answers: Any, out: Any) -> None:
                    for answer in answers:
                        write_backrest(answer, UTC, out)

                return "", large.rendered(client, [fetched], render)
            answer = client.call(endpoints.SHOW_BACKREST, None, path={"name": "all"})
        except PgoError as error:
            return type(error).__name__, ""
    out = io.StringIO()
    write_backrest(answer.response, UTC, out)
    return "", out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_DETAILS, st.builds(_repository, st.text(max_size=3))), min_size=1, max_size=4))
def test_the_lazy_command_text_equals_the_straightforward_one(items: list[dict[str, Any]]) -> None:
    payload = _answer(*items)
    assert _outcome(payload, lazily=True) == _outcome(payload, lazily=False)


def test_a_large_answer_is_read_lazily_and_printed_plainly() -> None:
    payload = _answer(_repository("a"), _repository("b"))
    with responses.RequestsMock() as mock:
        mock.get(f"{URL}/backrest/all", body=payload, content_type="application/json")
        response = large.fetch(_client(), endpoints.SHOW_BACKREST, None, path={"name": "all"}).response
    assert isinstance(response.items, LazyList)
    assert all(plain_detail_text(value, UTC) is not None for value in response.items.values())
