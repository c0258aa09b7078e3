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
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace, Version

#: ``/policies`` has no method filter in routes.go (any method creates).
CREATE = Endpoint(
    "POST",
    "/policies",
    CreatePolicyResponse,
    permission="CreatePolicy",
    request=CreatePolicyRequest,
    any_method=True,
    # internal/apiserver/policyservice/policyservice.go:59-78 CreatePolicyHandler: never sets a
    # header (sniffed Content-Type)
    steps=(Authn(), Version(), Namespace()),
)
SHOW = Endpoint(
    "POST",
    "/showpolicies",
    ShowPolicyResponse,
    permission="ShowPolicy",
    request=ShowPolicyRequest,
    read=True,
    # internal/apiserver/policyservice/policyservice.go:197-224 ShowPolicyHandler: WriteHeader(200)
    # before Authn
    steps=(Headers(), Authn(), Version(), Namespace()),
)
DELETE = Endpoint(
    "POST",
    "/policiesdelete",
    DeletePolicyResponse,
    permission="DeletePolicy",
    request=DeletePolicyRequest,
    # internal/apiserver/policyservice/policyservice.go:132-158 DeletePolicyHandler:
    # WriteHeader(200) before Authn
    steps=(Headers(), Authn(), Version(), Namespace()),
)
APPLY = Endpoint(
    "POST",
    "/policies/apply",
    ApplyPolicyResponse,
    permission="ApplyPolicy",
    request=ApplyPolicyRequest,
    # internal/apiserver/policyservice/policyservice.go:257-274 ApplyPolicyHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
