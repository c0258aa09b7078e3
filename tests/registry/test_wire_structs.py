"""Every message dataclass is its Go struct: same JSON keys in the same order, fitting types.

The Go facts are ``tests/data/pgo47/apiservermsgs.json``: every struct of ``pkg/apiservermsgs/*.go``
at v4.7.4 (fields in order, Go type, json key, embedded structs) and the few ``crv1`` / Kubernetes
structs our dataclasses model, plus which requests pgo's ``cmd/pgo/api/*.go`` marshal (parsed once
from the Go sources by a one-off script; CI has no mirror).

A dataclass models the Go struct it is named after, in any ``pgo_cli.nouns.*.messages`` or
``*_messages`` module; a module-level alias (``DeleteScheduleRequest = ScheduleRequest``) declares
that one dataclass models several identical Go structs.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union

import pytest

import pgo_cli.nouns
from pgo_cli.wire import codec

DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "pgo47" / "apiservermsgs.json").read_text())
GO: dict[str, Any] = DATA["structs"]
#: A Go struct's name without its package (``crv1.Pgcluster`` -> ``Pgcluster``) -> its id in DATA.
BARE = {name.rsplit(".", 1)[-1]: name for name in GO}

#: Go structs that no dataclass models, and why.
NOT_MODELLED = {
    "ApplyResults": "declared in policymsgs.go but used by no route, client or server",
    "BasicAuthCredentials": "pgo's own credentials holder (SessionCredentials), never on the wire",
    "QueryFailoverRequest": "used by no client or server: GET /failover/{name} puts its fields in the query string",
    "QueryRestartRequest": "used by no client or server: GET /restart/{name} puts its fields in the query string",
    "ShowpgDumpDetail": "declared in pgdumpmsgs.go but used by no route, client or server",
    "WatchRequest": "used by no client or server: pgo watch reads nsqd directly (nouns/watch), not the apiserver",
    "WatchResponse": "as WatchRequest",
    "metav1.TypeMeta": "only inline in Pgpolicy/PgpolicyList (see PARTIAL), whose TypeMeta we leave out",
}

#: Dataclasses that are deliberately a part of their Go struct: their keys must be a subsequence of
#: Go's (same order, fitting types) rather than all of them.
PARTIAL = {
    "crv1.Pgcluster": "a typed view of ShowClusterDetail.cluster (which stays the raw dict): metadata, spec, status; no kind/apiVersion",
    "crv1.PgclusterSpec": "the spec fields pgo's show cluster renderer reads (nouns/cluster/messages.py)",
    "metav1.ObjectMeta": "the Pgcluster metadata fields pgo's show cluster renderer reads",
    "crv1.Pgpolicy": "no inline metav1.TypeMeta (kind/apiVersion): pgo reads neither, Go omits them when empty and the codec has no omitempty (nouns/policy/messages.py)",
    "crv1.PgpolicyList": "as crv1.Pgpolicy",
}

_INTS = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"}
_SCALARS: dict[str, type] = {"string": str, "bool": bool, "float32": float, "float64": float} | dict.fromkeys(
    _INTS, int
)


def _message_modules() -> Iterator[types.ModuleType]:
    for info in pkgutil.walk_packages(pgo_cli.nouns.__path__, "pgo_cli.nouns."):
        last = info.name.rsplit(".", 1)[-1]
        if last == "messages" or last.endswith("_messages"):
            yield importlib.import_module(info.name)


def _discover() -> tuple[list[tuple[str, type]], list[str]]:
    """(Go id, dataclass) pairs, and the dataclasses of message modules that model no Go struct."""
    pairs: set[tuple[str, type]] = {("Status", codec.Status)}
    unnamed: list[str] = []
    for module in _message_modules():
        bound: dict[type, set[str]] = {}
        for attr, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                bound.setdefault(value, set()).add(attr)
        for cls, names in bound.items():
            if cls.__module__ != module.__name__ and not (names - {cls.__name__}):
                continue  # imported from another module, which is where it is checked
            go_names = [BARE[name] for name in names if name in BARE]
            if not go_names and cls.__module__ == module.__name__:
                unnamed.append(f"{module.__name__}.{cls.__name__}")
            pairs.update((go_name, cls) for go_name in go_names)
    return sorted(pairs, key=lambda pair: (pair[0], pair[1].__module__)), sorted(unnamed)


PAIRS, UNNAMED = _discover()
MODELLED = {go_name for go_name, _ in PAIRS}
#: dataclass -> the Go structs it models (to check nested struct fields by name).
GO_NAMES: dict[type, set[str]] = {}
for _go_name, _cls in PAIRS:
    GO_NAMES.setdefault(_cls, set()).add(_go_name)


def go_keys(name: str) -> list[tuple[str, str]]:
    """(JSON key, resolved Go type) of a Go struct in wire order, embedded structs flattened."""
    keys: list[tuple[str, str]] = []
    for spec in GO[name]["fields"]:
        if spec["key"] == "-":
            continue
        if spec["embedded"]:
            keys.extend(go_keys(spec["go"].removeprefix("struct:")))
        else:
            keys.append((spec["key"], spec["go"]))
    return keys


def py_keys(cls: type) -> list[tuple[str, Any]]:
    """(wire key, type hint) of a message dataclass in wire order, flattened fields expanded."""
    hints = typing.get_type_hints(cls)
    keys: list[tuple[str, Any]] = []
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("skip"):
            continue
        if spec.metadata.get("flatten"):
            keys.extend(py_keys(hints[spec.name]))
        else:
            keys.append((spec.metadata["json"], hints[spec.name]))
    return keys


def _without_none(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        return (args[0] if len(args) == 1 else Union[tuple(args)]), optional  # noqa: UP007
    return hint, False


def misfit(hint: Any, go: str) -> str | None:
    """Why Python type ``hint`` cannot hold Go type ``go`` (None when it fits)."""
    inner, optional = _without_none(hint)
    # a struct of another package kept as its decoded JSON object may be None (nothing decoded yet)
    as_json = go.startswith("struct:") and "." in go and typing.get_origin(inner) is dict
    nilable = as_json or go.startswith(("[]", "map[", "*", "interface{}", "opaque:"))
    if optional and not nilable:
        return f"{hint} may be None, Go {go} cannot be nil"
    if go.startswith("*"):
        return misfit(inner, go[1:])
    if inner is Any:
        # interface{}, or a value kept as decoded JSON
        return None
    if go == "interface{}":
        return f"{hint} for interface{{}} (use Any)"
    if go in _SCALARS:
        return None if inner is _SCALARS[go] else f"{hint} for Go {go}"
    origin = typing.get_origin(inner)
    if go.startswith("[]"):
        if origin is not list:
            return f"{hint} for Go {go} (a slice is a list)"
        return misfit(typing.get_args(inner)[0], go[2:])
    if go.startswith("map["):
        key_go, value_go = go[4:].split("]", 1)
        if origin is not dict:
            return f"{hint} for Go {go} (a map is a dict)"
        key_hint, value_hint = typing.get_args(inner)
        return misfit(key_hint, key_go) or misfit(value_hint, value_go)
    if go.startswith("struct:"):
        name = go.removeprefix("struct:")
        if isinstance(inner, type) and dataclasses.is_dataclass(inner):
            return (
                None if name in GO_NAMES.get(inner, set()) else f"{inner.__name__} does not model Go {name}"
            )
        if as_json:
            return None
        return f"{hint} for Go struct {name}"
    if go == "opaque:resource.Quantity":
        # a Kubernetes quantity: a JSON string, or a number that Go decodes too
        members = typing.get_args(inner) or (inner,)
        return None if str in members else f"{hint} for a resource.Quantity (a string)"
    if go == "opaque:metav1.Time":
        return None if inner is str else f"{hint} for metav1.Time (an RFC 3339 string)"
    return f"no rule for Go type {go}"


# --------------------------------------------------------------------------------------------
# the data


def test_the_data_holds_every_apiservermsgs_struct_and_the_claimed_others() -> None:
    local = [name for name in GO if "." not in name]
    assert len(local) == 159 and len(GO) == 171
    assert len(DATA["client_sends"]) == 50
    for name in GO:
        keys = [key for key, _ in go_keys(name)]
        assert len(keys) == len(set(keys)), f"Go {name} has a key twice"


# --------------------------------------------------------------------------------------------
# discovery


def test_every_message_dataclass_is_named_after_a_go_struct() -> None:
    assert UNNAMED == [], "name these after their Go struct (or bind an alias of the Go name)"


def test_every_go_struct_is_modelled_or_listed_with_a_reason() -> None:
    missing = sorted(set(GO) - MODELLED - set(NOT_MODELLED))
    assert missing == [], f"no dataclass models {missing}"
    stale = sorted(set(NOT_MODELLED) & MODELLED)
    assert stale == [], f"NOT_MODELLED lists {stale}, which a dataclass models now"


def test_every_request_pgo_sends_has_a_dataclass() -> None:
    assert sorted(set(DATA["client_sends"]) - MODELLED) == []


def test_every_response_pgo_decodes_has_a_dataclass() -> None:
    assert sorted(set(DATA["client_decodes"]) - MODELLED) == []


def test_the_allow_lists_name_real_structs() -> None:
    assert set(NOT_MODELLED) <= set(GO)
    assert set(PARTIAL) <= MODELLED


# --------------------------------------------------------------------------------------------
# each dataclass against its struct


@pytest.mark.parametrize(
    ("go_name", "cls"),
    PAIRS,
    ids=[f"{go}={cls.__module__.split('.')[-2]}.{cls.__name__}" for go, cls in PAIRS],
)
def test_dataclass_has_the_go_keys_in_order_with_fitting_types(go_name: str, cls: type) -> None:
    ours = py_keys(cls)
    assert [key for key, _ in ours] == list(codec.to_wire(cls()))  # what the codec sends is what we check
    theirs = dict(go_keys(go_name))
    if go_name in PARTIAL:
        order = [key for key, _ in go_keys(go_name)]
        unknown = [key for key, _ in ours if key not in theirs]
        assert unknown == [], f"{cls.__name__}: keys that Go {go_name} does not have"
        positions = [order.index(key) for key, _ in ours]
        assert positions == sorted(positions), f"{cls.__name__}: keys out of Go's order"
    else:
        assert [key for key, _ in ours] == [key for key, _ in go_keys(go_name)], GO[go_name]["file"]
    problems = [f"{key}: {why}" for key, hint in ours if (why := misfit(hint, theirs[key]))]
    assert problems == [], f"{cls.__name__} vs Go {go_name} ({GO[go_name]['file']})"
