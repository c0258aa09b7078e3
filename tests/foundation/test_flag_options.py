"""Flags described as data become plain click options (``pgo_cli.cli.flagspec.PanelOption``): a
click upgrade that changes how they parse, or loses the panel a flag is listed under, fails here
before it breaks 300 flags at once."""

from __future__ import annotations

import click

from pgo_cli.cli.flagspec import Flag, PanelOption
from pgo_cli.cli.helpview import render


def test_a_flag_built_from_data_parses_and_shows_in_its_panel() -> None:
    flags = (
        Flag("memory", "string", "Memory request.", panel="Resources"),
        Flag("replica-count", "int", "Replicas.", default=1),
        Flag("label", "stringSlice", "Labels."),
        Flag("metrics", "bool", "Metrics."),
    )
    seen: dict[str, object] = {}

    def callback(**values: object) -> None:
        seen.update(values)

    options = [flag.option() for flag in flags]
    assert all(isinstance(option, PanelOption) for option in options)
    command = click.Command(name="demo", params=options, callback=callback)
    command.main(["--memory", "1Gi", "--label", "a=1", "--label", "b=2", "--metrics"], standalone_mode=False)
    assert seen == {"memory": "1Gi", "replica_count": 1, "label": ("a=1", "b=2"), "metrics": True}

    screen = render(command, click.Context(command, info_name="demo"), width=100, colour=False)
    resources = screen.index("Resources")
    assert screen.index("--memory") > resources > screen.index("--replica-count")
    assert "Memory request." in screen and "[default: 1]" in screen
