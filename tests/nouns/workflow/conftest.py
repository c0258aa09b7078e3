"""Fixtures of the ``show workflow`` tests: the shared ones plus an in-process emulator."""

from tests.nouns.cluster_update.emu import emu, slow_emu

__all__ = ["emu", "slow_emu"]
