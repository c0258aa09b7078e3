"""The typer classes the flag data is built on (``typer.core``): a typer upgrade that changes them
fails here, by name, before it breaks 300 flags at once.

Flags are described as data (``pgo_cli.cli.flagspec.Flag``) and built into ``TyperOption`` /
``TyperArgument`` / ``TyperCommand`` objects, because typer's public API declares options only as
function parameters, one Python signature per command.
"""

from __future__ import annotations

import inspect

import pytest
from typer.core import TyperArgument, TyperCommand, TyperOption

from pgo_cli.cli.flagspec import Flag


def test_the_keywords_we_pass_are_still_accepted() -> None:
    for cls, names in (
        (TyperOption, {"param_decls", "help", "hidden", "rich_help_panel", "show_default", "metavar"}),
        (TyperArgument, {"param_decls", "nargs", "required", "metavar"}),
        (TyperCommand, {"name", "params", "callback", "help", "short_help", "context_settings"}),
    ):
        parameters = inspect.signature(cls.__init__).parameters
        accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
        assert accepts_any or names <= set(parameters), cls.__name__


def test_a_flag_built_from_data_parses_and_shows_in_its_panel(capsys: pytest.CaptureFixture[str]) -> None:
    flags = (
        Flag("memory", "string", "Memory request.", panel="Resources"),
        Flag("replica-count", "int", "Replicas.", default=1),
        Flag("label", "stringSlice", "Labels."),
        Flag("metrics", "bool", "Metrics."),
    )
    seen: dict[str, object] = {}

    def callback(**values: object) -> None:
        seen.update(values)

    command = TyperCommand(name="demo", params=[flag.option() for flag in flags], callback=callback)
    command.main(["--memory", "1Gi", "--label", "a=1", "--label", "b=2", "--metrics"], standalone_mode=False)
    assert seen == {"memory": "1Gi", "replica_count": 1, "label": ("a=1", "b=2"), "metrics": True}
    capsys.readouterr()
    command.main(["--help"], prog_name="demo", standalone_mode=False)
    help_text = capsys.readouterr().out
    assert "Resources" in help_text and "--replica-count" in help_text
