"""The scale routes (``cmd/pgo/api/scale.go``, ``cmd/pgo/api/scaledown.go``; routes.go)."""

from __future__ import annotations

from pgo_cli.nouns.scale.messages import (
    ClusterScaleRequest,
    ClusterScaleResponse,
    ScaleDownResponse,
    ScaleQueryResponse,
)
from pgo_cli.wire.endpoint import Authn, Decode, Endpoint, Headers, Namespace, QueryBool, Version

#: ``pgo scale``: one POST per cluster.
SCALE = Endpoint(
    "POST",
    "/clusters/scale/{name}",
    ClusterScaleResponse,
    permission="ScaleCluster",
    request=ClusterScaleRequest,
    # internal/apiserver/clusterservice/scaleservice.go:55-99 ScaleClusterHandler: the body's decode
    # error before the headers
    steps=(Authn(), Decode(), Headers(), Version(), Namespace()),
)
#: ``pgo scaledown --query``: pgo concatenates the query string (no escaping).
SCALE_QUERY = Endpoint(
    "GET",
    "/scale/{name}",
    ScaleQueryResponse,
    permission="ScaleCluster",
    read=True,
    query=("version", "namespace"),
    query_encoding="concat",
    content_type=False,
    # internal/apiserver/clusterservice/scaleservice.go:165-187 ScaleQueryHandler: WriteHeader
    # before Content-Type
    steps=(Authn(), Headers(late=True), Version(), Namespace()),
)
#: ``pgo scaledown``: a GET that deletes a replica; pgo encodes the query with ``url.Values``.
SCALEDOWN = Endpoint(
    "GET",
    "/scaledown/{name}",
    ScaleDownResponse,
    permission="ScaleCluster",
    query=("version", "replica-name", "delete-data", "namespace"),
    query_encoding="values",
    content_type=False,
    # internal/apiserver/clusterservice/scaleservice.go:247-276 ScaleDownHandler: WriteHeader before
    # Content-Type
    steps=(Authn(), Headers(late=True), QueryBool("delete-data"), Version(), Namespace()),
)
