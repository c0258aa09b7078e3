"""The upgrade route (``cmd/pgo/api/upgrade.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.upgrade.messages import CreateUpgradeRequest, CreateUpgradeResponse
from pgo_cli.wire.endpoint import STANDARD, Endpoint

CREATE_UPGRADE = Endpoint(
    "POST",
    "/upgrades",
    CreateUpgradeResponse,
    permission="CreateUpgrade",
    request=CreateUpgradeRequest,
    # internal/apiserver/upgradeservice/upgradeservice.go:60-83 CreateUpgradeHandler
    steps=STANDARD,
)
