"""The contexts file: its strict reader (errors name the file and the line) and atomic writer."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pgo_cli.errors import ConfigError, ExitCode, UsageError
from pgo_cli.sdk import contexts as store
from pgo_cli.sdk.session import contexts_path


def _env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}


def _file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "pgo" / "contexts.json"


# --------------------------------------------------------------------------------- location


def test_the_file_is_in_the_xdg_config_directory(tmp_path: Path) -> None:
    assert contexts_path({"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/h"}) == Path("/x/cfg/pgo/contexts.json")
    assert contexts_path({"HOME": "/h"}) == Path("/h/.config/pgo/contexts.json")
    # The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    assert contexts_path({"XDG_CONFIG_HOME": "rel", "HOME": "/h"}) == Path("/h/.config/pgo/contexts.json")
    assert contexts_path({}) is None


# ---------------------------------------------------------------------------- write + read


def test_round_trip_keeps_every_key_in_order(tmp_path: Path) -> None:
    settings = {
        "timeout": 7.5,
        "apiserver-url": "https://pgo.example:8443",
        "namespace": "pgo",
        "pgo-ca-cert": "/ca.crt",
        "pgo-client-cert": "/client.crt",
        "pgo-client-key": "/client.key",
        "pgouser": "/pgouser",
        "disable-tls": False,
        "exclude-os-trust": True,
        "tls-server-name": "apiserver.example",
        "client-version": "4.7.4",
    }
    path = store.save_context("prod", settings, use=True, env=_env(tmp_path))
    assert path == _file(tmp_path)
    loaded = store.load(path)
    assert loaded.current == "prod"
    assert loaded.contexts["prod"] == settings
    assert list(loaded.contexts["prod"]) == [key for key in store.KEYS if key in settings]
    assert json.loads(path.read_text())["contexts"]["prod"]["timeout"] == 7.5


def test_names_with_json_specials_and_unicode_round_trip(tmp_path: Path) -> None:
    value = 'we"ird\\path\u00e9\u007f\t/x'
    store.save_context("a.b@c:d+e-f_g", {"pgo-ca-cert": value}, env=_env(tmp_path))
    assert store.load(_file(tmp_path)).contexts["a.b@c:d+e-f_g"]["pgo-ca-cert"] == value


def test_written_with_mode_0600_and_atomically(tmp_path: Path) -> None:
    env = _env(tmp_path)
    store.save_context("a", {"namespace": "one"}, env=env)
    path = _file(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.stat().st_ino
    store.save_context("b", {"namespace": "two"}, env=env)
    # A new file renamed over the old one (never rewritten in place), no temporary left behind.
    assert path.stat().st_ino != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == ["contexts.json"]
    assert store.load(path).names() == ["a", "b"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = _env(tmp_path)
    store.save_context("a", {"namespace": "one"}, env=env)
    path = _file(tmp_path)
    original = path.read_text()

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(ConfigError, match="No space left on device"):
        store.save_context("b", {"namespace": "two"}, env=env)
    assert path.read_text() == original
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_existing_file_mode_is_tightened(tmp_path: Path) -> None:
    path = _file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"contexts": {}}')
    path.chmod(0o644)
    store.save_context("a", {}, env=_env(tmp_path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_missing_or_empty_file_is_no_context(tmp_path: Path) -> None:
    assert store.load(tmp_path / "nope.json").contexts == {}
    empty = tmp_path / "empty.json"
    empty.write_text("\n")
    assert store.load(empty).contexts == {}


def test_add_refuses_to_replace_unless_asked(tmp_path: Path) -> None:
    env = _env(tmp_path)
    store.save_context("a", {"namespace": "one"}, env=env)
    with pytest.raises(UsageError, match="already exists") as caught:
        store.save_context("a", {"namespace": "two"}, overwrite=False, env=env)
    assert caught.value.hint and "--overwrite" in caught.value.hint
    store.save_context("a", {"namespace": "two"}, env=env)
    assert store.load(_file(tmp_path)).contexts["a"] == {"namespace": "two"}


def test_use_and_delete(tmp_path: Path) -> None:
    env = _env(tmp_path)
    store.save_context("a", {}, env=env)
    store.save_context("b", {}, env=env)
    store.use_context("b", env=env)
    assert store.load(_file(tmp_path)).current == "b"
    assert store.delete_context("a", env=env) is False
    assert store.delete_context("b", env=env) is True
    loaded = store.load(_file(tmp_path))
    assert (loaded.current, loaded.names()) == ("", [])
    assert "current-context" not in json.loads(_file(tmp_path).read_text())


def test_unknown_name_lists_the_known_ones(tmp_path: Path) -> None:
    env = _env(tmp_path)
    store.save_context("alpha", {}, env=env)
    store.save_context("beta", {}, env=env)
    for action in (
        lambda: store.use_context("gamma", env=env),
        lambda: store.delete_context("gamma", env=env),
    ):
        with pytest.raises(ConfigError, match="unknown context 'gamma'") as caught:
            action()
        assert caught.value.exit_code == ExitCode.USAGE
        assert caught.value.hint == "known contexts: alpha, beta"


# ------------------------------------------------------------------------- never a password


@pytest.mark.parametrize("key", ["password", "PGOUSERPASS", "pgouser-password", "token"])
def test_a_password_is_never_saved(tmp_path: Path, key: str) -> None:
    with pytest.raises(UsageError, match="passwords are never stored"):
        store.save_context("a", {"username": "admin", key: "hunter2"}, env=_env(tmp_path))
    assert not _file(tmp_path).exists()


def test_settings_from_flags_and_environment(tmp_path: Path) -> None:
    env = {
        "PGO_APISERVER_URL": "https://env:8443/",
        "PGO_NAMESPACE": "envns",
        "PGO_CA_CERT": "certs/ca.crt",
        "PGO_CLIENT_KEY": "~/k.key",
        "PGOUSER": "pgouser",
        "PGOUSERPASS": "hunter2",
        "DISABLE_TLS": "true",
        "PGO_TIMEOUT": "15",
        "HOME": "/home/me",
    }
    settings = store.settings_from(
        {"namespace": "flagns", "tls-server-name": "api.example"}, env, cwd="/work"
    )
    assert settings == {
        "apiserver-url": "https://env:8443",
        "namespace": "flagns",
        "pgo-ca-cert": "/work/certs/ca.crt",
        "pgo-client-key": os.path.expanduser("~/k.key"),
        "pgouser": "/work/pgouser",
        "disable-tls": True,
        "tls-server-name": "api.example",
        "timeout": 15.0,
    }
    assert "hunter2" not in json.dumps(settings)


def test_settings_from_environment_prefers_the_user_name_as_pgo_does() -> None:
    env = {"PGOUSERNAME": "admin", "PGOUSERPASS": "pw", "PGOUSER": "/f"}
    assert store.settings_from_environment(env) == {"username": "admin"}
    assert store.settings_from({"pgouser": "/typed"}, env) == {"pgouser": "/typed"}


def test_settings_from_checks_url_and_timeout() -> None:
    with pytest.raises(ConfigError, match="invalid apiserver URL"):
        store.settings_from({"apiserver-url": "pgo:8443"}, {})
    with pytest.raises(UsageError, match="invalid timeout"):
        store.settings_from({}, {"PGO_TIMEOUT": "soon"})


@pytest.mark.parametrize("name", ["", "-a", "a b", "a/b", "ä", "x" * 254])
def test_bad_context_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageError, match="invalid context name"):
        store.save_context(name, {}, env=_env(tmp_path))


# ----------------------------------------------------------------- malformed: file and line


MALFORMED = [
    # text, line, words of the message
    ('{\n  "contexts": {\n    "a": {"namespace": "x",}\n  }\n}\n', 3, "invalid JSON"),
    (
        '{\n  "contexts": {\n    "a": {\n      "namespace": 5\n    }\n  }\n}\n',
        4,
        "'namespace' must be a string",
    ),
    ('{\n  "contexts": {\n    "a": {\n      "disable-tls": "yes"\n    }\n  }\n}\n', 4, "true or false"),
    ('{\n  "contexts": {\n    "a": {\n      "timeout": -1\n    }\n  }\n}\n', 4, "positive number"),
    ('{\n  "contexts": {\n    "a": {\n      "timeout": true\n    }\n  }\n}\n', 4, "positive number"),
    (
        '{\n  "contexts": {\n    "a": {},\n    "b": {\n      "url": "x"\n    }\n  }\n}\n',
        5,
        "unknown key 'url'",
    ),
    (
        '{\n  "contexts": {\n    "a": {\n      "password": "x"\n    }\n  }\n}\n',
        4,
        "passwords are never stored",
    ),
    (
        '{\n  "contexts": {\n    "a": {\n      "pgouser": "/f",\n      "username": "u"\n    }\n  }\n}\n',
        5,
        "not both",
    ),
    ('{\n  "contexts": {\n    "a b": {}\n  }\n}\n', 3, "invalid context name"),
    ('{\n  "contexts": {\n    "a": []\n  }\n}\n', 3, "must be an object"),
    ('{\n  "contexts": []\n}\n', 2, "object of named contexts"),
    ('{\n  "contexts": {},\n  "current": "a"\n}\n', 3, "unknown key 'current'"),
    ('{\n  "contexts": {},\n  "current-context": "a"\n}\n', 3, "not among the contexts"),
    ('{\n  "current-context": 1\n}\n', 2, "must be a string"),
    ('{\n  "contexts": {\n    "a": {},\n    "a": {}\n  }\n}\n', 4, "appears twice"),
    ("[1, 2]\n", 1, "one JSON object"),
    ("contexts = {}\n", 1, "invalid JSON"),
]


@pytest.mark.parametrize(("text", "line", "words"), MALFORMED)
def test_malformed_file_names_the_file_and_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "contexts.json"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        store.load(path)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.message.startswith(f"{path}:{line}: "), caught.value.message
    assert words in caught.value.message
    assert caught.value.hint and str(path) in caught.value.hint


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "contexts.json"
    path.write_bytes(b'{\n"contexts": {"\xff": {}}}\n')
    with pytest.raises(ConfigError, match=rf"^{path}:2: not UTF-8 text$"):
        store.load(path)


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "contexts.json"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot read the contexts file"):
        store.load(path)
