"""``-o yaml`` wherever ``-o json`` is (issue 20 §5): the same document, as YAML (kubectl's)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pgo_cli.cli.command import Command
from pgo_cli.cli.registry import all_entries
from tests.support.emulator import Emulator, running_with_clusters
from tests.support.proc import base_env, run_pgo


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with running_with_clusters(tmp_path_factory.mktemp("yaml"), "hippo") as emu:
        yield emu


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


def _same_document(args: list[str], env: dict[str, str]) -> int:
    """Run ``args`` with ``-o json`` and ``-o yaml``: same exit code, same document; return the code."""
    as_json = run_pgo([*args, "-o", "json"], env, timeout=60)
    as_yaml = run_pgo([*args, "-o", "yaml"], env, timeout=60)
    assert as_json.code == as_yaml.code, (as_json.stderr, as_yaml.stderr)
    assert not as_yaml.stdout.lstrip().startswith(("{", "["))
    # The doctor's timings ("in 7 ms") differ from run to run.
    timed = re.compile(r"\b\d+ ms\b")
    assert yaml.safe_load(timed.sub("N ms", as_yaml.stdout)) == json.loads(timed.sub("N ms", as_json.stdout))
    return as_json.code


def test_doctor_yaml_is_its_json_document(emulator: Emulator) -> None:
    assert _same_document(["doctor"], emulator.env()) == 0
    # A failing run too: the wrong password is named on the same step, exit 3 in both formats.
    wrong = {**emulator.env(), "PGOUSER": "", "PGOUSERNAME": "admin", "PGOUSERPASS": "wrong-password"}
    assert _same_document(["doctor"], wrong) == 3
    assert "wrong-password" not in run_pgo(["doctor", "-o", "yaml"], wrong, timeout=60).stdout


def test_context_list_and_show_yaml_are_their_json_documents(emulator: Emulator, tmp_path: Path) -> None:
    env = {**emulator.env(), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert run_pgo(["context", "add", "emu", "--use"], env).code == 0
    assert run_pgo(["context", "add", "other", "-n", "elsewhere"], env).code == 0
    assert _same_document(["context", "list"], env) == 0
    assert _same_document(["context", "show"], env) == 0
    assert _same_document(["context", "show", "other"], {**env, "PGO_NAMESPACE": "ns"}) == 0
    listed = yaml.safe_load(run_pgo(["context", "list", "-o", "yaml"], env).stdout)
    assert listed["current-context"] == "emu" and set(listed["contexts"]) == {"emu", "other"}


@pytest.mark.parametrize("args", [["doctor"], ["context", "list"], ["context", "show"]], ids=" ".join)
def test_local_commands_refuse_an_unknown_format_naming_yaml(args: list[str], tmp_path: Path) -> None:
    refused = run_pgo([*args, "-o", "xml"], base_env(tmp_path))
    assert refused.code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("Error: invalid output format 'xml'") and "yaml" in refused.stderr


def test_every_output_flag_offering_json_offers_yaml() -> None:
    """The flags' choices feed completion and the docs: yaml is offered wherever json is."""
    for _module, entry in all_entries():
        for flag in entry.all_flags():
            if flag.name == "output" and "json" in flag.choices:
                assert "yaml" in flag.choices, entry.path
