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
from pgo_cli.wire.endpoint import Endpoint

SHOW = Endpoint(
    "POST",
    "/namespace",
    ShowNamespaceResponse,
    permission="ShowNamespace",
    request=ShowNamespaceRequest,
    read=True,
)
CREATE = Endpoint(
    "POST",
    "/namespacecreate",
    CreateNamespaceResponse,
    permission="CreateNamespace",
    request=CreateNamespaceRequest,
)
UPDATE = Endpoint(
    "POST",
    "/namespaceupdate",
    UpdateNamespaceResponse,
    permission="UpdateNamespace",
    request=UpdateNamespaceRequest,
)
DELETE = Endpoint(
    "POST",
    "/namespacedelete",
    DeleteNamespaceResponse,
    permission="DeleteNamespace",
    request=DeleteNamespaceRequest,
)
