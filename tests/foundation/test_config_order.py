"""With nothing configured, the first complaint is pgo's: the apiserver URL.

Go pgo 4.7.4 refuses a missing URL before any command runs (``cmd/pgo/cmd/root.go`` initConfig)
and never checks the namespace; pgo_cli refuses an empty namespace too, but names the URL first.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.proc import base_env, run_pgo

GO_LINE = (
    "Error: The PGO_APISERVER_URL environment variable or the --apiserver-url flag needs to be supplied."
)


def test_no_url_and_no_namespace_names_the_url(tmp_path: Path) -> None:
    result = run_pgo(["show", "cluster", "--all"], base_env(tmp_path))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == GO_LINE


def test_a_url_without_a_namespace_names_the_namespace(tmp_path: Path) -> None:
    result = run_pgo(
        ["show", "cluster", "--all"], base_env(tmp_path, PGO_APISERVER_URL="https://127.0.0.1:1")
    )
    assert result.code == 2
    assert result.stderr.startswith("Error: no namespace given")
