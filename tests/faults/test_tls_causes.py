"""Each TLS, connection and client-file failure named by its cause, with the flag or variable the
value came from and `hint: run pgo doctor` (issue 20). Real certificates (expired and not yet valid
ones made with cryptography), a real local HTTPS server, the installed `pgo` in a subprocess; exit
codes are those the README gives (2 before connecting, 4 for the connection)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import trustme

from tests.support.certs import expired_cert, pgo_default_cert, trustme_leaf, write_ca
from tests.support.faulty import FaultServer, ok_answer, plain_http_400, route
from tests.support.proc import Result, base_env, run_pgo

DOCTOR = "hint: run pgo doctor; "


def _env(tmp: Path, url: str, ca: Path, cert: Path, key: Path) -> dict[str, str]:
    return base_env(
        tmp,
        PGO_APISERVER_URL=url,
        PGO_CA_CERT=str(ca),
        PGO_CLIENT_CERT=str(cert),
        PGO_CLIENT_KEY=str(key),
        PGOUSERNAME="admin",
        PGOUSERPASS="pw",
        PGO_NAMESPACE="pgo",
        PGO_TIMEOUT="5",
    )


def _lines(result: Result, code: int) -> tuple[str, str]:
    assert result.code == code, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    error, hint = result.stderr.splitlines()
    assert error.startswith("Error: ") and hint.startswith(DOCTOR), result.stderr
    return error, hint


@pytest.mark.parametrize("source", ["flag", "variable"])
def test_expired_client_certificate(tmp_path: Path, source: str) -> None:
    server_pair = pgo_default_cert(tmp_path, "server")
    old = expired_cert(tmp_path, "client")  # expired yesterday, and the server's only client CA
    with FaultServer(
        route(ok_answer),
        cert=server_pair.cert,
        key=server_pair.key,
        client_ca=old.cert,
        require_client_cert=True,
    ) as server:
        env = _env(tmp_path, server.url, server_pair.cert, server_pair.cert, server_pair.key)
        args = ["version"]
        if source == "flag":
            args += [f"--pgo-client-cert={old.cert}", f"--pgo-client-key={old.key}"]
        else:
            env.update(PGO_CLIENT_CERT=str(old.cert), PGO_CLIENT_KEY=str(old.key))
        result = run_pgo(args, env)
        assert server.paths() == []
    error, hint = _lines(result, 4)
    named = "--pgo-client-cert" if source == "flag" else "PGO_CLIENT_CERT"
    assert re.fullmatch(
        rf"Error: the client certificate {re.escape(str(old.cert))} \(from {named}\) expired on "
        r"\d{4}-\d\d-\d\d \((today|1 day ago)\): the apiserver refuses it",
        error,
    ), error
    assert "SSLV3_ALERT" not in result.stderr and "_ssl.c" not in result.stderr
    assert named in hint and "renewed" in hint


def test_client_certificate_not_yet_valid(tmp_path: Path) -> None:
    server_pair = pgo_default_cert(tmp_path, "server")
    future = pgo_default_cert(tmp_path, "client", not_before_days=-3)  # valid from 3 days from now
    with FaultServer(
        route(ok_answer),
        cert=server_pair.cert,
        key=server_pair.key,
        client_ca=future.cert,
        require_client_cert=True,
    ) as server:
        result = run_pgo(["version"], _env(tmp_path, server.url, server_pair.cert, future.cert, future.key))
    error, hint = _lines(result, 4)
    assert error.startswith(
        f"Error: the client certificate {future.cert} (from PGO_CLIENT_CERT) is not valid before "
    )
    assert "this machine's clock says" in error and "clock" in hint


@pytest.mark.parametrize(("days", "words"), [((1, 2), "expired on"), ((365, -3), "is not valid before")])
def test_server_certificate_out_of_its_dates(tmp_path: Path, days: tuple[int, int], words: str) -> None:
    client = pgo_default_cert(tmp_path, "client")
    server_pair = pgo_default_cert(tmp_path, "server", days=days[0], not_before_days=days[1])
    with FaultServer(
        route(ok_answer), cert=server_pair.cert, key=server_pair.key, client_ca=client.cert
    ) as server:
        # the server's certificate is even in PGO_CA_CERT (pinned): its dates still count
        result = run_pgo(["version"], _env(tmp_path, server.url, server_pair.cert, client.cert, client.key))
        assert server.paths() == []
    error, _ = _lines(result, 4)
    assert error.startswith(f"Error: the server certificate of 127.0.0.1 was refused: it {words} "), error


@pytest.mark.parametrize("source", ["flag", "variable"])
def test_key_file_that_is_the_certificate(tmp_path: Path, source: str) -> None:
    pair = pgo_default_cert(tmp_path, "pair")
    with FaultServer(route(ok_answer), cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        env = _env(tmp_path, server.url, pair.cert, pair.cert, pair.key)
        args = ["version"]
        if source == "flag":  # the variable holds the right key: the flag wins, and is named
            args.append(f"--pgo-client-key={pair.cert}")
        else:
            env["PGO_CLIENT_KEY"] = str(pair.cert)
        result = run_pgo(args, env)
        assert server.connections == 0
    error, hint = _lines(result, 2)
    named = "--pgo-client-key" if source == "flag" else "PGO_CLIENT_KEY"
    assert error == f"Error: the client key {pair.cert} (from {named}) holds a certificate, not a private key"
    assert "PEM lib" not in result.stderr and named in hint


def test_wrong_key_for_the_certificate(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path, "pair")
    other = pgo_default_cert(tmp_path, "other")
    result = run_pgo(
        ["version", f"--pgo-client-key={other.key}"],
        _env(tmp_path, "https://127.0.0.1:9", pair.cert, pair.cert, pair.key),
    )
    error, _ = _lines(result, 2)
    assert error == (
        f"Error: the client key {other.key} (from --pgo-client-key) is not the key of the client "
        f"certificate {pair.cert} (from PGO_CLIENT_CERT)"
    )


def test_certificate_file_that_is_a_key(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path, "pair")
    result = run_pgo(["version"], _env(tmp_path, "https://127.0.0.1:9", pair.cert, pair.key, pair.key))
    error, _ = _lines(result, 2)
    assert (
        error
        == f"Error: the client certificate {pair.key} (from PGO_CLIENT_CERT) holds a private key, not a certificate"
    )


def test_http_url_to_the_https_apiserver(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path, "pair")
    with FaultServer(route(ok_answer), cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        port = server.port
        url = f"http://127.0.0.1:{port}"
        result = run_pgo(
            ["version", f"--apiserver-url={url}"],
            _env(tmp_path, "https://x:1", pair.cert, pair.cert, pair.key),
        )
        assert server.paths() == []
    error, hint = _lines(result, 4)
    assert (
        error
        == f"Error: the apiserver at 127.0.0.1:{port} speaks HTTPS, but the URL is {url} (from --apiserver-url)"
    )
    assert hint == f"{DOCTOR}use https://127.0.0.1:{port}"
    assert "reset by peer" not in result.stderr


def test_https_url_to_a_plain_http_port(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path, "pair")
    with FaultServer(plain_http_400) as server:
        result = run_pgo(
            ["version"], _env(tmp_path, f"https://127.0.0.1:{server.port}", pair.cert, pair.cert, pair.key)
        )
    error, _ = _lines(result, 4)
    assert "answered in plain HTTP" in error and "(from PGO_APISERVER_URL)" in error


def test_unknown_ca(tmp_path: Path) -> None:
    client = pgo_default_cert(tmp_path, "client")
    ours, theirs = trustme.CA(), trustme.CA()
    leaf = trustme_leaf(theirs, tmp_path, "leaf", "127.0.0.1")
    ca_file = write_ca(ours, tmp_path)
    with FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key, client_ca=client.cert) as server:
        result = run_pgo(
            ["version", f"--pgo-ca-cert={ca_file}"],
            _env(tmp_path, server.url, client.cert, client.cert, client.key),
        )
        assert server.paths() == []
    error, hint = _lines(result, 4)
    assert error.startswith(
        f"Error: the server certificate of 127.0.0.1 was refused: it is not issued by a CA in {ca_file} "
        "(from --pgo-ca-cert)"
    )
    assert "--pgo-ca-cert" in hint


def test_client_certificate_the_server_does_not_trust(tmp_path: Path) -> None:
    server_pair = pgo_default_cert(tmp_path, "server")
    stranger = pgo_default_cert(tmp_path, "stranger")
    trusted = pgo_default_cert(tmp_path, "trusted")
    with FaultServer(
        route(ok_answer),
        cert=server_pair.cert,
        key=server_pair.key,
        client_ca=trusted.cert,
        require_client_cert=True,
    ) as server:
        result = run_pgo(
            ["version"], _env(tmp_path, server.url, server_pair.cert, stranger.cert, stranger.key)
        )
    error, _ = _lines(result, 4)
    # TLS 1.3 lets the server's alert race our first read: it names our certificate either way
    assert error in (
        f"Error: the apiserver does not trust the client certificate {stranger.cert} (from PGO_CLIENT_CERT): "
        "its issuer (an empty name) is not a CA the apiserver knows",
        f"Error: the apiserver hung up during the TLS handshake: it most likely refused the client "
        f"certificate {stranger.cert} (from PGO_CLIENT_CERT)",
    ), error
