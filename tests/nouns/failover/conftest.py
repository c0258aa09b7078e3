"""Fixtures of the failover tests: the shared ones plus an in-process emulator and fast waits."""

from tests.nouns.scale.emu import emu, slow_emu
from tests.nouns.scale.waitkit import fast_wait

__all__ = ["emu", "fast_wait", "slow_emu"]
