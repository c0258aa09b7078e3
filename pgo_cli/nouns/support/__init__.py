"""``pgo support export``: one archive of what a support request about a cluster needs."""
