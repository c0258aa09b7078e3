"""SQL policies: ``create|show|delete policy`` and ``apply`` (``cmd/pgo/cmd/policy.go``)."""
