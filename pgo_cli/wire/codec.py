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


def key(
    name: str,
    default: Any = dataclasses.MISSING,
    *,
    secret: bool | str = False,
    factory: Any = None,
    go_struct: bool = False,
) -> Any:
    """A message field whose wire key is ``name`` (``default``/``factory`` as for ``dataclasses.field``).

    Without a default, the Go zero value of the annotated type is used by :func:`decode`, but the
    dataclass needs one: give ``default`` (``""``, ``0``, ``False``, ``None``) or ``factory``.
    ``secret`` marks a secret; a string names the environment variable that ``--dry-run``'s curl
    command reads it from (default ``PGO_<KEY>``).
    ``go_struct``: a Go struct kept as a dict here; its Go zero value (:func:`go_zero`) is ``{}``.
    """
    metadata = {"json": name, "flatten": False, "secret": secret, "go_struct": go_struct}
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
    return _decode_object(cls, data, where)


Converter = Callable[[Any, str], Any]


class _FieldPlan(NamedTuple):
    attribute: str
    folded_key: str
    wire_key: str
    convert: Converter | None  # None: a flattened (embedded) struct
    nested: type | None
    #: A value of exactly this Python type is the field's value as it is (str, bool, int).
    exact: type | None = None


_PLANS: dict[type, tuple[_FieldPlan, ...]] = {}


def _plan(cls: type) -> tuple[_FieldPlan, ...]:
    """How to fill each field of ``cls``, worked out once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _type_hints(cls)
        steps = []
        for spec in dataclasses.fields(cls):
            if spec.metadata.get("skip"):
                continue
            hint = hints[spec.name]
            key = spec.metadata["json"]
            if spec.metadata.get("flatten"):
                steps.append(_FieldPlan(spec.name, fold_key(key), key, None, hint))
            else:
                exact = _exact_type(hint)
                steps.append(_FieldPlan(spec.name, fold_key(key), key, _converter(hint), None, exact))
        plan = _PLANS[cls] = tuple(steps)
    return plan


class _Keys:
    """Which keys of an object ``cls`` decodes from can be read as spelled (no case folding).

    ``fields`` maps the folded key of every field (flattened structs included) to its wire key.
    ``plain`` holds the keys seen so far that are safe to read as spelled: a field's exact wire
    key, or a key that folds to no field. An object whose keys are all plain decodes by exact
    lookups; any other key (``"name"`` where the field is ``Name``: Go's EqualFold match, which
    may override the exact one) sends it through :func:`fold_keys`, Go's rule in full.
    """

    __slots__ = ("fields", "plain")

    def __init__(self, cls: type) -> None:
        self.fields: dict[str, str] = {}
        colliding: set[str] = set()
        for step in _flat_plan(cls):
            if step.folded_key in self.fields and self.fields[step.folded_key] != step.wire_key:
                colliding.add(step.folded_key)
            self.fields[step.folded_key] = step.wire_key
        self.plain: set[str] = {wire for folded, wire in self.fields.items() if folded not in colliding}

    def admit(self, keys: Any) -> bool:
        """Whether every key in ``keys`` is plain (remembering newly seen harmless ones)."""
        fresh = [name for name in keys if name not in self.plain]
        for name in fresh:
            if fold_key(name) in self.fields:
                return False
        self.plain.update(fresh)
        return True


_KEYS: dict[type, _Keys] = {}


def _flat_plan(cls: type) -> list[_FieldPlan]:
    """The plan of ``cls`` with its flattened structs' fields in their place."""
    steps: list[_FieldPlan] = []
    for step in _plan(cls):
        if step.convert is None:
            assert step.nested is not None
            steps.extend(_flat_plan(step.nested))
        else:
            steps.append(step)
    return steps


def _keys_of(cls: type) -> _Keys:
    keys = _KEYS.get(cls)
    if keys is None:
        keys = _KEYS[cls] = _Keys(cls)
    return keys


def plain_key_set(cls: type) -> set[str]:
    """The keys of ``cls`` known to be read as spelled (its fields' own keys and harmless ones
    seen so far); an object with no other key is plain. The set grows: do not change it."""
    return _keys_of(cls).plain


def plain_keys(cls: type, data: Mapping[str, Any]) -> bool:
    """Whether decoding ``data`` into ``cls`` reads each field from its exact wire key only."""
    keys = _keys_of(cls)
    return keys.plain.issuperset(data) or keys.admit(data)


def _decode_object(cls: type[T], data: Mapping[str, Any], where: str) -> T:
    """Decode one JSON object: by exact keys when that is Go's result too, else by folded keys."""
    return typing.cast(T, _object_decoder(cls)(data, where))


Decoder = Callable[[Mapping[str, Any], str], Any]
_OBJECT: dict[type, Decoder] = {}
_EXACT: dict[type, Decoder] = {}
_COMPILING: set[type] = set()


def _object_decoder(cls: type) -> Decoder:
    decoder = _OBJECT.get(cls)
    if decoder is None:
        if cls in _COMPILING:  # a message type that holds itself: reached through this lookup
            return lambda data, where: _object_decoder(cls)(data, where)
        _COMPILING.add(cls)
        try:
            decoder = _OBJECT[cls] = _compile(cls, checked=True)
        finally:
            _COMPILING.discard(cls)
    return decoder


def _exact_decoder(cls: type) -> Decoder:
    """The decoder of a flattened struct, whose keys its parent has checked (made when first
    needed: compiling a decoder is most of the cost of a command's first answer)."""
    decoder = _EXACT.get(cls)
    if decoder is None:
        decoder = _EXACT[cls] = _compile(cls, checked=False)
    return decoder


def _compile(cls: type, *, checked: bool) -> Decoder:
    """The decoder of ``cls`` as straight-line Python, made once from its plan.

    It does what a loop over the plan would do, without the loop's per-field overhead (decoding
    is most of what reading a large answer costs): when every key of the object is plain
    (:class:`_Keys`; checked unless the caller did, as for a flattened struct), each field is
    read from its exact wire key; absent and ``null`` keys give the default; a value of the
    field's exact type is taken as it is, a struct or a list of structs goes to that struct's
    decoder, and any other value goes through the field's converter, which checks and converts
    it or raises. An object with another key is decoded by folded keys (Go's rule in full).
    """
    keys = _keys_of(cls)
    scope: dict[str, Any] = {
        "cls": cls,
        "plain": keys.plain,
        "admit": keys.admit,
        "folded": _decode_folded,
        "fold_keys": fold_keys,
    }
    hints = _type_hints(cls)
    specs = {spec.name: spec for spec in dataclasses.fields(cls)}
    lines = ["def decode(data, where):"]
    if checked:
        lines.append("    if not plain.issuperset(data) and not admit(data):")
        lines.append("        return folded(cls, fold_keys(data), where)")
    lines.append("    get = data.get")
    arguments: list[str] = []
    for index, step in enumerate(_plan(cls)):
        value = f"v{index}"
        arguments.append(f"{step.attribute}={value}")
        if step.convert is None:
            assert step.nested is not None
            scope[f"n{index}"] = _exact_decoder(step.nested)
            lines.append(f"    {value} = n{index}(data, where)")
            continue
        # An absent or null key: the field's default, as the dataclass would give it.
        spec = specs[step.attribute]
        if spec.default_factory is not dataclasses.MISSING:
            scope[f"f{index}"] = spec.default_factory
            absent = f"f{index}()"
        elif spec.default is not dataclasses.MISSING:
            scope[f"d{index}"] = spec.default
            absent = f"d{index}"
        else:
            raise TypeError(f"{cls.__name__}.{spec.name} has no default")  # a bug: see key()
        scope[f"c{index}"] = step.convert
        path = repr("." + step.wire_key)
        convert = f"c{index}(raw, where + {path})"
        lines.append(f"    raw = get({step.wire_key!r})")
        struct, in_list = _struct_of(hints[step.attribute])
        if step.exact is not None:
            scope[f"t{index}"] = step.exact
            lines.append(
                f"    {value} = {absent} if raw is None else raw if type(raw) is t{index} else {convert}"
            )
        elif struct is not None and not in_list:
            scope[f"o{index}"] = _object_decoder(struct)
            lines.append(
                f"    {value} = {absent} if raw is None else "
                f"o{index}(raw, where + {path}) if type(raw) is dict else {convert}"
            )
        elif struct is not None:
            scope[f"o{index}"] = _object_decoder(struct)
            scope[f"i{index}"] = _item_converter(struct)
            lines += [
                "    if raw is None:",
                f"        {value} = {absent}",
                "    elif type(raw) is list:",
                f"        inner = where + {'.' + step.wire_key + '[]'!r}",
                f"        {value} = [o{index}(v, inner) if type(v) is dict else i{index}(v, inner) for v in raw]",
                "    else:",
                f"        {value} = {convert}",
            ]
        else:
            lines.append(f"    {value} = {absent} if raw is None else {convert}")
    lines.append(f"    return cls({', '.join(arguments)})")
    exec("\n".join(lines), scope)
    return typing.cast(Decoder, scope["decode"])


def _struct_of(hint: Any) -> tuple[type | None, bool]:
    """(the message struct, whether in a list) of a field typed ``S``, ``S | None``, ``list[S]`` or
    ``list[S] | None``; (None, False) for any other type."""
    if _is_union(hint):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            return None, False
        hint = options[0]
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return (item, True) if dataclasses.is_dataclass(item) and isinstance(item, type) else (None, False)
    return (hint, False) if dataclasses.is_dataclass(hint) and isinstance(hint, type) else (None, False)


def _item_converter(struct: type) -> Converter:
    """A list element that is not a JSON object: ``null`` is the zero struct, anything else the
    converter's error (or its reading of a non-dict mapping)."""
    convert = _converter(struct)
    zero = _zero(struct)
    return lambda raw, where: zero() if raw is None else convert(raw, where)


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


def first_list_field(cls: type) -> tuple[str, str, Callable[[Any], Any]] | None:
    """``cls``'s first field, when it is a list of structs: its attribute, its wire key and the
    decoder of one element, which is exactly what decoding the whole message does to each element
    (a ``null`` one is the zero struct; the error message names the same path). None for a
    message whose first field is anything else."""
    step = _plan(cls)[0]
    hint = _type_hints(cls)[step.attribute]
    options = [arg for arg in typing.get_args(hint) if arg is not type(None)] if _is_union(hint) else [hint]
    if len(options) != 1 or typing.get_origin(options[0]) is not list:
        return None
    (item_hint,) = typing.get_args(options[0])
    if not dataclasses.is_dataclass(item_hint):
        return None
    item = _converter(item_hint)
    item_zero = _zero(item_hint)
    where = f"{cls.__name__}.{step.wire_key}[]"

    def decode_item(raw: Any) -> Any:
        return item_zero() if raw is None else item(raw, where)

    return step.attribute, step.wire_key, decode_item


_HINTS: dict[Any, dict[str, Any]] = {}


def _type_hints(cls: Any) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, worked out once per class (do not change the dict).

    It evaluates every annotation's text (``from __future__ import annotations``): a message class
    is asked for its hints by each step that prepares its decoding, and the show path alone would
    spend ~5 ms of its start doing it again and again.
    """
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType)


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

        item_exact = _exact_type(item_hint)

        def slice_(raw: Any, where: str) -> Any:
            if not isinstance(raw, list):
                raise _mismatch(raw, where, "slice")
            inner = f"{where}[]"
            return [
                value if type(value) is item_exact else (item_zero() if value is None else item(value, inner))
                for value in raw
            ]

        return slice_
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        value_of = _converter(value_hint)
        value_zero = _zero(value_hint)

        value_exact = _exact_type(value_hint)

        def map_(raw: Any, where: str) -> Any:
            if type(raw) is not dict and not isinstance(raw, Mapping):
                raise _mismatch(raw, where, "map")
            # The path of a value is spelled out only for one that needs converting (or is wrong).
            return {
                key: value
                if type(value) is value_exact
                else (value_zero() if value is None else value_of(value, f"{where}[{key}]"))
                for key, value in raw.items()
            }

        return map_
    if dataclasses.is_dataclass(hint):
        struct = typing.cast(type, hint)

        def struct_(raw: Any, where: str) -> Any:
            if type(raw) is not dict and not isinstance(raw, Mapping):
                raise _mismatch(raw, where, struct.__name__)
            return _decode_object(struct, raw, where)

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


def _exact_type(hint: Any) -> type | None:
    """The Python type whose values a converter for ``hint`` returns as they are (None: no shortcut)."""
    return typing.cast(type, hint) if hint in (str, bool, int) else None


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
    hints = _type_hints(cls)
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("secret"):
            found.add(spec.metadata["json"])
        for arg in (hints[spec.name], *typing.get_args(hints[spec.name])):
            if dataclasses.is_dataclass(arg) and isinstance(arg, type):
                found |= secret_keys(arg)
    return frozenset(found)


def secret_variables(cls: type) -> dict[str, str]:
    """The secret wire keys of ``cls`` (top level, in struct order) → the variable a curl command
    reads each from (``secret="VARIABLE"``, else ``PGO_<KEY>``)."""
    found: dict[str, str] = {}
    for spec in dataclasses.fields(cls):
        secret = spec.metadata.get("secret")
        if secret:
            wire = spec.metadata["json"]
            found[wire] = secret if isinstance(secret, str) else f"PGO_{wire.upper()}"
    return found


def check_lists(cls: type, raw: Mapping[str, Any], *, where: str) -> None:
    """Check, without decoding them, that the lists of structs of answer ``cls`` are lists of objects.

    For an answer passed through as it came (``-o json`` of thousands of clusters): what the typed
    decoding would refuse about its shape is refused all the same.
    """
    from pgo_cli.errors import ResponseError
    from pgo_cli.wire.gojson import lookup

    hints = _type_hints(cls)
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("flatten") or "json" not in spec.metadata:
            continue
        hint = hints[spec.name]
        options = [hint, *typing.get_args(hint)]
        listed = next((arg for arg in options if typing.get_origin(arg) is list), None)
        if listed is None:
            continue
        item = typing.get_args(listed)[0]
        if not (dataclasses.is_dataclass(item) and isinstance(item, type)):
            continue
        value = lookup(raw, spec.metadata["json"])
        if value is None or (
            isinstance(value, list) and all(v is None or isinstance(v, dict) for v in value)
        ):
            continue
        raise ResponseError(
            f"the apiserver's answer to {where} has an unexpected shape: json: cannot unmarshal into Go "
            f"struct field {cls.__name__}.{spec.metadata['json']} of type []{item.__name__}",
            status=200,
        )


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
        hints = _type_hints(hint)
        return hint(
            **{
                spec.name: {} if spec.metadata.get("go_struct") else go_zero(hints[spec.name])
                for spec in dataclasses.fields(hint)
            }
        )
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
    hints = _type_hints(cls)
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
