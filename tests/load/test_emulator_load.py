"""The emulator under load and faults (issue 6 §6), as a real `pgo-emulator` process over mTLS.

* 20 clients × 200 mixed create/show/delete requests on a small pool of shared names: no transport
  error, no 5xx, nothing unparsable, only the business errors that collisions explain, and a final
  state in which every cluster is wholly present or wholly absent.
* SIGKILL during a stream of creates: after a restart, every acknowledged cluster is still there.
"""

from __future__ import annotations

import base64
import http.client
import json
import random
import signal
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.support.emulator import spawn_emulator
from tests.support.fake_server import free_port

VERSION = "4.7.4"
AUTH = "Basic " + base64.b64encode(b"admin:examplepassword").decode()
CLIENTS, REQUESTS, POOL = 20, 200, 25
EXPECTED_ERRORS = ("was found so we will not create it", "no clusters found")


def _spawn(state_dir: Path, port: int) -> subprocess.Popen[str]:
    process, _ = spawn_emulator(state_dir, port, "--ready-delay", "0", "--delete-delay", "0")
    return process


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    port = free_port()
    process = _spawn(tmp_path / "state", port)
    try:
        yield tmp_path / "state", port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Client:
    """One keep-alive mTLS connection, pinned to the emulator's self-signed certificate."""

    def __init__(self, state_dir: Path, port: int) -> None:
        context = ssl.create_default_context(cafile=str(state_dir / "server.crt"))
        context.check_hostname = False  # the default install's certificate names no host: pinned
        context.load_cert_chain(str(state_dir / "server.crt"), str(state_dir / "server.key"))
        self.connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        self.connection.request(
            "POST", path, json.dumps(body), {"Authorization": AUTH, "Content-Type": "application/json"}
        )
        response = self.connection.getresponse()
        payload = response.read()
        assert response.status == 200, (path, response.status, payload[:200])
        answer = json.loads(payload)
        assert isinstance(answer, dict), payload[:200]
        return answer

    def create(self, name: str) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": "pgo", "Name": name, "AutofailFlag": True}
        return self.post("/clusters", body)

    def show(self, name: str) -> dict[str, Any]:
        return self.post("/showclusters", {"clustername": name, "clientversion": VERSION, "namespace": "pgo"})

    def delete(self, name: str) -> dict[str, Any]:
        body = {"ClientVersion": VERSION, "Namespace": "pgo", "Clustername": name, "DeleteData": True}
        return self.post("/clustersdelete", body)


def _status(answer: dict[str, Any]) -> tuple[str, str]:
    status = answer.get("status") or answer
    return str(status.get("Code") or status.get("code")), str(status.get("Msg") or status.get("msg") or "")


def _check_whole(client: Client, name: str) -> bool:
    """True when ``name`` is present with all its parts, False when wholly absent."""
    answer = client.show(name)
    code, msg = _status(answer)
    results = answer.get("Results") or []
    if not results:
        return False
    assert code == "ok", msg
    assert len(results) == 1, results
    detail = results[0]
    assert (
        detail["Cluster"]["spec"]["name"] == name
        if "Cluster" in detail
        else detail["cluster"]["spec"]["name"] == name
    )
    for part in ("Deployments", "Pods", "Services"):
        assert detail.get(part), (name, part, detail.keys())
    return True


def test_twenty_clients_two_hundred_mixed_requests(emulator: tuple[Path, int]) -> None:
    state_dir, port = emulator
    names = [f"load-{n}" for n in range(POOL)]
    unexpected: list[str] = []
    lock = threading.Lock()

    def work(seed: int) -> int:
        rng, client, done = random.Random(seed), Client(state_dir, port), 0
        for _ in range(REQUESTS):
            name, op = rng.choice(names), rng.choices(["create", "show", "delete"], [4, 4, 2])[0]
            answer = getattr(client, op)(name)
            code, msg = _status(answer)
            if code != "ok" and not any(text in msg for text in EXPECTED_ERRORS):
                with lock:
                    unexpected.append(f"{op} {name}: {code} {msg}")
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        done = sum(pool.map(work, range(CLIENTS)))
    elapsed = time.monotonic() - started
    assert done == CLIENTS * REQUESTS
    assert unexpected == []
    assert elapsed < 120

    client = Client(state_dir, port)
    present = {name for name in names if _check_whole(client, name)}
    listed = client.post("/showclusters", {"clientversion": VERSION, "namespace": "pgo", "allflag": True})
    shown = {
        detail.get("Cluster", detail.get("cluster"))["spec"]["name"] for detail in listed.get("Results") or []
    }
    assert shown == present


def test_sigkill_during_writes_loses_no_acknowledged_cluster(tmp_path: Path) -> None:
    state_dir, port = tmp_path / "state", free_port()
    process = _spawn(state_dir, port)
    acknowledged: list[str] = []
    attempted: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(index: int) -> None:
        client, n = Client(state_dir, port), 0
        while not stop.is_set():
            name = f"kill-{index}-{n}"
            n += 1
            with lock:
                attempted.append(name)
            try:
                code, _ = _status(client.create(name))
            except (OSError, http.client.HTTPException, AssertionError, ValueError):
                return  # the server died under us: this one may or may not have been committed
            if code == "ok":
                with lock:
                    acknowledged.append(name)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(5)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert len(acknowledged) >= 20

    restarted = _spawn(state_dir, port)
    try:
        client = Client(state_dir, port)
        missing = [name for name in acknowledged if not _check_whole(client, name)]
        assert missing == []
        for name in set(attempted) - set(acknowledged):
            _check_whole(client, name)  # in flight at the kill: whole or absent, never half
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)
