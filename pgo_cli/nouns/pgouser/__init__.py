"""pgo's own users: ``create|show|update|delete pgouser`` (``cmd/pgo/cmd/pgouser.go``)."""
