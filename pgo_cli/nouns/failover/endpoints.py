"""The failover routes (``cmd/pgo/api/failover.go``; routes.go ``RegisterFailoverSvcRoutes``)."""

from __future__ import annotations

from pgo_cli.nouns.failover.messages import (
    CreateFailoverRequest,
    CreateFailoverResponse,
    QueryFailoverResponse,
)
from pgo_cli.wire.endpoint import STANDARD, Endpoint

#: ``pgo failover``: a switchover (or, with ``Force``, a failover).
FAILOVER = Endpoint(
    "POST",
    "/failover",
    CreateFailoverResponse,
    permission="CreateFailover",
    request=CreateFailoverRequest,
    # internal/apiserver/failoverservice/failoverservice.go:53-78 CreateFailoverHandler
    steps=STANDARD,
)
#: ``pgo failover --query``: pgo concatenates the query string (no escaping).
FAILOVER_QUERY = Endpoint(
    "GET",
    "/failover/{name}",
    QueryFailoverResponse,
    permission="CreateFailover",
    read=True,
    query=("version", "namespace"),
    query_encoding="concat",
    content_type=False,
    # internal/apiserver/failoverservice/failoverservice.go:127-150 QueryFailoverHandler
    steps=STANDARD,
)
