"""``pgo upgrade``: ask the operator to upgrade clusters made by an older Postgres Operator."""
