"""The policy routes (``cmd/pgo/api/policy.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.policy.messages import (
    ApplyPolicyRequest,
    ApplyPolicyResponse,
    CreatePolicyRequest,
    CreatePolicyResponse,
    DeletePolicyRequest,
    DeletePolicyResponse,
    ShowPolicyRequest,
    ShowPolicyResponse,
)
from pgo_cli.wire.endpoint import Endpoint

#: ``/policies`` has no method filter in routes.go (any method creates).
CREATE = Endpoint(
    "POST",
    "/policies",
    CreatePolicyResponse,
    permission="CreatePolicy",
    request=CreatePolicyRequest,
    any_method=True,
)
SHOW = Endpoint(
    "POST",
    "/showpolicies",
    ShowPolicyResponse,
    permission="ShowPolicy",
    request=ShowPolicyRequest,
    read=True,
)
DELETE = Endpoint(
    "POST", "/policiesdelete", DeletePolicyResponse, permission="DeletePolicy", request=DeletePolicyRequest
)
APPLY = Endpoint(
    "POST", "/policies/apply", ApplyPolicyResponse, permission="ApplyPolicy", request=ApplyPolicyRequest
)
