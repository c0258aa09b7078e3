"""The user messages of ``pkg/apiservermsgs/usermsgs.go`` (pgo 4.7.4), fields in Go's order.

Every key is the Go field name (no JSON tags). ``Status`` is embedded, so ``Code`` and ``Msg`` sit
beside ``Results``. ``Password`` is secret in requests and in answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status

#: ``msgs.UpdateClusterLoginState``: what ``update user`` does to the LOGIN attribute.
LOGIN_DO_NOTHING = 0
LOGIN_ENABLE = 1
LOGIN_DISABLE = 2


@dataclass
class CreateUserRequest:
    """Body of ``POST /usercreate``."""

    all_flag: bool = key("AllFlag", False)
    clusters: list[str] | None = key("Clusters", None)
    client_version: str = key("ClientVersion", "")
    managed_user: bool = key("ManagedUser", False)
    namespace: str = key("Namespace", "")
    password: str = key("Password", "", secret=True)
    password_age_days: int = key("PasswordAgeDays", 0)
    password_length: int = key("PasswordLength", 0)
    password_type: str = key("PasswordType", "")
    selector: str = key("Selector", "")
    username: str = key("Username", "")


@dataclass
class DeleteUserRequest:
    """Body of ``POST /userdelete``."""

    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    clusters: list[str] | None = key("Clusters", None)
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")
    username: str = key("Username", "")


@dataclass
class ShowUserRequest:
    """Body of ``POST /usershow``."""

    all_flag: bool = key("AllFlag", False)
    clusters: list[str] | None = key("Clusters", None)
    client_version: str = key("ClientVersion", "")
    expired: int = key("Expired", 0)
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")
    show_system_accounts: bool = key("ShowSystemAccounts", False)


@dataclass
class UpdateUserRequest:
    """Body of ``POST /userupdate``; ``LoginState`` is 0 (leave), 1 (LOGIN) or 2 (NOLOGIN)."""

    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    clusters: list[str] | None = key("Clusters", None)
    expired: int = key("Expired", 0)
    expire_user: bool = key("ExpireUser", False)
    login_state: int = key("LoginState", LOGIN_DO_NOTHING)
    managed_user: bool = key("ManagedUser", False)
    namespace: str = key("Namespace", "")
    password: str = key("Password", "", secret=True)
    password_age_days: int = key("PasswordAgeDays", 0)
    password_length: int = key("PasswordLength", 0)
    password_type: str = key("PasswordType", "")
    password_valid_always: bool = key("PasswordValidAlways", False)
    rotate_password: bool = key("RotatePassword", False)
    selector: str = key("Selector", "")
    set_system_account_password: bool = key("SetSystemAccountPassword", False)
    username: str = key("Username", "")


@dataclass
class UserResponseDetail:
    """One row of every user answer: a user on a cluster, or why it failed there."""

    cluster_name: str = key("ClusterName", "")
    error: bool = key("Error", False)
    error_message: str = key("ErrorMessage", "")
    password: str = key("Password", "", secret=True)
    username: str = key("Username", "")
    valid_until: str = key("ValidUntil", "")


@dataclass
class CreateUserResponse:
    """Answer of ``POST /usercreate``."""

    results: list[UserResponseDetail] | None = key("Results", None)
    status: Status = status()


@dataclass
class DeleteUserResponse:
    """Answer of ``POST /userdelete``."""

    results: list[UserResponseDetail] | None = key("Results", None)
    status: Status = status()


@dataclass
class ShowUserResponse:
    """Answer of ``POST /usershow``."""

    results: list[UserResponseDetail] | None = key("Results", None)
    status: Status = status()


@dataclass
class UpdateUserResponse:
    """Answer of ``POST /userupdate``."""

    results: list[UserResponseDetail] | None = key("Results", None)
    status: Status = status()
