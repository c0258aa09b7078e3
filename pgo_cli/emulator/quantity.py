"""Kubernetes ``resource.Quantity`` parsing and canonical form (apimachinery v0.21.0 semantics).

Only what the emulator needs: parse (with the three exact error texts), compare, test for zero
and print the canonical string that ``Quantity.String()`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_UP, Decimal, InvalidOperation, localcontext

ERR_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
ERR_NUMERIC = "unable to parse numeric part of quantity"
ERR_SUFFIX = "unable to parse quantity's suffix"

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

_DEC_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DEC_BY_EXP = {exp: suffix for suffix, exp in _DEC_SUFFIXES.items()}
_BIN_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_BIN_BY_EXP = {exp: suffix for suffix, exp in _BIN_SUFFIXES.items()}
_BIN_BY_EXP[0] = ""
_SUFFIX_CHARS = set("eEinumkKMGTP")
_DIGITS = set("0123456789")
_NANO = Decimal("1e-9")
_MAX_INT64 = Decimal(2**63 - 1)


class QuantityError(ValueError):
    """A string that ``resource.ParseQuantity`` rejects; ``str()`` is the Go error text."""


@dataclass(frozen=True)
class Quantity:
    """An exact value plus the format it was written in."""

    value: Decimal
    fmt: str

    def is_zero(self) -> bool:
        """``Quantity.IsZero``."""
        return self.value == 0

    def __str__(self) -> str:
        return canonical(self)


def _split(text: str) -> tuple[bool, str, str, str, str]:
    """Go's ``parseQuantityString``: (positive, value, numerator, denominator, suffix)."""
    positive = True
    pos = 0
    end = len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while True:  # leading zeros
        if pos >= end:
            return positive, "0", "0", "", ""
        if text[pos] != "0":
            break
        pos += 1
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    num = text[start:pos]
    if pos >= end:
        return positive, text, num, "", ""
    if not num:
        num = "0"
    denom = ""
    if text[pos] == ".":
        pos += 1
        start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        denom = text[start:pos]
        if pos >= end:
            return positive, text, num, denom, ""
    value = text[:pos]
    suffix_start = pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos >= end:
        return positive, value, num, denom, text[suffix_start:]
    if text[pos] in "+-":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos >= end:
        return positive, value, num, denom, text[suffix_start:]
    raise QuantityError(ERR_FORMAT)


def _interpret(suffix: str) -> tuple[int, int, str]:
    if suffix in _DEC_SUFFIXES:
        return 10, _DEC_SUFFIXES[suffix], DECIMAL_SI
    if suffix in _BIN_SUFFIXES:
        return 2, _BIN_SUFFIXES[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        rest = suffix[1:]
        body = rest[1:] if rest[0] in "+-" else rest
        if body and all(c in _DIGITS for c in body):
            return 10, int(rest), DECIMAL_EXPONENT
    raise QuantityError(ERR_SUFFIX)


def parse(text: str) -> Quantity:
    """``resource.ParseQuantity``; raises :class:`QuantityError` with the Go message."""
    if text == "":
        raise QuantityError(ERR_FORMAT)
    if text == "0":
        return Quantity(Decimal(0), DECIMAL_SI)
    positive, _value, num, denom, suffix = _split(text)
    base, exponent, fmt = _interpret(suffix)
    with localcontext() as ctx:
        ctx.prec = 200
        try:
            amount = Decimal(f"{num}.{denom}" if denom else num)
        except InvalidOperation as exc:  # pragma: no cover - the scanner only lets digits through
            raise QuantityError(ERR_NUMERIC) from exc
        try:
            amount = amount.scaleb(exponent) if base == 10 else amount * (Decimal(2) ** exponent)
        except ArithmeticError as exc:
            raise QuantityError(ERR_NUMERIC) from exc
        if amount != 0 and amount != amount.quantize(_NANO, rounding=ROUND_UP):
            amount = amount.quantize(_NANO, rounding=ROUND_UP)
        if fmt == BINARY_SI and amount > _MAX_INT64:
            amount = _MAX_INT64
        if fmt == BINARY_SI and 0 < amount < 1:
            fmt = DECIMAL_SI
        if not positive:
            amount = -amount
    return Quantity(amount, fmt)


def _decimal_parts(value: Decimal) -> tuple[int, int]:
    """Mantissa and exponent (a multiple of 3) with the mantissa as small as possible."""
    sign, digits, exp = value.normalize().as_tuple()
    assert isinstance(exp, int)
    mantissa = int("".join(map(str, digits)))
    while exp % 3:
        mantissa *= 10
        exp -= 1
    return (-mantissa if sign else mantissa), exp


def canonical(q: Quantity) -> str:
    """``Quantity.String()``: the canonical Kubernetes form."""
    if q.value == 0:
        return "0"
    fmt = q.fmt
    if fmt == BINARY_SI and (-1024 < q.value < 1024 or q.value != q.value.to_integral_value()):
        fmt = DECIMAL_SI
    if fmt == BINARY_SI:
        mantissa = int(q.value)
        negative = mantissa < 0
        mantissa = abs(mantissa)
        times = 0
        while mantissa >= 1024 and mantissa % 1024 == 0:
            mantissa //= 1024
            times += 1
        return f"{'-' if negative else ''}{mantissa}{_BIN_BY_EXP.get(times * 10, '')}"
    mantissa, exp = _decimal_parts(q.value)
    if fmt == DECIMAL_EXPONENT:
        return f"{mantissa}" if exp == 0 else f"{mantissa}e{exp}"
    # Go drops the suffix when none exists for the exponent (a quirk kept as is).
    return f"{mantissa}{_DEC_BY_EXP.get(exp, '')}"


def canonical_string(text: str) -> str:
    """Parse and print canonically (the text must be valid)."""
    return canonical(parse(text))
