"""pgo's own roles: ``create|show|update|delete pgorole`` (``cmd/pgo/cmd/pgorole.go``)."""
