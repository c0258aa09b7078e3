"""The policy names TAB offers (``pgo __complete policy``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Completion

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings


def policies(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    """The policies of the namespace (what ``pgo show policy --all`` lists)."""
    from pgo_cli.nouns.policy.endpoints import SHOW
    from pgo_cli.nouns.policy.messages import ShowPolicyRequest

    request = ShowPolicyRequest(
        namespace=settings.require_namespace(), all_flag=True, client_version=settings.client_version
    )
    return [item.spec.name for item in client.call(SHOW, request).response.policy_list.items or []]


COMPLETIONS = [Completion("policy", server=policies)]
