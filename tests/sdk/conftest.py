"""Fixtures of the SDK tests: the CLI in-process against a fake apiserver, and a real emulator."""

from __future__ import annotations

from tests.support.registry import mock_api, run_cli

__all__ = ["mock_api", "run_cli"]
