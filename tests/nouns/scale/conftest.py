"""Fixtures of the scale tests: the shared ones plus an in-process emulator."""

from tests.nouns.scale.emu import emu, slow_emu

__all__ = ["emu", "slow_emu"]
