"""The pgouser routes (``cmd/pgo/api/pgouser.go``; ``routing/routes.go``), all ``POST``."""

from __future__ import annotations

from pgo_cli.nouns.pgouser.messages import (
    CreatePgouserRequest,
    CreatePgouserResponse,
    DeletePgouserRequest,
    DeletePgouserResponse,
    ShowPgouserRequest,
    ShowPgouserResponse,
    UpdatePgouserRequest,
    UpdatePgouserResponse,
)
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Version

CREATE = Endpoint(
    "POST",
    "/pgousercreate",
    CreatePgouserResponse,
    permission="CreatePgouser",
    request=CreatePgouserRequest,
    # internal/apiserver/pgouserservice/pgouserservice.go:54-69 CreatePgouserHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
SHOW = Endpoint(
    "POST",
    "/pgousershow",
    ShowPgouserResponse,
    permission="ShowPgouser",
    request=ShowPgouserRequest,
    read=True,
    # internal/apiserver/pgouserservice/pgouserservice.go:153-172 ShowPgouserHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
UPDATE = Endpoint(
    "POST",
    "/pgouserupdate",
    UpdatePgouserResponse,
    permission="UpdatePgouser",
    request=UpdatePgouserRequest,
    # internal/apiserver/pgouserservice/pgouserservice.go:202-215 UpdatePgouserHandler: no version,
    # no namespace
    steps=(Authn(), Headers()),
)
DELETE = Endpoint(
    "POST",
    "/pgouserdelete",
    DeletePgouserResponse,
    permission="DeletePgouser",
    request=DeletePgouserRequest,
    # internal/apiserver/pgouserservice/pgouserservice.go:105-123 DeletePgouserHandler: no namespace
    steps=(Authn(), Headers(), Version()),
)
