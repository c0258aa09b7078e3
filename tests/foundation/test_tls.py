"""The TLS contract (issue 2, points a–g) against a real local HTTPS server with real certificates,
driven through the installed ``pgo`` in a subprocess."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
import trustme

from tests.support.certs import CertPair, expired_cert, pgo_default_cert, trustme_leaf, write_ca
from tests.support.fake_server import FakeApiserver
from tests.support.proc import base_env, run_pgo

PASSWORD = "tls-test-Pa55"


def env_for(tmp_path: Path, url: str, ca: Path, client: CertPair, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return base_env(
        home,
        PGO_APISERVER_URL=url,
        PGO_CA_CERT=str(ca),
        PGO_CLIENT_CERT=str(client.cert),
        PGO_CLIENT_KEY=str(client.key),
        PGOUSERNAME="admin",
        PGOUSERPASS=PASSWORD,
        **extra,
    )


@pytest.fixture
def ca(tmp_path: Path) -> trustme.CA:
    return trustme.CA()


# a. pinning: the default install's certificate works with no extra flag --------------------


@pytest.mark.parametrize("common_name", [None, "*"], ids=["generated-empty-subject", "gen-api-keys-CN-star"])
def test_a_pinned_default_certificate_works(tmp_path: Path, common_name: str | None) -> None:
    pair = pgo_default_cert(tmp_path, common_name=common_name)
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, pair.cert, pair))
    assert result.code == 0, result.stderr
    assert result.stdout == "pgo client version 4.7.4\npgo-apiserver version 4.7.4\n"
    assert result.stderr == ""
    assert server.records[0].client_cert == ssl.PEM_cert_to_DER_cert(pair.cert.read_text())


# b. verification: chain to PGO_CA_CERT and host name -----------------------------------------


def test_b_chain_and_hostname_verified(tmp_path: Path, ca: trustme.CA) -> None:
    leaf = trustme_leaf(ca, tmp_path, "leaf", "localhost")
    client = pgo_default_cert(tmp_path, "client")
    ca_file = write_ca(ca, tmp_path)
    with FakeApiserver(cert=leaf.cert, key=leaf.key) as server:
        url = f"https://localhost:{server.port}"
        result = run_pgo(["version"], env_for(tmp_path, url, ca_file, client, EXCLUDE_OS_TRUST="true"))
    assert result.code == 0, result.stderr


def test_b_wrong_host_refused_then_fixed_by_tls_server_name(tmp_path: Path, ca: trustme.CA) -> None:
    leaf = trustme_leaf(ca, tmp_path, "leaf", "apiserver.example")
    client = pgo_default_cert(tmp_path, "client")
    ca_file = write_ca(ca, tmp_path)
    with FakeApiserver(cert=leaf.cert, key=leaf.key) as server:
        env = env_for(tmp_path, server.url, ca_file, client)
        refused = run_pgo(["version"], env)
        fixed = run_pgo(["version", "--tls-server-name", "apiserver.example"], env)
        records = len(server.records)
    assert refused.code == 4
    assert refused.stderr.startswith("Error: the server certificate does not match the host name '127.0.0.1'")
    assert "apiserver.example" in refused.stderr  # what the server presented (its SAN)
    assert "--tls-server-name" in refused.stderr
    assert fixed.code == 0, fixed.stderr
    assert records == 1  # only the fixed call reached HTTP


# c. refusal before any HTTP request -----------------------------------------------------------


def test_c_unknown_ca_refused_before_any_request(tmp_path: Path, ca: trustme.CA) -> None:
    other_ca = trustme.CA()
    leaf = trustme_leaf(other_ca, tmp_path, "leaf", "127.0.0.1")
    client = pgo_default_cert(tmp_path, "client")
    with FakeApiserver(cert=leaf.cert, key=leaf.key) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, write_ca(ca, tmp_path), client))
        assert server.records == []
    assert result.code == 4
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: the server certificate of 127.0.0.1 was refused")
    assert "issuer" in lines[0] and "SANs [127.0.0.1]" in lines[0]
    assert lines[1].startswith("hint: ")
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_c_different_self_signed_certificate_refused(tmp_path: Path) -> None:
    server_pair = pgo_default_cert(tmp_path, "server")
    other = pgo_default_cert(tmp_path, "other", common_name="*")
    with FakeApiserver(cert=server_pair.cert, key=server_pair.key, client_ca=server_pair.cert) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, other.cert, server_pair))
        assert server.records == []
    assert result.code == 4
    assert "subject (empty), SANs [none], issuer (empty)" in result.stderr


def test_c_expired_certificate_refused(tmp_path: Path) -> None:
    pair = expired_cert(tmp_path)
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, pair.cert, pair))
        assert server.records == []
    assert result.code == 4
    assert "expired" in result.stderr


# d. --insecure-skip-tls-verify -----------------------------------------------------------------


def test_d_insecure_skip_verify_works_and_warns_every_run(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path)
    other = pgo_default_cert(tmp_path, "other")
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        env = env_for(tmp_path, server.url, other.cert, pair)
        runs = [run_pgo(["version", "--insecure-skip-tls-verify"], env) for _ in range(2)]
    for result in runs:
        assert result.code == 0
        assert "Warning: --insecure-skip-tls-verify" in result.stderr


# e. the client certificate --------------------------------------------------------------------


def test_e_client_certificate_always_presented(tmp_path: Path, ca: trustme.CA) -> None:
    leaf = trustme_leaf(ca, tmp_path, "leaf", "127.0.0.1")
    client = pgo_default_cert(tmp_path, "client")
    with FakeApiserver(cert=leaf.cert, key=leaf.key, client_ca=client.cert) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, write_ca(ca, tmp_path), client))
        presented = server.records[0].client_cert
    assert result.code == 0, result.stderr
    assert presented is not None


def test_e_server_refusing_our_client_certificate(tmp_path: Path, ca: trustme.CA) -> None:
    leaf = trustme_leaf(ca, tmp_path, "leaf", "127.0.0.1")
    trusted_client = pgo_default_cert(tmp_path, "trusted")
    stranger = pgo_default_cert(tmp_path, "stranger")
    with FakeApiserver(
        cert=leaf.cert, key=leaf.key, client_ca=trusted_client.cert, require_client_cert=True
    ) as server:
        result = run_pgo(["version"], env_for(tmp_path, server.url, write_ca(ca, tmp_path), stranger))
        assert server.records == []
    assert result.code == 4
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "problem", ["missing-key", "mismatched", "unreadable-cert", "no-key-set", "garbage-ca"]
)
def test_e_bad_client_files_exit_2_before_connecting(tmp_path: Path, problem: str) -> None:
    pair = pgo_default_cert(tmp_path)
    other = pgo_default_cert(tmp_path, "other")
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        env = env_for(tmp_path, server.url, pair.cert, pair)
        if problem == "missing-key":
            env["PGO_CLIENT_KEY"] = str(tmp_path / "nope.key")
        elif problem == "mismatched":
            env["PGO_CLIENT_KEY"] = str(other.key)
        elif problem == "unreadable-cert":
            env["PGO_CLIENT_CERT"] = str(tmp_path)
        elif problem == "no-key-set":
            del env["PGO_CLIENT_KEY"]
        else:
            garbage = tmp_path / "garbage.crt"
            garbage.write_text("not a certificate\n")
            env["PGO_CA_CERT"] = str(garbage)
        result = run_pgo(["version"], env)
        assert server.handshakes == 0 and server.records == []
    assert result.code == 2, result.stderr
    assert result.stderr.startswith("Error: ")
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error:")]) == 1
    assert "Traceback" not in result.output


# f. --disable-tls ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["flag", "env"])
def test_f_disable_tls_speaks_plain_http(tmp_path: Path, how: str) -> None:
    with FakeApiserver() as server:
        env = base_env(tmp_path, PGO_APISERVER_URL=server.url, PGOUSERNAME="admin", PGOUSERPASS=PASSWORD)
        args = ["version"]
        if how == "flag":
            args.append("--disable-tls")
        else:
            env["DISABLE_TLS"] = "true"
        result = run_pgo(args, env)
    assert result.code == 0, result.stderr
    assert server.records[0].headers["Authorization"].startswith("Basic ")


# g. the environment cannot weaken or change the settings ---------------------------------------


def test_g_ca_bundle_variables_do_not_add_trust(tmp_path: Path, ca: trustme.CA) -> None:
    leaf = trustme_leaf(ca, tmp_path, "leaf", "127.0.0.1")
    ca_file = write_ca(ca, tmp_path)
    unrelated = pgo_default_cert(tmp_path, "unrelated")
    client = pgo_default_cert(tmp_path, "client")
    with FakeApiserver(cert=leaf.cert, key=leaf.key) as server:
        env = env_for(
            tmp_path,
            server.url,
            unrelated.cert,
            client,
            REQUESTS_CA_BUNDLE=str(ca_file),
            CURL_CA_BUNDLE=str(ca_file),
            SSL_CERT_FILE=str(ca_file),
            SSL_CERT_DIR=str(tmp_path),
        )
        result = run_pgo(["version"], env)
        assert server.records == []
    assert result.code == 4


def test_g_ca_bundle_variables_do_not_break_pinning(tmp_path: Path) -> None:
    pair = pgo_default_cert(tmp_path)
    empty = tmp_path / "empty.pem"
    empty.write_text("")
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        env = env_for(
            tmp_path,
            server.url,
            pair.cert,
            pair,
            REQUESTS_CA_BUNDLE=str(empty),
            CURL_CA_BUNDLE="/nonexistent/bundle.pem",
            SSL_CERT_FILE=str(empty),
        )
        result = run_pgo(["version"], env)
    assert result.code == 0, result.stderr


# The operating system's store (OpenSSL's compiled-in hashed directory), in-process --------------


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to hash a CA file")
@pytest.mark.parametrize("exclude_os_trust", [False, True])
def test_os_trust_store_is_used_unless_excluded(
    tmp_path: Path, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch, exclude_os_trust: bool
) -> None:
    from pgo_cli import Client
    from pgo_cli.errors import TLSError
    from pgo_cli.sdk.session import Credentials, Settings

    store = tmp_path / "os-store"
    store.mkdir()
    ca_file = write_ca(ca, tmp_path, "os-ca")
    digest = subprocess.run(
        ["openssl", "x509", "-hash", "-noout", "-in", str(ca_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (store / f"{digest}.0").write_bytes(ca_file.read_bytes())
    real = ssl.get_default_verify_paths()
    monkeypatch.setattr(
        ssl,
        "get_default_verify_paths",
        lambda: real._replace(openssl_capath=str(store), openssl_cafile=str(tmp_path / "none.pem")),
    )
    leaf = trustme_leaf(ca, tmp_path, "leaf", "127.0.0.1")
    unrelated = pgo_default_cert(tmp_path, "unrelated")  # PGO_CA_CERT does not know the server's CA
    with FakeApiserver(cert=leaf.cert, key=leaf.key) as server:
        settings = Settings(
            apiserver_url=server.url,
            ca_cert=str(unrelated.cert),
            client_cert=str(unrelated.cert),
            client_key=str(unrelated.key),
            exclude_os_trust=exclude_os_trust,
            timeout=5,
        )
        client = Client(settings, Credentials("admin", PASSWORD, "test"))
        if exclude_os_trust:
            with pytest.raises(TLSError):
                client.version()
            assert server.records == []
        else:
            assert client.version().version == "4.7.4"


def test_f_disable_tls_with_https_url_is_verified_https(tmp_path: Path) -> None:
    # As with Go's default client: the OS store must vouch for the server; PGO_CA_CERT is not read.
    pair = pgo_default_cert(tmp_path)
    with FakeApiserver(cert=pair.cert, key=pair.key, client_ca=pair.cert) as server:
        env = env_for(tmp_path, server.url, pair.cert, pair)
        result = run_pgo(["version", "--disable-tls"], env)
        assert server.records == []
    assert result.code == 4
    assert "refused" in result.stderr and "system trust store" in result.stderr
