"""pgBouncer, the connection pooler beside a cluster: ``pgo create|show|update|delete pgbouncer``."""
