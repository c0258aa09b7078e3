"""The flag tables against pgo 4.7.4's (tests/data/pgo47): every flag of create, show and delete
cluster is present with its short form, type, default and request key."""

from __future__ import annotations

import pytest

from pgo_cli.cli.flagspec import Flag
from pgo_cli.nouns.cluster.commands import DELETE_FLAGS, SHOW_FLAGS
from pgo_cli.nouns.cluster.flags import CREATE_FLAGS
from tests.cluster.conftest import Runner, data_json


def _by_name(flags: tuple[Flag, ...]) -> dict[str, Flag]:
    return {flag.name: flag for flag in flags}


def test_create_has_every_pgo_flag_with_its_properties() -> None:
    rows = data_json("create_flags.json")
    assert len(rows) == 83
    ours = _by_name(CREATE_FLAGS)
    assert len(ours) == 83
    for row in rows:
        name = row["name"]
        assert name in ours, f"--{name} is missing from create cluster"
        flag = ours[name]
        assert (flag.short or "") == row["short"], name
        assert flag.kind == row["kind"], name
        assert flag.zero == row["zero"], name
        assert flag.field == row["field"], name


@pytest.mark.parametrize(
    ("table", "flags"), [("show_flags.json", SHOW_FLAGS), ("delete_flags.json", DELETE_FLAGS)]
)
def test_show_and_delete_have_every_pgo_flag(table: str, flags: tuple[Flag, ...]) -> None:
    rows = data_json(table)
    ours = _by_name(flags)
    assert rows
    for row in rows:
        name = row["name"]
        assert name in ours, f"--{name} is missing"
        assert (ours[name].short or "") == row["short"], name
        assert ours[name].kind == row["kind"], name


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
