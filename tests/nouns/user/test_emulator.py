"""The user commands end to end: the real ``pgo`` in a subprocess against a running emulator over
mutual TLS, checking what a user sees and the state the emulator keeps."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo


def _rows(result: Result) -> list[list[str]]:
    """The data rows of pgo's user table, split on runs of spaces (empty cells vanish)."""
    assert result.stdout.startswith("\nCLUSTER "), result.stdout
    return [line.split() for line in result.stdout.splitlines()[3:] if line.strip()]


def _json(env: dict[str, str], *args: str, code: int = 0) -> dict[str, Any]:
    result = run_pgo([*args, "-o", "json"], env)
    assert result.code == code, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _users(env: dict[str, str], *args: str) -> dict[str, dict[str, Any]]:
    return {row["Username"]: row for row in _json(env, "show", "user", *args)["Results"]}


def test_user_lifecycle(emulator: Emulator) -> None:
    env = emulator.env()
    created = run_pgo(["create", "cluster", "hippo"], env)
    assert created.code == 0, created.stderr

    # The cluster's own users: the standard user by default, the system accounts on request.
    shown = run_pgo(["show", "user", "hippo"], env)
    assert shown.code == 0, shown.stderr
    assert [row[:2] for row in _rows(shown)] == [["hippo", "testuser"]]
    testuser_password = _rows(shown)[0][2]
    assert len(testuser_password) == 24 and testuser_password in created.stdout
    system = _users(env, "hippo", "--show-system-accounts")
    assert sorted(system) == ["postgres", "primaryuser", "testuser"]
    assert all(row["ValidUntil"] == "" and len(row["Password"]) == 24 for row in system.values())

    # create: a generated 24-character password, valid for ever, kept in a Secret (--managed).
    made = _json(env, "create", "user", "hippo", "--username=alice", "--managed")
    [alice] = made["Results"]
    assert (alice["ClusterName"], alice["Username"], alice["ValidUntil"], alice["Error"]) == (
        "hippo",
        "alice",
        "infinity",
        False,
    )
    assert len(alice["Password"]) == 24 and "`" not in alice["Password"] and "\\" not in alice["Password"]
    assert _users(env, "hippo")["alice"]["Password"] == alice["Password"]

    again = run_pgo(["create", "user", "hippo", "--username=alice"], env)
    assert again.code == 1
    assert again.stdout.splitlines()[3].split() == [
        "hippo",
        "alice",
        "error",
        "ERROR:",
        "role",
        '"alice"',
        "already",
        "exists",
    ]
    assert "Error: create user failed on 1 of 1 clusters: hippo" in again.stderr

    # update: rotate; a time limit (ISO in show, RFC 3339 in the answer); --expired finds it.
    rotated = _json(env, "update", "user", "hippo", "--username=alice", "--rotate-password")["Results"][0]
    assert rotated["Password"] not in ("", alice["Password"]) and rotated["ValidUntil"] == ""
    assert _users(env, "hippo")["alice"]["Password"] == rotated["Password"]
    limited = _json(env, "update", "user", "hippo", "--username=alice", "--valid-days=10")["Results"][0]
    assert limited["ValidUntil"].endswith("Z") and "T" in limited["ValidUntil"]
    shown_until = _users(env, "hippo")["alice"]["ValidUntil"]
    assert shown_until.endswith("+00") and shown_until[:10] == limited["ValidUntil"][:10]
    assert sorted(_users(env, "hippo", "--expired=11")) == ["alice"]
    assert run_pgo(["show", "user", "hippo", "--expired=5"], env).stdout == "No users found.\n"

    # --expire-user shows "expired"; a NOLOGIN role is not shown at all; --enable-login brings it back.
    assert run_pgo(["update", "user", "hippo", "--username=alice", "--expire-user"], env).code == 0
    assert ["hippo", "alice", rotated["Password"], "expired", "ok"] in _rows(
        run_pgo(["show", "user", "hippo"], env)
    )
    assert run_pgo(["update", "user", "hippo", "--username=alice", "--disable-login"], env).code == 0
    assert sorted(_users(env, "hippo")) == ["testuser"]
    assert run_pgo(["update", "user", "hippo", "--username=alice", "--enable-login"], env).code == 0
    assert sorted(_users(env, "hippo")) == ["alice", "testuser"]

    # --expired=N rotates every expiring login (alice) and, as pgo, leaves her Secret alone.
    bulk = _json(env, "update", "user", "--all", "--expired=1", "--password-length=30")["Results"]
    assert [(r["Username"], r["ValidUntil"], len(r["Password"])) for r in bulk] == [("alice", "infinity", 30)]
    after = _users(env, "hippo")["alice"]
    assert after["ValidUntil"] == "infinity" and after["Password"] == rotated["Password"]

    # An unmanaged user has no Secret, so show prints no password for it.
    assert (
        run_pgo(["create", "user", "hippo", "--username=bob", "--password-type=scram-sha-256"], env).code == 0
    )
    assert _users(env, "hippo")["bob"]["Password"] == ""

    # A system account changes only when asked explicitly; its Secret follows.
    refused = run_pgo(["update", "user", "hippo", "--username=postgres", "--password=N3w-Pass"], env)
    assert refused.code == 2 and "--set-system-account-password" in refused.stderr
    args = [
        "update",
        "user",
        "hippo",
        "--username=postgres",
        "--password-file=-",
        "--set-system-account-password",
    ]
    assert run_pgo(args, env, stdin="N3w-Pass\n").code == 0
    assert _users(env, "hippo", "--show-system-accounts")["postgres"]["Password"] == "N3w-Pass"

    # delete: the role and its Secret go; deleting again fails in the row.
    deleted = run_pgo(["delete", "user", "hippo", "--username=alice", "--no-prompt"], env)
    assert deleted.code == 0, deleted.stderr
    assert _rows(deleted) == [["hippo", "alice", "never", "ok"]]
    assert sorted(_users(env, "hippo")) == ["bob", "testuser"]
    missing = run_pgo(["delete", "user", "hippo", "--username=alice", "--no-prompt"], env)
    assert missing.code == 1
    assert 'ERROR:  role "alice" does not exist' in missing.stdout
    # Created again, alice is unmanaged now: her old Secret went with the role.
    assert run_pgo(["create", "user", "hippo", "--username=alice"], env).code == 0
    assert _users(env, "hippo")["alice"]["Password"] == ""


def test_cluster_lookup_and_server_messages(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "user", "--all", "--username=alice"], env).stdout == "No users created.\n"
    nosuch = run_pgo(["show", "user", "nosuch"], env)
    assert (nosuch.code, nosuch.stdout) == (1, "")
    assert nosuch.stderr.splitlines()[0] == 'Error: pgclusters.crunchydata.com "nosuch" not found'
    nothing = run_pgo(["update", "user", "-s", "env=none", "--username=alice"], env)
    assert nothing.stderr.splitlines()[0] == "Error: no clusters found"
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["create", "cluster", "rhino"], env).code == 0
    both = _json(env, "create", "user", "--all", "--username=carol", "--password=Fixed-Pw1", "--valid-days=3")
    assert [(r["ClusterName"], r["Password"]) for r in both["Results"]] == [
        ("hippo", "Fixed-Pw1"),
        ("rhino", "Fixed-Pw1"),
    ]
    # A name given twice (selector and argument) is done twice, as pgo's getClusterList does.
    # The second row fails: the JSON document still has both rows, and the exit status is 1.
    twice = _json(
        env, "delete", "user", "hippo", "-s", "name=hippo", "--username=carol", "--no-prompt", code=1
    )
    assert [r["Error"] for r in twice["Results"]] == [False, True]


def test_permissions(emulator: Emulator) -> None:
    emulator.admin("role", "add", "secrets", "--permissions", "ShowSecrets")
    emulator.admin("role", "add", "clusters", "--permissions", "ShowCluster")
    emulator.admin("user", "add", "viewer", "--password", "viewer-pw", "--roles", "secrets")
    emulator.admin("user", "add", "plain", "--password", "plain-pw", "--roles", "clusters")
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    viewer = emulator.env(PGOUSERNAME="viewer", PGOUSERPASS="viewer-pw")
    assert run_pgo(["show", "user", "hippo"], viewer).code == 0
    refused = run_pgo(["show", "user", "hippo", "--show-system-accounts"], viewer)
    assert refused.code == 3 and "403" in refused.stderr and refused.stdout == ""
    plain = emulator.env(PGOUSERNAME="plain", PGOUSERPASS="plain-pw")
    assert run_pgo(["show", "user", "hippo"], plain).code == 3
    assert run_pgo(["create", "user", "hippo", "--username=x"], viewer).code == 3


def test_a_cluster_that_is_not_up_yet_fails_in_its_row(make_emulator: Callable[..., Emulator]) -> None:
    emulator = make_emulator("--ready-delay", "3600")
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    result = run_pgo(["show", "user", "hippo", "-o", "json"], env)
    [row] = json.loads(result.stdout)["Results"]
    assert row == {
        "ClusterName": "",
        "Error": True,
        "ErrorMessage": 'unable to upgrade connection: container not found ("database")',
        "Password": "",
        "Username": "",
        "ValidUntil": "",
    }
