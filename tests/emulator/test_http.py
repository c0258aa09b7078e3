"""Routing, TLS enforcement, auth, RBAC, namespaces and version checks (reference §7.2–7.6)."""

from __future__ import annotations

import socket
import ssl
import warnings
from pathlib import Path

import pytest
import requests
import trustme

from pgo_cli.emulator.__main__ import main as cli_main

from .conftest import VERSION, Emulator

TEXT = "text/plain; charset=utf-8"


def anonymous() -> requests.Session:
    """A session with no credentials and no certificate (and no environment settings)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = False
    return session


def raw_request(emu: Emulator, request: bytes) -> bytes:
    """Send bytes over TLS with the client certificate; return the whole response (connection closed)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.load_cert_chain(*emu.cert)
    with socket.create_connection(("127.0.0.1", emu.server.port)) as sock, ctx.wrap_socket(sock) as tls:
        tls.sendall(request)
        chunks = []
        while True:
            data = tls.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def test_healthz_and_health_need_no_basic_auth(emu: Emulator) -> None:
    anon = anonymous()
    for method in ("GET", "POST", "DELETE"):
        r = anon.request(method, emu.url + "/healthz")
        assert (r.status_code, r.content, r.headers["Content-Type"]) == (200, b"ok", TEXT)
    r = anon.get(emu.url + "/health", cert=emu.cert)
    assert r.status_code == 200
    assert r.content == b'{"Version":"healthy","Code":"ok","Msg":"healthy"}\n'
    assert r.headers["Content-Type"] == "application/json"
    # /health is subject to the certificate check, /healthz is not
    r = anon.get(emu.url + "/health")
    assert (r.status_code, r.content) == (403, b"Forbidden: Client Certificate Required\n")


def test_version_any_method(emu: Emulator) -> None:
    for method in ("GET", "POST", "PUT"):
        r = emu.session.request(method, emu.url + "/version")
        assert r.status_code == 200
        assert r.content == b'{"Version":"4.7.4","Code":"ok","Msg":"apiserver version"}\n'
        assert r.headers["Content-Type"] == "application/json"
        assert r.headers["WWW-Authenticate"] == 'Basic realm="Restricted"'


def test_unknown_route_404_and_wrong_method_405_bypass_auth_and_certs(emu: Emulator) -> None:
    anon = anonymous()
    r = anon.get(emu.url + "/nope")
    assert (r.status_code, r.content) == (404, b"404 page not found\n")
    assert r.headers["Content-Type"] == TEXT
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert anon.get(emu.url + "/clusters/").status_code == 404
    for path in ("/clusters", "/showclusters", "/clustersdelete"):
        r = anon.get(emu.url + path)
        assert (r.status_code, r.content) == (405, b"")


def test_unclean_paths_redirect_301(emu: Emulator) -> None:
    for raw, location in ((b"//version", b"/version"), (b"/./x/../clusters?a=b", b"/clusters?a=b")):
        response = raw_request(emu, b"GET " + raw + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        head = response.split(b"\r\n\r\n")[0]
        assert head.startswith(b"HTTP/1.1 301 ")
        assert b"\r\nLocation: " + location + b"\r\n" in head


def test_client_certificate_required_and_bad_certificate_aborts(emu: Emulator, tmp_path: Path) -> None:
    anon = anonymous()
    r = anon.post(emu.url + "/showclusters", json={}, auth=("admin", "examplepassword"))
    assert (r.status_code, r.content) == (403, b"Forbidden: Client Certificate Required\n")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    ca = trustme.CA()
    leaf = ca.issue_cert("client.example")
    leaf.private_key_and_cert_chain_pem.write_to_path(str(tmp_path / "other.pem"))
    with pytest.raises(requests.exceptions.SSLError):
        anon.get(emu.url + "/version", cert=str(tmp_path / "other.pem"), auth=("admin", "examplepassword"))


def test_tls_below_1_2_is_refused(emu: Emulator) -> None:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    with socket.create_connection(("127.0.0.1", emu.server.port)) as sock, pytest.raises(ssl.SSLError):
        ctx.wrap_socket(sock)


def test_keep_alive_serves_several_requests_on_one_connection(emu: Emulator) -> None:
    one = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    response = raw_request(emu, one + one + last)
    assert response.count(b"HTTP/1.1 200 OK") == 3
    assert response.count(b"Content-Length: 2\r\n") == 3


def test_basic_auth_failures(emu: Emulator) -> None:
    for path, method in (
        ("/version", "GET"),
        ("/clusters", "POST"),
        ("/showclusters", "POST"),
        ("/clustersdelete", "POST"),
    ):
        r = requests.request(method, emu.url + path, cert=emu.cert, verify=False, json={})
        assert r.status_code == 401
        assert r.content == (
            b"Not Authorized. Basic Authentication credentials must be provided according to RFC 7617, Section 2.\n"
        )
        assert r.headers["WWW-Authenticate"] == 'Basic realm="Restricted"'
        assert r.headers["Content-Type"] == TEXT
        r = requests.request(
            method, emu.url + path, cert=emu.cert, verify=False, json={}, auth=("admin", "wrong")
        )
        assert (r.status_code, r.content) == (401, b"Not authenticated in apiserver\n")
        r = requests.request(method, emu.url + path, cert=emu.cert, verify=False, json={}, auth=("", ""))
        assert (r.status_code, r.content) == (401, b"Not authenticated in apiserver\n")


def add(emu: Emulator, *argv: str) -> None:
    assert cli_main([*argv, "--state-dir", str(emu.state_dir)]) == 0


def test_rbac_denial_and_grants(emu: Emulator) -> None:
    add(emu, "role", "add", "viewer", "--permissions", "ShowCluster, Version")
    add(emu, "user", "add", "bob", "--password", "pw", "--roles", "viewer")
    add(emu, "user", "add", "eve", "--password", "pw", "--roles", "ghost,pgoadmin")
    add(emu, "user", "add", "ann", "--password", "pw", "--roles", "pgoadmin,ghost")
    bob = {"auth": ("bob", "pw")}
    assert emu.session.get(emu.url + "/version", **bob).status_code == 200  # type: ignore[arg-type]
    r = emu.post("/showclusters", {"clientversion": VERSION, "namespace": "pgo", "allflag": True}, **bob)
    assert r.json() == {"Results": [], "Code": "ok", "Msg": ""}
    r = emu.post("/clusters", {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "h"}, **bob)
    assert (r.status_code, r.content) == (403, b"Not authorized for this apiserver action\n")
    assert r.headers["WWW-Authenticate"] == 'Basic realm="Restricted"'
    assert emu.post("/clustersdelete", {}, **bob).status_code == 403
    # a missing role denies at once, even if a later role would grant
    assert emu.session.get(emu.url + "/version", auth=("eve", "pw")).status_code == 403
    assert emu.session.get(emu.url + "/version", auth=("ann", "pw")).status_code == 200


def test_show_system_accounts_needs_its_permission(emu: Emulator) -> None:
    add(emu, "role", "add", "creator", "--permissions", "CreateCluster")
    add(emu, "user", "add", "carl", "--password", "pw", "--roles", "creator")
    body = {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "h", "ShowSystemAccounts": True}
    r = emu.post("/clusters", body, auth=("carl", "pw"))
    assert (r.status_code, r.content) == (403, b"Not authorized for this apiserver action\n")
    result = emu.create("h", ShowSystemAccounts=True)["result"]
    assert [u["Username"] for u in result["Users"]] == ["postgres", "primaryuser", "testuser"]


def test_namespace_messages(emu: Emulator) -> None:
    add(emu, "user", "add", "nina", "--password", "pw", "--roles", "pgoadmin", "--namespaces", "pgouser1")
    cases = [
        ("", "empty namespace is not valid from pgo clients", ("admin", "examplepassword")),
        (
            "elsewhere",
            "namespace [elsewhere] is not part of the Operator installation",
            ("admin", "examplepassword"),
        ),
        ("pgo", "user [nina] is not allowed access to namespace [pgo]", ("nina", "pw")),
    ]
    for ns, message, who in cases:
        show = emu.post(
            "/showclusters", {"clientversion": VERSION, "namespace": ns, "allflag": True}, auth=who
        )
        assert show.json() == {"Results": [], "Code": "error", "Msg": message}
        delete = emu.post(
            "/clustersdelete", {"ClientVersion": VERSION, "Namespace": ns, "Clustername": "x"}, auth=who
        )
        assert delete.json() == {"Results": [], "Code": "error", "Msg": message}
        create = emu.post("/clusters", {"ClientVersion": VERSION, "Namespace": ns, "Name": "x"}, auth=who)
        assert create.json() == {
            "result": {"Database": "", "Name": "", "Users": None, "WorkflowID": ""},
            "status": {"Code": "error", "Msg": message},
        }
    add(emu, "namespace", "add", "elsewhere")
    r = emu.post("/showclusters", {"clientversion": VERSION, "namespace": "elsewhere", "allflag": True})
    assert r.json()["Code"] == "ok"
    r = emu.post(
        "/showclusters",
        {"clientversion": VERSION, "namespace": "pgouser1", "allflag": True},
        auth=("nina", "pw"),
    )
    assert r.json()["Code"] == "ok"


def test_version_mismatch_and_malformed_bodies(emu: Emulator) -> None:
    mismatch = "pgo client and server version mismatch"
    assert emu.post("/showclusters", b"{not json").content == (
        b'{"Results":[],"Code":"error","Msg":"pgo client and server version mismatch"}\n'
    )
    assert emu.post("/clustersdelete", {"ClientVersion": "4.7.3", "Namespace": "pgo"}).json() == {
        "Results": [],
        "Code": "error",
        "Msg": mismatch,
    }
    assert emu.post("/clusters", b"").content == (
        b'{"result":{"Database":"","Name":"","Users":null,"WorkflowID":""},'
        b'"status":{"Code":"error","Msg":"pgo client and server version mismatch"}}\n'
    )


def test_apiserver_version_option(tmp_path: Path) -> None:
    from .conftest import _emulator

    gen = _emulator(tmp_path, tls=True, version="4.7.9")
    emu = next(gen)
    try:
        assert emu.session.get(emu.url + "/version").json()["Version"] == "4.7.9"
        assert emu.show(allflag=True)["Msg"] == "pgo client and server version mismatch"
        body = {"clientversion": "4.7.9", "namespace": "pgo", "allflag": True}
        assert emu.post("/showclusters", body).json() == {"Results": [], "Code": "ok", "Msg": ""}
    finally:
        gen.close()


def test_rest_docs_curl_examples(emu: Emulator) -> None:
    """docs/content/advanced/direct-api-calls.md sends field names in their own casing."""
    created = emu.post(
        "/clusters", {"ClientVersion": VERSION, "Namespace": "pgouser1", "Name": "mycluster", "Series": 1}
    )
    assert created.json()["status"] == {"Code": "ok", "Msg": ""}
    shown = emu.post(
        "/showclusters", {"ClientVersion": VERSION, "Namespace": "pgouser1", "Clustername": "mycluster"}
    )
    assert [d["cluster"]["metadata"]["name"] for d in shown.json()["Results"]] == ["mycluster"]
    deleted = emu.post(
        "/clustersdelete", {"ClientVersion": VERSION, "Namespace": "pgouser1", "Clustername": "mycluster"}
    )
    assert deleted.json() == {"Results": ["deleted pgcluster mycluster"], "Code": "ok", "Msg": ""}


def test_disable_tls_serves_plain_http_without_certificates(plain_emu: Emulator) -> None:
    assert plain_emu.url.startswith("http://")
    r = requests.post(
        plain_emu.url + "/showclusters",
        json={"clientversion": VERSION, "namespace": "pgo", "allflag": True},
        auth=("admin", "examplepassword"),
    )
    assert r.json() == {"Results": [], "Code": "ok", "Msg": ""}
