"""The namespace routes (``cmd/pgo/api/namespace.go``; ``routing/routes.go``), all ``POST``."""

from __future__ import annotations

from pgo_cli.nouns.namespace.messages import (
    CreateNamespaceRequest,
    CreateNamespaceResponse,
    DeleteNamespaceRequest,
    DeleteNamespaceResponse,
    ShowNamespaceRequest,
    ShowNamespaceResponse,
    UpdateNamespaceRequest,
    UpdateNamespaceResponse,
)
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, NamespaceMode, Version

SHOW = Endpoint(
    "POST",
    "/namespace",
    ShowNamespaceResponse,
    permission="ShowNamespace",
    request=ShowNamespaceRequest,
    read=True,
    # internal/apiserver/namespaceservice/namespaceservice.go:61-82 ShowNamespaceHandler: the mode
    # before Authn; WriteHeader before Content-Type
    steps=(NamespaceMode(("dynamic", "readonly"), "show"), Authn(), Headers(late=True), Version()),
)
CREATE = Endpoint(
    "POST",
    "/namespacecreate",
    CreateNamespaceResponse,
    permission="CreateNamespace",
    request=CreateNamespaceRequest,
    # internal/apiserver/namespaceservice/namespaceservice.go:115-137 CreateNamespaceHandler: the
    # mode before Authn
    steps=(NamespaceMode(("dynamic",), "create"), Authn(), Headers(), Version()),
)
UPDATE = Endpoint(
    "POST",
    "/namespaceupdate",
    UpdateNamespaceResponse,
    permission="UpdateNamespace",
    request=UpdateNamespaceRequest,
    # internal/apiserver/namespaceservice/namespaceservice.go:225-247 UpdateNamespaceHandler: the
    # mode before Authn
    steps=(NamespaceMode(("dynamic",), "update"), Authn(), Headers(), Version()),
)
DELETE = Endpoint(
    "POST",
    "/namespacedelete",
    DeleteNamespaceResponse,
    permission="DeleteNamespace",
    request=DeleteNamespaceRequest,
    # internal/apiserver/namespaceservice/namespaceservice.go:167-192 DeleteNamespaceHandler: the
    # mode before Authn
    steps=(NamespaceMode(("dynamic",), "delete"), Authn(), Headers(), Version()),
)
