"""Command-line mistakes are worded as pgo's parser words them (spf13/pflag and cobra).

Each expected line is the Go pgo 4.7.4 client's own error text for the same command line (it
prints it on stderr after ``Error: ``, then its usage); pgo_cli prints that one ``Error:`` line on
stderr, a ``hint:`` with the fix, exits 2 and sends nothing.
"""

from __future__ import annotations

import pytest
import responses

from tests.support.registry import URL, Runner, mock_api, run_cli

__all__ = ["mock_api", "run_cli"]


@pytest.mark.parametrize(
    ("argv", "go_line"),
    [
        (["scale", "hippo", "--nosuch"], "unknown flag: --nosuch"),
        (["show", "cluster", "--all", "--n", "pgo"], "unknown flag: --n"),
        (["scale", "hippo", "-z"], "unknown shorthand flag: 'z' in -z"),
        (["show", "policy", "-s", "name=c1"], "unknown shorthand flag: 's' in -s"),
        (["scale", "hippo", "--replica-count"], "flag needs an argument: --replica-count"),
        (["show", "cluster", "--all", "-n"], "flag needs an argument: 'n' in -n"),
        (
            ["scale", "hippo", "--replica-count=abc"],
            'invalid argument "abc" for "--replica-count" flag: strconv.ParseInt: parsing "abc": invalid syntax',
        ),
        (
            ["create", "cluster", "x", "--replica-count=1.5"],
            'invalid argument "1.5" for "--replica-count" flag: strconv.ParseInt: parsing "1.5": invalid syntax',
        ),
        (
            ["scale", "hippo", "--replica-count", "99999999999999999999"],
            'invalid argument "99999999999999999999" for "--replica-count" flag: '
            'strconv.ParseInt: parsing "99999999999999999999": value out of range',
        ),
        (["nosuchcommand"], 'unknown command "nosuchcommand" for "pgo"'),
        (["sho"], 'unknown command "sho" for "pgo"'),
        (["show", "foo"], "You must specify the type of resource to show."),
        (["show", "-n", "pgo"], "You must specify the type of resource to show."),
        (
            ["create", "foo"],
            "You must specify the type of resource to create.  Valid resource types include:",
        ),
        (
            ["delete", "foo"],
            "You must specify the type of resource to delete.  Valid resource types include:",
        ),
        (
            ["update", "-n", "pgo"],
            "You must specify the type of resource to update.  Valid resource types include:",
        ),
    ],
)
def test_pgos_words(run_cli: Runner, mock_api: responses.RequestsMock, argv: list[str], go_line: str) -> None:
    outcome = run_cli(*argv)
    assert (outcome.code, outcome.stdout, outcome.sent) == (2, "", [])
    lines = outcome.stderr.splitlines()
    assert lines[0] == "Error: " + go_line
    assert len(lines) == 2 and lines[1].startswith("hint: ")


def test_a_near_miss_is_suggested_in_the_hint(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    assert run_cli("sho").stderr.splitlines()[1] == "hint: did you mean 'show'? see 'pgo --help'"
    hint = run_cli("show", "foo").stderr.splitlines()[1]
    assert hint.startswith("hint: resource types: backup, cluster, config, ")


def test_a_shorthand_takes_its_value_after_an_equals_sign(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    # pflag reads -n=pgo as -n pgo and -o=json as -o json (Go pgo 4.7.4 sent "namespace":"pgo");
    # click alone would take "=pgo"
    mock_api.add(responses.POST, URL + "/showclusters", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("show", "cluster", "hippo", "-n=pgo", "-o=json", namespace=None)
    assert outcome.code == 0, outcome.stderr
    assert outcome.sent[0].body["namespace"] == "pgo"
    assert outcome.stdout.startswith("{\n")
    outcome = run_cli("-n=other", "show", "cluster", "hippo", namespace=None)
    assert outcome.sent[0].body["namespace"] == "other"


def test_an_option_value_that_looks_like_a_shorthand_stays_a_value(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/usercreate", json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = run_cli("create", "user", "hippo", "--username=a", "--password", "-n=x")
    assert outcome.code == 0, outcome.stderr
    assert (outcome.sent[0].body["Password"], outcome.sent[0].body["Namespace"]) == ("-n=x", "pgo")


def test_a_boolean_shorthand_takes_gos_bool(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    outcome = run_cli("delete", "cluster", "hippo", "-d=maybe", "--no-prompt")
    assert (outcome.code, outcome.sent) == (2, [])
    assert outcome.error_lines() == [
        'Error: invalid argument "maybe" for "-d, --delete-data" flag: '
        'strconv.ParseBool: parsing "maybe": invalid syntax'
    ]
