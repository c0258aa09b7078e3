"""pgAdmin 4, the web console beside a cluster: ``pgo create|show|delete pgadmin``."""
