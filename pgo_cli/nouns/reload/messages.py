"""The reload messages (``pkg/apiservermsgs/reloadmsgs.go``); the request has no ClientVersion."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class ReloadRequest:
    """Body of ``POST /reload`` (Go field names, in struct order)."""

    namespace: str = key("Namespace", "")
    #: The cluster names; cobra hands pgo an empty, non-nil slice when there are none (``[]``).
    args: list[str] | None = key("Args", factory=list)
    selector: str = key("Selector", "")


@dataclass
class ReloadResponse:
    """Answer of ``POST /reload``: ``reload performed on <c>`` per cluster reloaded."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
