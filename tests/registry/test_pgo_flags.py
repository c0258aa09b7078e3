"""Every flag of every pgo 4.7.4 leaf command (tests/data/pgo47/command_flags.json, from cobra's
``Flags()`` calls) is on our command with its short form, type and default, and in its --help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest

from pgo_cli.cli.app import build_cli
from pgo_cli.cli.flagspec import flag_of

DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "pgo47" / "command_flags.json").read_text())
KINDS = {
    "s": ("string",),
    "b": ("bool",),
    "i": ("int",),
    "i32": ("int32", "int"),
    "[]s": ("stringSlice",),
    "[]s*": ("stringSlice",),
}
ROOT = build_cli()


def _command(path: str) -> click.Command:
    command: click.Command = ROOT
    for name in path.split():
        assert isinstance(command, click.Group)
        found = command.commands.get(name)
        assert found is not None, f"pgo {path} is missing"
        command = found
    return command


def _options(command: click.Command) -> dict[str, click.Option]:
    return {
        opt[2:]: param
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--")
    }


CASES = [(path, flag) for path, flags in sorted(DATA.items()) for flag in flags]


def test_the_data_covers_every_pgo_leaf_but_the_implemented_two() -> None:
    assert len(DATA) == 53 and sum(len(flags) for flags in DATA.values()) == 217


@pytest.mark.parametrize(("path", "flag"), CASES, ids=[f"{p} --{f['name']}" for p, f in CASES])
def test_flag_is_there_with_its_short_form_type_and_default(path: str, flag: dict[str, Any]) -> None:
    options = _options(_command(path))
    option = options.get(flag["name"])
    assert option is not None, f"pgo {path} has no --{flag['name']}"
    if flag["short"]:
        assert f"-{flag['short']}" in option.opts, f"pgo {path} --{flag['name']} lacks -{flag['short']}"
    spec = flag_of(option)
    if spec is not None:
        assert spec.kind in KINDS[flag["kind"]], (path, flag)
        if flag["default"]:
            expected: Any = flag["default"]
            if spec.kind == "bool":
                expected = expected == "true"
            elif spec.kind in ("int", "int32"):
                expected = int(expected)
            assert spec.zero == expected, (path, flag)
    elif flag["kind"] == "b":
        assert option.is_flag, (path, flag)


@pytest.mark.parametrize("path", sorted(DATA), ids=sorted(DATA))
def test_help_lists_every_visible_flag(path: str) -> None:
    command = _command(path)
    ctx = click.Context(command, info_name=path.split()[-1])
    records = [param.get_help_record(ctx) for param in command.params if isinstance(param, click.Option)]
    shown = " ".join(record[0] for record in records if record)
    for flag in DATA[path]:
        option = _options(command)[flag["name"]]
        spec = flag_of(option)
        if option.hidden or (spec is not None and spec.deprecated):
            continue  # pgo's deprecated flags stay accepted but out of the help, as cobra hides them
        assert f"--{flag['name']}" in shown, f"pgo {path} --help does not show --{flag['name']}"
