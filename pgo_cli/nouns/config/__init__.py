"""The operator's configuration: ``show config`` (``cmd/pgo/cmd/config.go``)."""
