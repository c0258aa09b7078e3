"""Label selectors (reference §5.3, §6.5)."""

from __future__ import annotations

import pytest

from pgo_cli.emulator.selectors import SelectorError, matches, parse

LABELS = {"name": "hippo", "pg-cluster": "hippo", "pgouser": "admin", "size": "5"}


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("", True),
        ("name=hippo", True),
        ("name==hippo", True),
        ("name = hippo", True),
        ("name=rhino", False),
        ("name!=hippo", False),
        ("missing!=x", True),
        ("name in (rhino, hippo)", True),
        ("name in (rhino)", False),
        ("name notin (rhino)", True),
        ("name notin (hippo,rhino)", False),
        ("missing notin (a)", True),
        ("pgouser", True),
        ("missing", False),
        ("!missing", True),
        ("!pgouser", False),
        ("name=hippo,pgouser=admin", True),
        ("name=hippo,pgouser=other", False),
        ("size>4", True),
        ("size<4", False),
        ("missing=", False),
    ],
)
def test_matching(selector: str, expected: bool) -> None:
    assert matches(parse(selector), LABELS) is expected


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("name in ()", "values set can't be empty"),
        ("=x", "expected: !, identifier"),
        ("name in hippo", "expected: '('"),
        ("name=hippo,", "identifier after ','"),
        ("a b", "found 'b'"),
        ("Bad Key!=x", "found 'Key'"),
        ("-bad=x", "invalid label key '-bad'"),
        ("name=-x", "invalid label value: '-x'"),
        ("size>x", "must be an integer"),
    ],
)
def test_invalid_selectors(selector: str, message: str) -> None:
    with pytest.raises(SelectorError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(selector)
