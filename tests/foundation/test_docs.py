"""The generated flag documentation must match the flag data it comes from."""

from __future__ import annotations

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

    committed = (ROOT / "pgo_cli" / "cli" / "index.py").read_text()
    assert committed == registry.render_index(), "run: python -m pgo_cli.cli.registry --write"


def test_no_merge_conflict_markers_in_the_docs() -> None:
    """A rebase resolved in haste once left ``<<<<<<<`` in the README (nothing else catches it in
    Markdown: Python files with markers do not import)."""
    markers = ("<<<<<<< ", ">>>>>>> ", "=======\n")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for number, line in enumerate(path.read_text().splitlines(keepends=True), 1):
            assert not line.startswith(markers), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
