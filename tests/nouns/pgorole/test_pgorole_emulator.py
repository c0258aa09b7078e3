"""The emulator's pgorole handlers: messages and order of ``pgoroleimpl.go``, the auth store they change."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pgo_cli.emulator import auth, pipeline
from pgo_cli.emulator.config import DEFAULT_PASSWORD, DEFAULT_USER
from pgo_cli.emulator.router import EmulatorRequest, Route
from pgo_cli.emulator.state import State
from pgo_cli.nouns.pgorole import handlers
from pgo_cli.nouns.pgorole.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.pgorole.messages import (
    CreatePgoroleRequest,
    DeletePgoroleRequest,
    ShowPgoroleRequest,
    UpdatePgoroleRequest,
)
from pgo_cli.wire.codec import to_wire
from pgo_cli.wire.endpoint import Endpoint
from pgo_cli.wire.gojson import dumps_go
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


@pytest.fixture
def state(tmp_path: Path) -> Iterator[State]:
    st = State(tmp_path)
    yield st
    st.close()


def _call(state: State, endpoint: Endpoint, body: Any, handler: Any) -> dict[str, Any]:
    """The answer of the route as the emulator serves it: its steps (version check …), then the handler."""
    world: Any = SimpleNamespace(
        state=state, settings=SimpleNamespace(version="4.7.4", fix_bugs=()), log=None
    )
    credentials = base64.b64encode(f"{DEFAULT_USER}:{DEFAULT_PASSWORD}".encode()).decode()
    exchange = pipeline.Exchange(
        route=Route(endpoint, handler),
        method=endpoint.method,
        path=endpoint.path,
        path_values={},
        query={},
        raw_body=dumps_go(to_wire(body)).encode(),
        headers={"Authorization": "Basic " + credentials},
    )

    def request(exchange: pipeline.Exchange) -> EmulatorRequest:
        return EmulatorRequest(world, endpoint, exchange.method, exchange.username, exchange.body, {}, {})

    response, _, _ = pipeline.serve(world, exchange, request)
    answer: dict[str, Any] = json.loads(bytes(response.body))
    return answer


def test_create_checks_in_order(state: State) -> None:
    def create(name: str, permissions: str, version: str = "4.7.4") -> dict[str, Any]:
        return _call(
            state, CREATE, CreatePgoroleRequest(name, permissions, "pgo", version), handlers.handle_create
        )

    assert create("Bad", "Nope", version="4.6") == {
        "Code": "error",
        "Msg": "pgo client and server version mismatch",
    }
    assert create("Bad", "Nope")["Msg"].startswith("invalid pgorole name format a DNS-1035 label")
    assert create("viewer", "Cat, Ls") == {"Code": "error", "Msg": " Ls not a valid Permission"}
    assert create("viewer", "Cat, ShowCluster ") == {"Code": "ok", "Msg": ""}
    assert state.role_permissions("viewer") == "Cat, ShowCluster "
    # an existing role: success, unchanged
    assert create("viewer", "*") == {"Code": "ok", "Msg": ""}
    assert state.role_permissions("viewer") == "Cat, ShowCluster "


def test_show_all_sorted_and_unknown_names(state: State) -> None:
    state.put_role("zeta", "Cat")
    state.put_role("alpha", "Version")
    every = _call(state, SHOW, ShowPgoroleRequest("pgo", True, "4.7.4", []), handlers.handle_show)
    assert every["RoleInfo"] == [
        {"Name": "alpha", "Permissions": "Version"},
        {"Name": "pgoadmin", "Permissions": "*"},
        {"Name": "zeta", "Permissions": "Cat"},
    ]
    named = _call(
        state, SHOW, ShowPgoroleRequest("pgo", False, "4.7.4", ["zeta", "nope"]), handlers.handle_show
    )
    assert named == {
        "RoleInfo": [
            {"Name": "zeta", "Permissions": "Cat"},
            {"Name": "nope was not found", "Permissions": ""},
        ],
        "Code": "ok",
        "Msg": "",
    }
    old = _call(state, SHOW, ShowPgoroleRequest("pgo", True, "4.6.0", []), handlers.handle_show)
    assert old == {"RoleInfo": None, "Code": "error", "Msg": "pgo client and server version mismatch"}


def test_update_checks_permissions_then_the_role_and_skips_the_version(state: State) -> None:
    def update(name: str, permissions: str) -> dict[str, Any]:
        body = UpdatePgoroleRequest("", permissions, name, False, "pgo", "0.0.0")
        return _call(state, UPDATE, body, handlers.handle_update)

    assert update("nosuch", "Nope") == {"Code": "error", "Msg": "Nope not a valid Permission"}
    assert update("nosuch", "Cat") == {"Code": "error", "Msg": 'secrets "pgorole-nosuch" not found'}
    state.put_role("viewer", "Cat")
    state.put_user("bob", "pw", "viewer", "")
    assert not auth.authorized(state, "bob", "DeleteCluster")
    assert update("viewer", "Cat,DeleteCluster") == {"Code": "ok", "Msg": ""}
    assert auth.authorized(state, "bob", "DeleteCluster")


def test_delete_takes_the_role_off_every_user(state: State) -> None:
    state.put_role("viewer", "Cat")
    state.put_user("bob", "pw", "viewer,pgoadmin", "")
    state.put_user("eve", "pw", "viewer", "")
    state.put_user("joe", "pw", "pgoadmin, viewer", "")  # untrimmed entries are not matched
    answer = _call(
        state, DELETE, DeletePgoroleRequest(["viewer", "nope"], "pgo", True, "4.7.4"), handlers.handle_delete
    )
    assert answer == {"Results": ["deleted role viewer", "pgorole-nope not found"], "Code": "ok", "Msg": ""}
    assert state.role_permissions("viewer") is None
    users = {name: state.get_user(name) for name in ("bob", "eve", "joe")}
    assert {name: user.roles for name, user in users.items() if user} == {
        "bob": "pgoadmin",
        "eve": "",
        "joe": "pgoadmin, viewer",
    }
    # a user left without roles is denied everything
    assert not auth.authorized(state, "eve", "Version")


def test_pgorole_routes_check_the_pgouser_permissions(emulator: Emulator) -> None:
    admin = emulator.env()
    assert run_pgo(["create", "pgorole", "roles", "--permissions=CreatePgorole,ShowPgorole"], admin).code == 0
    assert run_pgo(["create", "pgorole", "users", "--permissions=CreatePgouser,ShowPgouser"], admin).code == 0
    for name, role in (("rolly", "roles"), ("usey", "users")):
        assert (
            run_pgo(
                [
                    "create",
                    "pgouser",
                    name,
                    "--pgouser-password=pw",
                    f"--pgouser-roles={role}",
                    "--all-namespaces",
                ],
                admin,
            ).code
            == 0
        )

    def as_user(name: str) -> dict[str, str]:
        env = emulator.env(PGOUSERNAME=name, PGOUSERPASS="pw")
        env.pop("PGOUSER", None)
        return env

    assert run_pgo(["create", "pgorole", "x1", "--permissions=Cat"], as_user("rolly")).code == 3
    assert run_pgo(["show", "pgorole", "--all"], as_user("rolly")).code == 3
    made = run_pgo(["create", "pgorole", "x2", "--permissions=Cat"], as_user("usey"))
    assert (made.code, made.stdout) == (0, "Created pgorole.\n")
    shown = run_pgo(["show", "pgorole", "x2", "nope"], as_user("usey"))
    assert (
        shown.stdout == "\npgorole : x2\npermissions : Cat\n\npgorole : nope was not found\npermissions : \n"
    )
    deleted = run_pgo(["delete", "pgorole", "x2", "--no-prompt"], admin)
    assert deleted.stdout == "deleted role x2\n"
    assert (
        run_pgo(["show", "pgorole", "x2"], admin).stdout == "\npgorole : x2 was not found\npermissions : \n"
    )
