"""The ``pgo`` process's entry point: :func:`pgo_cli.cli.app.main` without the cyclic garbage
collector (see :mod:`pgo_cli.cli.collector`)."""

from __future__ import annotations

from pgo_cli.cli.collector import switch_off


def main() -> None:
    """Console-script entry point (``pgo``, ``python -m pgo_cli``)."""
    switch_off()
    from pgo_cli.cli.app import main as app_main

    app_main()
