"""``pgo watch``: the operator's event stream (NSQ)."""
