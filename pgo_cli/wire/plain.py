"""Reading an answer's JSON value as the typed decoding would, without making the typed copy.

A renderer of a large answer (``show cluster --all``, ``show backup all``) can print each element
straight from its JSON value when decoding it by Go's rules (:mod:`pgo_cli.wire.codec`) would
read it unchanged: every object's keys plain (:func:`~pgo_cli.wire.codec.plain_keys`), every
field absent, null or of its exact JSON type, no null inside a list or map. These readers return
the value as the typed copy would hold it and raise :class:`NotPlain` for anything else; the
renderer then decodes the element, which converts it or fails exactly as the typed path does.
Each renderer must read (check) every field the typed decoding reads, printed or not, so that a
wrong one fails the answer as decoding would.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.wire.codec import plain_keys

__all__ = ["NotPlain", "check_bool", "integer", "string", "string_map", "strings", "struct", "structs"]


class NotPlain(Exception):
    """A value the typed decoding would read otherwise (or refuse): decode it instead."""


def string(value: Any) -> str:
    """A ``string`` field (null is ``""``)."""
    if value is None:
        return ""
    if type(value) is str:
        return value
    raise NotPlain


def integer(value: Any) -> int:
    """An ``int`` field (null is 0); a float, even a whole one, is left to the typed decoding."""
    if value is None:
        return 0
    if type(value) is int:
        return value
    raise NotPlain


def check_bool(value: Any) -> None:
    """A ``bool`` field that is read but not printed."""
    if value is not None and type(value) is not bool:
        raise NotPlain


def strings(value: Any) -> list[str]:
    """A ``[]string`` field (null is empty; a null element is ``""`` in the typed copy: not plain)."""
    if value is None:
        return []
    if type(value) is not list:
        raise NotPlain
    for item in value:
        if type(item) is not str:
            raise NotPlain
    return value


def string_map(value: Any) -> dict[str, str]:
    """A ``map[string]string`` field (null is empty)."""
    if value is None:
        return {}
    if type(value) is not dict:
        raise NotPlain
    for item in value.values():
        if type(item) is not str:
            raise NotPlain
    return value


#: Each class's keys known to be plain (:func:`~pgo_cli.wire.codec.plain_key_set`, a live set),
#: checked here before calling :func:`~pgo_cli.wire.codec.plain_keys`: a large answer has
#: hundreds of thousands of objects, and most have only those keys.
_PLAIN_KEYS: dict[type, set[str]] = {}


def _plain_key_set(cls: type) -> set[str]:
    from pgo_cli.wire.codec import plain_key_set

    keys = _PLAIN_KEYS[cls] = plain_key_set(cls)
    return keys


def struct(value: Any, cls: type) -> dict[str, Any]:
    """A struct field of message class ``cls`` (null is the zero struct: ``{}``)."""
    if value is None:
        return {}
    if type(value) is not dict:
        raise NotPlain
    own = _PLAIN_KEYS.get(cls) or _plain_key_set(cls)
    if not own.issuperset(value) and not plain_keys(cls, value):
        raise NotPlain
    return value


def structs(value: Any, cls: type) -> list[dict[str, Any]]:
    """A ``[]cls`` field (null is empty; a null element is the zero struct: not plain)."""
    if value is None:
        return []
    if type(value) is not list:
        raise NotPlain
    own = _PLAIN_KEYS.get(cls) or _plain_key_set(cls)
    for item in value:
        if type(item) is not dict or (not own.issuperset(item) and not plain_keys(cls, item)):
            raise NotPlain
    return value
