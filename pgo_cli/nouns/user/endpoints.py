"""The user routes (``cmd/pgo/api/user.go``; ``internal/apiserver/routing/routes.go``): all POST."""

from __future__ import annotations

from pgo_cli.nouns.user.messages import (
    CreateUserRequest,
    CreateUserResponse,
    DeleteUserRequest,
    DeleteUserResponse,
    ShowUserRequest,
    ShowUserResponse,
    UpdateUserRequest,
    UpdateUserResponse,
)
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace, SystemAccounts, Version

CREATE = Endpoint(
    "POST",
    "/usercreate",
    CreateUserResponse,
    permission="CreateUser",
    request=CreateUserRequest,
    # internal/apiserver/userservice/userservice.go:103-130 CreateUserHandler: the namespace before
    # the version
    steps=(Authn(), Headers(), Namespace(), Version()),
)
#: Shows passwords, hence ``ShowSecrets``; ``--show-system-accounts`` also needs ``ShowSystemAccounts``.
SHOW = Endpoint(
    "POST",
    "/usershow",
    ShowUserResponse,
    permission="ShowSecrets",
    request=ShowUserRequest,
    read=True,
    # internal/apiserver/userservice/userservice.go:218-248 ShowUserHandler
    steps=(Authn(), SystemAccounts(), Headers(), Version(), Namespace()),
)
UPDATE = Endpoint(
    "POST",
    "/userupdate",
    UpdateUserResponse,
    permission="UpdateUser",
    request=UpdateUserRequest,
    # internal/apiserver/userservice/userservice.go:53-75 UpdateUserHandler: a version-mismatch JSON
    # after the 401
    steps=(Authn(then="version"), Headers(), Version(), Namespace()),
)
DELETE = Endpoint(
    "POST",
    "/userdelete",
    DeleteUserResponse,
    permission="DeleteUser",
    request=DeleteUserRequest,
    # internal/apiserver/userservice/userservice.go:163-187 DeleteUserHandler: the version before Authn
    steps=(Version(), Authn(), Headers(), Namespace()),
)
