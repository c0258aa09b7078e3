"""Cluster labels: ``label`` and ``delete label`` (``cmd/pgo/cmd/label.go``)."""
