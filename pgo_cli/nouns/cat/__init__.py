"""Reading a file of a cluster's primary: ``cat`` (``cmd/pgo/cmd/cat.go``)."""
