"""PostgreSQL users inside clusters: ``pgo create|show|update|delete user`` (pgo 4.7.4)."""
