"""What a user's fingers type from other CLIs (issue 20 §5): ``pgo help CMD…`` (cobra's),
``pgo --version``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.proc import base_env, run_pgo


@pytest.mark.parametrize(
    ("words", "same_as"),
    [
        ([], ["--help"]),
        (["create"], ["create", "--help"]),
        (["show", "cluster"], ["show", "cluster", "--help"]),
        (["show", "cluster", "--all"], ["show", "cluster", "--help"]),  # cobra skips the flags
        (["show", "cluster", "hippo"], ["show", "cluster", "--help"]),  # and the arguments
        (["version"], ["version", "--help"]),
        (["help"], ["help", "--help"]),
    ],
)
def test_help_command_prints_the_commands_own_help(
    tmp_path: Path, words: list[str], same_as: list[str]
) -> None:
    env = base_env(tmp_path, COLUMNS="100")
    shown = run_pgo(["help", *words], env)
    expected = run_pgo(same_as, env)
    assert (shown.code, shown.stderr) == (0, "")
    assert expected.code == 0 and "Usage: pgo" in expected.stdout
    assert shown.stdout == expected.stdout


@pytest.mark.parametrize("words", [["nosuch"], ["show", "nosuch"], ["__complete"]])
def test_help_of_an_unknown_command_is_a_usage_error(tmp_path: Path, words: list[str]) -> None:
    result = run_pgo(["help", *words], base_env(tmp_path))
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f'Error: unknown help topic "{" ".join(words)}"',
        "hint: see 'pgo help' for the commands",
    ]


def test_help_is_listed_in_the_root_help(tmp_path: Path) -> None:
    assert "help" in run_pgo(["--help"], base_env(tmp_path)).stdout.split()


def test_version_flag_prints_the_client_line(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    flag = run_pgo(["--version"], env)
    command = run_pgo(["version", "--client"], env)
    assert (flag.code, flag.stderr) == (0, "")
    assert flag.stdout == command.stdout == "pgo client version 4.7.4\n"
    # Needs no server and no configuration, whatever else is on the line.
    assert run_pgo(["--version", "-n", "pgo", "show", "cluster"], env).stdout == flag.stdout
    assert run_pgo(["--version"], base_env(tmp_path, PGO_CLIENT_VERSION="4.6.2")).stdout == (
        "pgo client version 4.6.2\n"
    )


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (["failover"], "CLUSTER"),
        (["scaledown"], "CLUSTER"),
        (["restart"], "CLUSTER"),
        (["create", "cluster"], "NAME"),
        (["create", "pgouser"], "PGOUSER"),
        (["show", "cluster"], "[CLUSTER]..."),
        (["delete", "cluster"], "[CLUSTER]..."),
        (["delete", "pgouser"], "PGOUSER..."),
        (["cat"], "CLUSTER PATH..."),
        (["scale"], "CLUSTER..."),
    ],
)
def test_arguments_are_named_as_users_type_them(tmp_path: Path, words: list[str], usage: str) -> None:
    shown = run_pgo([*words, "--help"], base_env(tmp_path, COLUMNS="120")).stdout
    assert (
        f"Usage: pgo {' '.join(words)} [OPTIONS] {usage}\n"
        in "\n".join(line.strip() for line in shown.splitlines()) + "\n"
    )
    arguments = shown.split("Arguments", 1)[1].split("╰", 1)[0]
    assert usage in arguments
    assert "args" not in arguments.split() and "names" not in arguments.split()


def test_no_argument_of_the_tree_shows_an_internal_name() -> None:
    import click

    from pgo_cli.cli.app import build_cli

    stack: list[click.Command] = [build_cli()]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        for param in command.params:
            if isinstance(param, click.Argument) and not command.hidden:
                assert not set(param.opts) & {"args", "names"}, command.name
