"""Fixtures shared by every test package."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.certs import CertPair, pgo_default_cert
from tests.support.emulator import Emulator
from tests.support.fake_server import FakeApiserver
from tests.support.proc import base_env


def pytest_sessionstart(session: pytest.Session) -> None:
    """Give SIGINT its default handling, however pytest was started.

    A test run started as a background job of a non-interactive shell inherits SIGINT ignored,
    and every process the tests spawn would inherit that too: the Ctrl-C tests (tests/signals,
    backup's test_safety, the watch end-to-end test) send SIGINT to a `pgo` child and would wait
    for it in vain. A handler (unlike SIG_IGN) is reset to the default by exec, so with Python's
    own handler here every child starts with SIGINT's default disposition.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def pgo_cert(tmp_path: Path) -> CertPair:
    """The default install's certificate: server cert, CA file and client cert at once."""
    return pgo_default_cert(tmp_path)


@pytest.fixture
def apiserver(pgo_cert: CertPair) -> Iterator[FakeApiserver]:
    """A real HTTPS server with the default install's certificate, trusting it for clients."""
    with FakeApiserver(cert=pgo_cert.cert, key=pgo_cert.key, client_ca=pgo_cert.cert) as server:
        yield server


@pytest.fixture
def user_env(tmp_path: Path, pgo_cert: CertPair, apiserver: FakeApiserver) -> dict[str, str]:
    """The environment a user of the default install has: URL, the three files, credentials."""
    home = tmp_path / "home"
    home.mkdir()
    return base_env(
        home,
        PGO_APISERVER_URL=apiserver.url,
        PGO_CA_CERT=str(pgo_cert.cert),
        PGO_CLIENT_CERT=str(pgo_cert.cert),
        PGO_CLIENT_KEY=str(pgo_cert.key),
        PGOUSERNAME="admin",
        PGOUSERPASS="s3cret-Pa55word",
        PGO_NAMESPACE="pgo",
    )


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    """A real ``pgo-emulator`` over mutual TLS (temporary state; pods ready and deletions done at
    once); ``.env()`` is the environment a user would set for ``pgo``."""
    running = Emulator.in_dir(tmp_path).start()
    yield running
    running.stop()


@pytest.fixture
def make_emulator(tmp_path: Path) -> Iterator[Callable[..., Emulator]]:
    """Start emulators with extra ``serve`` arguments; all are stopped at the end."""
    started: list[Emulator] = []

    def factory(*extra: str) -> Emulator:
        instance = Emulator.in_dir(tmp_path, *extra).start()
        started.append(instance)
        return instance

    yield factory
    for instance in started:
        instance.stop()
