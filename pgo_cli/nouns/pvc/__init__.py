"""A cluster's persistent volume claims: ``show pvc`` (``cmd/pgo/cmd/pvc.go``)."""
