"""The typed SDK calls of pgoroles (sets of operator permissions): each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.pgorole import commands
from pgo_cli.nouns.pgorole.messages import (
    CreatePgoroleResponse,
    DeletePgoroleResponse,
    ShowPgoroleResponse,
    UpdatePgoroleResponse,
)


class PgoroleAPI(programmatic.NounAPI):
    """The pgoroles (sets of operator permissions) calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self, name: str, *, permissions: str = "", namespace: str | None = None
    ) -> CreatePgoroleResponse:
        """Create a pgorole (a set of operator permissions) (``pgo create pgorole NAME``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "pgorole"),
            [name],
            {"permissions": permissions},
            CreatePgoroleResponse,
            namespace=namespace,
        )

    def show(self, *names: str, all: bool = False, namespace: str | None = None) -> ShowPgoroleResponse:
        """Show pgoroles and their permissions (``pgo show pgorole NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "pgorole"),
            names,
            {"all": all},
            ShowPgoroleResponse,
            namespace=namespace,
        )

    def update(
        self, name: str, *, permissions: str = "", namespace: str | None = None
    ) -> UpdatePgoroleResponse:
        """Replace a pgorole's permissions (``pgo update pgorole NAME``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "update", "pgorole"),
            [name],
            {"permissions": permissions},
            UpdatePgoroleResponse,
            namespace=namespace,
        )

    def delete(self, *names: str, all: bool = False, namespace: str | None = None) -> DeletePgoroleResponse:
        """Delete pgoroles (``pgo delete pgorole NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "pgorole"),
            names,
            {"all": all},
            DeletePgoroleResponse,
            namespace=namespace,
        )
