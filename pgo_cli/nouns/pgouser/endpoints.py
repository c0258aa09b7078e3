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
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST", "/pgousercreate", CreatePgouserResponse, permission="CreatePgouser", request=CreatePgouserRequest
)
SHOW = Endpoint(
    "POST",
    "/pgousershow",
    ShowPgouserResponse,
    permission="ShowPgouser",
    request=ShowPgouserRequest,
    read=True,
)
UPDATE = Endpoint(
    "POST", "/pgouserupdate", UpdatePgouserResponse, permission="UpdatePgouser", request=UpdatePgouserRequest
)
DELETE = Endpoint(
    "POST", "/pgouserdelete", DeletePgouserResponse, permission="DeletePgouser", request=DeletePgouserRequest
)
