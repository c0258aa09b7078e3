"""The typed SDK calls of pgousers (operator logins): each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from pgo_cli.cli import programmatic
from pgo_cli.nouns.pgouser import commands
from pgo_cli.nouns.pgouser.messages import (
    CreatePgouserResponse,
    DeletePgouserResponse,
    ShowPgouserResponse,
    UpdatePgouserResponse,
)


class PgouserAPI(programmatic.NounAPI):
    """The pgousers (operator logins) calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        name: str,
        *,
        pgouser_password: str = "",
        pgouser_password_file: str = "",
        pgouser_roles: str = "",
        pgouser_namespaces: str = "",
        all_namespaces: bool = False,
        namespace: str | None = None,
    ) -> CreatePgouserResponse:
        """Create a pgouser (an operator login) (``pgo create pgouser NAME``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "pgouser"),
            [name],
            {
                "pgouser_password": pgouser_password,
                "pgouser_password_file": pgouser_password_file,
                "pgouser_roles": pgouser_roles,
                "pgouser_namespaces": pgouser_namespaces,
                "all_namespaces": all_namespaces,
            },
            CreatePgouserResponse,
            namespace=namespace,
        )

    def show(self, *names: str, all: bool = False, namespace: str | None = None) -> ShowPgouserResponse:
        """Show pgousers: their roles and namespaces (``pgo show pgouser NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "pgouser"),
            names,
            {"all": all},
            ShowPgouserResponse,
            namespace=namespace,
        )

    def update(
        self,
        name: str,
        *,
        pgouser_password: str = "",
        pgouser_password_file: str = "",
        pgouser_roles: str = "",
        pgouser_namespaces: str = "",
        all_namespaces: bool = False,
        namespace: str | None = None,
    ) -> UpdatePgouserResponse:
        """Change a pgouser's password, roles or namespaces (``pgo update pgouser NAME``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "update", "pgouser"),
            [name],
            {
                "pgouser_password": pgouser_password,
                "pgouser_password_file": pgouser_password_file,
                "pgouser_roles": pgouser_roles,
                "pgouser_namespaces": pgouser_namespaces,
                "all_namespaces": all_namespaces,
            },
            UpdatePgouserResponse,
            namespace=namespace,
        )

    def delete(self, *names: str, all: bool = False, namespace: str | None = None) -> DeletePgouserResponse:
        """Delete pgousers (``pgo delete pgouser NAME...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "pgouser"),
            names,
            {"all": all},
            DeletePgouserResponse,
            namespace=namespace,
        )
