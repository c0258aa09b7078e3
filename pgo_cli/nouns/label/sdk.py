"""The typed SDK calls of pgo label and delete label: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pgo_cli.cli import programmatic
from pgo_cli.nouns.label import commands
from pgo_cli.nouns.label.messages import LabelResponse


class LabelCalls(programmatic.NounAPI):
    """The pgo label and delete label calls of a :class:`~pgo_cli.client.Client`."""

    def label(
        self,
        *clusters: str,
        dry_run: bool = False,
        labels: Mapping[str, str] | Sequence[str] = (),
        selector: str = "",
        namespace: str | None = None,
    ) -> LabelResponse:
        """Add labels to clusters (``pgo label CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "label"),
            clusters,
            {"dry_run": dry_run, "label": labels, "selector": selector},
            LabelResponse,
            namespace=namespace,
        )

    def delete_label(
        self,
        *clusters: str,
        labels: Mapping[str, str] | Sequence[str] = (),
        selector: str = "",
        namespace: str | None = None,
    ) -> LabelResponse:
        """Remove labels from clusters (``pgo delete label CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "label"),
            clusters,
            {"label": labels, "selector": selector},
            LabelResponse,
            namespace=namespace,
        )
