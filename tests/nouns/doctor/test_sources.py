"""Where each setting came from, and the report's rendering (in-process, no server)."""

from __future__ import annotations

import io

from pgo_cli.nouns.doctor.render import summary, write_text
from pgo_cli.nouns.doctor.sources import BY_FIELD, Kind, Layer, Origin, Setting, layers, origin_of
from pgo_cli.nouns.doctor.steps import Report, Status
from pgo_cli.sdk.session import resolve_settings


def origin(field: str, flags: dict[str, object], env: dict[str, str]) -> Origin:
    settings = resolve_settings(flags, env)
    return origin_of(BY_FIELD[field], settings, layers(flags, env))


def test_flag_beats_environment_beats_default() -> None:
    env = {"PGO_NAMESPACE": "from-env", "PGO_APISERVER_URL": "https://a:1"}
    assert origin("namespace", {"namespace": "typed"}, env) == Origin(Kind.FLAG, "--namespace")
    assert origin("namespace", {}, env) == Origin(Kind.ENVIRONMENT, "PGO_NAMESPACE")
    assert origin("client_version", {}, env) == Origin(Kind.DEFAULT)
    assert origin("timeout", {}, {"PGO_TIMEOUT": "7"}) == Origin(Kind.ENVIRONMENT, "PGO_TIMEOUT")


def test_booleans_are_or_ed_like_pgo() -> None:
    assert origin("disable_tls", {}, {"DISABLE_TLS": "true"}) == Origin(Kind.ENVIRONMENT, "DISABLE_TLS")
    assert origin("disable_tls", {"disable-tls": True}, {}) == Origin(Kind.FLAG, "--disable-tls")
    assert origin("disable_tls", {}, {"DISABLE_TLS": "nonsense"}).kind is Kind.DEFAULT


def test_client_cert_falls_back_to_the_ca() -> None:
    found = origin("client_cert", {}, {"PGO_CA_CERT": "/ca.crt"})
    assert found.kind is Kind.DEFAULT and "PGO_CA_CERT" in found.name


def test_a_new_source_is_one_more_layer() -> None:
    """A context layer (as the contexts work will add) slots in between environment and default."""
    context = {"namespace": "from-context"}

    def lookup(setting: Setting) -> tuple[str, str] | None:
        value = context.get(setting.field)
        return (value, "ctx-a") if value else None

    sources = (*layers({}, {}), Layer(Kind.ENVIRONMENT, lookup))
    settings = resolve_settings({"namespace": "from-context"}, {})  # as if the SDK applied the context
    assert origin_of(BY_FIELD["namespace"], settings, sources[1:]).name == "ctx-a"


def test_disagreement_is_reported_as_unknown() -> None:
    settings = resolve_settings({}, {"PGO_NAMESPACE": "a"})
    assert origin_of(BY_FIELD["namespace"], settings, layers({}, {"PGO_NAMESPACE": "b"})).kind is Kind.UNKNOWN


def test_text_lines_fix_lines_summary_and_colour() -> None:
    report = Report()
    report.ok("url", "https://x:1 (from environment PGO_APISERVER_URL)", ["url"])
    report.warning("server cert", "expires in 3 days", "renew it")
    report.failed("basic auth", "refused", "check the password", 3, ["auth"])
    assert report.blocked("version", ["auth"])
    assert report.exit_code == 3
    out = io.StringIO()
    write_text(report, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "ok       url               https://x:1 (from environment PGO_APISERVER_URL)"
    assert lines[2] == "         fix:              renew it"
    assert lines[4] == "         fix:              check the password"
    assert lines[5] == "skipped  version           not checked: basic auth failed"
    assert lines[-1] == summary(report) == "failed: basic auth (exit 3), 1 warning; 1 not checked"
    coloured = io.StringIO()
    write_text(report, coloured, colour=True)
    assert "\x1b[32mok\x1b[0m       url" in coloured.getvalue()
    assert report.as_json()["steps"][2] == {
        "name": "basic auth",
        "status": Status.FAILED.value,
        "detail": "refused",
        "fix": "check the password",
        "exit_code": 3,
    }
