"""Name and label validation with apimachinery v0.21.0's exact messages, and pgo's ValidateLabels."""

from __future__ import annotations

import re
from collections.abc import Mapping

_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + "(\\." + _DNS1123_LABEL_FMT + ")*"
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_LABEL_VALUE_FMT = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"


def _regex_error(msg: str, fmt: str, *examples: str) -> str:
    """apimachinery's ``RegexError`` (note the doubled space before ``or``)."""
    text = msg + " (e.g. "
    for i, example in enumerate(examples):
        if i > 0:
            text += " or "
        text += "'" + example + "', "
    return text + "regex used for validation is '" + fmt + "')"


def _max_len(limit: int) -> str:
    return f"must be no more than {limit} characters"


def _check(value: str, limit: int, fmt: str, msg: str, *examples: str) -> list[str]:
    errs = []
    if len(value) > limit:
        errs.append(_max_len(limit))
    if not re.fullmatch(fmt, value):
        errs.append(_regex_error(msg, fmt, *examples))
    return errs


def dns1035_label(value: str) -> list[str]:
    """``validation.IsDNS1035Label``."""
    return _check(
        value,
        63,
        _DNS1035_LABEL_FMT,
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
        "alphabetic character, and end with an alphanumeric character",
        "my-name",
        "abc-123",
    )


def dns1123_label(value: str) -> list[str]:
    """``validation.IsDNS1123Label``."""
    return _check(
        value,
        63,
        _DNS1123_LABEL_FMT,
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
        "must start and end with an alphanumeric character",
        "my-name",
        "123-abc",
    )


def dns1123_subdomain(value: str) -> list[str]:
    """``validation.IsDNS1123Subdomain``."""
    return _check(
        value,
        253,
        _DNS1123_SUBDOMAIN_FMT,
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
        "'.', and must start and end with an alphanumeric character",
        "example.com",
    )


def label_value(value: str) -> list[str]:
    """``validation.IsValidLabelValue``."""
    return _check(
        value,
        63,
        _LABEL_VALUE_FMT,
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
        "'.', and must start and end with an alphanumeric character",
        "MyValue",
        "my_value",
        "12345",
    )


def validate_labels(labels: Mapping[str, str]) -> str | None:
    """pgo's ``util.ValidateLabels``: the first error message, or None.

    Go iterates the map in random order; the emulator goes in request order.
    """
    for key, value in labels.items():
        parts = key.split("/")
        if len(parts) == 2:
            errs = dns1123_subdomain(parts[0]) or dns1123_label(parts[1])
        elif len(parts) == 1:
            errs = dns1123_label(parts[0])
        else:
            return "invalid label: invalid key for " + value
        if errs:
            return f"invalid label: invalid key {key}: {','.join(errs)}"
        errs = label_value(value)
        if errs:
            return f"invalid label: invalid value {value}: {','.join(errs)}"
    return None
