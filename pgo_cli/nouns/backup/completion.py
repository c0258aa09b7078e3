"""The backup labels TAB offers (``pgo __complete backup CLUSTER``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def backups(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The pgBackRest backup labels of the cluster named first (what ``pgo show backup`` lists)."""
    from pgo_cli.nouns.backup.endpoints import SHOW_BACKREST

    query = {"version": settings.client_version, "selector": "", "namespace": settings.require_namespace()}
    response = client.call(SHOW_BACKREST, None, path={"name": args[0]}, query=query).response
    return [
        backup.label
        for item in response.items or []
        for info in item.info or []
        for backup in info.backups or []
    ]


COMPLETIONS = [Completion("backup", server=backups, needs_cluster=True)]
