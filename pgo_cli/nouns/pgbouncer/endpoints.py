"""The pgBouncer routes (``cmd/pgo/api/pgbouncer.go``; ``internal/apiserver/routing/routes.go``).

One path, three methods (gorilla/mux ``Methods``): POST creates, PUT updates, DELETE deletes;
``show`` is ``POST /pgbouncer/show``. The server-only alias ``POST /pgbouncerdelete`` is never
used by pgo, so it is not described here.
"""

from __future__ import annotations

from pgo_cli.nouns.pgbouncer.messages import (
    CreatePgbouncerRequest,
    CreatePgbouncerResponse,
    DeletePgbouncerRequest,
    DeletePgbouncerResponse,
    ShowPgBouncerRequest,
    ShowPgBouncerResponse,
    UpdatePgBouncerRequest,
    UpdatePgBouncerResponse,
)
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST",
    "/pgbouncer",
    CreatePgbouncerResponse,
    permission="CreatePgbouncer",
    request=CreatePgbouncerRequest,
)
UPDATE = Endpoint(
    "PUT", "/pgbouncer", UpdatePgBouncerResponse, permission="UpdatePgBouncer", request=UpdatePgBouncerRequest
)
DELETE = Endpoint(
    "DELETE",
    "/pgbouncer",
    DeletePgbouncerResponse,
    permission="DeletePgbouncer",
    request=DeletePgbouncerRequest,
)
SHOW = Endpoint(
    "POST",
    "/pgbouncer/show",
    ShowPgBouncerResponse,
    permission="ShowPgBouncer",
    request=ShowPgBouncerRequest,
    read=True,
)
