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
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST", "/usercreate", CreateUserResponse, permission="CreateUser", request=CreateUserRequest
)
#: Shows passwords, hence ``ShowSecrets``; ``--show-system-accounts`` also needs ``ShowSystemAccounts``.
SHOW = Endpoint(
    "POST", "/usershow", ShowUserResponse, permission="ShowSecrets", request=ShowUserRequest, read=True
)
UPDATE = Endpoint(
    "POST", "/userupdate", UpdateUserResponse, permission="UpdateUser", request=UpdateUserRequest
)
DELETE = Endpoint(
    "POST", "/userdelete", DeleteUserResponse, permission="DeleteUser", request=DeleteUserRequest
)
