"""The typed SDK calls of namespaces watched by the operator: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.namespace import commands
from pgo_cli.nouns.namespace.messages import (
    CreateNamespaceResponse,
    DeleteNamespaceResponse,
    ShowNamespaceResponse,
    UpdateNamespaceResponse,
)


class NamespaceAPI(programmatic.NounAPI):
    """The namespaces watched by the operator calls of a :class:`~pgo_cli.client.Client`."""

    def create(self, *names: str, namespace: str | None = None) -> CreateNamespaceResponse:
        """Create namespaces watched by the operator (``pgo create namespace NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "namespace"),
            names,
            {},
            CreateNamespaceResponse,
            namespace=namespace,
        )

    def show(self, *names: str, all: bool = False, namespace: str | None = None) -> ShowNamespaceResponse:
        """Show namespaces and who may use them (``pgo show namespace NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "namespace"),
            names,
            {"all": all},
            ShowNamespaceResponse,
            namespace=namespace,
        )

    def update(self, *names: str, namespace: str | None = None) -> UpdateNamespaceResponse:
        """Make existing namespaces watched by the operator (``pgo update namespace NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "update", "namespace"),
            names,
            {},
            UpdateNamespaceResponse,
            namespace=namespace,
        )

    def delete(self, *names: str, namespace: str | None = None) -> DeleteNamespaceResponse:
        """Delete namespaces and everything in them (``pgo delete namespace NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "namespace"),
            names,
            {},
            DeleteNamespaceResponse,
            namespace=namespace,
        )
