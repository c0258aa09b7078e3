"""Start-up that does not grow with the number of commands: what each command path imports.

``pgo version --client`` must import no rich, requests, cryptography, emulator or other noun;
``pgo --help`` no noun at all (its summaries come from the generated index); every command's
``--help`` imports neither requests nor cryptography nor the emulator.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pgo_cli.index import COMMANDS

_PROBE = """
import json, sys
from pgo_cli.cli.app import run
code = run(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)) + "\\n")
"""


def imported(*args: str) -> list[str]:
    """The modules loaded by an in-process ``pgo ARGS`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=60, check=False
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def _nouns(modules: list[str]) -> set[str]:
    return {name.split(".")[2] for name in modules if name.startswith("pgo_cli.nouns.")}


def test_version_client_imports_only_its_noun() -> None:
    modules = imported("version", "--client")
    assert [m for m in modules if m.split(".")[0] in ("rich", "requests", "urllib3", "cryptography")] == []
    assert [m for m in modules if m.startswith("pgo_cli.emulator")] == []
    assert _nouns(modules) == {"version"}


def test_a_request_command_imports_no_typer() -> None:
    """pgo's commands are click's classes drawn by helpview: typer is not even a dependency."""
    for args in (["version", "--client"], ["show", "cluster", "--all", "--dry-run", "-n", "pgo"]):
        assert [m for m in imported(*args) if m.split(".")[0] == "typer"] == [], args


def test_show_cluster_does_not_build_creates_messages() -> None:
    """create's ~90-field request is the costliest class of the noun: only create loads it."""
    assert "pgo_cli.nouns.cluster.create_messages" not in imported(
        "show", "cluster", "--all", "--dry-run", "-n", "pgo"
    )
    assert "pgo_cli.nouns.cluster.create_messages" in imported(
        "create", "cluster", "hippo", "--dry-run", "-n", "pgo"
    )


def test_root_help_imports_no_noun_and_nothing_heavy() -> None:
    modules = imported("--help")
    assert _nouns(modules) == set()
    assert [
        m for m in modules if m.startswith(("requests", "urllib3", "cryptography", "pgo_cli.emulator"))
    ] == []


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_each_command_help_imports_no_transport_and_no_emulator(path: tuple[str, ...]) -> None:
    modules = imported(*path, "--help")
    assert [
        m for m in modules if m.startswith(("requests", "urllib3", "cryptography", "pgo_cli.emulator"))
    ] == []
    module = COMMANDS[path][0]
    assert module in modules


@pytest.mark.parametrize(
    "args", [["--help"], ["create", "--help"], ["create", "cluster", "--help"], ["help"]]
)
def test_help_screens_import_no_rich(args: list[str]) -> None:
    """Help is drawn by pgo_cli.cli.helpview: importing rich alone would cost more than the rest."""
    modules = imported(*args)
    assert [m for m in modules if m.split(".")[0] == "rich" or m == "typer.rich_utils"] == []
