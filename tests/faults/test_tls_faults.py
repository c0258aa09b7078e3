"""TLS rows of the fault matrix: every command refuses the server (or is refused) before any
HTTP request is written — exit 4, one `Error:` line, and create/delete say that nothing was sent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import trustme

from tests.faults.conftest import ROUTES, EnvFor, check_contract, check_sent_statement, run_all
from tests.support.certs import CertPair, expired_cert, pgo_default_cert, trustme_leaf, write_ca
from tests.support.faulty import FaultServer, ok_answer, plain_http_400, route


def _expired(tmp: Path, pgo: CertPair) -> tuple[FaultServer, dict[str, str]]:
    pair = expired_cert(tmp)
    server = FaultServer(route(ok_answer), cert=pair.cert, key=pair.key, client_ca=pgo.cert)
    return server, {"PGO_CA_CERT": str(pair.cert)}


def _wrong_host(tmp: Path, pgo: CertPair) -> tuple[FaultServer, dict[str, str]]:
    ca = trustme.CA()
    leaf = trustme_leaf(ca, tmp, "leaf", "apiserver.example")
    server = FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key, client_ca=pgo.cert)
    return server, {"PGO_CA_CERT": str(write_ca(ca, tmp))}


def _unknown_ca(tmp: Path, pgo: CertPair) -> tuple[FaultServer, dict[str, str]]:
    ours, theirs = trustme.CA(), trustme.CA()
    leaf = trustme_leaf(theirs, tmp, "leaf", "127.0.0.1")
    server = FaultServer(route(ok_answer), cert=leaf.cert, key=leaf.key, client_ca=pgo.cert)
    return server, {"PGO_CA_CERT": str(write_ca(ours, tmp))}


def _client_refused(tmp: Path, pgo: CertPair) -> tuple[FaultServer, dict[str, str]]:
    ca = trustme.CA()
    leaf = trustme_leaf(ca, tmp, "leaf", "127.0.0.1")
    trusted = pgo_default_cert(tmp, "trusted-client")
    server = FaultServer(
        route(ok_answer), cert=leaf.cert, key=leaf.key, client_ca=trusted.cert, require_client_cert=True
    )
    return server, {"PGO_CA_CERT": str(write_ca(ca, tmp))}


def _plain_http_server(tmp: Path, pgo: CertPair) -> tuple[FaultServer, dict[str, str]]:
    return FaultServer(plain_http_400), {}


Maker = Callable[[Path, CertPair], tuple[FaultServer, dict[str, str]]]

ROWS: dict[str, tuple[Maker, str]] = {
    # name: (server maker, text the error must contain)
    "expired-certificate": (_expired, "expired"),
    "wrong-host": (_wrong_host, "apiserver.example"),
    "unknown-ca": (_unknown_ca, "certificate"),
    # the server's alert, or (TLS 1.3, racing our request) just its hang-up: both name our certificate
    "client-certificate-refused": (_client_refused, "client certificate"),
    # an https:// URL aimed at a plain-HTTP port: the server reads our ClientHello as garbage
    "https-to-plain-http": (_plain_http_server, "TLS handshake"),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_tls_fault(name: str, tmp_path: Path, pgo_cert: CertPair, env_for: EnvFor) -> None:
    maker, fragment = ROWS[name]
    server, changes = maker(tmp_path, pgo_cert)
    with server:
        url = f"https://127.0.0.1:{server.port}"
        runs = run_all(env_for(url, **changes))
        seen = server.paths()
    for command, run in runs.items():
        lines = check_contract(run, 4)
        assert fragment in "\n".join(lines), (command, lines)
        check_sent_statement(run, False)
        assert ROUTES[command] not in seen, (command, seen)
    assert not any(path.endswith(("/clusters", "/clustersdelete")) for path in seen), seen
