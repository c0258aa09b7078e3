"""The pgAdmin routes (``cmd/pgo/api/pgadmin.go``; ``internal/apiserver/routing/routes.go``).

``/pgadmin`` has two methods (POST creates, DELETE deletes); ``show`` is ``POST /pgadmin/show``.
"""

from __future__ import annotations

from pgo_cli.nouns.pgadmin.messages import (
    CreatePgAdminRequest,
    CreatePgAdminResponse,
    DeletePgAdminRequest,
    DeletePgAdminResponse,
    ShowPgAdminRequest,
    ShowPgAdminResponse,
)
from pgo_cli.wire.endpoint import STANDARD, Endpoint

CREATE = Endpoint(
    "POST",
    "/pgadmin",
    CreatePgAdminResponse,
    permission="CreatePgAdmin",
    request=CreatePgAdminRequest,
    # internal/apiserver/pgadminservice/pgadminservice.go:50-75 CreatePgAdminHandler
    steps=STANDARD,
)
DELETE = Endpoint(
    "DELETE",
    "/pgadmin",
    DeletePgAdminResponse,
    permission="DeletePgAdmin",
    request=DeletePgAdminRequest,
    # internal/apiserver/pgadminservice/pgadminservice.go:103-128 DeletePgAdminHandler
    steps=STANDARD,
)
SHOW = Endpoint(
    "POST",
    "/pgadmin/show",
    ShowPgAdminResponse,
    permission="ShowPgAdmin",
    request=ShowPgAdminRequest,
    read=True,
    # internal/apiserver/pgadminservice/pgadminservice.go:157-184 ShowPgAdminHandler
    steps=STANDARD,
)
