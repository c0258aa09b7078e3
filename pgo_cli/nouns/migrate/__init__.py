"""``pgo migrate v5``: the PGO v5 ``PostgresCluster`` of a v4 cluster, and the v4 side of the move."""
