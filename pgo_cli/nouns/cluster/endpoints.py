"""The cluster routes pgo calls (``cmd/pgo/api/cluster.go``; ``internal/apiserver/routing/routes.go``);
create's, ``POST /clusters``, is :data:`pgo_cli.nouns.cluster.create_messages.CREATE`."""

from __future__ import annotations

from pgo_cli.nouns.cluster.messages import (
    ClusterTestRequest,
    ClusterTestResponse,
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterRequest,
    ShowClusterResponse,
)
from pgo_cli.wire.endpoint import STANDARD, Endpoint

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
