"""No password reaches stdout or stderr (issue 6 §4), whatever the server does, with --debug.

Every row of the fault matrix (and a few servers that echo what they were sent) runs every
command with ``--debug``: `version`, `show cluster`, `delete cluster` and `create cluster`. On even
rows the pgouser password comes from ``PGOUSERPASS`` and create's passwords from its flags; on odd
rows from a ``PGOUSER`` file, and from ``--password-file`` and the environment. None of the
passwords, nor the Basic credentials, may appear in any output.
"""

from __future__ import annotations

import base64
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.faults import test_matrix, test_tls_faults
from tests.faults.conftest import COMMANDS, EnvFor, run_timed
from tests.support.certs import CertPair
from tests.support.faulty import FaultServer, RawRequest, ok_answer, response_bytes, route
from tests.support.proc import Result

LOGIN = "admin"
USER_PASS = "pgouser-Secret-7Qx"
CLUSTER_PASS = {"password": "cluster-User-9Zk", "superuser": "super-User-4Wm", "replication": "repl-User-8Hn"}
SECRETS = [USER_PASS, *CLUSTER_PASS.values(), base64.b64encode(f"{LOGIN}:{USER_PASS}".encode()).decode()]


def _echo(status: int) -> Callable[[RawRequest], bytes]:
    """A server that quotes our request back: body, and the Authorization header."""

    def table(request: RawRequest) -> bytes:
        auth = request.headers.get("authorization", "")
        text = f"bad request {auth}: {request.body.decode(errors='replace')}\n"
        return response_bytes(status, text, {"Content-Type": "text/plain"})

    return table


def _echo_in_msg(request: RawRequest) -> bytes:
    """A 200 answer whose Msg quotes our request (a hostile or careless apiserver)."""
    body = {"Code": "error", "Msg": f"cannot accept {request.body.decode(errors='replace')}"}
    return response_bytes(200, {**body, "status": {"code": "error", "msg": body["Msg"]}})


EXTRA = {
    "ok": route(ok_answer),
    "echo-500": route(_echo(500)),
    "echo-400": route(_echo(400)),
    "echo-in-msg": route(_echo_in_msg),
}
ROWS = [*test_matrix.ROWS, *(f"tls:{name}" for name in test_tls_faults.ROWS), *EXTRA]


def _server(name: str, tmp_path: Path, pgo_cert: CertPair) -> tuple[FaultServer, dict[str, str]]:
    if name.startswith("tls:"):
        maker, _ = test_tls_faults.ROWS[name[4:]]
        return maker(tmp_path, pgo_cert)
    if name in EXTRA:
        behaviour, handshake = EXTRA[name], True
    else:
        row = test_matrix.ROWS[name]
        behaviour, handshake = row.behaviour, row.handshake
    server = FaultServer(
        behaviour, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert, handshake=handshake
    )
    return server, {}


def _invocations(tmp_path: Path, index: int) -> dict[str, tuple[list[str], dict[str, str]]]:
    files = {}
    for kind, secret in CLUSTER_PASS.items():
        files[kind] = tmp_path / f"{kind}.txt"
        files[kind].write_text(secret + "\n")
        files[kind].chmod(0o600)
    as_flags = [
        *COMMANDS["create"],
        "--password",
        CLUSTER_PASS["password"],
        "--password-superuser",
        CLUSTER_PASS["superuser"],
        "--password-replication",
        CLUSTER_PASS["replication"],
    ]
    from_files = [
        *COMMANDS["create"],
        "--password-file",
        str(files["password"]),
        "--password-superuser-file",
        str(files["superuser"]),
    ]
    return {
        "version": (COMMANDS["version"], {}),
        "show": (COMMANDS["show"], {}),
        "delete": (COMMANDS["delete"], {}),
        "create": (as_flags, {})
        if index % 2 == 0
        else (from_files, {"PGO_CLUSTER_PASSWORD_REPLICATION": CLUSTER_PASS["replication"]}),
    }


def _credentials(index: int, tmp_path: Path) -> dict[str, str]:
    if index % 2 == 0:
        return {"PGOUSERNAME": LOGIN, "PGOUSERPASS": USER_PASS}
    pgouser = tmp_path / "pgouser"
    pgouser.write_text(f"{LOGIN}:{USER_PASS}\n")
    pgouser.chmod(0o600)
    return {"PGOUSERNAME": "", "PGOUSERPASS": "", "PGOUSER": str(pgouser)}


@pytest.mark.parametrize("name", ROWS)
def test_no_password_in_any_output(name: str, tmp_path: Path, pgo_cert: CertPair, env_for: EnvFor) -> None:
    server, changes = _server(name, tmp_path, pgo_cert)
    index = ROWS.index(name)
    credentials = _credentials(index, tmp_path)
    invocations = _invocations(tmp_path, index)
    with server:
        env = env_for(f"https://127.0.0.1:{server.port}", PGO_TIMEOUT="1", **changes, **credentials)
        with ThreadPoolExecutor(max_workers=len(invocations)) as pool:
            futures = {
                label: pool.submit(run_timed, [*args, "--debug"], {**env, **extra})
                for label, (args, extra) in invocations.items()
            }
            results: dict[str, Result] = {label: future.result()[0] for label, future in futures.items()}
    for label, result in results.items():
        assert "debug: " in result.stderr, (label, result.stderr)  # --debug really was on
        for secret in SECRETS:
            assert secret not in result.stdout, (label, secret, result.stdout)
            assert secret not in result.stderr, (label, secret, result.stderr)
        assert "Traceback" not in result.output, (label, result.stderr)


def _pgouser_env(tmp_path: Path, env_for: EnvFor, url: str, mode: int) -> dict[str, str]:
    pgouser = tmp_path / "pgouser"
    pgouser.write_text(f"{LOGIN}:{USER_PASS}\n")
    pgouser.chmod(mode)
    return env_for(url, PGOUSERNAME="", PGOUSERPASS="", PGOUSER=str(pgouser))


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_pgouser_file_others_can_read_gets_a_warning(
    mode: int, tmp_path: Path, pgo_cert: CertPair, env_for: EnvFor
) -> None:
    server = FaultServer(route(ok_answer), cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert)
    with server:
        result, _ = run_timed(["version"], _pgouser_env(tmp_path, env_for, server.url, mode))
    assert result.code == 0, result.stderr
    pgouser = tmp_path / "pgouser"
    assert result.stderr == (
        f"Warning: pgouser file {pgouser} is accessible by group or others "
        f"(mode {stat.S_IMODE(mode):04o}); protect it with: chmod 600 {pgouser}\n"
    )
    assert USER_PASS not in result.output


def test_a_private_pgouser_file_gets_no_warning(tmp_path: Path, pgo_cert: CertPair, env_for: EnvFor) -> None:
    server = FaultServer(route(ok_answer), cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert)
    with server:
        result, _ = run_timed(["version"], _pgouser_env(tmp_path, env_for, server.url, 0o600))
    assert (result.code, result.stderr) == (0, "")


def test_the_home_pgouser_file_is_checked_too(tmp_path: Path, pgo_cert: CertPair, env_for: EnvFor) -> None:
    server = FaultServer(route(ok_answer), cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert)
    with server:
        env = env_for(server.url, PGOUSERNAME="", PGOUSERPASS="")
        home_file = Path(env["HOME"]) / ".pgouser"
        home_file.write_text(f"{LOGIN}:{USER_PASS}")
        home_file.chmod(0o644)
        result, _ = run_timed(["version"], env)
    assert result.code == 0, result.stderr
    assert result.stderr.startswith(f"Warning: pgouser file {home_file} is accessible by group or others")
