"""The typed SDK calls of PostgreSQL users of clusters: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from typing import Literal

from pgo_cli.cli import programmatic
from pgo_cli.nouns.user import commands
from pgo_cli.nouns.user.messages import (
    CreateUserResponse,
    DeleteUserResponse,
    ShowUserResponse,
    UpdateUserResponse,
)


class UserAPI(programmatic.NounAPI):
    """The PostgreSQL users of clusters calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        *clusters: str,
        all: bool = False,
        managed: bool = False,
        password: str = "",
        password_file: str = "",
        password_length: int = 0,
        password_type: Literal["", "md5", "scram-sha-256"] = "",
        selector: str = "",
        username: str = "",
        valid_days: int = 0,
        namespace: str | None = None,
    ) -> CreateUserResponse:
        """Create a PostgreSQL user in clusters (``pgo create user CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "user"),
            clusters,
            {
                "all": all,
                "managed": managed,
                "password": password,
                "password_file": password_file,
                "password_length": password_length,
                "password_type": password_type,
                "selector": selector,
                "username": username,
                "valid_days": valid_days,
            },
            CreateUserResponse,
            namespace=namespace,
        )

    def show(
        self,
        *clusters: str,
        selector: str = "",
        all: bool = False,
        expired: int = 0,
        show_system_accounts: bool = False,
        namespace: str | None = None,
    ) -> ShowUserResponse:
        """Show the PostgreSQL users of clusters (``pgo show user CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "user"),
            clusters,
            {
                "selector": selector,
                "all": all,
                "expired": expired,
                "show_system_accounts": show_system_accounts,
            },
            ShowUserResponse,
            namespace=namespace,
        )

    def update(
        self,
        *clusters: str,
        all: bool = False,
        disable_login: bool = False,
        enable_login: bool = False,
        expired: int = 0,
        expire_user: bool = False,
        valid_days: int = 0,
        username: str = "",
        password: str = "",
        password_file: str = "",
        password_length: int = 0,
        password_type: Literal["", "md5", "scram-sha-256"] = "",
        valid_always: bool = False,
        rotate_password: bool = False,
        selector: str = "",
        set_system_account_password: bool = False,
        namespace: str | None = None,
    ) -> UpdateUserResponse:
        """Change a PostgreSQL user's password, expiry or login (``pgo update user CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "update", "user"),
            clusters,
            {
                "all": all,
                "disable_login": disable_login,
                "enable_login": enable_login,
                "expired": expired,
                "expire_user": expire_user,
                "valid_days": valid_days,
                "username": username,
                "password": password,
                "password_file": password_file,
                "password_length": password_length,
                "password_type": password_type,
                "valid_always": valid_always,
                "rotate_password": rotate_password,
                "selector": selector,
                "set_system_account_password": set_system_account_password,
            },
            UpdateUserResponse,
            namespace=namespace,
        )

    def delete(
        self,
        *clusters: str,
        all: bool = False,
        selector: str = "",
        username: str = "",
        namespace: str | None = None,
    ) -> DeleteUserResponse:
        """Delete a PostgreSQL user from clusters (``pgo delete user CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "user"),
            clusters,
            {"all": all, "selector": selector, "username": username},
            DeleteUserResponse,
            namespace=namespace,
        )
