"""The namespace names TAB offers: ``namespace`` (those the pgouser can use, for ``-n``) and
``any-namespace`` (every one the apiserver lists, for the namespace commands)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def _namespaces(client: Connection, settings: Settings, *, usable: bool) -> Iterable[str]:
    from pgo_cli.nouns.namespace.endpoints import SHOW
    from pgo_cli.nouns.namespace.messages import ShowNamespaceRequest

    request = ShowNamespaceRequest(args=[], all_flag=True, client_version=settings.client_version)
    results = client.call(SHOW, request).response.results or []
    return [r.namespace for r in results if not usable or (r.user_access and r.installation_access)]


def usable_namespaces(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The namespaces with both user and installation access."""
    return _namespaces(client, settings, usable=True)


def any_namespaces(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """Every namespace the apiserver lists."""
    return _namespaces(client, settings, usable=False)


COMPLETIONS = [
    Completion("namespace", server=usable_namespaces),
    Completion("any-namespace", server=any_namespaces),
]
