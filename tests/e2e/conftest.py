"""A real ``pgo-emulator`` process for end-to-end tests of the real ``pgo`` over mutual TLS."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.emulator import Emulator


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    running = Emulator.in_dir(tmp_path).start()
    yield running
    running.stop()


@pytest.fixture
def make_emulator(tmp_path: Path) -> Iterator[Callable[..., Emulator]]:
    """Start emulators with extra ``serve`` arguments; all are stopped at the end."""
    started: list[Emulator] = []

    def factory(*extra: str) -> Emulator:
        instance = Emulator.in_dir(tmp_path, *extra).start()
        started.append(instance)
        return instance

    yield factory
    for instance in started:
        instance.stop()
