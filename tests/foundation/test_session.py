"""Session rules: flag > environment > file, exactly as pgo resolves them (reference §1.2–1.5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgo_cli.errors import ConfigError, ExitCode, UsageError
from pgo_cli.sdk.session import load_credentials, normalize_url, parse_pgouser, resolve_settings

STRING_SETTINGS = [
    # flag name, environment variable, Settings attribute
    ("apiserver-url", "PGO_APISERVER_URL", "apiserver_url"),
    ("namespace", "PGO_NAMESPACE", "namespace"),
    ("pgo-ca-cert", "PGO_CA_CERT", "ca_cert"),
    ("pgo-client-cert", "PGO_CLIENT_CERT", "client_cert"),
    ("pgo-client-key", "PGO_CLIENT_KEY", "client_key"),
    ("client-version", "PGO_CLIENT_VERSION", "client_version"),
]


@pytest.mark.parametrize(("flag", "variable", "attribute"), STRING_SETTINGS)
def test_flag_wins_over_environment(flag: str, variable: str, attribute: str) -> None:
    settings = resolve_settings({flag: "from-flag"}, {variable: "from-env"})
    assert getattr(settings, attribute) == "from-flag"


@pytest.mark.parametrize(("flag", "variable", "attribute"), STRING_SETTINGS)
def test_environment_used_when_flag_absent(flag: str, variable: str, attribute: str) -> None:
    settings = resolve_settings({}, {variable: "from-env"})
    assert getattr(settings, attribute) == "from-env"


def test_defaults_without_flags_or_environment() -> None:
    settings = resolve_settings({}, {})
    assert settings.apiserver_url == ""
    assert settings.namespace == ""
    assert settings.client_version == "4.7.4"
    assert settings.timeout == 60
    assert not settings.disable_tls and not settings.exclude_os_trust and not settings.debug


def test_client_certificate_falls_back_to_the_ca_file() -> None:
    assert resolve_settings({}, {"PGO_CA_CERT": "/ca.crt"}).client_cert == "/ca.crt"
    assert resolve_settings({"pgo-ca-cert": "/flag.crt"}, {}).client_cert == "/flag.crt"
    explicit = resolve_settings({}, {"PGO_CA_CERT": "/ca.crt", "PGO_CLIENT_CERT": "/client.crt"})
    assert explicit.client_cert == "/client.crt"


@pytest.mark.parametrize("spelling", ["1", "t", "T", "TRUE", "true", "True"])
@pytest.mark.parametrize(
    ("variable", "attribute"), [("DISABLE_TLS", "disable_tls"), ("EXCLUDE_OS_TRUST", "exclude_os_trust")]
)
def test_boolean_environment_uses_go_parsebool(spelling: str, variable: str, attribute: str) -> None:
    assert getattr(resolve_settings({}, {variable: spelling}), attribute) is True


@pytest.mark.parametrize("spelling", ["0", "false", "yes", "on", "", "tRUE"])
@pytest.mark.parametrize(
    ("variable", "attribute"), [("DISABLE_TLS", "disable_tls"), ("EXCLUDE_OS_TRUST", "exclude_os_trust")]
)
def test_boolean_environment_other_values_are_false(spelling: str, variable: str, attribute: str) -> None:
    assert getattr(resolve_settings({}, {variable: spelling}), attribute) is False


def test_boolean_flag_and_environment_are_ored() -> None:
    # The flag cannot switch back on what the environment switched off, as in pgo.
    assert resolve_settings({"disable-tls": False}, {"DISABLE_TLS": "true"}).disable_tls is True
    assert resolve_settings({"disable-tls": True}, {"DISABLE_TLS": "false"}).disable_tls is True


def test_missing_url_is_a_usage_error_with_pgo_message() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_settings({}, {}).require_url()
    assert caught.value.message == (
        "The PGO_APISERVER_URL environment variable or the --apiserver-url flag needs to be supplied."
    )
    assert caught.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://pgo:8443/", "https://pgo:8443"),
        ("https://pgo:8443//", "https://pgo:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("https://[::1]:8443/", "https://[::1]:8443"),
    ],
)
def test_url_trailing_slash_removed(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    "url", ["pgo:8443", "ftp://pgo", "https://", "https://pgo:99999", "https://pgo/?a=1"]
)
def test_bad_url_refused(url: str) -> None:
    with pytest.raises(ConfigError):
        normalize_url(url)


def test_empty_namespace_refused_with_hint() -> None:
    with pytest.raises(ConfigError) as caught:
        resolve_settings({}, {}).require_namespace()
    assert "namespace" in caught.value.message
    assert caught.value.hint and "-n" in caught.value.hint


@pytest.mark.parametrize(("text", "value"), [("30", 30.0), ("0.5", 0.5)])
def test_timeout_from_flag_or_environment(text: str, value: float) -> None:
    assert resolve_settings({"timeout": text}, {}).timeout == value
    assert resolve_settings({}, {"PGO_TIMEOUT": text}).timeout == value


@pytest.mark.parametrize("text", ["abc", "0", "-1", "inf", "nan"])
def test_bad_timeout_refused(text: str) -> None:
    with pytest.raises(UsageError):
        resolve_settings({"timeout": text}, {})


# ------------------------------------------------------------------------------- credentials


def test_credentials_from_environment_skip_files(tmp_path: Path) -> None:
    (tmp_path / ".pgouser").write_text("fileuser:filepass")
    creds = load_credentials({"PGOUSERNAME": "u", "PGOUSERPASS": "p"}, home=str(tmp_path))
    assert (creds.username, creds.password) == ("u", "p")


def test_only_username_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"^PGOUSERPASS needs to be specified if PGOUSERNAME is provided$"):
        load_credentials({"PGOUSERNAME": "u"}, home="/nonexistent")


def test_only_password_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"^PGOUSERNAME needs to be specified if PGOUSERPASS is provided$"):
        load_credentials({"PGOUSERPASS": "p"}, home="/nonexistent")


def test_pgouser_file_named_by_environment(tmp_path: Path) -> None:
    path = tmp_path / "creds"
    path.write_text("alice:pa:ss\n")
    creds = load_credentials({"PGOUSER": str(path)}, home="/nonexistent")
    assert (creds.username, creds.password) == ("alice", "pa:ss")


def test_unreadable_pgouser_file_has_no_fallback(tmp_path: Path) -> None:
    (tmp_path / ".pgouser").write_text("fileuser:filepass")
    missing = tmp_path / "missing"
    with pytest.raises(ConfigError, match=rf"^{missing} file not found$"):
        load_credentials({"PGOUSER": str(missing)}, home=str(tmp_path))


def test_home_pgouser_then_system_file(tmp_path: Path) -> None:
    system = tmp_path / "etc-pgouser"
    system.write_text("sys:syspass")
    home = tmp_path / "home"
    home.mkdir()
    creds = load_credentials({}, home=str(home), system_file=str(system))
    assert creds.username == "sys"
    (home / ".pgouser").write_text("me:mypass")
    creds = load_credentials({}, home=str(home), system_file=str(system))
    assert (creds.username, creds.password) == ("me", "mypass")


def test_no_credentials_anywhere(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^could not find pgouser file$"):
        load_credentials({}, home=str(tmp_path), system_file=str(tmp_path / "none"))


@pytest.mark.parametrize(
    ("content", "user", "password"),
    [
        ("admin:examplepassword", "admin", "examplepassword"),
        ("  admin:examplepassword  \n\n", "admin", "examplepassword"),
        ("admin:examplepassword\r\n", "admin", "examplepassword"),
        ("admin:pass:with:colons", "admin", "pass:with:colons"),
        (":secret", "", "secret"),
        ("admin:", "admin", ""),
    ],
)
def test_pgouser_parsing(content: str, user: str, password: str) -> None:
    creds = parse_pgouser(content)
    assert (creds.username, creds.password) == (user, password)


@pytest.mark.parametrize("content", ["", "   \n", "adminexamplepassword", "a:b\nc:d"])
def test_pgouser_parse_errors(content: str) -> None:
    with pytest.raises(ConfigError, match=r"^unable to parse credentials in pgouser file$"):
        parse_pgouser(content)


def test_credentials_repr_hides_password() -> None:
    creds = parse_pgouser("admin:hunter2")
    assert "hunter2" not in repr(creds)


def test_group_readable_pgouser_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "pgouser"
    path.write_text("admin:pw")
    warnings: list[str] = []
    path.chmod(0o644)
    load_credentials({"PGOUSER": str(path)}, home="/nonexistent", warn=warnings.append)
    assert len(warnings) == 1 and "chmod 600" in warnings[0] and "0644" in warnings[0]
    warnings.clear()
    path.chmod(0o600)
    load_credentials({"PGOUSER": str(path)}, home="/nonexistent", warn=warnings.append)
    assert warnings == []
