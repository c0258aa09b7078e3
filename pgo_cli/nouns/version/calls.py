"""The version noun's wire call on a :class:`~pgo_cli.sdk.connection.Connection` (``GET /version``).

Used by ``client.version`` and by the CLI's session for the hint of a version mismatch; nothing
here imports the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgo_cli.errors import ApiError
from pgo_cli.nouns.version.endpoints import VERSION
from pgo_cli.nouns.version.messages import VersionResponse

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection


def server_version(connection: Connection) -> VersionResponse:
    """``GET /version``; like pgo, anything but ``Code: "ok"`` is an :class:`ApiError`."""
    reply: VersionResponse = connection.call(VERSION, check_status=False).response
    if not reply.status.ok:
        raise ApiError(
            reply.status.msg or f"the apiserver answered Code {reply.status.code!r}", response=reply
        )
    return reply


def version_number(connection: Connection) -> str:
    """The apiserver's version alone (``4.7.4``): the hint of a version mismatch asks for it."""
    return server_version(connection).version
