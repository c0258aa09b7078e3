"""End to end: two real ``pgo-emulator`` processes as two contexts, through the installed ``pgo``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pgo_cli.sdk import contexts as store
from tests.support.emulator import Emulator, emulator_exports
from tests.support.proc import base_env, run_pgo


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Emulator, Emulator]]:
    started: list[Emulator] = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            started.append(Emulator.in_dir(tmp_path / name).start())
        yield started[0], started[1]
    finally:
        for emulator in started:
            emulator.stop()


def _plain_env(tmp_path: Path) -> dict[str, str]:
    """A user's shell with none of our variables and a config directory of its own."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = base_env(home, XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PGO_CONTEXT", None)
    return env


def test_two_emulators_as_two_contexts(tmp_path: Path, two: tuple[Emulator, Emulator]) -> None:
    a, b = two
    env = _plain_env(tmp_path)
    # Context a through the CLI, after `eval "$(pgo-emulator env)"`; context b through the
    # function the emulator's `env --context NAME` calls.
    exports_a = emulator_exports(a.state_dir, a.port)
    added = run_pgo(["context", "add", "a"], {**env, **exports_a})
    assert added.code == 0, added.output
    exports_b = emulator_exports(b.state_dir, b.port)
    store.save_context("b", store.settings_from_environment(exports_b), env=env)
    saved = store.load(tmp_path / "config" / "pgo" / "contexts.json")
    assert saved.contexts["a"]["apiserver-url"] == exports_a["PGO_APISERVER_URL"]
    assert saved.contexts["a"]["pgouser"] == exports_a["PGOUSER"]

    created = run_pgo(["--context", "a", "create", "cluster", "hippo"], env)
    assert created.code == 0, created.output
    created = run_pgo(["create", "cluster", "zebra", "--context", "b"], env)
    assert created.code == 0, created.output

    in_a = run_pgo(["--context", "a", "show", "cluster", "--all", "-o", "name"], env)
    in_b = run_pgo(["--context", "b", "show", "cluster", "--all", "-o", "name"], env)
    assert (in_a.code, in_a.stdout) == (0, "hippo\n"), in_a.output
    assert (in_b.code, in_b.stdout) == (0, "zebra\n"), in_b.output

    # PGO_CONTEXT selects one too; --context wins over it.
    by_variable = run_pgo(["show", "cluster", "--all", "-o", "name"], {**env, "PGO_CONTEXT": "b"})
    assert by_variable.stdout == "zebra\n", by_variable.output
    both = run_pgo(["--context", "a", "show", "cluster", "--all", "-o", "name"], {**env, "PGO_CONTEXT": "b"})
    assert both.stdout == "hippo\n", both.output

    # The current context applies when nothing selects one.
    assert run_pgo(["show", "cluster", "--all"], env).code == 2  # no context, no URL: as before
    assert run_pgo(["context", "use", "b"], env).code == 0
    assert run_pgo(["show", "cluster", "--all", "-o", "name"], env).stdout == "zebra\n"

    # The environment still wins over the context: a's URL and files with context b.
    overridden = run_pgo(["show", "cluster", "--all", "-o", "name"], {**env, **exports_a})
    assert overridden.stdout == "hippo\n", overridden.output


def test_unknown_context_and_malformed_file_through_pgo(tmp_path: Path) -> None:
    env = _plain_env(tmp_path)
    store.save_context("a", {"apiserver-url": "https://127.0.0.1:1"}, env=env)
    unknown = run_pgo(["--context", "nope", "show", "cluster", "--all"], env)
    assert unknown.code == 2
    assert unknown.stderr.splitlines()[-1] == "hint: known contexts: a"

    path = tmp_path / "config" / "pgo" / "contexts.json"
    path.write_text(
        '{\n  "current-context": "a",\n  "contexts": {\n    "a": {\n      "timeout": "soon"\n    }\n  }\n}\n'
    )
    broken = run_pgo(["show", "cluster", "--all"], env)
    assert broken.code == 2
    assert broken.stdout == ""
    assert broken.stderr.startswith(f"Error: {path}:5: context 'a': 'timeout' must be a positive number")
    assert "Traceback" not in broken.stderr and len(broken.stderr.splitlines()) == 2
