"""pgo reload: reload the PostgreSQL configuration of clusters."""
