"""Session rules: flag > environment > file, exactly as pgo resolves them (reference §1.2–1.5)."""

from __future__ import annotations

from collections.abc import Mapping
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


# ---------------------------------------------------------------------------------- contexts
# Precedence: flag > environment > context > pgouser files and defaults.

CONTEXT = {
    "apiserver-url": "https://context:8443",
    "namespace": "ctxns",
    "pgo-ca-cert": "/ctx/ca.crt",
    "pgo-client-cert": "/ctx/client.crt",
    "pgo-client-key": "/ctx/client.key",
    "tls-server-name": "ctx.example",
    "client-version": "4.6.0",
    "timeout": 9,
}


def _with_context(
    tmp_path: Path, settings: Mapping[str, object] | None = None, *, current: bool = False
) -> dict[str, str]:
    from pgo_cli.sdk.contexts import save_context

    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    save_context("a", CONTEXT if settings is None else settings, use=current, env=env)
    save_context("other", {"namespace": "elsewhere"}, env=env)
    return env


CONTEXT_SETTINGS = [
    *STRING_SETTINGS,
    ("tls-server-name", None, "tls_server_name"),
]


@pytest.mark.parametrize(("flag", "variable", "attribute"), CONTEXT_SETTINGS)
def test_context_fills_in_what_flag_and_environment_leave(
    tmp_path: Path, flag: str, variable: str | None, attribute: str
) -> None:
    env = _with_context(tmp_path)
    from_context = resolve_settings({"context": "a"}, env)
    assert getattr(from_context, attribute) == CONTEXT[flag]
    assert from_context.origin(attribute) == "context a"
    if variable is not None:
        from_env = resolve_settings({"context": "a"}, {**env, variable: "from-env"})
        assert getattr(from_env, attribute) == "from-env"
        assert from_env.origin(attribute) == f"environment {variable}"
    from_flag = resolve_settings(
        {"context": "a", flag: "from-flag"}, {**env, **({variable: "env"} if variable else {})}
    )
    assert getattr(from_flag, attribute) == "from-flag"
    assert from_flag.origin(attribute) == f"flag --{flag}"


def test_context_timeout_precedence(tmp_path: Path) -> None:
    env = _with_context(tmp_path)
    assert resolve_settings({"context": "a"}, env).timeout == 9
    assert resolve_settings({"context": "a"}, {**env, "PGO_TIMEOUT": "3"}).timeout == 3
    assert resolve_settings({"context": "a", "timeout": "2"}, {**env, "PGO_TIMEOUT": "3"}).timeout == 2
    assert resolve_settings({"context": "other"}, env).timeout == 60


@pytest.mark.parametrize(
    ("flag", "variable", "attribute"),
    [
        ("disable-tls", "DISABLE_TLS", "disable_tls"),
        ("exclude-os-trust", "EXCLUDE_OS_TRUST", "exclude_os_trust"),
    ],
)
def test_context_booleans(tmp_path: Path, flag: str, variable: str, attribute: str) -> None:
    env = _with_context(tmp_path, {flag: True})
    assert getattr(resolve_settings({"context": "a"}, env), attribute) is True
    # A variable that is set decides, even to false; the flag still only switches it on.
    assert getattr(resolve_settings({"context": "a"}, {**env, variable: "false"}), attribute) is False
    assert (
        getattr(resolve_settings({"context": "a", flag: True}, {**env, variable: "false"}), attribute) is True
    )
    assert getattr(resolve_settings({"context": "other"}, env), attribute) is False


def test_client_certificate_falls_back_to_the_ca_file_of_any_origin(tmp_path: Path) -> None:
    env = _with_context(tmp_path, {"pgo-ca-cert": "/ctx/ca.crt"})
    settings = resolve_settings({"context": "a"}, env)
    assert (settings.client_cert, settings.origin("client_cert")) == ("/ctx/ca.crt", "context a")
    # Per setting: the environment's CA file with the context's client certificate.
    env = _with_context(tmp_path, {"pgo-client-cert": "/ctx/client.crt"})
    settings = resolve_settings({"context": "a"}, {**env, "PGO_CA_CERT": "/env/ca.crt"})
    assert (settings.ca_cert, settings.client_cert) == ("/env/ca.crt", "/ctx/client.crt")


def test_context_selection_flag_then_variable_then_current(tmp_path: Path) -> None:
    env = _with_context(tmp_path, current=True)
    assert resolve_settings({}, env).context == "a"
    assert resolve_settings({}, env).origin("context").startswith("current context of ")
    assert resolve_settings({}, {**env, "PGO_CONTEXT": "other"}).namespace == "elsewhere"
    assert resolve_settings({"context": "a"}, {**env, "PGO_CONTEXT": "other"}).namespace == "ctxns"
    assert resolve_settings({"context": "a"}, env).origin("context") == "flag --context"


def test_no_current_context_changes_nothing(tmp_path: Path) -> None:
    env = _with_context(tmp_path)  # a file, but no current context
    assert resolve_settings({}, {**env, "PGO_NAMESPACE": "x"}) == resolve_settings({}, {"PGO_NAMESPACE": "x"})
    assert resolve_settings({}, env).context == ""


def test_no_file_reads_nothing_and_imports_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom pgo_cli.sdk.session import resolve_settings\n"
        f"s = resolve_settings({{}}, {{'HOME': {str(tmp_path)!r}}})\n"
        "assert s.context == '' and 'pgo_cli.sdk.contexts' not in sys.modules, s\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_unknown_context_is_exit_2_with_the_known_names(tmp_path: Path) -> None:
    env = _with_context(tmp_path)
    with pytest.raises(ConfigError, match=r"^unknown context 'nope' \(in .*contexts.json\)$") as caught:
        resolve_settings({"context": "nope"}, env)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.hint == "known contexts: a, other"
    with pytest.raises(ConfigError, match="unknown context 'nope'") as caught:
        resolve_settings({}, {"HOME": str(tmp_path / "empty"), "PGO_CONTEXT": "nope"})
    assert caught.value.hint and "pgo context add" in caught.value.hint


def test_malformed_file_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / ".config" / "pgo" / "contexts.json"
    path.parent.mkdir(parents=True)
    path.write_text('{\n  "current-context": "a"\n  "contexts": {}\n}\n')
    with pytest.raises(ConfigError, match=rf"^{path}:3: invalid JSON") as caught:
        resolve_settings({}, {"HOME": str(tmp_path)})
    assert caught.value.exit_code == ExitCode.USAGE


# ------------------------------------------------------------------------ context credentials


def _creds(tmp_path: Path, context: Mapping[str, object], extra: dict[str, str]) -> tuple[str, str, str]:
    from pgo_cli.sdk.session import credentials_env

    env = {**_with_context(tmp_path, context), **extra}
    settings = resolve_settings({"context": "a"}, env)
    creds = load_credentials(credentials_env(settings, env), home=str(tmp_path), system_file="/nonexistent")
    return creds.username, creds.password, creds.source


def test_context_pgouser_file_comes_after_the_environment(tmp_path: Path) -> None:
    (tmp_path / "ctx-pgouser").write_text("ctxuser:ctxpass")
    (tmp_path / "env-pgouser").write_text("envuser:envpass")
    (tmp_path / ".pgouser").write_text("homeuser:homepass")
    context = {"pgouser": str(tmp_path / "ctx-pgouser")}
    assert _creds(tmp_path, context, {})[:2] == ("ctxuser", "ctxpass")
    assert _creds(tmp_path, context, {"PGOUSER": str(tmp_path / "env-pgouser")})[:2] == ("envuser", "envpass")
    assert _creds(tmp_path, context, {"PGOUSERNAME": "u", "PGOUSERPASS": "p"})[:2] == ("u", "p")
    # Without credentials in the context, ~/.pgouser as before.
    assert _creds(tmp_path, {"namespace": "x"}, {})[:2] == ("homeuser", "homepass")


def test_context_user_name_takes_its_password_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "env-pgouser").write_text("envuser:envpass")
    context = {"username": "ctxuser"}
    assert _creds(tmp_path, context, {"PGOUSERPASS": "pw"}) == (
        "ctxuser",
        "pw",
        "context a user and PGOUSERPASS",
    )
    assert _creds(tmp_path, context, {"PGOUSERNAME": "u", "PGOUSERPASS": "p"})[:2] == ("u", "p")
    assert _creds(tmp_path, context, {"PGOUSER": str(tmp_path / "env-pgouser")})[:2] == ("envuser", "envpass")
    with pytest.raises(ConfigError, match=r"^context a names the pgouser 'ctxuser': set PGOUSERPASS"):
        _creds(tmp_path, context, {})


def test_context_pgouser_file_missing_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found") as caught:
        _creds(tmp_path, {"pgouser": str(tmp_path / "gone")}, {})
    assert caught.value.hint and "context a" in caught.value.hint


def test_sdk_client_from_environment_with_a_context(tmp_path: Path) -> None:
    from pgo_cli import Client

    env = _with_context(tmp_path)
    client = Client.from_environment(env, context="a")
    assert client.settings.apiserver_url == "https://context:8443"
    assert client.settings.namespace == "ctxns"
    assert Client.from_environment(env, context="a", namespace="typed").settings.namespace == "typed"
    with pytest.raises(ConfigError, match="unknown context"):
        Client.from_environment(env, context="zzz")
