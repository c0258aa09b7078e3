"""Kubernetes label selectors (the ``labels.Parse`` grammar of apimachinery) over label maps.

Supported: ``k=v``, ``k==v``, ``k!=v``, ``k in (a,b)``, ``k notin (a,b)``, ``k`` (exists),
``!k`` (does not exist), ``k>n`` and ``k<n`` (integer comparison), joined by commas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pgo_cli.k8s import dns1123_subdomain_errors, label_value_errors

_SPECIAL = "!=(),<>"
_QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"


class SelectorError(ValueError):
    """An unparsable selector; ``str()`` is the message returned in the status."""


@dataclass(frozen=True)
class Requirement:
    """One comma-separated term of a selector."""

    key: str
    op: str
    values: tuple[str, ...]

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether a label map satisfies this requirement."""
        present = self.key in labels
        value = labels.get(self.key, "")
        checks: dict[str, Callable[[], bool]] = {
            "exists": lambda: present,
            "!": lambda: not present,
            "=": lambda: present and value == self.values[0],
            "==": lambda: present and value == self.values[0],
            "!=": lambda: not present or value != self.values[0],
            "in": lambda: present and value in self.values,
            "notin": lambda: not present or value not in self.values,
            ">": lambda: present and _as_int(value) is not None and _as_int(value) > int(self.values[0]),  # type: ignore[operator]
            "<": lambda: present and _as_int(value) is not None and _as_int(value) < int(self.values[0]),  # type: ignore[operator]
        }
        return checks[self.op]()


def _as_int(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else None


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif text.startswith(("==", "!="), i):
            out.append(text[i : i + 2])
            i += 2
        elif char in _SPECIAL:
            out.append(char)
            i += 1
        else:
            start = i
            while i < len(text) and not text[i].isspace() and text[i] not in _SPECIAL:
                i += 1
            out.append(text[start:i])
    return out


def _is_ident(token: str | None) -> bool:
    return token is not None and token not in ("==", "!=") and token[0] not in _SPECIAL


def _check_key(key: str) -> None:
    parts = key.split("/")
    name = parts[-1]
    errs: list[str] = []
    if len(parts) > 2:
        errs.append(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start "
            "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
            f"used for validation is '{_QUALIFIED_NAME_FMT}') with an optional DNS subdomain prefix and "
            "'/' (e.g. 'example.com/MyName')"
        )
    else:
        if len(parts) == 2:
            if not parts[0]:
                errs.append("prefix part must be non-empty")
            else:
                errs.extend("prefix part " + e for e in dns1123_subdomain_errors(parts[0]))
        if not name:
            errs.append("name part must be non-empty")
        elif len(name) > 63:
            errs.append("name part must be no more than 63 characters")
        elif not re.fullmatch(_QUALIFIED_NAME_FMT, name):
            errs.append(
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                f"used for validation is '{_QUALIFIED_NAME_FMT}')"
            )
    if errs:
        raise SelectorError(f"unable to parse requirement: invalid label key {key!r}: {'; '.join(errs)}")


def _check_value(value: str) -> None:
    errs = label_value_errors(value)
    if errs:
        raise SelectorError(f"unable to parse requirement: invalid label value: {value!r}: {'; '.join(errs)}")


def parse(text: str) -> list[Requirement]:
    """Parse a selector; an empty selector selects everything."""
    tokens = _tokens(text)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def expected(what: str) -> SelectorError:
        found = peek()
        return SelectorError(f"found '{found if found is not None else ''}', expected: {what}")

    requirements: list[Requirement] = []
    while pos < len(tokens):
        if peek() == "!":
            pos += 1
            if not _is_ident(peek()):
                raise expected("identifier after '!'")
            key = tokens[pos]
            pos += 1
            _check_key(key)
            requirements.append(Requirement(key, "!", ()))
        else:
            if not _is_ident(peek()) or peek() in ("in", "notin"):
                raise expected("!, identifier")
            key = tokens[pos]
            pos += 1
            _check_key(key)
            op = peek()
            if op is None or op == ",":
                requirements.append(Requirement(key, "exists", ()))
            elif op in ("=", "==", "!=", "<", ">"):
                pos += 1
                value = ""
                if _is_ident(peek()):
                    value = tokens[pos]
                    pos += 1
                elif peek() not in (None, ","):
                    raise expected("identifier")
                if op in ("<", ">"):
                    if _as_int(value) is None:
                        raise SelectorError(
                            f"unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer: {value!r}"
                        )
                else:
                    _check_value(value)
                requirements.append(Requirement(key, op, (value,)))
            elif op in ("in", "notin"):
                pos += 1
                if peek() != "(":
                    raise expected("'('")
                pos += 1
                values: list[str] = []
                while True:
                    token = peek()
                    if token == ")":
                        pos += 1
                        break
                    if token == ",":
                        values.append("")
                        pos += 1
                        if peek() == ")":
                            values.append("")
                        continue
                    if _is_ident(token) and token is not None:
                        values.append(token)
                        pos += 1
                        if peek() == ",":
                            pos += 1
                            if peek() == ")":
                                values.append("")
                        elif peek() != ")":
                            raise expected("',', ')'")
                        continue
                    raise expected("',', ')' or identifier")
                if not values:
                    raise SelectorError(
                        "unable to parse requirement: for 'in', 'notin' operators, values set can't be empty"
                    )
                for value in values:
                    _check_value(value)
                requirements.append(Requirement(key, op, tuple(dict.fromkeys(values))))
            else:
                raise expected("'=', '!=', '==', 'in', notin'")
        if pos < len(tokens):
            if tokens[pos] != ",":
                raise expected("','")
            pos += 1
            if pos >= len(tokens):
                raise expected("identifier after ','")
    return requirements


def matches(requirements: list[Requirement], labels: Mapping[str, str]) -> bool:
    """All requirements hold for ``labels``."""
    return all(r.matches(labels) for r in requirements)
