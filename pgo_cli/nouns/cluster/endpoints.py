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
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST", "/clusters", CreateClusterResponse, permission="CreateCluster", request=CreateClusterRequest
)
SHOW = Endpoint(
    "POST",
    "/showclusters",
    ShowClusterResponse,
    permission="ShowCluster",
    request=ShowClusterRequest,
    read=True,
)
DELETE = Endpoint(
    "POST", "/clustersdelete", DeleteClusterResponse, permission="DeleteCluster", request=DeleteClusterRequest
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
)
