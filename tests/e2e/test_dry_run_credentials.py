"""A ``--dry-run`` curl command runs as printed whatever the credentials' source (issue 20 §5):
from PGOUSERNAME/PGOUSERPASS, a pgouser file (PGOUSER, ~/.pgouser, a CRLF one), or a context's user
name with PGOUSERPASS — and never shows the password."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.support.emulator import Emulator, running_with_clusters
from tests.support.proc import run_pgo

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")

PASSWORD = "examplepassword"


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with running_with_clusters(tmp_path_factory.mktemp("dry"), "hippo") as emu:
        yield emu


def _run_printed(env: Mapping[str, str], *args: str) -> tuple[str, dict[str, object]]:
    """Print the dry run with ``env``, run it in bash with the same environment, return both."""
    printed = run_pgo([*args, "--dry-run"], env)
    assert (printed.code, printed.stderr) == (0, ""), printed.stderr
    assert PASSWORD not in printed.stdout
    completed = subprocess.run(
        ["bash", "-c", printed.stdout], env=dict(env), capture_output=True, text=True, timeout=30
    )
    assert completed.returncode == 0, completed.stderr
    return printed.stdout, json.loads(completed.stdout)


def _no_pgouser(env: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in ("PGOUSER", "PGOUSERNAME", "PGOUSERPASS")}


def test_from_the_pgouser_file_named_by_pgouser(emulator: Emulator) -> None:
    env = emulator.env()  # PGOUSER=<state>/pgouser, no PGOUSERNAME/PGOUSERPASS
    assert "PGOUSERNAME" not in env and env["PGOUSER"]
    printed, answer = _run_printed(env, "test", "hippo")
    assert f"-u \"$(tr -d '\\r\\n' < {env['PGOUSER']})\"" in printed
    assert answer["Code"] == "ok" and answer["Results"][0]["ClusterName"] == "hippo"  # type: ignore[index]


def test_from_home_pgouser_with_crlf(emulator: Emulator, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".pgouser").write_bytes(f"admin:{PASSWORD}\r\n".encode())
    (home / ".pgouser").chmod(0o600)
    env = {**_no_pgouser(emulator.env()), "HOME": str(home)}
    printed, answer = _run_printed(env, "scale", "hippo", "--no-prompt")
    assert f"< {home / '.pgouser'})" in printed
    assert answer["Code"] == "ok"


def test_from_variables(emulator: Emulator) -> None:
    env = {**_no_pgouser(emulator.env()), "PGOUSERNAME": "admin", "PGOUSERPASS": PASSWORD}
    printed, answer = _run_printed(env, "show", "user", "hippo")
    assert '-u "$PGOUSERNAME:$PGOUSERPASS"' in printed
    assert answer["Code"] == "ok"


def test_from_a_contexts_user_name(emulator: Emulator, tmp_path: Path) -> None:
    base = {**_no_pgouser(emulator.env()), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    added = run_pgo(["context", "add", "emu", "--username", "admin", "--use"], base)
    assert added.code == 0, added.stderr
    env = {**base, "PGOUSERPASS": PASSWORD}
    printed, answer = _run_printed(env, "show", "pvc", "hippo")
    assert '-u admin:"$PGOUSERPASS"' in printed
    assert answer["Code"] == "ok"
