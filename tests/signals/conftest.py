"""The signals tests reuse the fault matrix's fixtures."""

from tests.faults.conftest import env_for

__all__ = ["env_for"]
