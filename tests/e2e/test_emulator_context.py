"""``pgo-emulator env --context NAME`` registers the emulator as a pgo context, used with no variables."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.emulator import EMULATOR, Emulator
from tests.support.proc import base_env, run_pgo


def test_env_can_save_the_emulator_as_the_current_context(emulator: Emulator, tmp_path: Path) -> None:
    home = tmp_path / "user"
    home.mkdir()
    env = base_env(home, XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run(
        [
            *EMULATOR,
            "env",
            "--state-dir",
            str(emulator.state_dir),
            "--port",
            str(emulator.port),
            "--context",
            "emu",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "export PGO_APISERVER_URL=" in done.stdout
    saved = json.loads((tmp_path / "config" / "pgo" / "contexts.json").read_text())
    assert saved["current-context"] == "emu"
    assert saved["contexts"]["emu"]["apiserver-url"] == f"https://127.0.0.1:{emulator.port}"
    assert "password" not in json.dumps(saved).lower()
    # No PGO_* variable at all: the current context says where and who.
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    assert run_pgo(["show", "cluster", "--all", "-o", "name"], env).stdout == "hippo\n"
    # pgo doctor says where each setting came from: the context.
    doctor = run_pgo(["doctor"], env)
    assert doctor.code == 0, doctor.stdout + doctor.stderr
    url_line = next(line for line in doctor.stdout.splitlines() if " url " in f" {line} ")
    assert "context emu" in url_line
