"""The ``--help`` baseline: a one-command typer app, as small as typer allows."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = typer.Option("", help="A name to print.")) -> None:
    """Print a name: the smallest useful typer command."""
    print(name)


if __name__ == "__main__":
    app()
