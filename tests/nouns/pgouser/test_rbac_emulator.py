"""pgo's RBAC end to end: the real ``pgo`` against a running emulator over mutual TLS.

The pgouser/pgorole commands change the emulator's auth store itself, so a created pgouser logs
in at its next request with exactly its roles' permissions, an updated role changes that at once
and a deleted pgouser is refused (401, exit 3) at once.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo


def _as(emulator: Emulator, user: str, password: str) -> dict[str, str]:
    env = emulator.env(PGOUSERNAME=user, PGOUSERPASS=password)
    env.pop("PGOUSER", None)
    return env


def _ok(result: Result) -> Result:
    assert result.code == 0, result.output
    return result


def _user_row(result: Result, name: str) -> list[str]:
    """The cells of ``name``'s row in pgo's user table (CLUSTER USERNAME PASSWORD EXPIRES STATUS)."""
    rows = [line.split() for line in result.stdout.splitlines()[3:]]
    return next(row for row in rows if row[1:2] == [name])


def test_issue_12_story(emulator: Emulator, tmp_path: Path) -> None:
    """Issue 12's scenario in one run: PostgreSQL users, then a read-only pgouser whose role grows."""
    admin = emulator.env()
    _ok(run_pgo(["create", "cluster", "hippo"], admin))

    # create user alice (managed, so show user can print her password) → show → rotate → show
    created = _ok(run_pgo(["create", "user", "hippo", "--username=alice", "--managed"], admin))
    [cluster, user, first, expires, status] = _user_row(created, "alice")
    assert (cluster, user, expires, status) == ("hippo", "alice", "never", "ok")
    assert len(first) == 24
    shown = _ok(run_pgo(["show", "user", "hippo"], admin))
    assert _user_row(shown, "alice") == ["hippo", "alice", first, "never", "ok"]
    rotated = _ok(run_pgo(["update", "user", "hippo", "--username=alice", "--rotate-password"], admin))
    second = _user_row(rotated, "alice")[2]
    assert second != first and len(second) == 24
    assert _user_row(_ok(run_pgo(["show", "user", "hippo"], admin)), "alice")[2] == second

    # a read-only pgorole and a pgouser with it, its password from a file
    assert _ok(
        run_pgo(["create", "pgorole", "viewer", "--permissions=ShowCluster,Version"], admin)
    ).stdout == ("Created pgorole.\n")
    secret = tmp_path / "bob.pw"
    secret.write_text("bob-Pa55\n")
    created_bob = _ok(
        run_pgo(
            [
                "create",
                "pgouser",
                "bob",
                f"--pgouser-password-file={secret}",
                "--pgouser-roles=viewer",
                "--pgouser-namespaces=pgo",
            ],
            admin,
        )
    )
    assert created_bob.stdout == "Created pgouser.\n"
    bob = _as(emulator, "bob", "bob-Pa55")

    # as bob: a show works, a delete is refused (403, exit 3) and changes nothing
    assert "hippo" in _ok(run_pgo(["show", "cluster", "hippo"], bob)).stdout
    refused = run_pgo(["delete", "cluster", "hippo", "--no-prompt"], bob)
    assert (refused.code, refused.stdout) == (3, ""), refused.output
    assert "403" in refused.stderr.splitlines()[0]
    assert run_pgo(["show", "user", "hippo"], bob).code == 3  # no ShowSecrets either
    assert "hippo" in _ok(run_pgo(["show", "cluster", "hippo"], admin)).stdout
    # bob's namespaces: pgo only
    elsewhere = run_pgo(["show", "cluster", "--all", "-n", "pgouser1"], bob)
    assert elsewhere.code == 1
    assert "Error: user [bob] is not allowed access to namespace [pgouser1]" in elsewhere.stderr

    # the role gains DeleteCluster: bob's very next request may delete
    updated = _ok(
        run_pgo(["update", "pgorole", "viewer", "--permissions=ShowCluster,Version,DeleteCluster"], admin)
    )
    assert updated.stdout == "pgorole updated \n"
    _ok(run_pgo(["delete", "cluster", "hippo", "--no-prompt"], bob))

    # bob deleted: his next request is refused with 401 (exit 3)
    deleted = _ok(run_pgo(["delete", "pgouser", "bob", "--no-prompt"], admin))
    assert deleted.stdout == "deleted pgouser bob\n"
    gone = run_pgo(["show", "cluster", "--all"], bob)
    assert (gone.code, gone.stdout) == (3, ""), gone.output
    assert gone.stderr.splitlines()[0].startswith("Error: Authentication Failed: 401")


def test_pgouser_store_semantics(emulator: Emulator) -> None:
    admin = emulator.env()
    show_all = _ok(run_pgo(["show", "pgouser", "--all"], admin))
    assert show_all.stdout == "\npgouser : admin\nroles : [pgoadmin]\nnamespaces : []\n"

    _ok(run_pgo(["create", "pgorole", "viewer", "--permissions=ShowCluster"], admin))
    args = ["--pgouser-roles=viewer", "--all-namespaces"]
    _ok(run_pgo(["create", "pgouser", "carol", "--pgouser-password=first", *args], admin))
    # An existing name is a success that changes nothing (pgouserimpl.go createSecret).
    again = [
        "create",
        "pgouser",
        "carol",
        "--pgouser-password=second",
        "--pgouser-roles=pgoadmin",
        "--all-namespaces",
    ]
    assert _ok(run_pgo(again, admin)).stdout == "Created pgouser.\n"
    _ok(run_pgo(["show", "cluster", "--all"], _as(emulator, "carol", "first")))
    assert run_pgo(["show", "cluster", "--all"], _as(emulator, "carol", "second")).code == 3
    # viewer lacks ShowPgouser: 403
    assert run_pgo(["show", "pgouser", "--all"], _as(emulator, "carol", "first")).code == 3
    listed = _ok(run_pgo(["show", "pgouser", "--all"], admin))
    assert listed.stdout == (
        "\npgouser : admin\nroles : [pgoadmin]\nnamespaces : []\n"
        "\npgouser : carol\nroles : [viewer]\nnamespaces : []\n"
    )


def test_pgouser_messages_from_the_emulator(emulator: Emulator) -> None:
    admin = emulator.env()
    nosuch_role = run_pgo(
        [
            "create",
            "pgouser",
            "dave",
            "--pgouser-password=x",
            "--pgouser-roles=pgoadmin,nosuch",
            "--all-namespaces",
        ],
        admin,
    )
    assert nosuch_role.code == 1
    assert nosuch_role.stderr.splitlines()[0] == "Error: nosuch pgorole was not found"
    bad_ns = run_pgo(
        [
            "create",
            "pgouser",
            "dave",
            "--pgouser-password=x",
            "--pgouser-roles=pgoadmin",
            "--pgouser-namespaces=pgo, nope,zz",
        ],
        admin,
    )
    assert bad_ns.code == 1
    assert bad_ns.stderr.splitlines()[0] == (
        "Error: The following namespaces are invalid: [nope zz]. "
        "The namespaces are not watched by the current PostgreSQL Operator installation"
    )
    missing = run_pgo(["update", "pgouser", "nosuch", "--pgouser-roles=pgoadmin"], admin)
    assert missing.code == 1
    assert missing.stderr.splitlines()[0] == 'Error: secrets "pgouser-nosuch" not found'

    _ok(
        run_pgo(
            [
                "create",
                "pgouser",
                "dave",
                "--pgouser-password=x",
                "--pgouser-roles=pgoadmin",
                "--pgouser-namespaces=pgo",
            ],
            admin,
        )
    )
    # a failed check changes nothing, the password included
    failed = run_pgo(["update", "pgouser", "dave", "--pgouser-password=y", "--pgouser-roles=nosuch"], admin)
    assert failed.code == 1
    _ok(run_pgo(["show", "pgouser", "dave"], _as(emulator, "dave", "x")))
    _ok(
        run_pgo(
            ["update", "pgouser", "dave", "--all-namespaces", "--pgouser-password-file=-"], admin, stdin="y\n"
        )
    )
    shown = _ok(run_pgo(["show", "pgouser", "dave", "nosuch"], _as(emulator, "dave", "y")))
    assert shown.stdout == (
        "\npgouser : dave\nroles : [pgoadmin]\nnamespaces : []\n"
        "\npgouser : nosuch was not found\nroles : []\nnamespaces : []\n"
    )
    assert _ok(run_pgo(["delete", "pgouser", "dave", "nosuch", "--no-prompt"], admin)).stdout == (
        "deleted pgouser dave\npgouser-nosuch not found\n"
    )

    old = run_pgo(["show", "pgouser", "--all"], emulator.env(PGO_CLIENT_VERSION="4.6.0"))
    assert old.code == 1 and "Error: pgo client and server version mismatch" in old.stderr
    # update has no version check in the apiserver
    _ok(run_pgo(["update", "pgouser", "admin"], emulator.env(PGO_CLIENT_VERSION="4.6.0")))
