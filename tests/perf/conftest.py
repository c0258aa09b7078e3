"""The cluster tests' fixtures (a mocked apiserver and the CLI runner), for the fast-path tests."""

from tests.cluster.conftest import mock_api, pgo

__all__ = ["mock_api", "pgo"]
