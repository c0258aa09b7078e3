"""The label messages of ``pkg/apiservermsgs/labelmsgs.go`` (pgo 4.7.4), fields in Go's order."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class LabelRequest:
    """Body of ``POST /label``; ``DryRun`` is pgo's own (server-side) ``--dry-run``."""

    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    args: list[str] | None = key("Args", None)
    labels: dict[str, str] | None = key("Labels", None)
    dry_run: bool = key("DryRun", False)
    #: Never set by pgo's client (a variable no flag writes).
    delete_label: bool = key("DeleteLabel", False)
    client_version: str = key("ClientVersion", "")


@dataclass
class DeleteLabelRequest:
    """Body of ``POST /labeldelete``."""

    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    args: list[str] | None = key("Args", None)
    labels: dict[str, str] | None = key("Labels", None)
    client_version: str = key("ClientVersion", "")


@dataclass
class LabelResponse:
    """Answer of both label routes: cluster names (label) or ``deleting label from <c>`` lines."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
