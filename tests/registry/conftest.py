"""The registry matrices use the per-noun fixtures: the CLI in-process against a fake apiserver."""

from tests.support.registry import mock_api, run_cli

__all__ = ["mock_api", "run_cli"]
