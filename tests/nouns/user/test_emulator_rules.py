"""The emulator's PostgreSQL rules for users: hashes as PostgreSQL stores them, VALID UNTIL forms,
the expiry test, and the roles it keeps per cluster."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from pgo_cli.emulator.state import State, get_object
from pgo_cli.emulator.world import rfc3339
from pgo_cli.nouns.user.handlers import (
    expires_within,
    iso_timestamp,
    md5_hash,
    parse_valid_until,
    scram_hash,
    shown_valid_until,
)
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo

DAY = 86400


def test_md5_is_postgres_md5_of_password_then_username() -> None:
    # The well-known pg_authid value for user postgres with password postgres.
    assert md5_hash("postgres", "postgres") == "md53175bce1d3201d16594cebf9d7eb3f9d"


def test_scram_verifier_can_be_checked_like_postgres_does() -> None:
    salt = bytes(range(16))
    verifier = scram_hash("pencil", salt)
    method, rest = verifier.split("$", 1)
    iterations_salt, keys = rest.split("$")
    iterations, salt_b64 = iterations_salt.split(":")
    stored_b64, server_b64 = keys.split(":")
    assert (method, iterations, base64.b64decode(salt_b64)) == ("SCRAM-SHA-256", "4096", salt)
    salted = hashlib.pbkdf2_hmac("sha256", b"pencil", salt, 4096)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    assert base64.b64decode(stored_b64) == hashlib.sha256(client_key).digest()
    assert base64.b64decode(server_b64) == hmac.new(salted, b"Server Key", hashlib.sha256).digest()


def test_valid_until_forms() -> None:
    moment = 1633046400  # 2021-10-01 00:00:00 UTC
    assert rfc3339(moment) == "2021-10-01T00:00:00Z"
    assert iso_timestamp(moment) == "2021-10-01 00:00:00+00"
    assert parse_valid_until("2021-10-01T00:00:00Z") == moment
    assert parse_valid_until("infinity") == "infinity"
    assert [shown_valid_until(v) for v in (None, "infinity", "-infinity", moment)] == [
        "",
        "infinity",
        "-infinity",
        "2021-10-01 00:00:00+00",
    ]


@pytest.mark.parametrize(
    ("value", "days", "expected"),
    [
        (None, 1000, False),
        ("infinity", 1000, False),
        ("-infinity", 1, True),
        (1_000_000 + 2 * DAY, 1, False),
        (1_000_000 + 2 * DAY, 2, True),
        (1_000_000 - DAY, 1, True),  # already expired counts too
    ],
)
def test_expires_within(value: str | int | None, days: int, expected: bool) -> None:
    assert expires_within(value, 1_000_000, days) is expected


def test_roles_are_kept_per_cluster_with_their_hash_kind(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", "--password-type=scram-sha-256"], env).code == 0
    assert run_pgo(["create", "user", "hippo", "--username=alice", "--password=pw"], env).code == 0
    assert run_pgo(["create", "user", "hippo", "--username=bob", "--password-type=md5"], env).code == 0
    assert run_pgo(["update", "user", "hippo", "--username=bob", "--disable-login"], env).code == 0
    state = State(emulator.state_dir)
    try:
        with state.read() as conn:
            stored = get_object(conn, "pgroles", "pgo", "hippo")
    finally:
        state.close()
    assert stored is not None
    roles = {role["name"]: role for role in stored["roles"]}
    assert list(roles) == ["postgres", "primaryuser", "testuser", "alice", "bob"]
    assert roles["alice"]["hash"].startswith("SCRAM-SHA-256$4096:")  # the cluster's password type
    assert roles["bob"]["hash"].startswith("md5") and len(roles["bob"]["hash"]) == 35
    assert (roles["alice"]["valid_until"], roles["alice"]["login"]) == ("infinity", True)
    assert roles["bob"]["login"] is False
    assert roles["testuser"]["valid_until"] is None
