"""Issue 11's safety acceptance, through the installed ``pgo`` against a real TLS server.

* ``pgo restore hippo < /dev/null`` sends nothing (not even a connection) and exits 2 within a second;
* a backup or restore interrupted with Ctrl-C once its request is out says it may have been
  applied, and how to check.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.certs import CertPair
from tests.support.faulty import FaultServer, hang_after_request
from tests.support.proc import base_env, pgo_executable, run_pgo


def _env(home: Path, cert: CertPair, url: str) -> dict[str, str]:
    home.mkdir(exist_ok=True)
    return base_env(
        home,
        PGO_APISERVER_URL=url,
        PGO_CA_CERT=str(cert.cert),
        PGO_CLIENT_CERT=str(cert.cert),
        PGO_CLIENT_KEY=str(cert.key),
        PGOUSERNAME="admin",
        PGOUSERPASS="s3cret-Pa55word",
        PGO_NAMESPACE="pgo",
        PGO_TIMEOUT="30",
    )


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


@pytest.mark.parametrize(
    "argv",
    [
        ["restore", "hippo"],
        ["restore", "hippo", "--pitr-target=2021-06-30 11:59:59+00", "--backup-opts=--type=time"],
        ["restore", "hippo", "--backup-type=pgdump", "--backup-pvc=backup-hippo-pgdump-postgres-pvc"],
    ],
)
def test_restore_from_dev_null_sends_nothing_and_exits_2_at_once(
    argv: list[str], tmp_path: Path, pgo_cert: CertPair
) -> None:
    with FaultServer(
        hang_after_request, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert
    ) as server:
        started = time.monotonic()
        result = run_pgo(argv, _env(tmp_path / "home", pgo_cert, server.url))  # stdin is /dev/null
        elapsed = time.monotonic() - started
        connections = server.connections
    assert result.code == 2 and elapsed < 1.0, (result, elapsed)
    assert connections == 0
    assert result.stdout == ""
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        "Error: not running 'pgo restore': it asks for confirmation and standard input is not a terminal"
    ]


@pytest.mark.parametrize(
    ("argv", "route", "check"),
    [
        (["backup", "hippo"], "POST /backrestbackup", "check with: pgo show backup hippo -n pgo"),
        (
            ["backup", "hippo", "--backup-type=pgdump"],
            "POST /pgdumpbackup",
            "check with: pgo show backup hippo --backup-type=pgdump -n pgo",
        ),
        (["restore", "hippo", "--no-prompt"], "POST /restore", "check with: pgo show cluster hippo -n pgo"),
        (
            ["restore", "hippo", "--backup-type=pgdump", "--backup-pvc=p", "--no-prompt"],
            "POST /pgdumprestore",
            "check with: pgo show cluster hippo -n pgo",
        ),
    ],
)
def test_ctrl_c_after_sending_says_it_may_have_been_applied(
    argv: list[str], route: str, check: str, tmp_path: Path, pgo_cert: CertPair
) -> None:
    with FaultServer(
        hang_after_request, cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert
    ) as server:
        process = subprocess.Popen(
            [pgo_executable(), *argv],
            env=_env(tmp_path / "home", pgo_cert, server.url),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(lambda: len(server.requests) == 1)
            time.sleep(0.3)  # pgo is now waiting for the answer
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert server.paths() == [route]
    assert process.returncode == 130
    assert stdout == ""
    lines = stderr.splitlines()
    assert [line for line in lines if line.startswith("Error:")] == ["Error: interrupted"]
    hint = lines[-1]
    assert hint.startswith("hint: the request was sent, so it may have been carried out"), stderr
    assert hint.endswith(check), stderr
