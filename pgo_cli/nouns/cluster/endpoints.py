"""The cluster routes pgo calls (``cmd/pgo/api/cluster.go``; ``internal/apiserver/routing/routes.go``)."""

from __future__ import annotations

from pgo_cli.nouns.cluster.messages import (
    ClusterTestRequest,
    ClusterTestResponse,
    CreateClusterRequest,
    CreateClusterResponse,
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterRequest,
    ShowClusterResponse,
)
from pgo_cli.wire.endpoint import STANDARD, Authn, Endpoint, Headers, Namespace, SystemAccounts, Version

CREATE = Endpoint(
    "POST",
    "/clusters",
    CreateClusterResponse,
    permission="CreateCluster",
    request=CreateClusterRequest,
    # internal/apiserver/clusterservice/clusterservice.go:53-89 CreateClusterHandler
    steps=(Authn(), SystemAccounts(), Headers(), Version(), Namespace()),
)
SHOW = Endpoint(
    "POST",
    "/showclusters",
    ShowClusterResponse,
    permission="ShowCluster",
    request=ShowClusterRequest,
    read=True,
    # internal/apiserver/clusterservice/clusterservice.go:135-162 ShowClusterHandler
    steps=STANDARD,
    empty_on_error=("results",),
)
DELETE = Endpoint(
    "POST",
    "/clustersdelete",
    DeleteClusterResponse,
    permission="DeleteCluster",
    request=DeleteClusterRequest,
    # internal/apiserver/clusterservice/clusterservice.go:209-235 DeleteClusterHandler
    steps=STANDARD,
    empty_on_error=("results",),
)
#: ``pgo test`` (``cmd/pgo/api/test.go``): the one call pgo makes without a Content-Type header.
TEST = Endpoint(
    "POST",
    "/testclusters",
    ClusterTestResponse,
    permission="TestCluster",
    request=ClusterTestRequest,
    read=True,
    content_type=False,
    # internal/apiserver/clusterservice/clusterservice.go:276-299 TestClusterHandler
    steps=STANDARD,
)
