"""pgo's human sizes: the comparisons with ``1000 * 1024**k`` give what pgo's loop of divisions gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pgo_cli.nouns.shared.sizes import UNITS, size_and_unit


def _pgo_loop(size: int) -> tuple[float, int]:
    """``getSizeAndUnit`` of cmd/pgo/cmd/common.go, as written there."""
    value, unit = float(size), 0
    while value > 1000 and unit < len(UNITS) - 1:
        value /= 1024
        unit += 1
    return value, unit


@given(
    st.one_of(
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.sampled_from([1000 * 1024**k + d for k in range(8) for d in (-1, 0, 1)]),
    )
)
def test_size_and_unit_is_pgos_loop(size: int) -> None:
    assert size_and_unit(size) == _pgo_loop(size)


def test_examples() -> None:
    assert size_and_unit(1000) == (1000.0, 0)
    assert size_and_unit(1001) == (1001 / 1024, 1)
    assert size_and_unit(34645569) == (34645569 / 1024 / 1024, 2)
