"""``pgo doctor`` through the real ``pgo`` in a subprocess, against fault servers and the emulator.

Each failure the doctor can name is produced for real (an expired certificate on a real TLS
server, a wrong CA, a key of another pair, a 401, a missing role permission in the emulator, a
version mismatch, an unwatched namespace) and must be named on the right step with the README's
exit code; no output ever holds the password or its Basic token.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.support.certs import CertPair, expired_cert, pgo_default_cert, trustme_leaf, write_ca
from tests.support.emulator import Emulator
from tests.support.fake_server import free_port
from tests.support.faulty import FaultServer, answer, ok_answer, route
from tests.support.proc import Result, base_env, run_pgo

PASSWORD = "s3cret-Pa55word"
EMULATOR_PASSWORD = "examplepassword"


def secrets_of(password: str, user: str = "admin") -> list[str]:
    return [password, base64.b64encode(f"{user}:{password}".encode()).decode()]


def doctor(env: dict[str, str], *args: str) -> tuple[Result, dict[str, Any]]:
    """Run ``pgo doctor`` twice: as text, and with ``-o json``; both must agree on the exit code."""
    text = run_pgo(["doctor", *args], env, timeout=60)
    data = run_pgo(["doctor", "-o", "json", *args], env, timeout=60)
    document = json.loads(data.stdout)
    assert data.code == text.code == document["exit_code"], (text.stdout, data.stdout)
    for result in (text, data):
        assert "Traceback" not in result.output
        for secret in secrets_of(env.get("PGOUSERPASS", EMULATOR_PASSWORD)):
            assert secret not in result.output
    return text, document


def step(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in document["steps"] if s["name"] == name]
    assert found, f"no step {name!r} in {[s['name'] for s in document['steps']]}"
    return found[0]


def first_failure(document: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in document["steps"] if s["status"] == "failed")


def line_of(result: Result, name: str) -> str:
    lines = [line for line in result.stdout.splitlines() if line[9:].startswith(name + " ")]
    assert lines, result.stdout
    return lines[0]


def env_for(tmp_path: Path, url: str, ca: Path, cert: Path, key: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    values = {
        "PGO_APISERVER_URL": url,
        "PGO_CA_CERT": str(ca),
        "PGO_CLIENT_CERT": str(cert),
        "PGO_CLIENT_KEY": str(key),
        "PGOUSERNAME": "admin",
        "PGOUSERPASS": PASSWORD,
        "PGO_NAMESPACE": "pgo",
        **extra,
    }
    return base_env(home, **values)


# ---------------------------------------------------------------------------------- fault servers


@pytest.fixture
def default_pair(tmp_path: Path) -> CertPair:
    return pgo_default_cert(tmp_path)


@pytest.fixture
def healthy(default_pair: CertPair) -> Iterator[FaultServer]:
    with FaultServer(
        route(ok_answer), cert=default_pair.cert, key=default_pair.key, client_ca=default_pair.cert
    ) as s:
        yield s


def test_all_ok_against_a_healthy_server_sends_only_reads(
    tmp_path: Path, default_pair: CertPair, healthy: FaultServer
) -> None:
    env = env_for(tmp_path, healthy.url, default_pair.cert, default_pair.cert, default_pair.key)
    text, document = doctor(env)
    assert text.code == 0, text.stdout
    assert text.stdout.splitlines()[-1] == "all checks passed"
    assert {s["status"] for s in document["steps"]} == {"ok"}
    assert step(document, "trust")["detail"].startswith("pinned")
    assert "TLSv1." in step(document, "tls handshake")["detail"]
    assert " ms" in step(document, "tcp connect")["detail"]
    assert "\x1b[" not in text.stdout  # piped: no colour
    methods = {path.split(" ")[0] + " " + path.split(" ")[1].split("?")[0] for path in healthy.paths()}
    assert methods == {"GET /version", "POST /showclusters"}
    shows = [r.json() for r in healthy.requests if r.path == "/showclusters"]
    assert shows and all(body["clientversion"] == "4.7.4" and body["namespace"] == "pgo" for body in shows)


def test_sources_are_reported(tmp_path: Path, default_pair: CertPair, healthy: FaultServer) -> None:
    env = env_for(tmp_path, healthy.url, default_pair.cert, default_pair.cert, default_pair.key)
    del env["PGO_CLIENT_CERT"]
    _, document = doctor(env, "-n", "pgo", "--timeout", "5")
    assert "from flag --namespace" in step(document, "namespace")["detail"]
    assert "from environment PGO_APISERVER_URL" in step(document, "url")["detail"]
    assert "default" in step(document, "client version")["detail"]
    assert "from flag --timeout" in step(document, "timeout")["detail"]
    assert "the ca cert, environment PGO_CA_CERT" in step(document, "client cert")["detail"]
    assert "PGOUSERNAME/PGOUSERPASS" in step(document, "credentials")["detail"]


def test_pgouser_file_source(tmp_path: Path, default_pair: CertPair, healthy: FaultServer) -> None:
    env = env_for(tmp_path, healthy.url, default_pair.cert, default_pair.cert, default_pair.key)
    del env["PGOUSERNAME"], env["PGOUSERPASS"]
    (Path(env["HOME"]) / ".pgouser").write_text(f"admin:{PASSWORD}\n")
    (Path(env["HOME"]) / ".pgouser").chmod(0o644)
    text, document = doctor(env)
    credentials = step(document, "credentials")
    assert credentials["status"] == "warning" and "pgouser file" in credentials["detail"]
    assert "chmod 600" in credentials["fix"]
    assert text.code == 0  # warnings do not fail
    assert PASSWORD not in text.output


def test_expired_server_certificate(tmp_path: Path, default_pair: CertPair) -> None:
    server_pair = expired_cert(tmp_path)
    with FaultServer(route(ok_answer), cert=server_pair.cert, key=server_pair.key) as server:
        env = env_for(tmp_path, server.url, server_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
        assert server.requests == []  # nothing, and no password, reached it
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "server cert" and "EXPIRED" in failure["detail"]
    assert "renew" in failure["fix"]
    assert step(document, "basic auth")["status"] == "skipped"
    assert line_of(text, "server cert").startswith("failed   server cert")


def test_server_certificate_expiring_soon_is_a_warning(tmp_path: Path, default_pair: CertPair) -> None:
    soon = pgo_default_cert(tmp_path, "soon", days=10)
    with FaultServer(route(ok_answer), cert=soon.cert, key=soon.key, client_ca=soon.cert) as server:
        env = env_for(tmp_path, server.url, soon.cert, soon.cert, soon.key)
        text, document = doctor(env)
    assert text.code == 0
    assert step(document, "server cert")["status"] == "warning"
    assert "expires in" in step(document, "server cert")["detail"]
    assert text.stdout.splitlines()[-1].startswith("all checks passed, ")


def test_wrong_ca(tmp_path: Path, default_pair: CertPair) -> None:
    issuer, other = trustme.CA(), trustme.CA()
    leaf = trustme_leaf(issuer, tmp_path, "leaf", "127.0.0.1")
    wrong = write_ca(other, tmp_path, "other-ca")
    with FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key) as server:
        env = env_for(tmp_path, server.url, wrong, default_pair.cert, default_pair.key)
        text, document = doctor(env)
        assert server.requests == []
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "trust" and "refused" in failure["detail"]
    assert "issued by" in failure["detail"] and "PGO_CA_CERT" in failure["fix"]


def test_right_ca_verifies_the_chain_and_host(tmp_path: Path, default_pair: CertPair) -> None:
    issuer = trustme.CA()
    leaf = trustme_leaf(issuer, tmp_path, "leaf", "127.0.0.1")
    with FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key) as server:
        env = env_for(tmp_path, server.url, write_ca(issuer, tmp_path), default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 0, text.stdout
    assert step(document, "trust")["detail"].startswith("chain verified")
    assert "127.0.0.1" in step(document, "host name")["detail"]


def test_wrong_host_name(tmp_path: Path, default_pair: CertPair) -> None:
    issuer = trustme.CA()
    leaf = trustme_leaf(issuer, tmp_path, "leaf", "apiserver.example")
    with FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key) as server:
        env = env_for(tmp_path, server.url, write_ca(issuer, tmp_path), default_pair.cert, default_pair.key)
        text, document = doctor(env)
        assert server.requests == []
        fixed, _ = doctor(env, "--tls-server-name", "apiserver.example")
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "host name" and "apiserver.example" in failure["detail"]
    assert "--tls-server-name" in failure["fix"]
    assert fixed.code == 0, fixed.stdout


def test_mismatched_client_key(tmp_path: Path, default_pair: CertPair, healthy: FaultServer) -> None:
    other = pgo_default_cert(tmp_path, "other")
    env = env_for(tmp_path, healthy.url, default_pair.cert, default_pair.cert, other.key)
    text, document = doctor(env)
    assert text.code == 2
    failure = first_failure(document)
    assert failure["name"] == "client key" and "does not belong" in failure["detail"]
    assert "PGO_CLIENT_KEY" in failure["fix"]
    # The server is still looked at; nothing is sent to it.
    assert step(document, "tls handshake")["status"] == "ok"
    assert step(document, "trust")["status"] == "ok"
    assert step(document, "basic auth")["status"] == "skipped"
    assert healthy.requests == []


def test_missing_files_and_url(tmp_path: Path, default_pair: CertPair) -> None:
    env = env_for(tmp_path, "https://127.0.0.1:1", tmp_path / "nope.crt", default_pair.cert, default_pair.key)
    del env["PGO_APISERVER_URL"]
    text, document = doctor(env)
    assert text.code == 2
    assert first_failure(document)["name"] == "url"
    assert "does not exist" in step(document, "ca cert")["detail"]
    assert step(document, "tcp connect")["status"] == "skipped"


def test_client_certificate_refused_by_the_server(tmp_path: Path, default_pair: CertPair) -> None:
    server_pair = pgo_default_cert(tmp_path, "srv")
    with FaultServer(
        route(ok_answer),
        cert=server_pair.cert,
        key=server_pair.key,
        client_ca=server_pair.cert,
        require_client_cert=True,
    ) as server:
        env = env_for(tmp_path, server.url, server_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "tls client auth"
    assert "client certificate" in failure["detail"] + failure["fix"]


def test_wrong_password(tmp_path: Path, default_pair: CertPair) -> None:
    body = "Not authenticated in apiserver\n"
    behaviour = answer(401, body, {"WWW-Authenticate": 'Basic realm="Restricted"'})
    with FaultServer(
        behaviour, cert=default_pair.cert, key=default_pair.key, client_ca=default_pair.cert
    ) as server:
        env = env_for(tmp_path, server.url, default_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 3
    failure = first_failure(document)
    assert failure["name"] == "basic auth" and "401" in failure["detail"]
    assert "password" in failure["fix"]
    assert step(document, "version")["status"] == "skipped"


def test_forbidden_version(tmp_path: Path, default_pair: CertPair) -> None:
    behaviour = answer(403, "Not authorized for this apiserver action\n")
    with FaultServer(
        behaviour, cert=default_pair.cert, key=default_pair.key, client_ca=default_pair.cert
    ) as server:
        env = env_for(tmp_path, server.url, default_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 3
    failure = first_failure(document)
    assert failure["name"] == "permission" and "Version" in failure["fix"]
    assert step(document, "basic auth")["status"] == "ok"


def test_not_an_apiserver(tmp_path: Path, default_pair: CertPair) -> None:
    behaviour = answer(404, "404 page not found\n")
    with FaultServer(
        behaviour, cert=default_pair.cert, key=default_pair.key, client_ca=default_pair.cert
    ) as server:
        env = env_for(tmp_path, server.url, default_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 5
    assert first_failure(document)["name"] == "apiserver answer"


def test_server_echoing_the_authorization_header_leaks_nothing(
    tmp_path: Path, default_pair: CertPair
) -> None:
    def echo(request: Any) -> bytes:
        from tests.support.faulty import response_bytes

        return response_bytes(500, f"boom {request.headers.get('authorization')} {PASSWORD}")

    with FaultServer(
        route(echo), cert=default_pair.cert, key=default_pair.key, client_ca=default_pair.cert
    ) as server:
        env = env_for(tmp_path, server.url, default_pair.cert, default_pair.cert, default_pair.key)
        text, _ = doctor(env)  # doctor() asserts that no secret is printed
    assert text.code == 5
    assert "<redacted>" in text.stdout


def test_connection_refused(tmp_path: Path, default_pair: CertPair) -> None:
    url = f"https://127.0.0.1:{free_port()}"
    env = env_for(tmp_path, url, default_pair.cert, default_pair.cert, default_pair.key)
    text, document = doctor(env)
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "tcp connect" and "refused" in failure["detail"]


def test_plain_http_server_behind_an_https_url(tmp_path: Path, default_pair: CertPair) -> None:
    from tests.support.faulty import plain_http_400

    with FaultServer(plain_http_400) as server:
        url = f"https://127.0.0.1:{server.port}"
        env = env_for(tmp_path, url, default_pair.cert, default_pair.cert, default_pair.key)
        text, document = doctor(env)
    assert text.code == 4
    failure = first_failure(document)
    assert failure["name"] == "tls handshake" and "http://" in failure["fix"]


def test_unknown_host(tmp_path: Path, default_pair: CertPair) -> None:
    env = env_for(
        tmp_path, "https://no-such-host.invalid:8443", default_pair.cert, default_pair.cert, default_pair.key
    )
    text, document = doctor(env)
    assert text.code == 4
    assert first_failure(document)["name"] == "resolve"


# ---------------------------------------------------------------------------------- the emulator


def test_emulator_all_ok(emulator: Emulator) -> None:
    text, document = doctor(emulator.env())
    assert text.code == 0, text.stdout
    assert document["ok"] is True
    assert step(document, "namespace access")["detail"] == "pgo is watched and user admin may use it"
    assert "pgouser file" in step(document, "credentials")["detail"]


def test_emulator_wrong_password(emulator: Emulator) -> None:
    env = emulator.env(PGOUSERNAME="admin", PGOUSERPASS="not-the-password")
    text, document = doctor(env)
    assert text.code == 3
    assert first_failure(document)["name"] == "basic auth"
    assert "not-the-password" not in text.output


def test_emulator_missing_version_permission(emulator: Emulator) -> None:
    emulator.admin("role", "add", "viewer", "--permissions", "ShowCluster")
    emulator.admin("user", "add", "viewer", "--password", "viewer-pass", "--roles", "viewer")
    env = emulator.env(PGOUSERNAME="viewer", PGOUSERPASS="viewer-pass")
    text, document = doctor(env)
    assert text.code == 3
    failure = first_failure(document)
    assert failure["name"] == "permission" and "viewer" in failure["detail"]
    assert "Version" in failure["fix"]
    # The read still answers the version and namespace questions.
    assert step(document, "version")["status"] == "ok"
    assert step(document, "namespace access")["status"] == "ok"


def test_emulator_user_without_read_permissions(emulator: Emulator) -> None:
    emulator.admin("role", "add", "versions", "--permissions", "Version")
    emulator.admin("user", "add", "vonly", "--password", "vonly-pass", "--roles", "versions")
    env = emulator.env(PGOUSERNAME="vonly", PGOUSERPASS="vonly-pass")
    text, document = doctor(env)
    assert text.code == 0, text.stdout
    assert step(document, "version")["status"] == "ok"
    assert step(document, "namespace access")["status"] == "warning"


def test_emulator_version_mismatch(make_emulator: Callable[..., Emulator]) -> None:
    emulator = make_emulator("--apiserver-version", "4.7.3")
    text, document = doctor(emulator.env())
    assert text.code == 1
    failure = first_failure(document)
    assert failure["name"] == "version"
    assert "4.7.3" in failure["detail"] and "4.7.4" in failure["detail"]
    assert "--client-version 4.7.3" in failure["fix"]
    # The namespace is still checked, with the apiserver's version.
    assert step(document, "namespace access")["status"] == "ok"
    fixed, _ = doctor(emulator.env(), "--client-version", "4.7.3")
    assert fixed.code == 0, fixed.stdout


def test_emulator_unwatched_namespace(emulator: Emulator) -> None:
    text, document = doctor(emulator.env(), "-n", "elsewhere")
    assert text.code == 1
    failure = first_failure(document)
    assert failure["name"] == "namespace access"
    assert "namespace [elsewhere] is not part of the Operator installation" in failure["detail"]
    assert "pgo create namespace elsewhere" in failure["fix"]


def test_emulator_namespace_not_allowed_for_user(emulator: Emulator) -> None:
    emulator.admin(
        "user", "add", "bob", "--password", "bob-pass", "--roles", "pgoadmin", "--namespaces", "pgouser1"
    )
    env = emulator.env(PGOUSERNAME="bob", PGOUSERPASS="bob-pass")
    text, document = doctor(env)
    assert text.code == 1
    failure = first_failure(document)
    assert failure["name"] == "namespace access" and "user [bob] is not allowed" in failure["detail"]
    assert "bob-pass" not in text.output
