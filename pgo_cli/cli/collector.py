"""Python's cyclic garbage collector in the ``pgo`` process: off for a run, on for a long one.

A ``pgo`` run is short, and reference counting frees what it allocates: it makes almost no
reference cycles. The collector would only walk, again and again, the objects that start-up
creates and keeps (the modules, classes and functions of click, requests and the command):
some 40 collections and about a tenth of the CPU time of ``pgo show cluster`` or ``pgo version``.
The entry point (:mod:`pgo_cli.cli.entry`) turns it off before the first import; a command that
runs for long (``watch``, ``--wait``) turns it back on. Only the entry point changes the setting:
``run(argv, io=…)`` called from Python, the SDK and the emulator leave the interpreter's as it is.
"""

from __future__ import annotations

import gc

_switched_off = False


def switch_off() -> None:
    """Turn the collector off for this process (the entry point, before anything is imported)."""
    global _switched_off
    if gc.isenabled():
        gc.disable()
        _switched_off = True


def collect_cycles() -> None:
    """Turn the collector back on if :func:`switch_off` turned it off: for a command that runs for long."""
    if _switched_off:
        gc.enable()
