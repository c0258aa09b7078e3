"""The message codec: Go structs described once, as dataclasses, and Go's JSON rules for them.

Each apiserver message (``pkg/apiservermsgs`` of pgo 4.7.4) is a dataclass whose fields carry their
exact wire key (:func:`key`); a field may be marked ``secret`` (masked by ``--dry-run``, scrubbed from
``--debug``) or ``flatten`` (Go's untagged embedded struct, e.g. ``Status``: its keys sit at the top
level). That one description drives:

* :func:`to_wire`: the body the Go client sends, keys in struct order;
* :func:`decode`: the client's strict decoding, as ``json.Unmarshal`` into the struct (keys match
  by Go's ``strings.EqualFold``, the last matching key wins, ``null`` and absent keys leave the
  zero value, a value of the wrong JSON type is a :class:`WireShapeError`);
* :func:`decode_lenient`: the apiserver's ``_ = json.NewDecoder(r.Body).Decode(&req)``: a value of
  the wrong type leaves that field at its zero value and the others are still filled;
* :func:`zero_wire`: the zero body; :func:`secret_keys`: which keys are secret.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, Union

from pgo_cli.wire.gojson import fold_key, fold_keys

T = TypeVar("T")

OK = "ok"
ERROR = "error"


class WireShapeError(ValueError):
    """A JSON value did not fit the Go type it decodes into."""


def key(name: str, default: Any = dataclasses.MISSING, *, secret: bool = False, factory: Any = None) -> Any:
    """A message field whose wire key is ``name`` (``default``/``factory`` as for ``dataclasses.field``).

    Without a default, the Go zero value of the annotated type is used by :func:`decode`, but the
    dataclass needs one: give ``default`` (``""``, ``0``, ``False``, ``None``) or ``factory``.
    """
    metadata = {"json": name, "flatten": False, "secret": secret}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def _key(name: str, *, flatten: bool = False) -> dict[str, Any]:
    return {"json": name, "flatten": flatten}


@dataclass
class Status:
    """``msgs.Status``: ``Code`` is ``"ok"`` or ``"error"``, ``Msg`` says why."""

    code: str = field(default="", metadata=_key("Code"))
    msg: str = field(default="", metadata=_key("Msg"))

    @property
    def ok(self) -> bool:
        return self.code == OK

    @property
    def is_error(self) -> bool:
        # pgo treats only the exact value "error" as a failure.
        return self.code == ERROR


def status() -> Any:
    """The embedded, flattened ``msgs.Status`` of a response (``Code`` and ``Msg`` at the top level)."""
    return field(default_factory=Status, metadata=_key("Status", flatten=True))


def ok_status(msg: str = "") -> Status:
    """``Status{Code: "ok", Msg: msg}``."""
    return Status(OK, msg)


def error_status(msg: str) -> Status:
    """``Status{Code: "error", Msg: msg}``."""
    return Status(ERROR, msg)


def to_wire(message: Any) -> dict[str, Any]:
    """Encode a message dataclass as the Go client would (keys in struct order)."""
    body: dict[str, Any] = {}
    for spec in dataclasses.fields(message):
        if spec.metadata.get("skip"):
            continue
        value = getattr(message, spec.name)
        if spec.metadata.get("flatten"):
            body.update(to_wire(value))
        else:
            body[spec.metadata["json"]] = _encode_value(value)
    return body


def _encode_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_wire(value)
    if isinstance(value, list):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode_value(item) for key, item in value.items()}
    return value


def decode(cls: type[T], data: Any, *, path: str | None = None) -> T:
    """Decode parsed JSON into message type ``cls`` by Go's rules."""
    where = path or cls.__name__
    if data is None:
        return cls()
    if not isinstance(data, Mapping):
        raise WireShapeError(f"json: cannot unmarshal {_json_kind(data)} into Go value of type {where}")
    return _decode_folded(cls, fold_keys(data), where)


Converter = Callable[[Any, str], Any]


class _FieldPlan(NamedTuple):
    attribute: str
    folded_key: str
    wire_key: str
    convert: Converter | None  # None: a flattened (embedded) struct
    nested: type | None


_PLANS: dict[type, tuple[_FieldPlan, ...]] = {}


def _plan(cls: type) -> tuple[_FieldPlan, ...]:
    """How to fill each field of ``cls``, worked out once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        steps = []
        for spec in dataclasses.fields(cls):
            if spec.metadata.get("skip"):
                continue
            hint = hints[spec.name]
            key = spec.metadata["json"]
            if spec.metadata.get("flatten"):
                steps.append(_FieldPlan(spec.name, fold_key(key), key, None, hint))
            else:
                steps.append(_FieldPlan(spec.name, fold_key(key), key, _converter(hint), None))
        plan = _PLANS[cls] = tuple(steps)
    return plan


def _decode_folded(cls: type[T], folded: dict[str, Any], where: str) -> T:
    values: dict[str, Any] = {}
    for step in _plan(cls):
        if step.convert is None:
            assert step.nested is not None
            values[step.attribute] = _decode_folded(step.nested, folded, where)
            continue
        raw = folded.get(step.folded_key)
        if raw is not None:
            values[step.attribute] = step.convert(raw, f"{where}.{step.wire_key}")
    return cls(**values)


def _converter(hint: Any) -> Converter:
    """A function checking and converting one JSON value to the Go type ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [_converter(arg) for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0]

        def union(raw: Any, where: str) -> Any:
            first: WireShapeError | None = None
            for option in options:
                try:
                    return option(raw, where)
                except WireShapeError as exc:
                    first = first or exc
            assert first is not None
            raise first

        return union
    if hint is Any:
        return lambda raw, where: raw
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        item = _converter(item_hint)
        item_zero = _zero(item_hint)

        def slice_(raw: Any, where: str) -> Any:
            if not isinstance(raw, list):
                raise _mismatch(raw, where, "slice")
            inner = f"{where}[]"
            return [item_zero() if value is None else item(value, inner) for value in raw]

        return slice_
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        value_of = _converter(value_hint)
        value_zero = _zero(value_hint)

        def map_(raw: Any, where: str) -> Any:
            if not isinstance(raw, Mapping):
                raise _mismatch(raw, where, "map")
            return {
                key: value_zero() if value is None else value_of(value, f"{where}[{key}]")
                for key, value in raw.items()
            }

        return map_
    if dataclasses.is_dataclass(hint):
        struct = typing.cast(type, hint)

        def struct_(raw: Any, where: str) -> Any:
            if not isinstance(raw, Mapping):
                raise _mismatch(raw, where, struct.__name__)
            return _decode_folded(struct, fold_keys(raw), where)

        return struct_
    if hint is bool:

        def bool_(raw: Any, where: str) -> Any:
            if not isinstance(raw, bool):
                raise _mismatch(raw, where, "bool")
            return raw

        return bool_
    if hint is int:

        def int_(raw: Any, where: str) -> Any:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise _mismatch(raw, where, "int")
            if isinstance(raw, float):
                if not raw.is_integer():
                    raise _mismatch(raw, where, "int")
                return int(raw)
            return raw

        return int_
    if hint is float:

        def float_(raw: Any, where: str) -> Any:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise _mismatch(raw, where, "float64")
            return raw

        return float_
    if hint is str:

        def str_(raw: Any, where: str) -> Any:
            if not isinstance(raw, str):
                raise _mismatch(raw, where, "string")
            return raw

        return str_
    raise TypeError(f"unsupported message field type {hint!r}")  # a bug, not input


def _zero(hint: Any) -> Callable[[], Any]:
    """Go's zero value for a ``null`` inside a slice or map."""
    if dataclasses.is_dataclass(hint):
        return typing.cast(Callable[[], Any], hint)
    zeros: dict[Any, Any] = {str: "", bool: False, int: 0, float: 0.0}
    value = zeros.get(hint)
    return lambda: value


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return "null"


def _mismatch(raw: Any, where: str, go_type: str) -> WireShapeError:
    return WireShapeError(
        f"json: cannot unmarshal {_json_kind(raw)} into Go struct field {where} of type {go_type}"
    )


def zero_wire(cls: type) -> dict[str, Any]:
    """The body of a zero-valued message (what Go sends for ``cls{}``)."""
    return to_wire(cls())


def secret_keys(cls: type) -> frozenset[str]:
    """Wire keys of ``cls`` (nested structs included) whose values are secrets."""
    found: set[str] = set()
    hints = typing.get_type_hints(cls)
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("secret"):
            found.add(spec.metadata["json"])
        for arg in (hints[spec.name], *typing.get_args(hints[spec.name])):
            if dataclasses.is_dataclass(arg) and isinstance(arg, type):
                found |= secret_keys(arg)
    return frozenset(found)


def secret_values(message: Any) -> list[str]:
    """The non-empty secret strings held by a message (to scrub them from any output)."""
    values: list[str] = []
    if not dataclasses.is_dataclass(message) or isinstance(message, type):
        return values
    for spec in dataclasses.fields(message):
        value = getattr(message, spec.name)
        if spec.metadata.get("secret") and isinstance(value, str) and value:
            values.append(value)
        elif dataclasses.is_dataclass(value):
            values.extend(secret_values(value))
        elif isinstance(value, list):
            for item in value:
                values.extend(secret_values(item))
    return values


def decode_lenient(cls: type[T], data: Any) -> T:
    """Decode as the apiserver does (``_ = json.NewDecoder(r.Body).Decode(&req)`` into ``var req T``).

    Every field starts at Go's zero value (not the dataclass default: the client's defaults are
    not the server's); a key fills its field when the value fits; a value that does not fit leaves
    that field (or that slice element, or that map value) at its zero value and the rest is still
    decoded; anything but a JSON object fills nothing.
    """
    if not isinstance(data, Mapping):
        return typing.cast(T, go_zero(cls))
    return typing.cast(T, _lenient(cls, data))


def go_zero(hint: Any) -> Any:
    """Go's zero value for a field type: ``""``, ``False``, ``0``, nil (None) or a zero struct."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType, list, dict):
        return None
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        return hint(**{spec.name: go_zero(hints[spec.name]) for spec in dataclasses.fields(hint)})
    return {str: "", bool: False, int: 0, float: 0.0}.get(hint)


_INT64 = (-(2**63), 2**63 - 1)


def _lenient(hint: Any, raw: Any) -> Any:
    """``raw`` as a value of Go type ``hint``, or its zero value where it does not fit."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return None if raw is None else _lenient(inner, raw)
    if raw is None:
        return go_zero(hint)
    if hint is Any:
        return raw
    if origin is list:
        if not isinstance(raw, list):
            return None
        (item,) = typing.get_args(hint)
        return [_lenient(item, value) for value in raw]
    if origin is dict:
        if not isinstance(raw, Mapping):
            return None
        _, value_hint = typing.get_args(hint)
        return {str(key): _lenient(value_hint, value) for key, value in raw.items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(raw, Mapping):
            return go_zero(hint)
        return _lenient_struct(hint, fold_keys(raw))
    if hint is bool:
        return raw if isinstance(raw, bool) else False
    if hint is str:
        return raw if isinstance(raw, str) else ""
    if hint is int:
        fits = isinstance(raw, int) and not isinstance(raw, bool) and _INT64[0] <= raw <= _INT64[1]
        return raw if fits else 0
    if hint is float:
        return float(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else 0.0
    raise TypeError(f"unsupported message field type {hint!r}")  # a bug, not input


def _lenient_struct(cls: type, folded: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("skip"):
            continue
        hint = hints[spec.name]
        if spec.metadata.get("flatten"):
            values[spec.name] = _lenient_struct(hint, folded)
            continue
        values[spec.name] = _lenient(hint, folded.get(fold_key(spec.metadata["json"])))
    return cls(**values)
