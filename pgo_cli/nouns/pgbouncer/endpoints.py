"""The pgBouncer routes (``cmd/pgo/api/pgbouncer.go``; ``internal/apiserver/routing/routes.go``).

One path, three methods (gorilla/mux ``Methods``): POST creates, PUT updates, DELETE deletes;
``show`` is ``POST /pgbouncer/show``. The server-only alias ``POST /pgbouncerdelete`` (never used by
pgo) is described for the emulator, which serves it as the real apiserver does.
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
from pgo_cli.wire.endpoint import STANDARD, Authn, Endpoint, Headers, Namespace, Version

CREATE = Endpoint(
    "POST",
    "/pgbouncer",
    CreatePgbouncerResponse,
    permission="CreatePgbouncer",
    request=CreatePgbouncerRequest,
    # internal/apiserver/pgbouncerservice/pgbouncerservice.go:49-77 CreatePgbouncerHandler
    steps=STANDARD,
)
UPDATE = Endpoint(
    "PUT",
    "/pgbouncer",
    UpdatePgBouncerResponse,
    permission="UpdatePgBouncer",
    request=UpdatePgBouncerRequest,
    # internal/apiserver/pgbouncerservice/pgbouncerservice.go:248-283 UpdatePgBouncerHandler:
    # WriteHeader before Content-Type
    steps=(Authn(), Headers(late=True), Version(), Namespace()),
)
DELETE = Endpoint(
    "DELETE",
    "/pgbouncer",
    DeletePgbouncerResponse,
    permission="DeletePgbouncer",
    request=DeletePgbouncerRequest,
    # internal/apiserver/pgbouncerservice/pgbouncerservice.go:126-154 DeletePgbouncerHandler
    steps=STANDARD,
)
#: ``POST /pgbouncerdelete``: the same handler under a second route (routes.go:129), kept by the
#: server for older clients; pgo 4.7.4 itself sends ``DELETE /pgbouncer``.
DELETE_ALIAS = Endpoint(
    "POST",
    "/pgbouncerdelete",
    DeletePgbouncerResponse,
    permission="DeletePgbouncer",
    request=DeletePgbouncerRequest,
    # internal/apiserver/pgbouncerservice/pgbouncerservice.go:126-154 DeletePgbouncerHandler
    steps=STANDARD,
    server_only=True,
)
SHOW = Endpoint(
    "POST",
    "/pgbouncer/show",
    ShowPgBouncerResponse,
    permission="ShowPgBouncer",
    request=ShowPgBouncerRequest,
    read=True,
    # internal/apiserver/pgbouncerservice/pgbouncerservice.go:183-218 ShowPgBouncerHandler:
    # WriteHeader before Content-Type
    steps=(Authn(), Headers(late=True), Version(), Namespace()),
)
