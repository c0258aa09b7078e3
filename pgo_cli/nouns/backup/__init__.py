"""Backups and restores: ``pgo backup``, ``show backup``, ``delete backup``, ``restore``.

pgBackRest and pg_dump, as pgo 4.7.4 sends them (``cmd/pgo/cmd/{backup,backrest,pgdump,restore}.go``),
and the emulator's pgBackRest repository per cluster (``repo.py``).
"""
