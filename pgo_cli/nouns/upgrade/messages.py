"""The wire of ``pgo upgrade`` (``pkg/apiservermsgs/upgrademsgs.go``)."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreateUpgradeRequest:
    """Body of ``POST /upgrades``. pgo registers no ``--selector`` here, so ``Selector`` is ``""``."""

    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")
    ignore_validation: bool = key("IgnoreValidation", False)
    upgrade_ccp_image_tag: str = key("UpgradeCCPImageTag", "")


@dataclass
class CreateUpgradeResponse:
    """Answer of ``POST /upgrades``: ``created upgrade task for <c>`` lines and the last workflow ID."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
    workflow_id: str = key("WorkflowID", "")
