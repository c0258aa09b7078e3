"""The error contract of the installed ``pgo`` (issue 2 §4): exit codes 0–5 produced for real,
errors only on stderr, never a traceback, never a password — ``--debug`` included — and global
flags that mean the same before and after the subcommand."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pgo_cli.cli.globals import GLOBAL_FLAGS
from tests.support.certs import CertPair
from tests.support.fake_server import Answer, FakeApiserver, Recorded
from tests.support.proc import Result, base_env, run_pgo

PASSWORD = "s3cret-Pa55word"


def check_error(result: Result, code: int) -> None:
    assert result.code == code, (result.code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if not line.startswith(("debug: ", "Warning: "))]
    assert lines[0].startswith("Error: ")
    assert all(line.startswith("hint: ") for line in lines[1:]), lines
    assert "Traceback" not in result.output
    assert PASSWORD not in result.output


def serve(pgo_cert: CertPair, answer: Answer) -> FakeApiserver:
    return FakeApiserver(
        cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert, handler=lambda request: answer
    )


def test_exit_0_success(user_env: dict[str, str]) -> None:
    result = run_pgo(["version"], user_env)
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout == "pgo client version 4.7.4\npgo-apiserver version 4.7.4\n"


def test_version_json(user_env: dict[str, str]) -> None:
    result = run_pgo(["version", "-o", "json"], user_env)
    assert result.code == 0
    # Go's json.MarshalIndent layout, as every other command's -o json (issue 18).
    assert result.stdout == '{\n  "client": "4.7.4",\n  "server": "4.7.4"\n}\n'


def test_version_client_needs_no_configuration(tmp_path: Path) -> None:
    result = run_pgo(["version", "--client"], base_env(tmp_path))
    assert (result.code, result.stdout, result.stderr) == (0, "pgo client version 4.7.4\n", "")


def test_help_needs_no_configuration(tmp_path: Path) -> None:
    for args in (["--help"], [], ["version", "--help"]):
        result = run_pgo(args, base_env(tmp_path))
        assert result.code == 0 and "Usage: pgo" in result.stdout


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_exit_1_apiserver_error(
    tmp_path: Path, pgo_cert: CertPair, user_env: dict[str, str], debug: list[str]
) -> None:
    with serve(pgo_cert, Answer(200, {"Version": "", "Code": "error", "Msg": "something broke"})) as server:
        result = run_pgo(["version", *debug], {**user_env, "PGO_APISERVER_URL": server.url})
    check_error(result, 1)
    assert "Error: something broke" in result.stderr


@pytest.mark.parametrize(
    ("args", "env_change", "fragment"),
    [
        (["version", "--nope"], {}, "Error: unknown flag: --nope\n"),
        (
            ["version"],
            {"PGO_APISERVER_URL": ""},
            "PGO_APISERVER_URL environment variable or the --apiserver-url flag",
        ),
        (["version"], {"PGOUSERPASS": ""}, "PGOUSERPASS needs to be specified if PGOUSERNAME is provided"),
        (
            ["version", "--debug"],
            {"PGOUSERNAME": ""},
            "PGOUSERNAME needs to be specified if PGOUSERPASS is provided",
        ),
        (["version", "--timeout", "soon"], {}, "invalid timeout"),
        (["version", "--debug=perhaps"], {}, 'invalid argument "perhaps" for "--debug" flag'),
        (["nonsense"], {}, 'Error: unknown command "nonsense" for "pgo"\n'),
        (["version", "-o", "xml"], {}, "invalid output format"),
    ],
)
def test_exit_2_usage(
    user_env: dict[str, str],
    apiserver: FakeApiserver,
    args: list[str],
    env_change: dict[str, str],
    fragment: str,
) -> None:
    env = {**user_env, **env_change}
    for key, value in env_change.items():
        if value == "":
            del env[key]
    result = run_pgo(args, env)
    check_error(result, 2)
    assert fragment in result.stderr
    assert apiserver.records == []


@pytest.mark.parametrize(
    ("status", "body"),
    [(401, "Not authenticated in apiserver\n"), (403, "Not authorized for this apiserver action\n")],
)
@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_exit_3_auth(
    pgo_cert: CertPair, user_env: dict[str, str], status: int, body: str, debug: list[str]
) -> None:
    with serve(pgo_cert, Answer(status, body, {"Content-Type": "text/plain; charset=utf-8"})) as server:
        result = run_pgo(["version", *debug], {**user_env, "PGO_APISERVER_URL": server.url})
    check_error(result, 3)
    assert body.strip() in result.stderr


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_exit_4_unreachable(user_env: dict[str, str], debug: list[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connection refused
        result = run_pgo(["version", *debug], {**user_env, "PGO_APISERVER_URL": f"https://127.0.0.1:{port}"})
    check_error(result, 4)
    assert "connection refused" in result.stderr


@pytest.mark.parametrize("debug", [[], ["--debug"]])
def test_exit_5_unusable_answer(pgo_cert: CertPair, user_env: dict[str, str], debug: list[str]) -> None:
    with serve(pgo_cert, Answer(200, "<html>not json</html>", {"Content-Type": "text/html"})) as server:
        result = run_pgo(["version", *debug], {**user_env, "PGO_APISERVER_URL": server.url})
    check_error(result, 5)


def test_debug_logs_the_exchange_without_secrets(user_env: dict[str, str], tmp_path: Path) -> None:
    result = run_pgo(["version", "--debug"], user_env)
    assert result.code == 0
    assert "debug: GET https://127.0.0.1:" in result.stderr
    assert "debug: 200 OK" in result.stderr
    assert PASSWORD not in result.output
    assert "Authorization" not in result.output


def test_debug_never_shows_password_from_pgouser_file(tmp_path: Path, user_env: dict[str, str]) -> None:
    creds = tmp_path / "pgouser"
    creds.write_text(f"admin:{PASSWORD}")
    creds.chmod(0o600)
    env = {k: v for k, v in user_env.items() if k not in ("PGOUSERNAME", "PGOUSERPASS")}
    env["PGOUSER"] = str(creds)
    result = run_pgo(["version", "--debug"], env)
    assert result.code == 0
    assert PASSWORD not in result.output


def _global_values(tmp_path: Path, pgo_cert: CertPair, server: FakeApiserver) -> dict[str, list[str]]:
    return {
        "namespace": ["pgo"],
        "apiserver-url": [server.url],
        "pgo-ca-cert": [str(pgo_cert.cert)],
        "pgo-client-cert": [str(pgo_cert.cert)],
        "pgo-client-key": [str(pgo_cert.key)],
        "disable-tls": [],
        "exclude-os-trust": [],
        "insecure-skip-tls-verify": [],
        "tls-server-name": ["apiserver.invalid"],
        "client-version": ["4.6.0"],
        "timeout": ["7"],
        "debug": [],
        "context": ["a"],
    }


@pytest.mark.parametrize("flag", [flag.name for flag in GLOBAL_FLAGS])
def test_global_flag_same_before_and_after_subcommand(
    tmp_path: Path, pgo_cert: CertPair, apiserver: FakeApiserver, user_env: dict[str, str], flag: str
) -> None:
    values = _global_values(tmp_path, pgo_cert, apiserver)[flag]
    option = [f"--{flag}", *values]
    before = run_pgo([*option, "version"], user_env)
    after = run_pgo(["version", *option], user_env)
    normalise = lambda text: "\n".join(  # noqa: E731 - timings differ between runs
        line for line in text.splitlines() if " in " not in line or not line.startswith("debug:")
    )
    assert (before.code, before.stdout, normalise(before.stderr)) == (
        after.code,
        after.stdout,
        normalise(after.stderr),
    )
    # Each flag also has an observable effect, so the comparison is not vacuous.
    plain = run_pgo(["version"], user_env)
    if flag not in (
        "namespace",
        "pgo-ca-cert",
        "pgo-client-cert",
        "pgo-client-key",
        "exclude-os-trust",
        "apiserver-url",
        "timeout",
        "tls-server-name",
    ):
        assert (before.code, before.stdout, before.stderr) != (plain.code, plain.stdout, plain.stderr), flag


def test_later_global_flag_wins(user_env: dict[str, str]) -> None:
    result = run_pgo(["--client-version", "1.0", "version", "--client", "--client-version", "2.0"], user_env)
    assert result.stdout == "pgo client version 2.0\n"


def test_requests_reach_server_with_basic_auth(apiserver: FakeApiserver, user_env: dict[str, str]) -> None:
    run_pgo(["version"], user_env)
    request: Recorded = apiserver.records[0]
    assert (request.method, request.path) == ("GET", "/version")
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Authorization"].startswith("Basic ")
