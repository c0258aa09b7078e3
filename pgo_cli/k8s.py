"""Kubernetes apimachinery v0.21 rules that pgo and its apiserver apply, with their exact messages.

* Quantities (``k8s.io/apimachinery/pkg/api/resource``): :func:`parse_quantity` follows
  ``ParseQuantity`` exactly, including its permissive corners (``"Mi"``, ``"."`` and ``"-"`` are
  zero) and its three error texts; :meth:`Quantity.canonical` is ``CanonicalizeBytes`` and
  ``str(quantity)`` is Go's ``Quantity.String()`` (which keeps the input text when Go caches it).
* Names (``pkg/util/validation``): :func:`dns1123_label_errors`, :func:`dns1123_subdomain_errors`,
  :func:`dns1035_label_errors` and :func:`label_value_errors` return Kubernetes' message lists.
* :func:`validate_labels` is pgo's ``ValidateLabels`` (``internal/util/cluster.go``), used by the
  client and again by the apiserver.

Lengths are counted in UTF-8 bytes, as Go's ``len`` does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ERR_FORMAT_WRONG",
    "ERR_NUMERIC",
    "ERR_SUFFIX",
    "Quantity",
    "QuantityError",
    "QuantityFormat",
    "dns1035_label_errors",
    "dns1123_label_errors",
    "dns1123_subdomain_errors",
    "human_quantity",
    "label_value_errors",
    "parse_quantity",
    "validate_labels",
]

# --------------------------------------------------------------------------------------------------
# Quantities

QUANTITY_REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
#: ``resource.ErrFormatWrong``
ERR_FORMAT_WRONG = f"quantities must match the regular expression '{QUANTITY_REGEX}'"
#: ``resource.ErrNumeric``
ERR_NUMERIC = "unable to parse numeric part of quantity"
#: ``resource.ErrSuffix``
ERR_SUFFIX = "unable to parse quantity's suffix"

QuantityFormat = Literal["DecimalSI", "BinarySI", "DecimalExponent"]

_DIGITS = frozenset("0123456789")
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")
_DECIMAL_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_SUFFIX_FOR = {exponent: suffix for suffix, exponent in _DECIMAL_SUFFIXES.items()}
_BINARY_SUFFIX_FOR = {exponent: suffix for suffix, exponent in _BINARY_SUFFIXES.items()}
_NANO = -9
_MAX_INT64 = 2**63 - 1
_MAX_INT64_FACTORS = 18


class QuantityError(ValueError):
    """A text Kubernetes' ``ParseQuantity`` refuses; ``message`` is Go's error text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _wrap_int32(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


def _digit_count(value: int) -> int:
    return len(str(abs(value)))


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class Quantity:
    """A parsed Kubernetes quantity: the exact value ``mantissa * 10**exponent`` and its format.

    ``text`` is the input Go keeps as the string form (``None`` when Go recomputes it). Compare
    quantities with ``<``, ``==`` and so on (by value, as ``Quantity.Cmp``).
    """

    mantissa: int
    exponent: int
    format: QuantityFormat
    text: str | None = None

    def is_zero(self) -> bool:
        """True when the value is zero (``Quantity.IsZero``)."""
        return self.mantissa == 0

    @property
    def sign(self) -> int:
        """-1, 0 or 1."""
        return (self.mantissa > 0) - (self.mantissa < 0)

    def canonical(self) -> str:
        """The canonical text (``CanonicalizeBytes``): ``500m``, ``1536Mi``, ``1k``, ``1e3``, ``0``."""
        if self.mantissa == 0:
            return "0"
        quantity_format = self.format
        if quantity_format == "BinarySI":
            if (
                _compare(self.mantissa, self.exponent, -1024, 0) > 0
                and _compare(self.mantissa, self.exponent, 1024, 0) < 0
            ):
                quantity_format = "DecimalSI"
            else:
                whole, exact = _round_away_to_integer(self.mantissa, self.exponent)
                if exact:
                    return _base1024_text(whole)
                quantity_format = "DecimalSI"
        mantissa, exponent = _strip_tens(self.mantissa, self.exponent)
        shift = exponent % 3  # Python's modulo floors: lower the exponent to a multiple of 3
        mantissa, exponent = mantissa * 10**shift, exponent - shift
        if quantity_format == "DecimalExponent":
            suffix = "" if exponent == 0 else f"e{exponent}"
        else:
            # apimachinery v0.21 has no suffix beyond E (10^18) and then drops the exponent.
            suffix = _DECIMAL_SUFFIX_FOR.get(exponent, "")
        return f"{mantissa}{suffix}"

    def __str__(self) -> str:
        """Go's ``Quantity.String()``: the kept input text, else :meth:`canonical`."""
        return self.text if self.text is not None else self.canonical()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return _compare(self.mantissa, self.exponent, other.mantissa, other.exponent) == 0

    def __lt__(self, other: Quantity) -> bool:
        return _compare(self.mantissa, self.exponent, other.mantissa, other.exponent) < 0

    def __hash__(self) -> int:
        mantissa, exponent = _strip_tens(self.mantissa, self.exponent)
        return hash((mantissa, exponent if mantissa else 0))


_BINARY_UNITS = ("Ki", "Mi", "Gi", "Ti", "Pi", "Ei")


def human_quantity(text: str) -> str:
    """A byte quantity for people, in the largest binary unit it reaches, with one decimal when
    below 100 (``3906250Ki`` → ``3.7Gi``, ``47949672960`` → ``44.7Gi``, ``1Gi`` → ``1Gi``); less
    than 1Ki stays a plain number; a text that is not a quantity is returned as it is."""
    try:
        quantity = parse_quantity(text.strip())
    except QuantityError:
        return text
    value = quantity.mantissa * 10.0**quantity.exponent
    unit = ""
    for suffix in _BINARY_UNITS:
        if abs(value) < 1024:
            break
        value /= 1024
        unit = suffix
    shown = f"{value:.1f}" if abs(value) < 100 and unit else f"{value:.0f}"
    return shown.removesuffix(".0") + unit


def _strip_tens(mantissa: int, exponent: int) -> tuple[int, int]:
    if mantissa == 0:
        return 0, exponent
    text = str(abs(mantissa))
    stripped = text.rstrip("0")
    removed = len(text) - len(stripped)
    if removed == 0:
        return mantissa, exponent
    value = int(stripped)
    return (value if mantissa > 0 else -value), exponent + removed


def _compare(m1: int, e1: int, m2: int, e2: int) -> int:
    """Compare m1*10^e1 with m2*10^e2 without building huge powers needlessly."""
    s1, s2 = (m1 > 0) - (m1 < 0), (m2 > 0) - (m2 < 0)
    if s1 != s2 or s1 == 0:
        return (s1 > s2) - (s1 < s2)
    magnitude1, magnitude2 = _digit_count(m1) + e1, _digit_count(m2) + e2
    if magnitude1 != magnitude2:
        bigger = 1 if magnitude1 > magnitude2 else -1
        return bigger * s1
    low = min(e1, e2)
    a: int = m1 * 10 ** (e1 - low)
    b: int = m2 * 10 ** (e2 - low)
    return (a > b) - (a < b)


def _round_away_to_integer(mantissa: int, exponent: int) -> tuple[int, bool]:
    """``AsScale(0)``: round away from zero to a whole number; report whether it was exact."""
    if exponent >= 0:
        return mantissa * 10**exponent, True
    magnitude = abs(mantissa)
    if _digit_count(magnitude) <= -exponent:
        whole, remainder = 0, magnitude
    else:
        whole, remainder = divmod(magnitude, 10**-exponent)
    if remainder:
        whole += 1
    return (whole if mantissa > 0 else -whole), remainder == 0


def _base1024_text(whole: int) -> str:
    magnitude, times = abs(whole), 0
    while magnitude >= 1024 and magnitude % 1024 == 0:
        magnitude //= 1024
        times += 1
    suffix = _BINARY_SUFFIX_FOR.get(times * 10, "")
    return f"{magnitude if whole > 0 else -magnitude}{suffix}"


@dataclass(frozen=True)
class _Scanned:
    positive: bool
    value: str
    num: str
    denom: str
    suffix: str


def _scan(text: str) -> _Scanned:
    """``parseQuantityString``: split sign, digits, fraction and suffix; permissive like Go."""
    positive, pos, end = True, 0, len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return _Scanned(positive, "0", "0", "", "")
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos >= end:
        return _Scanned(positive, text, text[start:], "", "")
    num = text[start:pos] or "0"
    denom = ""
    if text[pos] == ".":
        pos += 1
        denom_start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[denom_start:pos]
        if pos >= end:
            return _Scanned(positive, text, num, denom, "")
    value = text[:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise QuantityError(ERR_FORMAT_WRONG)
    return _Scanned(positive, value, num, denom, text[suffix_start:])


def _interpret_suffix(suffix: str) -> tuple[int, int, QuantityFormat]:
    if suffix in _DECIMAL_SUFFIXES:
        return 10, _DECIMAL_SUFFIXES[suffix], "DecimalSI"
    if suffix in _BINARY_SUFFIXES:
        return 2, _BINARY_SUFFIXES[suffix], "BinarySI"
    if len(suffix) > 1 and suffix[0] in "eE":
        digits = suffix[1:]
        body = digits[1:] if digits[:1] in ("+", "-") else digits
        if body and body.isdigit() and body.isascii():
            exponent = int(digits)
            if -(2**63) <= exponent < 2**63:
                return 10, _wrap_int32(exponent), "DecimalExponent"
    raise QuantityError(ERR_SUFFIX)


def parse_quantity(text: str) -> Quantity:
    """Parse ``text`` exactly as apimachinery v0.21 ``resource.ParseQuantity`` does.

    Raises :class:`QuantityError` with one of Go's three messages (:data:`ERR_FORMAT_WRONG`,
    :data:`ERR_SUFFIX`, :data:`ERR_NUMERIC`).
    """
    if text == "":
        raise QuantityError(ERR_FORMAT_WRONG)
    if text == "0":
        return Quantity(0, 0, "DecimalSI", text)
    scanned = _scan(text)
    base, exponent, quantity_format = _interpret_suffix(scanned.suffix)
    num, denom = scanned.num, scanned.denom

    # The int64 fast path, which also decides when Go keeps the input text.
    scale = 0
    if quantity_format == "BinarySI":
        precision = 15 - len(num) - exponent * 3 // 10 - 1 if not denom else -1
    else:
        scale = exponent
        precision = _MAX_INT64_FACTORS - (len(num) + len(denom))
    if precision >= 0:
        scale -= len(denom)
        if scale >= _NANO:
            shifted = num + denom
            digits_value = int(shifted)
            multiplier = 1 << exponent if quantity_format == "BinarySI" else 1
            result = digits_value * multiplier
            if result <= _MAX_INT64:
                signed = result if scanned.positive else -result
                if quantity_format == "BinarySI":
                    keep = digits_value & 0x07 != 0
                else:
                    keep = scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0"
                return Quantity(signed, scale, quantity_format, text if keep else None)

    # The arbitrary-precision path (inf.Dec).
    digits = "".join(ch for ch in scanned.value if ch in _DIGITS)
    if not digits:
        raise QuantityError(ERR_NUMERIC)
    fraction_digits = len(scanned.value.partition(".")[2]) if "." in scanned.value else 0
    magnitude = int(digits)
    value_exponent = -fraction_digits
    if base == 10:
        value_exponent += exponent
    else:
        magnitude <<= exponent
    negative = scanned.value.startswith("-")
    if magnitude != 0 and value_exponent < _NANO:
        # Round up (away from zero) to a whole number of nano units.
        drop = _NANO - value_exponent
        if _digit_count(magnitude) <= drop:
            magnitude = 1
        else:
            quotient, remainder = divmod(magnitude, 10**drop)
            magnitude = quotient + (1 if remainder else 0)
        value_exponent = _NANO
    if quantity_format == "BinarySI":
        if _compare(magnitude, value_exponent, _MAX_INT64, 0) > 0:
            magnitude, value_exponent = _MAX_INT64, 0
        if magnitude != 0 and _compare(magnitude, value_exponent, 1, 0) < 0:
            quantity_format = "DecimalSI"
    return Quantity(-magnitude if negative else magnitude, value_exponent, quantity_format)


# --------------------------------------------------------------------------------------------------
# Names and labels (k8s.io/apimachinery/pkg/util/validation)

_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + "(\\." + _DNS1123_LABEL_FMT + ")*"
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_LABEL_VALUE_FMT = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"

_DNS1123_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character"
)
_DNS1123_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character"
)
_DNS1035_LABEL_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
    "start with an alphabetic character, and end with an alphanumeric character"
)
_LABEL_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)


def _regex_error(message: str, pattern: str, *examples: str) -> str:
    """Kubernetes' ``RegexError`` (the doubled space before ``or`` is theirs)."""
    shown = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {shown}regex used for validation is '{pattern}')"


def _max_len_error(length: int) -> str:
    return f"must be no more than {length} characters"


def _check(value: str, max_length: int, pattern: str, regex_message: str) -> list[str]:
    errors = []
    if len(value.encode("utf-8", "surrogateescape")) > max_length:
        errors.append(_max_len_error(max_length))
    # Compiled on first use (re keeps it): importing this module for quantities alone (show
    # cluster's text) compiles no regular expression.
    if re.fullmatch(pattern, value) is None:
        errors.append(regex_message)
    return errors


def dns1123_label_errors(value: str) -> list[str]:
    """``validation.IsDNS1123Label``: an empty list when ``value`` is valid."""
    message = _regex_error(_DNS1123_LABEL_MSG, _DNS1123_LABEL_FMT, "my-name", "123-abc")
    return _check(value, 63, _DNS1123_LABEL_FMT, message)


def dns1123_subdomain_errors(value: str) -> list[str]:
    """``validation.IsDNS1123Subdomain``: an empty list when ``value`` is valid."""
    message = _regex_error(_DNS1123_SUBDOMAIN_MSG, _DNS1123_SUBDOMAIN_FMT, "example.com")
    return _check(value, 253, _DNS1123_SUBDOMAIN_FMT, message)


def dns1035_label_errors(value: str) -> list[str]:
    """``validation.IsDNS1035Label`` (the apiserver's cluster-name rule)."""
    message = _regex_error(_DNS1035_LABEL_MSG, _DNS1035_LABEL_FMT, "my-name", "abc-123")
    return _check(value, 63, _DNS1035_LABEL_FMT, message)


def label_value_errors(value: str) -> list[str]:
    """``validation.IsValidLabelValue``: an empty list when ``value`` is valid."""
    message = _regex_error(_LABEL_VALUE_MSG, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345")
    return _check(value, 63, _LABEL_VALUE_FMT, message)


def validate_labels(labels: Mapping[str, str]) -> str | None:
    """pgo's ``ValidateLabels``: the message for the first bad label, or None when all are valid.

    Go walks the map in random order; this walks it in insertion order. Messages start with
    ``invalid label: ``. A key with more than one ``/`` reports the *value* (pgo's bug, kept).
    """
    for key, value in labels.items():
        parts = key.split("/")
        if len(parts) > 2:
            return f"invalid label: invalid key for {value}"
        if len(parts) == 2:
            errors = dns1123_subdomain_errors(parts[0]) or dns1123_label_errors(parts[1])
        else:
            errors = dns1123_label_errors(key)
        if errors:
            return f"invalid label: invalid key {key}: {','.join(errors)}"
        errors = label_value_errors(value)
        if errors:
            return f"invalid label: invalid value {value}: {','.join(errors)}"
    return None
