"""``label`` and ``delete label``: requests, pgo's checks and text, and the emulator (bug fixed or kept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import responses

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.registry import URL, Runner

OK = {"Code": "ok", "Msg": ""}


def test_label_body_key_for_key(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/label", json={"Results": ["hippo", "zebra"], **OK})
    outcome = run_cli("label", "hippo", "zebra", "--label", "team=db,env=prod", "--label", "a/b=c")
    assert outcome.code == 0, outcome.stderr
    assert [(s.method, s.target) for s in outcome.sent] == [("POST", "/label")]
    assert list(outcome.sent[0].body.items()) == [
        ("Selector", ""),
        ("Namespace", "pgo"),
        ("Args", ["hippo", "zebra"]),
        ("Labels", {"a/b": "c", "env": "prod", "team": "db"}),
        ("DryRun", False),
        ("DeleteLabel", False),
        ("ClientVersion", "4.7.4"),
    ]
    assert list(outcome.sent[0].body["Labels"]) == ["a/b", "env", "team"]  # a Go map: sorted keys
    assert outcome.stdout == "Label applied on hippo\nLabel applied on zebra\n"


def test_label_dry_run_is_pgos_and_goes_to_the_server(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(responses.POST, URL + "/label", json={"Results": ["hippo"], **OK})
    outcome = run_cli("label", "--selector", "env=x", "--label", "a=b", "--dry-run")
    assert outcome.sent[0].body["DryRun"] is True and outcome.sent[0].body["Selector"] == "env=x"
    assert outcome.sent[0].body["Args"] == []
    assert outcome.stdout == "The label would have been applied on the following:\nLabel applied on hippo\n"


@pytest.mark.parametrize("dry_run", [True, False])
def test_label_refused_prints_pgos_dry_run_header_first(
    run_cli: Runner, mock_api: responses.RequestsMock, dry_run: bool
) -> None:
    mock_api.add(
        responses.POST, URL + "/label", json={"Results": [], "Code": "error", "Msg": "no clusters found"}
    )
    outcome = run_cli("label", "all", "--label", "a=b", *(["--dry-run"] if dry_run else []))
    assert (outcome.code, outcome.error_lines()) == (1, ["Error: no clusters found"])
    assert outcome.stdout == ("The label would have been applied on the following:\n" if dry_run else "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["label", "--label", "a=b"], "Error: A selector or list of clusters is required to label a policy."),
        (["label", "hippo"], "Error: You must specify the label to apply."),
        (
            ["label", "hippo", "--label", "env"],
            'Error: --label: invalid label: found "env", should be "key=value"',
        ),
        (
            ["label", "hippo", "--label", "a=b=c"],
            'Error: --label: invalid label: found "a=b=c", should be "key=value"',
        ),
        (
            ["delete", "label", "--label", "a=b"],
            "Error: A cluster name or selector is required for this command.",
        ),
    ],
)
def test_client_checks_exit_2_and_send_nothing(run_cli: Runner, args: list[str], message: str) -> None:
    outcome = run_cli(*args)
    assert (outcome.code, outcome.error_lines(), outcome.sent) == (2, [message], [])


def test_label_value_syntax_is_checked_before_sending(run_cli: Runner) -> None:
    outcome = run_cli("label", "hippo", "--label", "env=bad value")
    assert outcome.code == 2 and outcome.sent == []
    assert outcome.error_lines()[0].startswith("Error: --label: invalid label: invalid value bad value: ")


def test_delete_label_body_and_text(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/labeldelete", json={"Results": ["deleting label from hippo"], **OK})
    outcome = run_cli("delete", "label", "hippo")
    assert list(outcome.sent[0].body.items()) == [
        ("Selector", ""),
        ("Namespace", "pgo"),
        ("Args", ["hippo"]),
        ("Labels", {}),
        ("ClientVersion", "4.7.4"),
    ]
    assert outcome.stdout == "deleting label from hippo\n"
    mock_api.replace(
        responses.POST,
        URL + "/labeldelete",
        json={"Results": [], "Code": "error", "Msg": "no clusters found"},
    )
    outcome = run_cli("delete", "label", "-s", "x=y", "--label", "a=b")
    assert (outcome.code, outcome.error_lines(), outcome.stdout) == (1, ["Error: no clusters found"], "")


def _labels_line(env: dict[str, str], cluster: str) -> set[str]:
    out = run_pgo(["show", "cluster", cluster], env).stdout
    line = next(line for line in out.splitlines() if line.startswith("\tlabels : "))
    return set(line.removeprefix("\tlabels : ").split())


def test_labels_against_the_emulator(make_emulator: Callable[..., Emulator]) -> None:
    # all and --selector label nothing on pgo 4.7.4's server (labelimpl.go): the fixed server here
    env = make_emulator("--fix-bugs", "label-selector").env()
    assert run_pgo(["create", "cluster", "hippo", "--label", "env=prod"], env).code == 0
    assert run_pgo(["create", "cluster", "zebra"], env).code == 0
    # selectors match what the operator's initialisation copied from the creation's user labels
    selected = run_pgo(["show", "cluster", "--selector", "env=prod"], env).stdout
    assert "cluster : hippo " in selected and "cluster : zebra " not in selected
    # pgo label patches spec.userlabels only (labelimpl.go:113): show prints it, selectors miss it
    assert run_pgo(["label", "zebra", "--label", "env=prod"], env).stdout == "Label applied on zebra\n"
    assert "env=prod" in _labels_line(env, "zebra")
    selected = run_pgo(["show", "cluster", "--selector", "env=prod"], env).stdout
    assert "cluster : hippo " in selected and "cluster : zebra " not in selected

    every = run_pgo(["label", "all", "--label", "team=db"], env)
    assert every.stdout == "Label applied on hippo\nLabel applied on zebra\n"
    by_selector = run_pgo(["label", "-s", "env=prod", "--label", "tier=gold", "--dry-run"], env)
    assert (
        by_selector.stdout == "The label would have been applied on the following:\nLabel applied on hippo\n"
    )
    assert "tier=gold" not in _labels_line(env, "hippo")

    unknown = run_pgo(["label", "nosuch", "--label", "a=b"], env)
    assert unknown.code == 1
    assert (
        unknown.stderr.strip()
        == 'Error: error getting list of clusterspgclusters.crunchydata.com "nosuch" not found'
    )
    none = run_pgo(["label", "-s", "env=nowhere", "--label", "a=b"], env)
    assert none.stderr.strip() == "Error: no clusters found"

    removed = run_pgo(["delete", "label", "all", "--label", "team=whatever"], env)
    assert removed.stdout == "deleting label from hippo\ndeleting label from zebra\n"
    assert "team=db" not in _labels_line(env, "hippo") and "team=db" not in _labels_line(env, "zebra")
    assert "name=hippo" in _labels_line(env, "hippo")


def _assert_label_bug(env: dict[str, str]) -> None:
    """4.7.4's answer to every ``all``/``--selector`` request, names still working."""
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    for args in (
        ["label", "all", "--label", "a=b"],
        ["label", "-s", "name=hippo", "--label", "a=b"],
        ["delete", "label", "all", "--label", "a=b"],
        ["delete", "label", "-s", "name=hippo", "--label", "a=b"],
    ):
        result = run_pgo(args, env)
        assert (result.code, result.stdout, result.stderr.strip()) == (1, "", "Error: no clusters found"), (
            args
        )
    # the List runs first: a selector it cannot parse fails there, before the empty-list test
    bad = run_pgo(["label", "-s", "name in (x", "--label", "a=b"], env)
    assert bad.code == 1 and bad.stderr.startswith("Error: error getting list of clusters")
    assert bad.stderr.strip() != "Error: no clusters found"
    assert run_pgo(["label", "hippo", "--label", "a=b"], env).stdout == "Label applied on hippo\n"
    assert "a=b" in _labels_line(env, "hippo")


def test_the_emulator_reproduces_pgos_label_bug_by_default(make_emulator: Callable[..., Emulator]) -> None:
    _assert_label_bug(make_emulator("--fix-bugs", "auth-status").env())


def test_fix_bugs_label_selector_labels_the_selected_clusters(
    make_emulator: Callable[..., Emulator],
) -> None:
    env = make_emulator("--fix-bugs", "label-selector").env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["label", "all", "--label", "a=b"], env).stdout == "Label applied on hippo\n"
    assert run_pgo(["label", "-s", "name=hippo", "--label", "c=d"], env).stdout == "Label applied on hippo\n"
