"""``pgo status``: namespace-wide counts (``cmd/pgo/cmd/status.go``, ``internal/apiserver/statusservice``)."""
