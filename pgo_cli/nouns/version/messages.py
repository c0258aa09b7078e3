"""Messages of ``GET /version`` (``pkg/apiservermsgs/versionmsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class VersionResponse:
    """Answer of ``GET /version``."""

    version: str = key("Version", "")
    status: Status = status()
