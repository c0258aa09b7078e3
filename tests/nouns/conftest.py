"""Fixtures for the per-noun tests: the CLI in-process against a fake apiserver, and plans (emulators: tests/conftest.py)."""

from __future__ import annotations

from tests.support.registry import mock_api, plan_for, run_cli

__all__ = ["mock_api", "plan_for", "run_cli"]
