"""``pgo show workflow``: the parameters of one operator workflow (create, restore, upgrade)."""
