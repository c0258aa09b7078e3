"""``client.users``: the PostgreSQL users of clusters, with the CLI's checks and requests.

>>> client = Client.from_environment(namespace="pgo")
>>> row = client.users.create(["hippo"], "alice", managed=True).results[0]
>>> client.users.update(["hippo"], "alice", rotate_password=True)
>>> [r.username for r in client.users.show(all=True).results or []]

A refused request raises :class:`~pgo_cli.errors.ApiError`; a bad value raises
:class:`~pgo_cli.errors.UsageError` before anything is sent. A failure on one cluster is a row with
``error`` set, as in pgo's answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgo_cli.errors import UsageError
from pgo_cli.nouns.user import endpoints
from pgo_cli.nouns.user.messages import (
    LOGIN_DISABLE,
    LOGIN_DO_NOTHING,
    LOGIN_ENABLE,
    CreateUserRequest,
    CreateUserResponse,
    DeleteUserRequest,
    DeleteUserResponse,
    ShowUserRequest,
    ShowUserResponse,
    UpdateUserRequest,
    UpdateUserResponse,
)
from pgo_cli.nouns.user.rules import (
    PASSWORD_TYPE_ERROR,
    PASSWORD_TYPES,
    USER_NAME,
    USER_NAME_ERROR,
    is_system_account,
)

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection


class UserAPI:
    """The user calls of one :class:`~pgo_cli.client.Client`."""

    def __init__(self, client: Connection) -> None:
        self._client = client

    def _namespace(self, namespace: str | None) -> str:
        return namespace or self._client.settings.require_namespace()

    @staticmethod
    def _target(clusters: Sequence[str], selector: str, all: bool) -> list[str]:
        if isinstance(clusters, str):
            raise TypeError("clusters must be a list of names, not a string")
        if not clusters and not selector and not all:
            raise UsageError("give cluster names, a selector or all=True")
        return list(clusters)

    @staticmethod
    def _check_common(password_type: str, password_length: int) -> None:
        if password_type not in PASSWORD_TYPES:
            raise UsageError(PASSWORD_TYPE_ERROR)
        if password_length < 0:
            raise UsageError(f"password_length must not be negative (got {password_length})")

    def create(
        self,
        clusters: Sequence[str],
        username: str,
        *,
        selector: str = "",
        all: bool = False,
        managed: bool = False,
        password: str = "",
        password_length: int = 0,
        password_type: str = "",
        valid_days: int = 0,
        namespace: str | None = None,
    ) -> CreateUserResponse:
        """``pgo create user CLUSTER... --username NAME``; the answer carries the passwords."""
        names = self._target(clusters, selector, all)
        username = username.strip()
        if not username or is_system_account(username) or not USER_NAME.match(username):
            raise UsageError(USER_NAME_ERROR if username else "a user name is required")
        self._check_common(password_type, password_length)
        request = CreateUserRequest(
            all_flag=all,
            clusters=names,
            client_version=self._client.settings.client_version,
            managed_user=managed,
            namespace=self._namespace(namespace),
            password=password,
            password_age_days=valid_days,
            password_length=password_length,
            password_type=password_type,
            selector=selector,
            username=username,
        )
        response: CreateUserResponse = self._client.call(endpoints.CREATE, request).response
        return response

    def show(
        self,
        clusters: Sequence[str] = (),
        *,
        selector: str = "",
        all: bool = False,
        expired: int = 0,
        show_system_accounts: bool = False,
        namespace: str | None = None,
    ) -> ShowUserResponse:
        """``pgo show user CLUSTER...`` (a read: retried on transient failures)."""
        request = ShowUserRequest(
            all_flag=all,
            clusters=self._target(clusters, selector, all),
            client_version=self._client.settings.client_version,
            expired=expired,
            namespace=self._namespace(namespace),
            selector=selector,
            show_system_accounts=show_system_accounts,
        )
        response: ShowUserResponse = self._client.call(endpoints.SHOW, request).response
        return response

    def update(
        self,
        clusters: Sequence[str],
        username: str = "",
        *,
        selector: str = "",
        all: bool = False,
        expired: int = 0,
        expire_user: bool = False,
        login: bool | None = None,
        password: str = "",
        password_length: int = 0,
        password_type: str = "",
        valid_always: bool = False,
        valid_days: int = 0,
        rotate_password: bool = False,
        set_system_account_password: bool = False,
        namespace: str | None = None,
    ) -> UpdateUserResponse:
        """``pgo update user``; ``login=True``/``False`` is ``--enable-login``/``--disable-login``."""
        names = self._target(clusters, selector, all)
        username = username.strip()
        if not username and expired <= 0:
            raise UsageError("give a user name or expired=N")
        if username and is_system_account(username) and not set_system_account_password:
            raise UsageError(f"{username} is a system account: pass set_system_account_password=True")
        self._check_common(password_type, password_length)
        login_state = LOGIN_DO_NOTHING if login is None else LOGIN_ENABLE if login else LOGIN_DISABLE
        request = UpdateUserRequest(
            all_flag=all,
            client_version=self._client.settings.client_version,
            clusters=names,
            expired=expired,
            expire_user=expire_user,
            login_state=login_state,
            namespace=self._namespace(namespace),
            password=password,
            password_age_days=valid_days,
            password_length=password_length,
            password_type=password_type,
            password_valid_always=valid_always,
            rotate_password=rotate_password,
            selector=selector,
            set_system_account_password=set_system_account_password,
            username=username,
        )
        response: UpdateUserResponse = self._client.call(endpoints.UPDATE, request).response
        return response

    def delete(
        self,
        clusters: Sequence[str],
        username: str,
        *,
        selector: str = "",
        all: bool = False,
        namespace: str | None = None,
    ) -> DeleteUserResponse:
        """``pgo delete user CLUSTER... --username NAME`` (no question is asked)."""
        names = self._target(clusters, selector, all)
        if not username or is_system_account(username):
            raise UsageError("a user name other than a system account is required")
        request = DeleteUserRequest(
            all_flag=all,
            client_version=self._client.settings.client_version,
            clusters=names,
            namespace=self._namespace(namespace),
            selector=selector,
            username=username,
        )
        response: DeleteUserResponse = self._client.call(endpoints.DELETE, request).response
        return response
