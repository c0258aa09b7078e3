"""``pgo-emulator stop`` and ``pgo-emulator reset`` (issue 20 §7): the background emulator is
stopped from any shell, and its state wiped while the exported variables stay valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo

EMULATOR = [sys.executable, "-m", "pgo_cli.emulator"]


def _emulator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EMULATOR, *args], capture_output=True, text=True, timeout=60)


def test_stop_ends_the_running_emulator_and_reset_forgets_its_clusters(tmp_path: Path) -> None:
    emu = Emulator.in_dir(tmp_path).start()
    assert emu.process is not None
    state = str(emu.state_dir)
    try:
        env = emu.env()
        assert run_pgo(["create", "cluster", "hippo"], env).code == 0
        cert_before = (emu.state_dir / "server.crt").read_bytes()

        # Refused while it runs: deleting the database under a live server helps nobody.
        refused = _emulator("reset", "--state-dir", state)
        assert refused.returncode == 1
        assert f"pid {emu.process.pid} is serving" in refused.stderr and "pgo-emulator stop" in refused.stderr
        assert run_pgo(["show", "cluster", "hippo", "-o", "name"], env).stdout == "hippo\n"

        stopped = _emulator("stop", "--state-dir", state)
        assert stopped.returncode == 0, stopped.stderr
        assert f"stopped pid {emu.process.pid}" in stopped.stderr
        assert emu.process.wait(timeout=5) == 0
        assert not (emu.state_dir / "serve.pid").exists()
        again = _emulator("stop", "--state-dir", state)
        assert (again.returncode, again.stderr.strip()) == (
            1,
            f"pgo-emulator: no emulator is running on {emu.state_dir.resolve()}",
        )

        reset = _emulator("reset", "--state-dir", state)
        assert reset.returncode == 0, reset.stderr
        assert sorted(p.name for p in emu.state_dir.iterdir()) == ["server.crt", "server.key"]

        emu.start()
        # The same certificate: the variables exported before the reset still work.
        assert (emu.state_dir / "server.crt").read_bytes() == cert_before
        shown = run_pgo(["show", "cluster", "--all"], env)
        assert (shown.code, shown.stdout) == (0, "No clusters found.\n"), shown.stderr
    finally:
        emu.stop()


def test_reset_all_removes_the_directory(tmp_path: Path) -> None:
    emu = Emulator.in_dir(tmp_path).start()
    emu.stop()
    assert emu.state_dir.exists()
    reset = _emulator("reset", "--all", "--state-dir", str(emu.state_dir))
    assert reset.returncode == 0, reset.stderr
    assert not emu.state_dir.exists()
    nothing = _emulator("reset", "--state-dir", str(emu.state_dir))
    assert nothing.returncode == 0 and "nothing to reset" in nothing.stderr


def test_a_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "serve.pid").write_text("999999999\n")  # no such process
    assert _emulator("stop", "--state-dir", str(state)).returncode == 1
    assert _emulator("reset", "--state-dir", str(state)).returncode == 0
    assert not (state / "serve.pid").exists()
