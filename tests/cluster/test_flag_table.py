"""The flag tables against the reference: every flag of pgo 4.7.4 (§4.2, §5.1, §6.1) is present
with its short form, type, default and request key."""

from __future__ import annotations

import re

import pytest

from pgo_cli.nouns.cluster.flags import CREATE_FLAGS, DELETE_FLAGS, SHOW_FLAGS
from pgo_cli.cli.flagspec import Flag
from tests.cluster.conftest import Runner, reference_section

_ZEROS = {"`[]`": [], '`""`': "", "`0`": 0, "`false`": False, "false": False, '**`"service"`**': "service"}
_ZEROS["**`true`**"] = True


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("| `--"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _ticked(cell: str) -> str:
    match = re.search(r"`([^`]*)`", cell)
    return match.group(1) if match else ""


def _by_name(flags: tuple[Flag, ...]) -> dict[str, Flag]:
    return {flag.name: flag for flag in flags}


def test_create_has_every_reference_flag_with_its_properties() -> None:
    rows = _rows(reference_section("### 4.2"))
    assert len(rows) == 83
    ours = _by_name(CREATE_FLAGS)
    assert len(ours) == 83
    for name_cell, short_cell, kind_cell, default_cell, key_cell, *_ in rows:
        name = _ticked(name_cell)[2:]
        assert name in ours, f"--{name} is missing from create cluster"
        flag = ours[name]
        assert (flag.short or "") == _ticked(short_cell).lstrip("-"), name
        assert flag.kind == kind_cell.split()[0], name
        assert flag.zero == _ZEROS[default_cell], name
        assert flag.field == _ticked(key_cell), name


@pytest.mark.parametrize(("section", "flags"), [("### 5.1", SHOW_FLAGS), ("### 6.1", DELETE_FLAGS)])
def test_show_and_delete_have_every_reference_flag(section: str, flags: tuple[Flag, ...]) -> None:
    rows = _rows(reference_section(section))
    ours = _by_name(flags)
    assert rows
    for name_cell, short_cell, kind_cell, *_ in rows:
        name = _ticked(name_cell)[2:]
        assert name in ours, f"--{name} is missing"
        assert (ours[name].short or "") == _ticked(short_cell).lstrip("-"), name
        assert ours[name].kind == kind_cell, name


def test_help_lists_every_create_flag(pgo: Runner) -> None:
    outcome = pgo("create", "cluster", "--help")
    assert outcome.code == 0
    for flag in CREATE_FLAGS:
        assert f"--{flag.name}" in outcome.stdout, flag.name


def test_deprecated_delete_flags_are_hidden_from_help(pgo: Runner) -> None:
    outcome = pgo("delete", "cluster", "--help")
    assert "--keep-data" in outcome.stdout
    assert "--delete-data" not in outcome.stdout
    assert "--delete-backups" not in outcome.stdout
