"""Cron-like schedules: ``pgo create schedule``, ``show schedule``, ``delete schedule``.

The client checks of ``cmd/pgo-scheduler/scheduler/validate.go`` run before anything is sent
(``cron.py``); the emulator stores schedules as pgo's ConfigMaps and can fire them (``handlers.py``).
"""
