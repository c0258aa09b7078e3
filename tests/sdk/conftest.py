"""Fixtures of the SDK tests: the CLI in-process against a fake apiserver, and a real emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.emulator import Emulator
from tests.support.registry import mock_api, run_cli

__all__ = ["emulator", "mock_api", "run_cli"]


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    """A real ``pgo-emulator`` over mutual TLS (pods ready and deletions done at once)."""
    running = Emulator.in_dir(tmp_path).start()
    yield running
    running.stop()
