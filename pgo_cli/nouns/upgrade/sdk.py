"""The typed SDK calls of pgo upgrade: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.upgrade import commands
from pgo_cli.nouns.upgrade.messages import CreateUpgradeResponse


class UpgradeCalls(programmatic.NounAPI):
    """The pgo upgrade calls of a :class:`~pgo_cli.client.Client`."""

    def upgrade(
        self,
        *clusters: str,
        ccp_image_tag: str = "",
        ignore_validation: bool = False,
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreateUpgradeResponse:
        """Upgrade clusters made by an older Postgres Operator (``pgo upgrade CLUSTER...``). ``wait=True``
        polls until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "upgrade"),
            clusters,
            {"ccp_image_tag": ccp_image_tag, "ignore_validation": ignore_validation},
            CreateUpgradeResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )
