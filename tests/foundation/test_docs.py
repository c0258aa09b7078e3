"""The generated flag documentation must match the flag data it comes from."""

from __future__ import annotations

import re
from pathlib import Path

from pgo_cli.cli import flagdocs

ROOT = Path(__file__).resolve().parents[2]


def test_flag_reference_is_current() -> None:
    committed = (ROOT / "docs" / "flags.md").read_text()
    assert committed == flagdocs.reference(), "run: python -m pgo_cli.cli.flagdocs --write"


def test_readme_global_flag_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    assert readme == flagdocs.readme_with_globals(readme), "run: python -m pgo_cli.cli.flagdocs --write"


def test_every_flag_of_the_tree_is_documented() -> None:
    from pgo_cli.cli.app import build_cli

    reference = flagdocs.reference()
    root = build_cli()
    stack = [root]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}`" in reference, f"{opt} of {command.name} is not in docs/flags.md"


def test_readme_command_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    assert flagdocs.COMMANDS_BEGIN in readme
    assert readme == flagdocs.readme_with_commands(readme), "run: python -m pgo_cli.cli.flagdocs --write"


def test_command_index_is_current() -> None:
    from pgo_cli.cli import registry

    committed = (ROOT / "pgo_cli" / "index.py").read_text()
    assert committed == registry.render_index(), "run: python -m pgo_cli.cli.registry --write"


def test_no_merge_conflict_markers_in_the_docs() -> None:
    """A rebase resolved in haste once left ``<<<<<<<`` in the README (nothing else catches it in
    Markdown: Python files with markers do not import)."""
    markers = ("<<<<<<< ", ">>>>>>> ", "=======\n")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for number, line in enumerate(path.read_text().splitlines(keepends=True), 1):
            assert not line.startswith(markers), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_readme_exit_code_table_is_the_code_table() -> None:
    """One table of exit codes (``pgo_cli.errors.EXIT_CODES``): the README's says the same, row
    for row, and names every code the CLI returns."""
    from pgo_cli.errors import EXIT_CODES, ExitCode

    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Exit codes\n", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| code")]
    found = [tuple(cell.strip() for cell in row.strip("|").split(" | ", 1)) for row in rows]
    assert found == [(str(int(code)), meaning) for code, (_words, meaning) in EXIT_CODES.items()]
    assert set(EXIT_CODES) == set(ExitCode)


def test_root_help_lists_every_exit_code(tmp_path: Path) -> None:
    from pgo_cli.errors import EXIT_CODES
    from tests.support.proc import base_env, run_pgo

    shown = run_pgo(["--help"], base_env(tmp_path, COLUMNS="200"))
    text = " ".join(shown.stdout.split())
    for code, (words, _meaning) in EXIT_CODES.items():
        assert f"{int(code)} {words}" in text, code


def _named_paths(text: str) -> list[str]:
    """The repository paths a document names in backquotes (``{a,b}`` expanded, ``<noun>`` left out)."""
    found: list[str] = []
    for named in re.findall(r"`((?:pgo_cli|tests|completions|docs|examples|bench)/[^`\s]*)`", text):
        if "<" in named:
            continue
        braces = re.fullmatch(r"(.*)\{([^}]*)\}(.*)", named)
        if braces:
            found.extend(f"{braces[1]}{part}{braces[3]}" for part in braces[2].split(","))
        else:
            found.append(named)
    return found


def test_every_code_reference_of_the_adding_a_command_guide_exists() -> None:
    import importlib

    text = (ROOT / "docs" / "adding-a-command.md").read_text()
    missing = [path for path in _named_paths(text) if not (ROOT / path).exists()]
    for dotted in sorted(set(re.findall(r"`(pgo_cli(?:\.\w+)+)", text))):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                value: object = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                value = getattr(value, name, None)
            if value is None:
                missing.append(dotted)
            break
        else:
            missing.append(dotted)
    assert missing == []
