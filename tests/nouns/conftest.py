"""Fixtures for the per-noun tests: the CLI in-process against a fake apiserver, plans, emulators."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.emulator import Emulator
from tests.support.registry import mock_api, plan_for, run_cli

__all__ = ["emulator", "make_emulator", "mock_api", "plan_for", "run_cli"]


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    """A real ``pgo-emulator`` over mutual TLS (pods ready and deletions done at once)."""
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
