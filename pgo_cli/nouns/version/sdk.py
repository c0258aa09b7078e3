"""``client.version()``: the apiserver's version (``GET /version``, ``cmd/pgo/cmd/version.go``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pgo_cli.errors import ApiError
from pgo_cli.nouns.version.calls import server_version as server_version
from pgo_cli.nouns.version.calls import version_number as version_number
from pgo_cli.nouns.version.messages import VersionResponse

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection


class VersionAPI:
    """``client.version``: call it (``client.version()``) or use :meth:`show`."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def show(self) -> VersionResponse:
        """``pgo version``: the apiserver's answer (``.version`` is its version, e.g. ``4.7.4``).

        Runs the command's plan (``GET /version``); like pgo, anything but ``Code: "ok"`` is an
        :class:`ApiError`.
        """
        from pgo_cli.cli import programmatic
        from pgo_cli.nouns.version import commands

        reply: VersionResponse = programmatic.call(
            self._connection, programmatic.find(commands.COMMANDS, "version"), (), {}, VersionResponse
        )
        if not reply.status.ok:
            raise ApiError(
                reply.status.msg or f"the apiserver answered Code {reply.status.code!r}", response=reply
            )
        return reply

    def __call__(self) -> VersionResponse:
        """The same as :meth:`show` (``client.version().version``)."""
        return self.show()
