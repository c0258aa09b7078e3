"""What ``--help`` tells a user (issue 20 §6): words for users, not the wire; one wording for the
confirmation question; arguments named as they are typed. The wire details live in
``docs/flags.md``, generated from the commands' own plans."""

from __future__ import annotations

import re
from io import StringIO
from typing import cast

import pytest

from pgo_cli.cli.app import run
from pgo_cli.cli.command import NO_PROMPT, NO_PROMPT_IGNORED
from pgo_cli.cli.flagdocs import reference
from pgo_cli.cli.io import IO
from pgo_cli.cli.prompt import NO_PROMPT_HELP
from pgo_cli.cli.registry import all_entries
from pgo_cli.index import COMMANDS

PATHS = sorted(path for path in COMMANDS if not path[0].startswith("__"))


def help_of(*words: str) -> str:
    """What ``pgo WORDS --help`` prints, off a terminal at 100 columns."""
    io = IO.fake(environ={"COLUMNS": "100"}, width=100)
    assert run([*words, "--help"], io=io) == 0
    return cast(StringIO, io.stdout).getvalue()


def _flat(text: str) -> str:
    """The help's words on one line (a wrapped sentence is still one sentence)."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_leaf_help_names_no_route_and_no_message(path: tuple[str, ...]) -> None:
    shown = _flat(help_of(*path))
    assert re.findall(r"\b(?:GET|POST|PUT|DELETE) /\S*", shown) == []
    assert re.findall(r"\w+(?:Request|Response)\b", shown) == []


def test_the_routes_are_in_the_flag_reference_instead() -> None:
    docs = reference()
    failover = docs[docs.index("## `pgo failover CLUSTER`") :]
    failover = failover[: failover.index("\n## ")]
    assert (
        "- `POST /failover`: sends `CreateFailoverRequest`, answered with `CreateFailoverResponse`"
        in failover
    )
    assert "- `GET /failover/{name}` (with `--query`)" in failover
    scaledown = docs[docs.index("## `pgo scaledown CLUSTER`") :]
    scaledown = scaledown[: scaledown.index("\n## ")]
    assert "`GET /scaledown/{name}`" in scaledown and "`GET /scale/{name}` (with `--query`)" in scaledown
    backup = docs[docs.index("## `pgo backup") :]
    assert "`POST /pgdumpbackup` (with `--backup-type=pgdump`)" in backup[: backup.index("\n## ")]


def test_no_prompt_says_the_same_everywhere() -> None:
    helps = {
        " ".join(entry.path): flag.help
        for _, entry in all_entries()
        for flag in entry.all_flags()
        if flag.name == "no-prompt"
    }
    assert len(helps) > 15
    assert set(helps.values()) == {NO_PROMPT.help, NO_PROMPT_IGNORED.help}
    assert NO_PROMPT.help == NO_PROMPT_HELP
    assert "standard input" not in NO_PROMPT_HELP  # words for users, not file descriptors


def test_a_command_that_asks_says_so_in_one_wording() -> None:
    variants = re.compile(
        r"asks first|only on a terminal|--no-prompt to skip|pass --no-prompt|--no-prompt otherwise|"
        r"is required when|required when standard input",
        re.IGNORECASE,
    )
    for _, entry in all_entries():
        text = " ".join(entry.help.split())
        assert variants.findall(text) == [], entry.path
        if NO_PROMPT in entry.all_flags():
            assert "for confirmation" in text and "(see --no-prompt)" in text, entry.path


def test_the_refusal_points_at_the_same_flag_as_the_help() -> None:
    io = IO.fake(environ={"PGO_NAMESPACE": "pgo", "PGO_APISERVER_URL": "https://127.0.0.1:1"})
    assert run(["scale", "hippo"], io=io) == 2
    lines = cast(StringIO, io.stderr).getvalue().splitlines()
    assert lines == [
        "Error: not running 'pgo scale': it asks for confirmation and standard input is not a terminal",
        "hint: pass --no-prompt (or --yes) to go ahead without a question",
    ]
    assert "--no-prompt,--yes" in _flat(help_of("scale")).replace(", ", ",")


def _usage(path: tuple[str, ...]) -> str:
    (line,) = [line for line in help_of(*path).splitlines() if "Usage:" in line]
    return " ".join(line.strip(" │").split())


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_usage_names_arguments_as_users_type_them(path: tuple[str, ...]) -> None:
    usage = _usage(path)
    assert usage.startswith(f"Usage: pgo {' '.join(path)} [OPTIONS]")
    words = usage.split()[3 + len(path) :]
    assert [w for w in words if w.strip("[].").lower() in ("args", "names", "arg", "values")] == []
    assert all(w.strip("[].").isupper() for w in words), words


@pytest.mark.parametrize(
    ("path", "usage"),
    [
        (("watch",), "Usage: pgo watch [OPTIONS] TOPIC"),  # pgo reads one topic (watch.go args[0])
        (("migrate", "v5"), "Usage: pgo migrate v5 [OPTIONS] CLUSTER"),
        (("support", "export"), "Usage: pgo support export [OPTIONS] CLUSTER"),
        (("failover",), "Usage: pgo failover [OPTIONS] CLUSTER"),
        (("scale",), "Usage: pgo scale [OPTIONS] CLUSTER..."),  # no --all or --selector: one or more
        (("show", "cluster"), "Usage: pgo show cluster [OPTIONS] [CLUSTER]..."),
    ],
)
def test_one_or_many_as_the_command_takes_them(path: tuple[str, ...], usage: str) -> None:
    assert _usage(path) == usage


@pytest.mark.parametrize(
    ("path", "row"),
    [
        (("watch",), "TOPIC Exactly one."),
        (("scale",), "CLUSTER... One or more."),
        (("show", "cluster"), "[CLUSTER]... Any number, or none with --all or --selector."),
        (("cat",), "CLUSTER PATH... One cluster, then one or more paths."),
        (("context", "show"), "[NAME] At most one."),
    ],
)
def test_the_arguments_panel_says_how_many(path: tuple[str, ...], row: str) -> None:
    panel = help_of(*path).split("╭─ Arguments ")[1].split("╰")[0]
    assert _flat(panel.split("\n", 1)[1]) == row
