"""The committed completion scripts are what the generator writes from today's command tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pgo_cli.cli.app import build_cli, run
from pgo_cli.cli.completion_gen import FILE_NAMES, describe
from tests.completions.conftest import COMPLETIONS, ROOT


def test_committed_files_are_not_stale(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(COMPLETIONS / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for name in FILE_NAMES.values():
        fresh = (tmp_path / name).read_text()
        committed = (COMPLETIONS / name).read_text()
        assert committed == fresh, (
            f"completions/{name} is stale: run .venv/bin/python completions/generate.py"
        )


@pytest.mark.parametrize("shell", sorted(FILE_NAMES))
def test_pgo_completion_prints_the_committed_file(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["completion", shell]) == 0
    assert capsys.readouterr().out == (COMPLETIONS / FILE_NAMES[shell]).read_text()


def test_the_command_offers_every_shell_the_generator_knows() -> None:
    from pgo_cli.cli.completion_cmd import SHELLS
    from pgo_cli.cli.completion_gen import SHELLS as GENERATED

    assert SHELLS == GENERATED


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["completion", "powershell"]) == 2
    assert "Error:" in capsys.readouterr().err


def test_every_visible_flag_is_offered_and_hidden_ones_are_not() -> None:
    commands = {command.key: command for command in describe(build_cli())}
    create = {s for o in commands["create cluster"].options if o.offered for s in o.spellings}
    delete = {s for o in commands["delete cluster"].options if o.offered for s in o.spellings}
    assert {"--pgbackrest-storage-type", "--namespace", "-n", "--output", "--help"} <= create
    assert {"--keep-data", "--yes", "--no-prompt"} <= delete
    assert not {"--delete-data", "-d", "--delete-backups", "-b"} & delete
    bash = (COMPLETIONS / "pgo.bash").read_text()
    assert "--delete-data" not in bash
    for option in commands["create cluster"].options:
        for spelling in option.spellings:
            assert spelling in bash
