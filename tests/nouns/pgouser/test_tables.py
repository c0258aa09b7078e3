"""The terminal views of show pgouser / show pgorole / show namespace: whole names, no pgo brackets."""

from __future__ import annotations

from typing import Any

from pgo_cli.cli.command import Command, Invocation, Reply
from pgo_cli.cli.io import IO
from pgo_cli.nouns.namespace import commands as namespace_commands
from pgo_cli.nouns.namespace.messages import NamespaceResult, ShowNamespaceResponse
from pgo_cli.nouns.pgorole import commands as pgorole_commands
from pgo_cli.nouns.pgorole.messages import PgoroleInfo, ShowPgoroleResponse
from pgo_cli.nouns.pgouser import commands as pgouser_commands
from pgo_cli.nouns.pgouser.messages import PgouserInfo, ShowPgouserResponse
from pgo_cli.wire.codec import ok_status


def _render(commands: list[Command], noun: str, response: Any, tty: bool = False) -> str:
    command = next(c for c in commands if c.path == ("show", noun))
    io = IO.fake(tty=tty, width=100)
    invocation = Invocation(command, io, {}, frozenset(), ())
    assert command.table is not None
    command.table([Reply(None, response)], invocation, io.stdout)  # type: ignore[arg-type]
    return io.stdout.getvalue()  # type: ignore[attr-defined,no-any-return]


def test_pgouser_table() -> None:
    response = ShowPgouserResponse(
        [
            PgouserInfo("admin", ["pgoadmin"], [""]),
            PgouserInfo("bob", ["a,b"], ["pgo"]),
            PgouserInfo("x was not found", [], []),
        ],
        ok_status(),
    )
    lines = [
        line.split()
        for line in _render(pgouser_commands.COMMANDS, "pgouser", response).splitlines()
        if line.strip()
    ]
    assert lines[0] == ["PGOUSER", "ROLES", "NAMESPACES"]
    assert ["admin", "pgoadmin", "(all)"] in lines and ["bob", "a,b", "pgo"] in lines
    assert ["x", "was", "not", "found"] in lines
    assert (
        _render(pgouser_commands.COMMANDS, "pgouser", ShowPgouserResponse(None, ok_status()))
        == "No pgousers found.\n"
    )


def test_pgorole_table() -> None:
    response = ShowPgoroleResponse(
        [PgoroleInfo("pgoadmin", "*"), PgoroleInfo("viewer", "Cat,Version")], ok_status()
    )
    lines = [
        line.split()
        for line in _render(pgorole_commands.COMMANDS, "pgorole", response).splitlines()
        if line.strip()
    ]
    assert lines[0] == ["PGOROLE", "PERMISSIONS"]
    assert ["pgoadmin", "*"] in lines and ["viewer", "Cat,Version"] in lines


def test_namespace_table_colours_only_on_a_terminal() -> None:
    response = ShowNamespaceResponse(
        "admin",
        [NamespaceResult("pgo", True, True), NamespaceResult("kube-system", False, False)],
        ok_status(),
    )
    plain = _render(namespace_commands.COMMANDS, "namespace", response)
    assert "pgo username: admin" in plain and "\x1b[" not in plain
    assert any(line.split() == ["kube-system", "no", "access", "no", "access"] for line in plain.splitlines())
    coloured = _render(namespace_commands.COMMANDS, "namespace", response, tty=True)
    assert "\x1b[32maccessible\x1b[0m" in coloured and "\x1b[31mno access\x1b[0m" in coloured
