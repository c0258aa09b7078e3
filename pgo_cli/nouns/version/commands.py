"""``pgo version``: the client's version, and the apiserver's (``GET /version``)."""

from __future__ import annotations

import json
import sys

import click
from typer.core import TyperCommand

from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.registry import ClickCommand
from pgo_cli.cli.runtime import choose_output, session_for, typed_global
from pgo_cli.release import PGO_VERSION
from pgo_cli.sdk.session import environment

VERSION_FLAGS: tuple[Flag, ...] = (
    Flag("client", "bool", "Print only the client version; needs no configuration and no server."),
    Flag(
        "output",
        "string",
        "Output format: pgo (pgo's two lines) or json.",
        short="o",
        metavar="FORMAT",
        choices=("pgo", "json"),
    ),
)


def _client_version(ctx: click.Context) -> str:
    typed = typed_global(ctx, "client-version")
    return str(typed or environment().get("PGO_CLIENT_VERSION") or PGO_VERSION)


def _run(client: bool, output: str) -> None:
    ctx = click.get_current_context()
    fmt = choose_output(output or "pgo", ("pgo", "json"))
    client_version = _client_version(ctx)
    versions = {"client": client_version}
    if not client:
        # Unlike pgo, nothing reaches stdout before the server answered: on an error stdout stays
        # empty and the error goes to stderr alone.
        from pgo_cli.nouns.version.sdk import version_number

        versions["server"] = version_number(session_for(ctx).client())
    if fmt == "json":
        sys.stdout.write(json.dumps(versions) + "\n")
        return
    sys.stdout.write(f"pgo client version {client_version}\n")
    if not client:
        sys.stdout.write(f"pgo-apiserver version {versions['server']}\n")


def version_command() -> click.Command:
    """Build ``pgo version`` from its flag descriptions."""
    return TyperCommand(
        name="version",
        params=[flag.option() for flag in VERSION_FLAGS],
        callback=_run,
        help="Print the pgo client version and the apiserver's version.",
        short_help="Print the client and apiserver versions.",
    )


COMMANDS = [ClickCommand(("version",), "Print the client and apiserver versions.", version_command)]
