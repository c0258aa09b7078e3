"""A large answer read one element of its array at a time, at orjson's speed.

The apiserver writes a list answer as Go's ``json.Marshal`` does: ``{"Results":[E1,E2,…],"Code":
…,"Msg":…}``, compact. :func:`split_answer` cuts the array into its elements without decoding
them: the cuts are the places where one element ends and the next one starts as the first one
does (``},{"cluster":``, found by ``bytes.find``), and each piece between cuts is decoded by
orjson when it is reached. JSON's grammar is unambiguous, so pieces that each read as one value
and are joined by single commas *are* the array's elements; a cut inside an element (a nested
object that happens to start with the same key) leaves a piece that does not read, which raises
:class:`Irregular`. The rest of the answer (``Code``, ``Msg``) is read from the answer with its
array emptied.

Only answers in exactly that layout are read this way: anything else (another key order,
whitespace, a key spelled in another case, a duplicate array key, a number orjson would read
differently) makes :func:`split_answer` return None, and the caller reads the answer the
straightforward way. Holding the answer's bytes and one decoded element at a time, instead of
every element decoded at once, is what keeps the memory of a 20,000-cluster answer small.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from pgo_cli.wire.gojson import fold_key, has_long_digit_run, loads_quick

T = TypeVar("T")


class Irregular(Exception):
    """The answer's elements cannot be read one by one: read the answer the straightforward way."""


@dataclass
class Elements:
    """The elements of an answer's array, decoded one at a time as they are iterated."""

    #: The answer without its array's elements (the array as ``[]``): the status is here.
    top: dict[str, Any]
    payload: bytes
    #: Byte ranges of the candidate pieces, in order, each followed by a single comma but the last.
    spans: list[tuple[int, int]]

    def __iter__(self) -> Iterator[Any]:
        """Each element, decoded (raises :class:`Irregular` when a piece is not one JSON value)."""
        view = memoryview(self.payload)
        for start, end in self.spans:
            yield _read_piece(view[start:end])


def _read_piece(piece: memoryview) -> Any:
    import orjson

    try:
        return orjson.loads(piece)
    except orjson.JSONDecodeError:
        # A candidate inside an element (a nested object starting with the same key): the
        # straightforward reading of the whole answer is the answer.
        raise Irregular("an element of the answer is not one JSON value") from None


def split_answer(payload: bytes, key: str) -> Elements | None:
    """The elements of the array under ``key``, or None when the answer is not laid out for it.

    ``payload`` must start with ``{"<key>":[{"`` and have one more key after the array, as Go's
    encoder writes a response whose first field is that slice. An empty or null array, or any
    other layout, gives None.
    """
    prefix = b'{"' + key.encode("ascii") + b'":['
    if not payload.startswith(prefix) or payload[len(prefix) : len(prefix) + 2] != b'{"':
        return None
    if has_long_digit_run(payload):
        return None  # an integer orjson would read as a float, perhaps
    first = len(prefix)
    colon = payload.find(b'":', first + 2)
    if colon < 0:
        return None
    # Each element of a Go slice of structs starts with the struct's first field.
    separator = b"}," + payload[first : colon + 2]
    # The array's end: the last "]," followed by a key, after which only the status follows.
    close = payload.rfind(b'],"')
    if close < first:
        return None
    top = _read_top(payload[:first] + payload[close:], key)
    if top is None:
        return None
    spans: list[tuple[int, int]] = []
    start = first
    find = payload.find
    while True:
        at = find(separator, start, close)
        if at < 0:
            break
        spans.append((start, at + 1))
        start = at + 2
    spans.append((start, close))
    return Elements(top, payload, spans)


def _read_top(small: bytes, key: str) -> dict[str, Any] | None:
    """The answer with its array emptied, when it is one JSON object whose only ``key`` is that array."""
    exact, top = loads_quick(small)
    if not exact or not isinstance(top, dict) or top.get(key) != []:
        return None
    # A second key folding to ``key`` (Go's EqualFold; the last one wins) would be the real array.
    pairs = json.loads(small, object_pairs_hook=list)
    folded = fold_key(key)
    if [name for name, _ in pairs if fold_key(name) == folded] != [key]:
        return None
    return top


class LazyList(Sequence[Any]):
    """The elements of an answer's array, each decoded (Go's rules) when it is reached.

    Iterating holds one decoded element at a time (nothing is kept); indexing decodes that
    element again. Decoding raises :class:`Irregular` for a piece that is not one JSON value and
    :class:`~pgo_cli.wire.codec.WireShapeError` for a value of the wrong type, as decoding the
    whole answer would.
    """

    def __init__(self, elements: Elements, decode_item: Callable[[Any], Any]) -> None:
        self._elements = elements
        self._decode_item = decode_item

    def __len__(self) -> int:
        return len(self._elements.spans)

    def __iter__(self) -> Iterator[Any]:
        decode_item = self._decode_item
        for value in self._elements:
            yield decode_item(value)

    def values(self) -> Iterator[Any]:
        """Each element's JSON value, not decoded (raises :class:`Irregular` as iterating does),
        for a renderer that reads plain values itself and :meth:`decode` s the others."""
        return iter(self._elements)

    def decode(self, value: Any) -> Any:
        """One element's JSON value decoded as iterating decodes it."""
        return self._decode_item(value)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[position] for position in range(len(self))[index]]
        start, end = self._elements.spans[index]
        return self._decode_item(_read_piece(memoryview(self._elements.payload)[start:end]))


def lazy_response(cls: type[T], payload: bytes) -> T | None:
    """``cls`` decoded from ``payload`` with its first field, a list of structs, read lazily.

    None when the answer cannot be read that way (see :func:`split_answer`), when ``cls``'s first
    field is not a list of structs, or when its status says ``error`` (an error answer is small,
    and read the straightforward way with its checks).
    """
    from pgo_cli.wire import codec

    field = codec.first_list_field(cls)
    if field is None:
        return None
    attribute, wire_key, decode_item = field
    elements = split_answer(payload, wire_key)
    if elements is None:
        return None
    try:
        response = codec.decode(cls, elements.top)
    except codec.WireShapeError:
        return None
    status = getattr(response, "status", None)
    if status is not None and getattr(status, "is_error", False):
        return None
    setattr(response, attribute, LazyList(elements, decode_item))
    return response
