"""Disk use of a cluster's volumes: ``df`` (``cmd/pgo/cmd/df.go``)."""
