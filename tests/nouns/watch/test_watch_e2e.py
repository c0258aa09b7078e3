"""End to end: the real ``pgo watch alltopic`` in a subprocess sees what other ``pgo`` commands do
to a running ``pgo-emulator``, live; Ctrl-C ends it with status 130."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.emulator import Emulator
from tests.support.fake_server import free_port
from tests.support.proc import pgo_executable, run_pgo


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[tuple[Emulator, int]]:
    nsq_port = free_port()
    emu = Emulator.in_dir(tmp_path, "--nsq-port", str(nsq_port)).start()
    try:
        yield emu, nsq_port
    finally:
        emu.stop()


def _events(text: str) -> list[dict[str, Any]]:
    """pgo's output: ``alltopic | <indented JSON>`` per message."""
    chunks = re.split(r"^alltopic \| ", text, flags=re.M)
    assert chunks[0] == ""
    return [json.loads(chunk) for chunk in chunks[1:]]


def test_watch_alltopic_sees_the_events_of_other_commands(emulator: tuple[Emulator, int]) -> None:
    emu, nsq_port = emulator
    env = emu.env()
    watch_env = {k: v for k, v in env.items() if not k.startswith("PGO")}  # needs no apiserver settings
    watcher = subprocess.Popen(
        [pgo_executable(), "watch", "alltopic", "-a", f"127.0.0.1:{nsq_port}"],
        env=watch_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert watcher.stdout is not None and watcher.stderr is not None
    received = bytearray()

    def read() -> None:
        assert watcher.stdout is not None
        while chunk := os.read(watcher.stdout.fileno(), 65536):
            received.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        for args in (
            ["create", "cluster", "hippo"],
            ["scale", "hippo", "--no-prompt"],
            ["create", "pgbouncer", "hippo"],
            ["delete", "cluster", "hippo", "--no-prompt"],
        ):
            result = run_pgo(args, env)
            assert result.code == 0, (args, result.stderr)

        wanted = {
            "CreateCluster",
            "CreateClusterCompleted",
            "ScaleCluster",
            "CreatePgbouncer",
            "DeleteCluster",
        }
        wanted.add("DeleteClusterCompleted")
        deadline = time.monotonic() + 20
        seen: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            text = bytes(received).decode()
            if text.endswith("}\n"):
                seen = _events(text)
                if wanted <= {event["eventheader"]["EventType"] for event in seen}:
                    break
            time.sleep(0.05)
        types = [event["eventheader"]["EventType"] for event in seen]
        assert wanted <= set(types), types
        # the commands' own events in the order the commands ran
        ordered = [
            t for t in types if t in {"CreateCluster", "ScaleCluster", "CreatePgbouncer", "DeleteCluster"}
        ]
        assert ordered == ["CreateCluster", "ScaleCluster", "CreatePgbouncer", "DeleteCluster"]
        by_type = {event["eventheader"]["EventType"]: event for event in seen}
        create = by_type["CreateCluster"]
        assert create["eventheader"]["namespace"] == "pgo" and create["eventheader"]["username"] == "admin"
        assert create["eventheader"]["topic"] == ["clustertopic"] and create["clustername"] == "hippo"
        assert re.fullmatch(r"[0-9a-f-]{36}", create["workflowid"])
        assert re.fullmatch(r"hippo-[a-z]{4}", by_type["ScaleCluster"]["replicaname"])
        assert by_type["CreatePgbouncer"]["eventheader"]["topic"] == ["pgbouncertopic"]
        assert by_type["DeleteCluster"]["clustername"] == "hippo"
        assert bytes(received).startswith(
            b'alltopic | {\n  "eventheader": {\n    "EventType": "CreateCluster",\n'
        )
    finally:
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(timeout=15)
        reader.join(5)
        stderr = watcher.stderr.read().decode()
        watcher.stderr.close()
        watcher.stdout.close()
    assert code == 130
    assert len(stderr.splitlines()) <= 1 and "Traceback" not in stderr
    assert stderr == "Error: interrupted\n"


def test_watch_exits_4_when_the_emulator_stops(emulator: tuple[Emulator, int]) -> None:
    emu, nsq_port = emulator
    watcher = subprocess.Popen(
        [pgo_executable(), "watch", "clustertopic", "-a", f"127.0.0.1:{nsq_port}"],
        env={k: v for k, v in emu.env().items() if not k.startswith("PGO")},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # let it subscribe (a stop before would be "cannot connect": exit 4 too)
    emu.stop()
    out, err = watcher.communicate(timeout=15)
    assert watcher.returncode == 4
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("Error: ")
    assert f"127.0.0.1:{nsq_port}" in err
