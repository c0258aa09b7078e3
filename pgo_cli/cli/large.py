"""Large answers (``show cluster --all`` of 2,000 clusters and more): read one element at a time.

:func:`fetch` sends the request and keeps the answer's bytes; its response's list (``Results``)
decodes each element only when a renderer reaches it (:mod:`pgo_cli.wire.lazy`), so a renderer
that writes element by element holds one decoded element at a time instead of the whole answer
decoded twice (as JSON values and as typed messages).

:func:`rendered` runs a renderer into a buffer and returns the text: a malformed element fails
its answer as a whole, as pgo's decoding of the whole answer does, so nothing may be written
before the last element has been read. When an element cannot be read lazily (an answer laid out
otherwise) or does not decode, every answer is read the straightforward way (``Connection.call``'s
decoding of the same bytes) and rendered again: the output, or the error, is then exactly what
the straightforward path gives.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection, Payload
    from pgo_cli.wire.endpoint import Endpoint


@dataclass
class Fetched:
    """One answer: its bytes, its response (its list read lazily when ``lazy``) and, when it was
    decoded the straightforward way, its JSON as sent."""

    payload: Payload
    response: Any
    lazy: bool
    raw: Mapping[str, Any] = field(default_factory=dict)

    def decoded(self, client: Connection) -> Any:
        """The response decoded the straightforward way (raises as ``Connection.call`` would)."""
        if not self.lazy:
            return self.response
        return client.decode_payload(self.payload).response


def fetch(
    client: Connection,
    endpoint: Endpoint,
    request: Any,
    *,
    path: Mapping[str, str] | None = None,
    query: Mapping[str, str] | None = None,
) -> Fetched:
    """Send ``request``; its answer with the list read lazily when the answer allows it.

    Raises what ``Connection.call`` raises (``ApiError`` for ``Code: "error"``, ``ResponseError``
    for an answer of the wrong shape, transport errors).
    """
    from pgo_cli.wire.lazy import lazy_response

    payload = client.call_bytes(endpoint, request, path=path, query=query)
    response = lazy_response(endpoint.response, payload.data)
    if response is not None:
        return Fetched(payload, response, lazy=True)
    answer = client.decode_payload(payload)
    return Fetched(payload, answer.response, lazy=False, raw=answer.raw)


def rendered(
    client: Connection, answers: Sequence[Fetched], render: Callable[[Sequence[Any], TextIO], None]
) -> str:
    """What ``render`` writes for the answers' responses (see the module's description)."""
    from pgo_cli.wire.codec import WireShapeError
    from pgo_cli.wire.lazy import Irregular

    buffer = io.StringIO()
    try:
        render([answer.response for answer in answers], buffer)
        return buffer.getvalue()
    except (Irregular, WireShapeError):
        if not any(answer.lazy for answer in answers):
            raise
    buffer = io.StringIO()
    render([answer.decoded(client) for answer in answers], buffer)
    return buffer.getvalue()
