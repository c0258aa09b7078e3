"""Namespaces of the installation: ``create|show|update|delete namespace`` (``cmd/pgo/cmd/namespace.go``)."""
