"""``pgo context add|use|list|show|delete`` in-process: what they write, print and exit with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pgo_cli.cli.app import run
from pgo_cli.sdk import contexts as store

OURS = (
    "PGO_APISERVER_URL",
    "PGO_NAMESPACE",
    "PGO_CA_CERT",
    "PGO_CLIENT_CERT",
    "PGO_CLIENT_KEY",
    "DISABLE_TLS",
    "EXCLUDE_OS_TRUST",
    "PGOUSERNAME",
    "PGOUSERPASS",
    "PGOUSER",
    "PGO_TIMEOUT",
    "PGO_CLIENT_VERSION",
    "PGO_CONTEXT",
)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty configuration directory and none of our variables; returns the contexts file."""
    for name in OURS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "cfg" / "pgo" / "contexts.json"


def pgo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_saves_flags_over_environment_and_no_password(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGO_APISERVER_URL", "https://env:8443")
    monkeypatch.setenv("PGO_NAMESPACE", "envns")
    monkeypatch.setenv("PGO_CA_CERT", "ca.crt")
    monkeypatch.setenv("PGOUSERNAME", "admin")
    monkeypatch.setenv("PGOUSERPASS", "hunter2")
    code, out, err = pgo(capsys, "context", "add", "prod", "-n", "flagns", "--timeout", "30", "--disable-tls")
    assert (code, err) == (0, "")
    assert out == f"saved context 'prod' in {config}\n"
    text = config.read_text()
    assert "hunter2" not in text
    assert json.loads(text) == {
        "contexts": {
            "prod": {
                "apiserver-url": "https://env:8443",
                "namespace": "flagns",
                "pgo-ca-cert": str(config.parents[2] / "ca.crt"),
                "username": "admin",
                "disable-tls": True,
                "timeout": 30.0,
            }
        }
    }


def test_add_with_a_pgouser_file_and_use(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = pgo(
        capsys, "context", "add", "a", "--apiserver-url", "https://a:8443", "--pgouser", "pu", "--use"
    )
    assert code == 0 and "current context is now 'a'" in out
    loaded = store.load(config)
    assert loaded.current == "a"
    assert loaded.contexts["a"] == {
        "apiserver-url": "https://a:8443",
        "pgouser": str(config.parents[2] / "pu"),
    }


def test_add_refusals(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = pgo(capsys, "context", "add", "a")
    assert code == 2 and err.startswith("Error: context 'a' needs an apiserver URL") and "hint: " in err
    code, _, err = pgo(
        capsys, "context", "add", "a", "--apiserver-url", "https://a", "--pgouser", "f", "--username", "u"
    )
    assert code == 2 and "not both" in err
    code, _, err = pgo(capsys, "context", "add", "a b", "--apiserver-url", "https://a")
    assert code == 2 and "invalid context name" in err
    code, _, err = pgo(capsys, "--context", "x", "context", "add", "a", "--apiserver-url", "https://a")
    assert code == 2 and "--context has no meaning" in err
    assert pgo(capsys, "context", "add", "a", "--apiserver-url", "https://a")[0] == 0
    code, _, err = pgo(capsys, "context", "add", "a", "--apiserver-url", "https://b")
    assert code == 2 and "already exists" in err and "--overwrite" in err
    assert pgo(capsys, "context", "add", "a", "--apiserver-url", "https://b", "--overwrite")[0] == 0
    assert store.load(config).contexts["a"]["apiserver-url"] == "https://b"
    # A user name without PGOUSERPASS: saved, with a note that the password is not.
    code, _, err = pgo(capsys, "context", "add", "u", "--apiserver-url", "https://a", "--username", "bob")
    assert code == 0 and "its password is not stored" in err


def test_use_list_show_delete(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pgo(capsys, "context", "add", "a", "--apiserver-url", "https://a:8443", "-n", "one")
    pgo(capsys, "context", "add", "b", "--apiserver-url", "https://b:8443", "-n", "two")
    assert pgo(capsys, "context", "use", "b")[:2] == (0, f"current context is now 'b' (in {config})\n")
    code, out, _ = pgo(capsys, "context", "list")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["NAME", "SELECTED", "URL", "NAMESPACE", "PGOUSER"]
    assert ["a", "https://a:8443", "one"] in rows and ["b", "*", "https://b:8443", "two"] in rows
    assert pgo(capsys, "context", "list", "-o", "name")[1] == "a\nb\n"
    monkeypatch.setenv("PGO_CONTEXT", "a")
    listed = json.loads(pgo(capsys, "context", "list", "-o", "json")[1])
    assert (listed["current-context"], listed["selected"]) == ("b", "a")
    code, out, _ = pgo(capsys, "context", "show")
    assert out.splitlines()[:3] == ["context: a", f"file: {config}", "apiserver-url: https://a:8443"]
    monkeypatch.setenv("PGO_NAMESPACE", "envns")
    shown = json.loads(pgo(capsys, "context", "show", "b", "-o", "json")[1])
    assert shown["current"] is True and shown["settings"]["namespace"] == "two"
    assert shown["overridden"] == {"namespace": "PGO_NAMESPACE"}
    assert "namespace: two  (overridden by PGO_NAMESPACE)" in pgo(capsys, "context", "show", "b")[1]
    assert pgo(capsys, "context", "delete", "b")[1] == (
        "deleted context 'b'\nit was the current context: no context is current now\n"
    )
    assert store.load(config).names() == ["a"]
    assert pgo(capsys, "context", "use", "--none")[0] == 0


def test_unknown_names_are_exit_2_with_the_known_ones(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pgo(capsys, "context", "add", "a", "--apiserver-url", "https://a:8443")
    pgo(capsys, "context", "add", "b", "--apiserver-url", "https://b:8443")
    for args in (
        ("context", "use", "c"),
        ("context", "show", "c"),
        ("context", "delete", "c"),
        ("--context", "c", "version"),
    ):
        code, out, err = pgo(capsys, *args)
        assert (code, out) == (2, ""), args
        assert err == f"Error: unknown context 'c' (in {config})\nhint: known contexts: a, b\n", args


def test_show_without_a_selection(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = pgo(capsys, "context", "show")
    assert code == 2 and err.startswith("Error: no context selected")
    code, _, err = pgo(capsys, "context", "list")
    assert code == 0 and "no contexts yet" in err


def test_a_malformed_file_is_one_error_line_for_every_command(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('{\n  "contexts": {\n    "a": {"namespace": 1}\n  }\n}\n')
    for args in (("context", "list"), ("context", "add", "b", "--apiserver-url", "https://b"), ("version",)):
        code, out, err = pgo(capsys, *args)
        assert (code, out) == (2, ""), args
        lines = err.splitlines()
        assert lines[0] == f"Error: {config}:3: context 'a': 'namespace' must be a string", args
        assert lines[1].startswith("hint: ") and len(lines) == 2
    # Commands that need no session are not affected.
    assert pgo(capsys, "version", "--client")[0] == 0
