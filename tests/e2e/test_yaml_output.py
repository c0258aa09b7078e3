"""``-o yaml`` wherever ``-o json`` is (issue 20 §5): the same document, as YAML (kubectl's)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import yaml

from pgo_cli.cli.command import Command
from pgo_cli.cli.registry import all_entries
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    emu = Emulator.in_dir(tmp_path_factory.mktemp("yaml")).start()
    try:
        assert run_pgo(["create", "cluster", "hippo"], emu.env()).code == 0
        yield emu
    finally:
        emu.stop()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "user", "hippo"],
        ["test", "hippo"],
        ["show", "pvc", "hippo"],
        ["status"],
        ["show", "backup", "hippo"],
        ["scaledown", "hippo", "--query"],
        ["scale", "hippo", "--dry-run"],
        [
            "create",
            "pgouser",
            "bob",
            "--pgouser-password",
            "x",
            "--pgouser-roles",
            "pgoadmin",
            "--all-namespaces",
            "--dry-run",
        ],
    ],
    ids=" ".join,
)
def test_yaml_is_the_json_document(emulator: Emulator, args: list[str]) -> None:
    env = emulator.env()
    as_json = run_pgo([*args, "-o", "json"], env)
    as_yaml = run_pgo([*args, "-o", "yaml"], env)
    assert (as_json.code, as_yaml.code) == (0, 0), (as_json.stderr, as_yaml.stderr)
    assert as_yaml.stderr == as_json.stderr
    assert not as_yaml.stdout.lstrip().startswith(("{", "["))
    assert yaml.safe_load(as_yaml.stdout) == json.loads(as_json.stdout)


def test_every_command_with_json_takes_yaml() -> None:
    for _module, entry in all_entries():
        if isinstance(entry, Command):
            formats = entry.formats()
            assert "json" in formats and "yaml" in formats, entry.path
