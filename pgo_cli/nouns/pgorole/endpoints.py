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
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST", "/pgorolecreate", CreatePgoroleResponse, permission="CreatePgouser", request=CreatePgoroleRequest
)
SHOW = Endpoint(
    "POST",
    "/pgoroleshow",
    ShowPgoroleResponse,
    permission="ShowPgouser",
    request=ShowPgoroleRequest,
    read=True,
)
UPDATE = Endpoint(
    "POST", "/pgoroleupdate", UpdatePgoroleResponse, permission="UpdatePgouser", request=UpdatePgoroleRequest
)
DELETE = Endpoint(
    "POST", "/pgoroledelete", DeletePgoroleResponse, permission="DeletePgouser", request=DeletePgoroleRequest
)
