"""Contexts: named connection profiles (``pgo context add|use|list|show|delete``)."""
