"""The pgorole routes (``cmd/pgo/api/pgorole.go``; ``routing/routes.go``), all ``POST``.

The apiserver checks the *pgouser* permissions on them (``pgoroleservice/pgoroleservice.go``),
although ``perms.go`` also defines ``CreatePgorole`` and the rest: no handler reads those.
"""

from __future__ import annotations

from pgo_cli.nouns.pgorole.messages import (
    CreatePgoroleRequest,
    CreatePgoroleResponse,
    DeletePgoroleRequest,
    DeletePgoroleResponse,
    ShowPgoroleRequest,
    ShowPgoroleResponse,
    UpdatePgoroleRequest,
    UpdatePgoroleResponse,
)
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Version

CREATE = Endpoint(
    "POST",
    "/pgorolecreate",
    CreatePgoroleResponse,
    permission="CreatePgouser",
    request=CreatePgoroleRequest,
    # internal/apiserver/pgoroleservice/pgoroleservice.go:54-69 CreatePgoroleHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
SHOW = Endpoint(
    "POST",
    "/pgoroleshow",
    ShowPgoroleResponse,
    permission="ShowPgouser",
    request=ShowPgoroleRequest,
    read=True,
    # internal/apiserver/pgoroleservice/pgoroleservice.go:153-172 ShowPgoroleHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
UPDATE = Endpoint(
    "POST",
    "/pgoroleupdate",
    UpdatePgoroleResponse,
    permission="UpdatePgouser",
    request=UpdatePgoroleRequest,
    # internal/apiserver/pgoroleservice/pgoroleservice.go:202-215 UpdatePgoroleHandler: no version,
    # no namespace
    steps=(Authn(), Headers()),
)
DELETE = Endpoint(
    "POST",
    "/pgoroledelete",
    DeletePgoroleResponse,
    permission="DeletePgouser",
    request=DeletePgoroleRequest,
    # internal/apiserver/pgoroleservice/pgoroleservice.go:105-123 DeletePgoroleHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
