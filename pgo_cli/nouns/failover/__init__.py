"""pgo failover: promote a replica, or list the candidates."""
