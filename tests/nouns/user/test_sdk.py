"""``client.users``: the same requests as the CLI, typed answers, checks before sending."""

from __future__ import annotations

import re

import pytest

from pgo_cli import Client
from pgo_cli.errors import ApiError, UsageError
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


def test_sdk_round_trip_against_the_emulator(emulator: Emulator) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    client = Client.from_environment(env)
    created = client.users.create("hippo", username="alice", managed=True, valid_days=5)
    [row] = created.results or []
    assert (row.cluster_name, row.username, row.error, len(row.password)) == ("hippo", "alice", False, 24)
    shown = {r.username: r for r in client.users.show("hippo").results or []}
    assert shown["alice"].password == row.password and shown["alice"].valid_until.endswith("+00")
    [rotated] = (
        client.users.update("hippo", username="alice", rotate_password=True, disable_login=True).results or []
    )
    assert rotated.password not in ("", row.password)
    assert "alice" not in {r.username for r in client.users.show(all=True).results or []}
    [gone] = client.users.delete("hippo", username="alice").results or []
    assert not gone.error
    with pytest.raises(ApiError, match=re.escape('pgclusters.crunchydata.com "nosuch" not found')):
        client.users.show("nosuch")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.users.create(username="alice"),
        lambda c: c.users.create("hippo", username="postgres"),
        lambda c: c.users.create("hippo", username="Alice"),
        lambda c: c.users.create("hippo", username="alice", password_type="sha1"),  # type: ignore[arg-type]
        lambda c: c.users.update("hippo"),
        lambda c: c.users.update("hippo", username="primaryuser", rotate_password=True),
        lambda c: c.users.delete("hippo", username="pgbouncer"),
    ],
)
def test_sdk_refuses_before_sending(call: object) -> None:
    client = Client.from_environment({"PGO_APISERVER_URL": "http://127.0.0.1:9", "PGO_NAMESPACE": "pgo"})
    with pytest.raises(UsageError):
        call(client)  # type: ignore[operator]
