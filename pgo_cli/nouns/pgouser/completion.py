"""The pgouser names TAB offers (``pgo __complete pgouser``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def pgousers(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """Every pgouser (what ``pgo show pgouser --all`` lists)."""
    from pgo_cli.nouns.pgouser.endpoints import SHOW
    from pgo_cli.nouns.pgouser.messages import ShowPgouserRequest

    request = ShowPgouserRequest(
        namespace=settings.namespace, all_flag=True, client_version=settings.client_version, pgouser_name=[]
    )
    return [info.username for info in client.call(SHOW, request).response.user_info or []]


COMPLETIONS = [Completion("pgouser", server=pgousers)]
