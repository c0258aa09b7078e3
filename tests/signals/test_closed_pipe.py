"""A closed stdout (issue 20 §1): ``pgo … | head -1`` exits 141 — a shell's status for a process
killed by SIGPIPE — on every path (help, version, errors, streamed output, ``watch``), quietly.

The real ``pgo`` runs in real pipes: a pipe whose reader has gone before ``pgo`` writes (so the
first write fails, whatever the timing), and bash pipelines with ``set -o pipefail`` under several
locales, against a running ``pgo-emulator`` where a server is needed.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from tests.support.emulator import Emulator
from tests.support.fake_server import free_port
from tests.support.proc import base_env, pgo_executable, run_pgo

#: No LANG at all, the POSIX locale, and the two UTF-8 ones users have (en_US.UTF-8 may not be
#: installed: Python then falls back, which is a locale users meet too).
LOCALES: tuple[str | None, ...] = (None, "C", "C.UTF-8", "en_US.UTF-8")
SIGPIPE_STATUS = 141


def _with_locale(env: Mapping[str, str], lang: str | None) -> dict[str, str]:
    out = {k: v for k, v in env.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    if lang is not None:
        out["LANG"] = lang
    return out


def _into_closed_pipe(
    args: Sequence[str], env: Mapping[str, str], *, stderr_too: bool = False
) -> tuple[int, str]:
    """Run pgo with stdout (and maybe stderr) on a pipe whose reader is already closed."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = subprocess.run(
            [pgo_executable(), *args],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=write_end if stderr_too else subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write_end)
    return completed.returncode, (completed.stderr or b"").decode()


def _bash(script: str, env: Mapping[str, str], timeout: float = 60) -> tuple[str, str]:
    completed = subprocess.run(
        ["bash", "-c", "set -o pipefail\n" + script],
        env=dict(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout, completed.stderr


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Emulator, int]]:
    """An emulator with enough clusters that ``show cluster --all -o json`` outgrows a pipe buffer."""
    nsq_port = free_port()
    emu = Emulator.in_dir(tmp_path_factory.mktemp("pipe"), "--nsq-port", str(nsq_port)).start()
    try:
        env = emu.env()
        for i in range(14):  # ~5.6 kB of JSON each: 78 kB, more than a 64 kB pipe holds
            result = run_pgo(["create", "cluster", f"pipe{i}"], env)
            assert result.code == 0, result.stderr
        yield emu, nsq_port
    finally:
        emu.stop()


LOCAL_COMMANDS = (
    ["version", "--client"],
    ["--help"],
    [],  # no arguments: the root help, as pgo
    ["show"],  # a group without its noun: the group's help
    ["show", "cluster", "--help"],
    ["help", "create"],
    ["completion", "bash"],
)


@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: f"LANG={lang}")
@pytest.mark.parametrize("args", LOCAL_COMMANDS, ids=lambda args: " ".join(args) or "(none)")
def test_a_local_command_into_a_closed_pipe_exits_141_quietly(
    tmp_path: Path, args: list[str], lang: str | None
) -> None:
    code, stderr = _into_closed_pipe(args, _with_locale(base_env(tmp_path), lang))
    assert (code, stderr) == (SIGPIPE_STATUS, "")


@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: f"LANG={lang}")
def test_an_error_whose_stderr_is_the_closed_pipe_exits_141_quietly(tmp_path: Path, lang: str | None) -> None:
    """``pgo nosuch 2>&1 | head -0``: the error line itself cannot be written."""
    env = _with_locale(base_env(tmp_path), lang)
    for args in (["nosuch"], ["show", "cluster"], ["version", "--no-such-flag"]):
        assert _into_closed_pipe(args, env, stderr_too=True) == (SIGPIPE_STATUS, ""), args


def test_an_error_with_a_closed_stdout_keeps_its_own_code(tmp_path: Path) -> None:
    """Nothing was written to stdout: the error is the outcome, on stderr, with its code."""
    code, stderr = _into_closed_pipe(["show", "cluster", "hippo"], base_env(tmp_path))
    assert code == 2 and stderr.startswith("Error: ") and "Traceback" not in stderr


@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: f"LANG={lang}")
def test_server_commands_into_a_closed_pipe_exit_141(
    emulator: tuple[Emulator, int], lang: str | None
) -> None:
    emu, _ = emulator
    env = _with_locale(emu.env(), lang)
    for args in (
        ["version"],
        ["show", "cluster", "--all"],
        ["show", "cluster", "--all", "-o", "table"],
        ["show", "cluster", "--all", "-o", "json"],
        ["scale", "pipe1", "--dry-run"],
        ["status"],
    ):
        assert _into_closed_pipe(args, env) == (SIGPIPE_STATUS, ""), args


@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: f"LANG={lang}")
def test_bash_pipelines_see_141(emulator: tuple[Emulator, int], lang: str | None) -> None:
    """What a ``pipefail`` script sees: ``${PIPESTATUS[0]}`` of pgo in ``pgo … | head -1``."""
    emu, _ = emulator
    env = _with_locale(emu.env(), lang)
    pgo = pgo_executable()
    stdout, stderr = _bash(
        # streamed output larger than a pipe holds: head leaves after the first line
        f'"{pgo}" show cluster --all -o json | head -1 >/dev/null; echo "json ${{PIPESTATUS[0]}}"\n'
        # a reader that has gone before pgo writes (the wait makes it certain): version, help
        f'exec 3> >(true); wait $!; "{pgo}" version >&3; echo "version $?"\n'
        f'"{pgo}" --help >&3; echo "help $?"\n'
        f'"{pgo}" help show cluster >&3; echo "help-show-cluster $?"\n'
        f'"{pgo}" show cluster --all >&3; echo "show $?"\n',
        env,
    )
    assert stdout.splitlines() == ["json 141", "version 141", "help 141", "help-show-cluster 141", "show 141"]
    assert stderr == ""


def test_watch_exits_141_at_the_first_event_after_the_reader_left(emulator: tuple[Emulator, int]) -> None:
    """``pgo watch alltopic | head -1``: not exit 4 blaming the event stream."""
    emu, nsq_port = emulator
    env = emu.env()
    watcher = subprocess.Popen(
        [
            "bash",
            "-c",
            f'set -o pipefail; "{pgo_executable()}" watch alltopic -a 127.0.0.1:{nsq_port} | head -1;'
            ' echo "status ${PIPESTATUS[0]}"',
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)  # subscribed
        for i in range(3):  # the first line goes to head; a later write finds the pipe closed
            if watcher.poll() is not None:
                break
            assert run_pgo(["create", "cluster", f"watched{i}"], env).code == 0
            time.sleep(0.3)
        stdout, stderr = watcher.communicate(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    assert stdout.splitlines()[-1] == "status 141", (stdout, stderr)
    assert stdout.startswith("alltopic | ")
    assert stderr == ""
