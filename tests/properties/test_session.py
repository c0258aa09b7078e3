"""Properties of the session's parsers: the pgouser file, the apiserver URL, the timeout."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from pgo_cli.errors import ConfigError, UsageError
from pgo_cli.sdk.session import normalize_url, parse_pgouser, parse_timeout
from tests.properties.strategies import hostile_text


@given(hostile_text)
def test_pgouser_parses_or_raises_config_error(content: str) -> None:
    try:
        credentials = parse_pgouser(content)
    except ConfigError as error:
        assert error.message == "unable to parse credentials in pgouser file"
        return
    assert ":" not in credentials.username
    assert "\n" not in credentials.username + credentials.password
    assert "password='***'" in repr(credentials)  # never the password itself


user = st.text(alphabet=st.characters(blacklist_characters=":\n", blacklist_categories=("Cs",)), min_size=1)
password = st.text(
    alphabet=st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), min_size=1
)


@given(user, password, st.sampled_from(["", "\n", "\r\n", "  \n\n"]), st.sampled_from(["", "\n", " "]))
def test_pgouser_round_trip(name: str, secret: str, after: str, before: str) -> None:
    content = f"{before}{name}:{secret}{after}"
    line = content.strip()
    expected_name, _, expected_secret = line.partition(":")
    credentials = parse_pgouser(content)
    assert (credentials.username, credentials.password) == (expected_name, expected_secret)
    if name == name.lstrip() and secret == secret.rstrip():  # pgo trims the file, nothing else
        assert (credentials.username, credentials.password) == (name, secret)


url_like = st.builds(
    lambda scheme, host, port, path: f"{scheme}{host}{port}{path}",
    st.sampled_from(["https://", "http://", "ftp://", "", "https:/", "HTTPS://"]),
    st.sampled_from(["127.0.0.1", "localhost", "[::1]", "pgo.example", "", "a b", "é.example"]),
    st.sampled_from(["", ":8443", ":0", ":99999", ":x", ":"]),
    st.sampled_from(["", "/", "//", "/api", "/api/", "?q=1", "#f", " "]),
)


@given(st.one_of(url_like, hostile_text))
def test_url_normalises_or_raises_config_error(url: str) -> None:
    try:
        normal = normalize_url(url)
    except ConfigError as error:
        assert error.message.startswith("invalid apiserver URL")
        return
    assert not normal.endswith("/")
    assert normal.lower().startswith(("http://", "https://"))  # (the scheme's case is free, as in Go)
    assert normalize_url(normal) == normal  # idempotent
    assert normalize_url(normal + "/") == normal  # the trailing-slash trap cannot come back


@given(st.one_of(hostile_text, st.floats().map(str), st.integers().map(str)))
def test_timeout_is_positive_finite_or_usage_error(text: str) -> None:
    try:
        value = parse_timeout(text)
    except UsageError:
        return
    assert value > 0 and math.isfinite(value)
