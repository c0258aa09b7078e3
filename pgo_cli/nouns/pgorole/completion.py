"""The pgorole names TAB offers (``pgo __complete pgorole``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def pgoroles(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """Every pgorole (what ``pgo show pgorole --all`` lists)."""
    from pgo_cli.nouns.pgorole.endpoints import SHOW
    from pgo_cli.nouns.pgorole.messages import ShowPgoroleRequest

    request = ShowPgoroleRequest(
        namespace=settings.namespace, all_flag=True, client_version=settings.client_version, pgorole_name=[]
    )
    return [info.name for info in client.call(SHOW, request).response.role_info or []]


COMPLETIONS = [Completion("pgorole", server=pgoroles)]
