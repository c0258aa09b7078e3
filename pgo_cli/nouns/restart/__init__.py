"""pgo restart: restart the instances of a cluster (all, some, or rolling), or list them."""
