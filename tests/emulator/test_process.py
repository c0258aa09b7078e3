"""The real process: env, certificate and pgouser files, restart after SIGKILL, clean SIGTERM."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from pgo_cli.emulator.__main__ import main as cli_main

from .conftest import VERSION


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spawn(state_dir: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pgo_cli.emulator",
            "--state-dir",
            str(state_dir),
            "--port",
            str(port),
            *extra,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert f"listening on https://127.0.0.1:{port}" in line and str(state_dir) in line, line
    return proc


def client(state_dir: Path) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.verify = False
    session.cert = (str(state_dir / "server.crt"), str(state_dir / "server.key"))
    session.auth = ("admin", "examplepassword")
    return session


def test_env_before_first_start(tmp_path: Path) -> None:
    state_dir = tmp_path / "fresh" / "dir"
    out = subprocess.run(
        [sys.executable, "-m", "pgo_cli.emulator", "env", "--state-dir", str(state_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    env = {}
    for line in out.splitlines():
        assert line.startswith("export ")
        key, _, value = line[len("export ") :].partition("=")
        env[key] = shlex.split(value)[0]
    cert = str(state_dir.resolve() / "server.crt")
    assert env == {
        "PGO_APISERVER_URL": "https://127.0.0.1:8443",
        "PGO_CA_CERT": cert,
        "PGO_CLIENT_CERT": cert,
        "PGO_CLIENT_KEY": str(state_dir.resolve() / "server.key"),
        "PGOUSER": str(state_dir.resolve() / "pgouser"),
        "PGO_NAMESPACE": "pgo",
    }
    assert (state_dir / "pgouser").read_bytes() == b"admin:examplepassword"
    for name in ("pgouser", "server.key"):
        assert stat.S_IMODE((state_dir / name).stat().st_mode) == 0o600
    # quoting survives a shell
    shell = subprocess.run(
        ["sh", "-c", out + '\nprintf %s "$PGO_CLIENT_KEY"'], capture_output=True, text=True, check=True
    ).stdout
    assert shell == env["PGO_CLIENT_KEY"]


def test_env_quotes_awkward_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state_dir = tmp_path / "with space's $HOME"
    assert cli_main(["env", "--state-dir", str(state_dir), "--port", "9443", "--disable-tls"]) == 0
    out = capsys.readouterr().out
    shell = subprocess.run(
        ["sh", "-c", out + '\nprintf "%s|%s|%s" "$PGOUSER" "$PGO_APISERVER_URL" "$DISABLE_TLS"'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shell == f"{state_dir.resolve() / 'pgouser'}|http://127.0.0.1:9443|true"


def test_certificate_is_pgo_style(tmp_path: Path) -> None:
    assert cli_main(["env", "--state-dir", str(tmp_path)]) == 0
    cert = x509.load_pem_x509_certificate((tmp_path / "server.crt").read_bytes())
    assert len(cert.subject) == 0 and len(cert.issuer) == 0
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"  # type: ignore[union-attr]
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA384)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.key_encipherment and usage.key_cert_sign
    assert not any(isinstance(e.value, x509.SubjectAlternativeName) for e in cert.extensions)
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert lifetime.days == 365
    before = (tmp_path / "server.crt").read_bytes()
    assert cli_main(["env", "--state-dir", str(tmp_path)]) == 0
    assert (tmp_path / "server.crt").read_bytes() == before  # reused


def test_cluster_survives_sigkill_and_sigterm_is_clean(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    port = free_port()
    proc = spawn(state_dir, port, "--ready-delay", "0", "--delete-delay", "0")
    try:
        session = client(state_dir)
        url = f"https://127.0.0.1:{port}"
        body = {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "hippo"}
        created = session.post(url + "/clusters", json=body).json()
        assert created["status"]["Code"] == "ok"
        session.close()
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    port = free_port()
    proc = spawn(state_dir, port)
    try:
        session = client(state_dir)
        url = f"https://127.0.0.1:{port}"
        shown = session.post(
            url + "/showclusters", json={"clientversion": VERSION, "namespace": "pgo", "clustername": "hippo"}
        )
        [detail] = shown.json()["Results"]
        assert detail["cluster"]["spec"]["userlabels"]["workflowid"] == created["result"]["WorkflowID"]
        assert detail["Pods"][0]["Ready"] is True
        session.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Traceback" not in err


def test_sigint_exits_zero_and_busy_port_is_reported(tmp_path: Path) -> None:
    port = free_port()
    proc = spawn(tmp_path, port)
    try:
        busy = subprocess.run(
            [sys.executable, "-m", "pgo_cli.emulator", "--state-dir", str(tmp_path), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=20,
        )
        assert busy.returncode == 1
        assert "cannot listen on 127.0.0.1:" in busy.stderr and "Traceback" not in busy.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Traceback" not in err


def test_user_option_rewrites_pgouser_file_and_cli_changes_are_live(tmp_path: Path) -> None:
    port = free_port()
    proc = spawn(tmp_path, port, "--user", "alice", "--password", "s3cret", "--namespaces", "team")
    try:
        assert (tmp_path / "pgouser").read_bytes() == b"alice:s3cret"
        session = client(tmp_path)
        session.auth = ("alice", "s3cret")
        url = f"https://127.0.0.1:{port}"
        show = {"clientversion": VERSION, "namespace": "pgo", "allflag": True}
        assert session.post(url + "/showclusters", json=show).json()["Msg"] == (
            "namespace [pgo] is not part of the Operator installation"
        )
        assert cli_main(["namespace", "add", "pgo", "--state-dir", str(tmp_path)]) == 0
        assert session.post(url + "/showclusters", json=show).json()["Code"] == "ok"
        assert cli_main(["role", "add", "ro", "--permissions", "Version", "--state-dir", str(tmp_path)]) == 0
        assert (
            cli_main(
                ["user", "add", "rita", "--password", "x", "--roles", "ro", "--state-dir", str(tmp_path)]
            )
            == 0
        )
        session.auth = ("rita", "x")
        assert session.get(url + "/version").status_code == 200
        assert session.post(url + "/showclusters", json=show).status_code == 403
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_default_state_dir_follows_xdg(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    out = subprocess.run(
        [sys.executable, "-m", "pgo_cli.emulator", "env"], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert f"PGOUSER={tmp_path / 'xdg' / 'pgo-emulator' / 'pgouser'}" in out
