"""The README's user install, for real (issue 20 §7): ``pip install ./pgo_cli`` into a fresh virtual
environment and ``pipx install ./pgo_cli``, from a copy of this source tree, then the installed
``pgo`` and ``pgo-emulator`` run from outside the tree.

Each install builds the wheel and fetches the runtime dependencies through pip's configured index,
so this module costs about half a minute per installer; the ``pipx`` test needs pipx (in the
``dev`` extra) and is skipped, saying so, where it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from tests.support.fake_server import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
#: Not part of a source tree a user installs from: local environments, caches and build output.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "*.egg-info", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    ".hypothesis", "build", "dist",
)  # fmt: skip


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tree named ``pgo_cli`` as in the README (a clone or an unpacked archive)."""
    copy = tmp_path_factory.mktemp("clone") / "pgo_cli"
    shutil.copytree(ROOT, copy, ignore=_NOT_SOURCE)
    return copy


def _env(home: Path, **extra: str) -> dict[str, str]:
    """The machine's environment (pip's index settings included) without this test run's Python
    and without any pgo_cli setting; HOME elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PGO", "PYTHON", "VIRTUAL_ENV"))
        and key not in ("DISABLE_TLS", "EXCLUDE_OS_TRUST")
    }
    env["HOME"] = str(home)
    env.update(extra)
    return env


def _run(args: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 60) -> str:
    completed = subprocess.run(
        list(args), env=dict(env), cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert completed.returncode == 0, f"{' '.join(args)}\n{completed.stdout}\n{completed.stderr}"
    return completed.stdout


def _check_commands(bin_dir: Path, env: Mapping[str, str], cwd: Path) -> None:
    """What the README says to run after installing: the client line, and the emulator's help."""
    assert _run([str(bin_dir / "pgo"), "version", "--client"], env, cwd) == "pgo client version 4.7.4\n"
    assert _run([str(bin_dir / "pgo"), "--version"], env, cwd) == "pgo client version 4.7.4\n"
    assert "serve" in _run([str(bin_dir / "pgo-emulator"), "--help"], env, cwd)


def test_pip_install_into_a_fresh_venv(source: Path, tmp_path: Path) -> None:
    """README: ``python3 -m venv ~/.local/pgo && ~/.local/pgo/bin/pip install ./pgo_cli``, then the
    two commands linked into a directory on PATH."""
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home)
    venv = home / ".local" / "pgo"
    _run([sys.executable, "-m", "venv", str(venv)], env, source.parent)
    _run([str(venv / "bin" / "pip"), "install", "--quiet", "./pgo_cli"], env, source.parent, timeout=600)
    # The installed copy is what runs, not this tree; the test tools did not come along.
    where = _run([str(venv / "bin" / "python"), "-c", "import pgo_cli; print(pgo_cli.__file__)"], env, home)
    assert Path(where.strip()).is_relative_to(venv)
    no_pytest = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import pytest"], env=env, capture_output=True
    )
    assert no_pytest.returncode != 0
    # ln -s ~/.local/pgo/bin/pgo ~/.local/pgo/bin/pgo-emulator ~/.local/bin/
    on_path = home / ".local" / "bin"
    on_path.mkdir()
    for name in ("pgo", "pgo-emulator"):
        (on_path / name).symlink_to(venv / "bin" / name)
    path_env = {**env, "PATH": f"{on_path}{os.pathsep}{env.get('PATH', '')}"}
    assert shutil.which("pgo", path=path_env["PATH"]) == str(on_path / "pgo")
    _check_commands(on_path, path_env, home)
    # The installed pair works together over mutual TLS (the emulator makes its certificates).
    state, port = home / "state", free_port()
    emulator = subprocess.Popen(
        ["pgo-emulator", "serve", "--state-dir", str(state), "--port", str(port)],
        env=path_env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert emulator.stderr is not None and "listening on" in emulator.stderr.readline()
        exports = _run(
            ["pgo-emulator", "env", "--state-dir", str(state), "--port", str(port)], path_env, home
        )
        answer = _run(["bash", "-c", f"{exports}\npgo version"], path_env, home)
        assert answer == "pgo client version 4.7.4\npgo-apiserver version 4.7.4\n"
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)


def _pipx() -> str | None:
    beside = Path(sys.executable).parent / "pipx"
    return str(beside) if beside.exists() else shutil.which("pipx")


@pytest.mark.skipif(_pipx() is None, reason="pipx is not installed (pip install pipx, or the dev extra)")
def test_pipx_install(source: Path, tmp_path: Path) -> None:
    """README: ``pipx install ./pgo_cli``; ``pipx uninstall pgo-cli`` removes it."""
    pipx = _pipx()
    assert pipx is not None
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = home / ".local" / "bin"
    env = _env(
        home,
        PIPX_HOME=str(home / ".local" / "pipx"),
        PIPX_BIN_DIR=str(bin_dir),
        PIPX_MAN_DIR=str(home / ".local" / "man"),
        PIPX_DEFAULT_PYTHON=sys.executable,
    )
    _run([pipx, "install", "./pgo_cli"], env, source.parent, timeout=600)
    _check_commands(bin_dir, env, home)
    assert "pgo-cli" in _run([pipx, "list", "--short"], env, home)
    _run([pipx, "uninstall", "pgo-cli"], env, home)
    assert not (bin_dir / "pgo").exists() and not (bin_dir / "pgo-emulator").exists()
