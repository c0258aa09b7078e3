"""One help style from the root to every leaf (issue 20 §6): ``pgo --help``, a group's help and a
leaf's are the same panels (``╭─ Options ─╮`` …), coloured only on a terminal without
``NO_COLOR``, plain boxes when piped; the root help lists every exit code; ``pgo help CMD…``
shows what ``CMD --help`` shows."""

from __future__ import annotations

import os
import re
import select
import subprocess
from io import StringIO
from pathlib import Path
from typing import cast

import pytest

from pgo_cli.cli.app import run
from pgo_cli.cli.io import IO
from pgo_cli.errors import EXIT_CODES
from pgo_cli.index import COMMANDS
from tests.support.proc import base_env, pgo_executable, run_pgo

ESC = "\x1b["
GROUPS = sorted({path[:1] for path in COMMANDS if len(path) > 1})
LEAVES = sorted(path for path in COMMANDS if not path[0].startswith("__"))


def panels(text: str) -> list[str]:
    """The titles of the panels on a help screen, in order."""
    return re.findall(r"^╭─ (.+?) ─+╮$", text, re.MULTILINE)


def test_root_help_is_panels_with_every_exit_code(tmp_path: Path) -> None:
    shown = run_pgo(["--help"], base_env(tmp_path, COLUMNS="100"))
    assert (shown.code, shown.stderr) == (0, "")
    assert shown.stdout.startswith("\n Usage: pgo [OPTIONS] COMMAND [ARGS]...\n")
    assert panels(shown.stdout) == ["Options", "Global flags", "Commands", "Exit codes"]
    exits = shown.stdout.split("╭─ Exit codes ")[1].splitlines()[1:-1]
    rows = [" ".join(line.strip("│ ").split()) for line in exits]
    assert rows == [f"{int(code)} {words}" for code, (words, _meaning) in EXIT_CODES.items()]
    assert [code for code in ("0", "6", "70", "130", "141") if f"│ {code} " not in shown.stdout] == []
    assert ESC not in shown.stdout  # piped: the boxes, no colour


@pytest.mark.parametrize("group", GROUPS, ids=" ".join)
def test_group_help_is_the_same_panels(tmp_path: Path, group: tuple[str, ...]) -> None:
    shown = run_pgo([*group, "--help"], base_env(tmp_path, COLUMNS="100"))
    assert shown.code == 0
    assert shown.stdout.startswith(f"\n Usage: pgo {group[0]} [OPTIONS] COMMAND [ARGS]...\n")
    assert panels(shown.stdout) == ["Options", "Commands"]
    children = sorted(path[1] for path in LEAVES if path[:1] == group)
    listed = re.findall(r"^│ (\S+) ", shown.stdout.split("╭─ Commands ")[1], re.MULTILINE)
    assert listed == children
    assert "Global flags (every command; described in 'pgo --help')" in shown.stdout


def _screen(*words: str, width: int = 80, tty: bool = False, environ: dict[str, str] | None = None) -> str:
    io = IO.fake(environ=environ or {}, width=width, tty=tty)
    assert run([*words, "--help"], io=io) == 0
    return cast(StringIO, io.stdout).getvalue()


@pytest.mark.parametrize("path", [(), *GROUPS, *LEAVES], ids=lambda p: " ".join(p) or "pgo")
def test_every_screen_fits_its_width_in_boxes(path: tuple[str, ...]) -> None:
    for width in (60, 80, 120):
        text = _screen(*path, width=width)
        # Example command lines (indented) stay whole, so they can be copied; the rest wraps.
        too_long = [line for line in text.splitlines() if len(line) > width and not line.startswith("   ")]
        assert too_long == [], (width, too_long[:3])
        titles = panels(text)
        assert "Options" in titles
        if path in LEAVES and COMMANDS[path] and "[OPTIONS] " in text.splitlines()[1]:
            assert "Arguments" in titles
        for line in text.splitlines():
            if line.startswith(("│", "╭", "╰")):
                assert len(line) == width and line[-1] in "│╮╯", line


def test_colour_on_a_terminal_only_and_never_with_no_color() -> None:
    coloured = _screen("failover", tty=True)
    assert f"{ESC}1;36m--target" in coloured and f"{ESC}33mUsage:" in coloured
    plain = _screen("failover", tty=True, environ={"NO_COLOR": "1"})
    assert ESC not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain == _screen("failover")


def _on_a_pty(args: list[str], env: dict[str, str]) -> str:
    master, slave = os.openpty()
    process = subprocess.Popen(
        [pgo_executable(), *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        assert ready, seen
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=30) == 0
    os.close(master)
    return seen.decode()


def test_root_help_on_a_real_terminal_is_coloured(tmp_path: Path) -> None:
    shown = _on_a_pty(["--help"], base_env(tmp_path, COLUMNS="100", TERM="xterm"))
    assert f"{ESC}1;36mcreate" in shown and "╭─ Exit codes" in shown
    quiet = _on_a_pty(["--help"], base_env(tmp_path, COLUMNS="100", TERM="xterm", NO_COLOR="1"))
    assert ESC not in quiet and "╭─ Exit codes" in quiet


@pytest.mark.parametrize("words", [[], ["show"], ["create", "cluster"], ["watch"]], ids=" ".join)
def test_help_command_is_the_same_screen(tmp_path: Path, words: list[str]) -> None:
    env = base_env(tmp_path, COLUMNS="90")
    assert run_pgo(["help", *words], env).stdout == run_pgo([*words, "--help"], env).stdout
