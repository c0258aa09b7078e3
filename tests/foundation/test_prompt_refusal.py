"""One wording for every command that asks, when standard input is not a terminal and
``--no-prompt`` was not given (issue 20 §6): the registered commands, the hand-built ``delete
cluster`` and ``migrate v5 --execute`` say the same two lines, exit 2 and send nothing."""

from __future__ import annotations

import pytest

from tests.support.fake_server import FakeApiserver
from tests.support.proc import run_pgo


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["delete", "cluster", "hippo"], "delete cluster"),
        (["migrate", "v5", "hippo", "--method", "volumes", "--execute"], "migrate v5 --execute"),
        (["scale", "hippo"], "scale"),
        (["restore", "hippo"], "restore"),
        (["delete", "pgouser", "bob"], "delete pgouser"),
    ],
)
def test_the_same_refusal_everywhere(
    user_env: dict[str, str], apiserver: FakeApiserver, args: list[str], named: str
) -> None:
    result = run_pgo(args, user_env)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"Error: not running 'pgo {named}': it asks for confirmation and standard input is not a terminal",
        "hint: pass --no-prompt (or --yes) to go ahead without a question",
    ]
    assert apiserver.records == []
