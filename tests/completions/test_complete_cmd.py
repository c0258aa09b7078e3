"""``pgo __complete KIND``: the names the scripts offer, read-only, silent, light to start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pgo_cli.cli import complete_cmd
from pgo_cli.cli.app import build_cli
from pgo_cli.cli.completion_gen import NAME_KINDS, describe
from pgo_cli.sdk.connection import Answer
from pgo_cli.sdk.connection import Connection as Client
from tests.support.emulator import Emulator
from tests.support.proc import base_env, pgo_executable


def _complete(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [pgo_executable(), "__complete", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_command_knows_every_kind_the_generator_offers() -> None:
    assert complete_cmd.KINDS == NAME_KINDS


def test_every_completes_value_in_the_tree_is_a_known_kind() -> None:
    used: set[str] = set()
    for command in describe(build_cli()):
        if command.args and command.args != "choice":
            used.add(command.args)
        used.update(o.value for o in command.options if o.value not in (None, "", "choice"))
    assert used - {"file"} <= set(NAME_KINDS)
    assert set(NAME_KINDS) <= used, "a kind no flag or argument completes"


def test_it_is_hidden_from_completion() -> None:
    root = next(command for command in describe(build_cli()) if command.path == ())
    assert "__complete" not in {name for name, _ in root.subcommands}
    assert "completion" in {name for name, _ in root.subcommands}


@pytest.mark.parametrize(
    "args",
    [
        ("no-such-kind",),
        ("pgouser", "--timeout"),  # a flag without its value
        ("pgouser", "--no-such-flag", "--timeout", "2"),
        ("backup", "--timeout", "2"),  # no cluster
        ("backup", "--timeout", "2", "--", "../etc"),  # not a cluster name
        ("policy", "--timeout", "2"),  # no server
        ("context",),
    ],
)
def test_silent_with_exit_0_on_any_error(args: tuple[str, ...], tmp_path: Path) -> None:
    env = base_env(tmp_path, PGO_APISERVER_URL="https://127.0.0.1:9", PGO_NAMESPACE="pgo")
    done = _complete(env, *args)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_broken_contexts_file_is_silent(tmp_path: Path) -> None:
    (tmp_path / ".config" / "pgo").mkdir(parents=True)
    (tmp_path / ".config" / "pgo" / "contexts.json").write_text("{not json")
    done = _complete(base_env(tmp_path), "context")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("kind", [k for k in NAME_KINDS if k != "context"])
def test_every_server_kind_makes_read_only_calls(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[Any] = []

    def call(self: Client, endpoint: Any, request: Any = None, **kwargs: Any) -> Answer[Any]:
        sent.append(endpoint)
        return Answer(endpoint.response())

    monkeypatch.setattr(Client, "call", call)
    monkeypatch.setenv("PGO_APISERVER_URL", "https://127.0.0.1:9")
    monkeypatch.setenv("PGO_NAMESPACE", "pgo")
    assert complete_cmd.names(kind, ["hippo"], {}, os.environ) == []
    assert len(sent) == 1
    assert sent[0].read, f"{kind}: {sent[0].method} {sent[0].path} is not a read"


_PROBE = """
import json, sys
from pgo_cli.cli.app import run
code = run(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""


@pytest.mark.parametrize(("kind", "noun"), [("namespace", "namespace"), ("backup", "backup")])
def test_imports_only_the_noun_it_asks(kind: str, noun: str, emulator: Emulator) -> None:
    env = emulator.env()
    created = subprocess.run(
        [pgo_executable(), "create", "cluster", "hippo", "-n", "pgo", "-o", "pgo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert created.returncode == 0, created.stderr
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "__complete", kind, "--timeout", "2", "--", "hippo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip(), "names were printed"
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    modules: list[str] = probe["modules"]
    assert probe["code"] == 0
    assert {m.split(".")[2] for m in modules if m.startswith("pgo_cli.nouns.")} == {noun}
    assert [m for m in modules if m.startswith(("rich", "pgo_cli.emulator", "pgo_cli.output"))] == []


def test_the_command_names_no_noun_and_every_kind_is_declared_where_the_index_says() -> None:
    from pgo_cli.cli.command import Completion
    from pgo_cli.index import COMPLETIONS
    from tests.foundation.test_import_graph import imports_of

    assert [imp.target for imp in imports_of("pgo_cli.cli.complete_cmd") if ".nouns" in imp.target] == []
    for kind, module in COMPLETIONS.items():
        declared = complete_cmd.completion(kind)
        assert isinstance(declared, Completion) and declared.kind == kind, (kind, module)
        assert (declared.local is not None) == (kind == "context"), "only contexts are local"
    assert complete_cmd.completion("no-such-kind") is None


def test_a_completion_has_exactly_one_lister() -> None:
    from pgo_cli.cli.command import Completion

    with pytest.raises(ValueError, match="exactly one"):
        Completion("both", server=lambda client, settings, args: [], local=lambda environ, args: [])
    with pytest.raises(ValueError, match="exactly one"):
        Completion("neither")
