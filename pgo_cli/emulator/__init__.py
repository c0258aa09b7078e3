"""pgo-emulator: a local stand-in for the PostgreSQL Operator 4.7.4 apiserver.

It speaks the apiserver's REST dialect (routes, auth, JSON shapes, messages) for the cluster
commands and keeps its state in SQLite, so that ``pgo`` and scripts can run with no Kubernetes.
The ``pgo`` CLI never imports this package.
"""
