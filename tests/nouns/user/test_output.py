"""pgo's user table byte for byte, the empty-result lines, -o json, and the exit codes."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
import responses

from pgo_cli.nouns.user.messages import UserResponseDetail
from pgo_cli.nouns.user.text import expires, paddings, write_pgo_table
from tests.support.registry import URL, Runner


def _row(**fields: Any) -> dict[str, Any]:
    row = {
        "ClusterName": "",
        "Error": False,
        "ErrorMessage": "",
        "Password": "",
        "Username": "",
        "ValidUntil": "",
    }
    row.update(fields)
    return row


def _answer(*rows: dict[str, Any], code: str = "ok", msg: str = "") -> dict[str, Any]:
    return {"Results": list(rows), "Code": code, "Msg": msg}


DOCS_ROWS = (
    _row(ClusterName="hippo", Username="postgres", Password="B>xy}9+7wTVp)gkntf}X|H@N"),
    _row(ClusterName="hippo", Username="primaryuser", Password="^zULckQy-\\KPws:2UoC+szXl"),
    _row(ClusterName="hippo", Username="testuser", Password="securerandomlygeneratedpassword"),
)

# docs/content/tutorial/connect-cluster.md's rows as pgo prints them: the empty first line, the
# padded ERROR column, and PASSWORD as wide as the longest password + 1 (the page was hand-edited).
DOCS_TEXT = (
    "\n"
    "CLUSTER USERNAME    PASSWORD                        EXPIRES STATUS ERROR \n"
    "------- ----------- ------------------------------- ------- ------ -----\n"
    "hippo   postgres    B>xy}9+7wTVp)gkntf}X|H@N        never   ok           \n"
    "hippo   primaryuser ^zULckQy-\\KPws:2UoC+szXl        never   ok           \n"
    "hippo   testuser    securerandomlygeneratedpassword never   ok           \n"
)


def test_show_user_prints_the_documented_table(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(responses.POST, URL + "/usershow", json=_answer(*DOCS_ROWS))
    outcome = run_cli("show", "user", "hippo", "--show-system-accounts")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == DOCS_TEXT
    assert outcome.stderr == ""


def test_expires_width_comes_from_the_raw_value_and_errors_blank_cells() -> None:
    rows = [
        UserResponseDetail("hippo", False, "", "pw1", "alice", "infinity"),
        UserResponseDetail("hippo", False, "", "", "bob", "-infinity"),
        UserResponseDetail(
            "longer-name", True, 'ERROR:  role "carol" already exists\n', "hidden-pw", "carol", "infinity"
        ),
    ]
    out = io.StringIO()
    write_pgo_table(rows, out)
    # EXPIRES is 10 wide (len("-infinity") + 1) although "expired"/"never" are shorter; PASSWORD is
    # as wide as the blanked error row's password; the error text keeps its newline, as in pgo.
    assert out.getvalue() == (
        "\n"
        "CLUSTER     USERNAME PASSWORD  EXPIRES   STATUS ERROR                                \n"
        "----------- -------- --------- --------- ------ ------------------------------------\n"
        "hippo       alice    pw1       never     ok                                          \n"
        "hippo       bob                expired   ok                                          \n"
        'longer-name carol                        error  ERROR:  role "carol" already exists\n'
        " \n"
    )


def test_widths_are_bytes_as_go_counts_them() -> None:
    row = UserResponseDetail("hippo", False, "", "pässwörd", "u", "")
    assert paddings([row])[2] == len("pässwörd".encode()) + 1 == 11
    out = io.StringIO()
    write_pgo_table([row], out)
    assert out.getvalue().splitlines()[3] == "hippo   u        pässwörd never   ok     " + " " * 6


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("", "never"),
        ("infinity", "never"),
        ("-infinity", "expired"),
        ("2021-10-01 00:00:00+00", "2021-10-01 00:00:00+00"),
    ],
)
def test_expires_words(value: str, shown: str) -> None:
    assert expires(value) == shown


@pytest.mark.parametrize(
    ("args", "route", "line"),
    [
        (["create", "user", "--all", "--username=a"], "/usercreate", "No users created."),
        (["show", "user", "--all"], "/usershow", "No users found."),
        (["update", "user", "--all", "--expired=3"], "/userupdate", "No users updated."),
        (["delete", "user", "--all", "--username=a", "--no-prompt"], "/userdelete", "No users deleted."),
    ],
)
def test_empty_results_print_pgo_line(
    run_cli: Runner, mock_api: responses.RequestsMock, args: list[str], route: str, line: str
) -> None:
    mock_api.add(responses.POST, URL + route, json=_answer())
    outcome = run_cli(*args)
    assert (outcome.code, outcome.stdout, outcome.stderr) == (0, line + "\n", "")


def test_error_status_goes_to_stderr_with_exit_1(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = _answer(code="error", msg='pgclusters.crunchydata.com "nosuch" not found')
    mock_api.add(responses.POST, URL + "/usercreate", json=answer)
    outcome = run_cli("create", "user", "nosuch", "--username=alice")
    assert outcome.code == 1
    assert outcome.stdout == ""
    assert outcome.error_lines() == ['Error: pgclusters.crunchydata.com "nosuch" not found']


def test_a_failed_row_prints_every_row_then_exits_1(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    rows = (
        _row(ClusterName="hippo", Username="alice", Password="pw", ValidUntil="infinity"),
        _row(
            ClusterName="rhino",
            Username="alice",
            Password="pw2",
            ValidUntil="infinity",
            Error=True,
            ErrorMessage='ERROR:  role "alice" already exists\n',
        ),
    )
    mock_api.add(responses.POST, URL + "/usercreate", json=_answer(*rows))
    outcome = run_cli("create", "user", "hippo", "rhino", "--username=alice")
    assert outcome.code == 1
    lines = outcome.stdout.splitlines()
    assert lines[3].startswith("hippo   alice    pw       never    ok     ")
    assert lines[4].startswith("rhino   alice    " + " " * 18 + "error  ERROR:  role")
    assert "pw2" not in outcome.stdout
    assert outcome.error_lines() == ["Error: create user failed on 1 of 2 clusters: rhino"]


def test_json_is_the_answer_as_go_encodes_it(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = _answer(_row(ClusterName="hippo", Username="alice", Password="a<b>&c", ValidUntil="infinity"))
    mock_api.add(responses.POST, URL + "/usershow", json=answer)
    outcome = run_cli("show", "user", "hippo", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    assert json.loads(outcome.stdout) == answer
    assert "\\u003c" in outcome.stdout and "<" not in outcome.stdout  # Go's HTML escaping


def test_update_row_without_expiry_change_shows_never(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST, URL + "/userupdate", json=_answer(_row(ClusterName="hippo", Username="alice"))
    )
    outcome = run_cli("update", "user", "hippo", "--username=alice", "--disable-login")
    assert outcome.stdout == (
        "\n"
        "CLUSTER USERNAME PASSWORD EXPIRES STATUS ERROR \n"
        "------- -------- -------- ------- ------ -----\n"
        "hippo   alice             never   ok           \n"
    )


def test_debug_never_shows_a_password(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    answer = _answer(
        _row(ClusterName="hippo", Username="alice", Password="Gener4ted-Secret", ValidUntil="infinity")
    )
    mock_api.add(responses.POST, URL + "/usercreate", json=answer)
    outcome = run_cli("--debug", "create", "user", "hippo", "--username=alice", "--password=Typed-Secret-9")
    assert outcome.code == 0, outcome.stderr
    assert "debug" in outcome.stderr.lower()
    assert "Typed-Secret-9" not in outcome.stderr
    assert "Gener4ted-Secret" not in outcome.stderr
    assert "Gener4ted-Secret" in outcome.stdout  # pgo prints the new password: that is the point


def test_a_server_error_never_echoes_the_typed_password(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST,
        URL + "/userupdate",
        json=_answer(code="error", msg="bad password Typed-Secret-9 here"),
    )
    outcome = run_cli("update", "user", "hippo", "--username=alice", "--password=Typed-Secret-9")
    assert outcome.code == 1
    assert "Typed-Secret-9" not in outcome.stderr + outcome.stdout


_FAILED_ROWS = (
    _row(ClusterName="hippo", Username="alice", Password="pw", ValidUntil="infinity"),
    _row(
        ClusterName="rhino",
        Username="alice",
        Password="pw2",
        ValidUntil="infinity",
        Error=True,
        ErrorMessage='ERROR:  role "alice" already exists\n',
    ),
)


@pytest.mark.parametrize(
    ("argv", "route", "action"),
    [
        (("create", "user", "hippo", "rhino", "--username=alice"), "/usercreate", "create user"),
        (("show", "user", "hippo", "rhino"), "/usershow", "show user"),
        (
            ("update", "user", "hippo", "rhino", "--username=alice", "--rotate-password"),
            "/userupdate",
            "update user",
        ),
        (
            ("delete", "user", "hippo", "rhino", "--username=alice", "--no-prompt"),
            "/userdelete",
            "delete user",
        ),
    ],
)
def test_a_failed_row_exits_1_with_json_too(
    run_cli: Runner, mock_api: responses.RequestsMock, argv: tuple[str, ...], route: str, action: str
) -> None:
    answer = _answer(*_FAILED_ROWS)
    mock_api.add(responses.POST, URL + route, json=answer)
    outcome = run_cli(*argv, "-o", "json")
    assert outcome.code == 1
    assert json.loads(outcome.stdout) == answer  # one whole document, every row
    assert outcome.error_lines() == [f"Error: {action} failed on 1 of 2 clusters: rhino"]


def test_a_failed_row_exits_1_in_the_terminal_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.cli.io import IO
    from pgo_cli.nouns.user import commands
    from pgo_cli.nouns.user.messages import ShowUserResponse
    from pgo_cli.wire.codec import decode

    command = next(c for c in commands.COMMANDS if c.path == ("show", "user"))
    response = decode(ShowUserResponse, _answer(*_FAILED_ROWS))
    reply = Reply(None, response)  # type: ignore[arg-type]
    io_ = IO.fake(tty=True, width=120)
    assert command.table is not None and command.problems is not None
    command.table([reply], Invocation(command, io_, {}, frozenset(), ()), io_.stdout)
    text = io_.stdout.getvalue()  # type: ignore[attr-defined]
    assert "hippo" in text and "rhino" in text  # the table itself never raises
    assert list(command.problems(reply)) == ["show user failed on 1 of 2 clusters: rhino"]
    assert list(command.problems(Reply(None, decode(ShowUserResponse, _answer(_FAILED_ROWS[0]))))) == []  # type: ignore[arg-type]


def test_the_error_line_counts_clusters_not_user_rows(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    # show user lists every user of every cluster: three rows of hippo and one failed row of rhino
    # are two clusters, one failed (pgo prints the rows alone, exit 0)
    rows = (
        _row(ClusterName="hippo", Username="alice", Password="pw", ValidUntil="infinity"),
        _row(ClusterName="hippo", Username="bob", Password="pw", ValidUntil="infinity"),
        _row(ClusterName="hippo", Username="carl", Password="pw", ValidUntil="infinity"),
        _FAILED_ROWS[1],
    )
    mock_api.add(responses.POST, URL + "/usershow", json=_answer(*rows))
    outcome = run_cli("show", "user", "hippo", "rhino")
    assert outcome.code == 1
    assert outcome.error_lines() == ["Error: show user failed on 1 of 2 clusters: rhino"]
