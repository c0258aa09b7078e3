"""Kubernetes apimachinery v0.21 rules: quantity parsing, canonical form, name and label checks."""

from __future__ import annotations

import pytest

from pgo_cli.k8s import (
    ERR_FORMAT_WRONG,
    ERR_NUMERIC,
    ERR_SUFFIX,
    QuantityError,
    dns1035_label_errors,
    dns1123_label_errors,
    dns1123_subdomain_errors,
    label_value_errors,
    parse_quantity,
    validate_labels,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("0.5", "500m"),
        ("1.5", "1500m"),
        ("1000m", "1"),
        ("2.5", "2500m"),
        ("100m", "100m"),
        ("1000", "1k"),
        ("1024", "1024"),
        ("1.5Gi", "1536Mi"),
        ("2048Mi", "2Gi"),
        ("128Mi", "128Mi"),
        ("1G", "1G"),
        ("0.1Gi", "107374182400m"),
        ("1e3", "1e3"),
        ("1e4", "10e3"),
        ("0", "0"),
        ("Mi", "0"),
        ("M", "0"),
        (".", "0"),
        ("-", "0"),
        ("+", "0"),
        ("E", "0"),
        ("5.", "5"),
        (".5", "500m"),
        ("-1.5Gi", "-1536Mi"),
        ("0.5Ki", "512"),
        ("1e-10", "1e-9"),
        ("1Ei", "1Ei"),
        ("1000E", "1"),  # v0.21 has no suffix beyond E and drops the exponent
    ],
)
def test_canonical_form(text: str, canonical: str) -> None:
    assert parse_quantity(text).canonical() == canonical


@pytest.mark.parametrize(
    ("text", "go_string"), [("1E3", "1E3"), ("+1", "+1"), ("01Ki", "01Ki"), ("128Mi", "128Mi")]
)
def test_go_string_keeps_the_input_when_go_does(text: str, go_string: str) -> None:
    assert str(parse_quantity(text)) == go_string


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", ERR_FORMAT_WRONG),
        ("abc", ERR_FORMAT_WRONG),
        ("1GiB", ERR_FORMAT_WRONG),
        ("1gi", ERR_FORMAT_WRONG),
        ("1.2.3", ERR_FORMAT_WRONG),
        ("10 Gi", ERR_FORMAT_WRONG),
        ("1K", ERR_SUFFIX),
        ("1Gk", ERR_SUFFIX),
        ("1Mi5", ERR_SUFFIX),
        ("1mi", ERR_SUFFIX),
        ("e", ERR_SUFFIX),
        ("Pi", ERR_NUMERIC),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert caught.value.message == message


def test_error_texts_are_kubernetes_texts() -> None:
    assert ERR_FORMAT_WRONG == (
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )
    assert ERR_SUFFIX == "unable to parse quantity's suffix"
    assert ERR_NUMERIC == "unable to parse numeric part of quantity"


def test_comparison_by_value() -> None:
    assert parse_quantity("64Mi") < parse_quantity("128Mi")
    assert parse_quantity("1Gi") == parse_quantity("1024Mi")
    assert parse_quantity("1") > parse_quantity("999m")
    assert parse_quantity("1e100") > parse_quantity("1E")


def test_name_rules() -> None:
    assert dns1123_label_errors("my-name") == []
    assert dns1123_label_errors("a" * 64)[0] == "must be no more than 63 characters"
    assert dns1123_label_errors("A") == [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    ]
    assert dns1123_subdomain_errors("example.com") == []
    assert "(e.g. 'example.com', regex" in dns1123_subdomain_errors("-x")[0]
    assert dns1035_label_errors("1abc") == [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    ]
    assert label_value_errors("") == []
    assert "(e.g. 'MyValue',  or 'my_value',  or '12345'" in label_value_errors("-x")[0]


def test_validate_labels_messages() -> None:
    assert validate_labels({"app": "db", "example.com/tier": "Gold_1"}) is None
    assert validate_labels({"a/b/c": "v"}) == "invalid label: invalid key for v"
    assert (validate_labels({"Bad": "v"}) or "").startswith(
        "invalid label: invalid key Bad: a lowercase RFC 1123 label"
    )
    assert (validate_labels({"-p/x": "v"}) or "").startswith(
        "invalid label: invalid key -p/x: a lowercase RFC 1123 subdomain"
    )
    too_long = "-" + "v" * 63
    assert (validate_labels({"k": too_long}) or "").startswith(
        f"invalid label: invalid value {too_long}: must be no more than 63 characters,a valid label"
    )
