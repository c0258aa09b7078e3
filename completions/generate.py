"""Write the shell completion scripts (pgo.bash, _pgo, pgo.fish) from pgo's command tree.

Usage: .venv/bin/python completions/generate.py [--out DIR]   (default: this directory)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pgo_cli.cli.app import build_cli
from pgo_cli.cli.completion_gen import FILE_NAMES, describe, render


def generate(out: Path) -> list[Path]:
    """Write one script per shell into ``out``; return the paths written."""
    commands = describe(build_cli())
    written = []
    for shell, name in FILE_NAMES.items():
        path = out / name
        path.write_text(render(shell, commands), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    for path in generate(args.out):
        print(path)


if __name__ == "__main__":
    main()
