"""The emulator's namespaces: watched or not, user access, the namespace modes and their 405s."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pgo_cli.emulator.state import State, namespace_mode, set_namespace_mode
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo

HEADER = "namespace                useraccess          installaccess       \n"


def _row(name: str, user: bool, install: bool) -> str:
    cell = {True: "accessible          ", False: "no access           "}
    return f"{name:<25}{cell[user]}{cell[install]}\n"


def test_namespace_lifecycle(emulator: Emulator) -> None:
    admin = emulator.env()
    listed = run_pgo(["show", "namespace", "--all"], admin)
    assert listed.code == 0, listed.output
    assert listed.stdout == (
        "current local default namespace: pgo\npgo username: admin\n"
        + HEADER
        + _row("default", False, False)
        + _row("kube-node-lease", False, False)
        + _row("kube-public", False, False)
        + _row("kube-system", False, False)
        + _row("pgo", True, True)
        + _row("pgouser1", True, True)
    )

    created = run_pgo(["create", "namespace", "team-a", "team-b"], admin)
    assert (created.code, created.stdout) == (0, "created namespace team-a\ncreated namespace team-b\n")
    again = run_pgo(["create", "namespace", "team-c", "team-a"], admin)
    assert again.code == 1
    assert again.stderr.splitlines()[0] == 'Error: namespaces "team-a" already exists'

    # a cluster in a new namespace works at once; delete namespace takes it away
    assert run_pgo(["create", "cluster", "hippo", "-n", "team-b"], admin).code == 0
    assert (
        run_pgo(["delete", "namespace", "team-b", "--no-prompt"], admin).stdout
        == "deleted namespace team-b\n"
    )
    gone = run_pgo(["show", "cluster", "hippo", "-n", "team-b"], admin)
    assert gone.code == 1 and "namespace [team-b] is not part of the Operator installation" in gone.stderr
    missing = run_pgo(["delete", "namespace", "team-b", "--no-prompt"], admin)
    assert missing.stderr.splitlines()[0] == 'Error: namespaces "team-b" not found'
    system = run_pgo(["delete", "namespace", "kube-system", "--no-prompt"], admin)
    assert (
        system.stderr.splitlines()[0]
        == 'Error: namespaces "kube-system" is forbidden: this namespace may not be deleted'
    )

    # update: an existing namespace becomes watched
    assert run_pgo(["update", "namespace", "default"], admin).stdout == "namespace updated \n"
    nope = run_pgo(["update", "namespace", "nope"], admin)
    assert nope.stderr.splitlines()[0] == 'Error: namespaces "nope" not found'
    no_default = {**admin, "PGO_NAMESPACE": ""}
    shown = run_pgo(["show", "namespace", "default", "team-c"], no_default)
    assert shown.stdout == "pgo username: admin\n" + HEADER + _row("default", True, True) + _row(
        "team-c", True, True
    )
    unknown = run_pgo(["show", "namespace", "nope"], admin)
    assert unknown.code == 1 and unknown.stderr.splitlines()[0] == "Error: namespace nope not found"


def test_user_access_follows_the_pgousers_namespaces(emulator: Emulator) -> None:
    admin = emulator.env()
    assert run_pgo(["create", "pgorole", "nsviewer", "--permissions=ShowNamespace"], admin).code == 0
    made = run_pgo(
        [
            "create",
            "pgouser",
            "ann",
            "--pgouser-password=pw",
            "--pgouser-roles=nsviewer",
            "--pgouser-namespaces=pgouser1",
        ],
        admin,
    )
    assert made.code == 0, made.output
    env = emulator.env(PGOUSERNAME="ann", PGOUSERPASS="pw")
    env.pop("PGOUSER", None)
    shown = run_pgo(["show", "namespace", "pgouser1", "kube-system"], env)
    assert shown.code == 0, shown.output
    assert shown.stdout == (
        "current local default namespace: pgo\npgo username: ann\n"
        + HEADER
        + _row("pgouser1", True, True)
        + _row("kube-system", False, False)
        + _row("pgo", False, True)
    )
    assert run_pgo(["create", "namespace", "annspace"], env).code == 3


@pytest.mark.parametrize("mode", ["readonly", "disabled"])
def test_namespace_modes_refuse_with_405(emulator: Emulator, mode: str) -> None:
    state = State(emulator.state_dir)
    try:
        assert namespace_mode(state) == "dynamic"
        set_namespace_mode(state, mode)
        assert namespace_mode(state) == mode
    finally:
        state.close()
    admin = emulator.env()
    for verb in ("create", "update", "delete"):
        refused = run_pgo(
            [verb, "namespace", "pgouser1", "--no-prompt"]
            if verb == "delete"
            else [verb, "namespace", "pgouser1"],
            admin,
        )
        assert refused.code != 0 and refused.stdout == ""
        assert refused.stderr.splitlines()[0] == (
            f"Error: Method POST for URL /namespace{verb} is not allowed in the current Operator install: 405"
        )
    shown = run_pgo(["show", "namespace", "pgo"], admin)
    if mode == "readonly":
        assert shown.code == 0 and _row("pgo", True, True) in shown.stdout
    else:
        assert shown.stderr.splitlines()[0] == (
            "Error: Method POST for URL /namespace is not allowed in the current Operator install: 405"
        )


def test_mode_from_the_emulators_environment(
    monkeypatch: pytest.MonkeyPatch, make_emulator: Callable[..., Emulator]
) -> None:
    monkeypatch.setenv("PGO_EMULATOR_NAMESPACE_MODE", "readonly")
    emulator = make_emulator()
    refused = run_pgo(["create", "namespace", "x"], emulator.env())
    assert refused.stderr.splitlines()[0].endswith("is not allowed in the current Operator install: 405")
    assert run_pgo(["show", "namespace", "pgo"], emulator.env()).code == 0


def _not_allowed(route: str) -> str:
    return f"Error: Method POST for URL {route} is not allowed in the current Operator install: 405"


def test_serve_namespace_mode_option(make_emulator: Callable[..., Emulator]) -> None:
    """``pgo-emulator serve --namespace-mode`` sets the mode, and the state keeps it across restarts."""
    readonly = make_emulator("--namespace-mode", "readonly")
    env = readonly.env()
    shown = run_pgo(["show", "namespace", "pgo"], env)
    assert shown.code == 0, shown.output
    assert shown.stdout.endswith(_row("pgo", True, True))
    for argv, route in (
        (["create", "namespace", "team-a"], "/namespacecreate"),
        (["update", "namespace", "pgouser1"], "/namespaceupdate"),
        (["delete", "namespace", "pgouser1", "--no-prompt"], "/namespacedelete"),
    ):
        refused = run_pgo(argv, env)
        assert refused.code != 0 and refused.stdout == ""
        assert refused.stderr.splitlines()[0] == _not_allowed(route)
    # nothing was changed: pgouser1 is still there and team-a was not created
    listed = run_pgo(["show", "namespace", "--all"], env)
    assert _row("pgouser1", True, True) in listed.stdout and "team-a" not in listed.stdout

    # restarted without the option: the mode stays readonly (kept in the state)
    readonly.stop()
    readonly.extra_args = []
    readonly.start()
    assert run_pgo(["create", "namespace", "team-a"], env).stderr.splitlines()[0] == _not_allowed(
        "/namespacecreate"
    )
    # restarted with disabled: show is refused too
    readonly.stop()
    readonly.extra_args = ["--namespace-mode", "disabled"]
    readonly.start()
    disabled = run_pgo(["show", "namespace", "pgo"], env)
    assert disabled.code != 0 and disabled.stdout == ""
    assert disabled.stderr.splitlines()[0] == _not_allowed("/namespace")
    # and back to dynamic: every route works again
    readonly.stop()
    readonly.extra_args = ["--namespace-mode", "dynamic"]
    readonly.start()
    created = run_pgo(["create", "namespace", "team-a"], env)
    assert (created.code, created.stdout) == (0, "created namespace team-a\n"), created.output
