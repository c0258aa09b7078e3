"""pgo's human sizes (``getSizeAndUnit``, ``cmd/pgo/cmd/common.go``), for show backup and df."""

from __future__ import annotations

__all__ = ["UNITS", "size_and_unit"]

UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")
#: ``1000 * 1024**k``: a size above the k-th is divided by 1024 once more. Dividing by a power of
#: two is exact in binary floating point, so comparing the size with these is comparing each
#: quotient of pgo's loop with 1000, without the loop's divisions.
_STEPS = tuple(1000.0 * 1024.0**k for k in range(len(UNITS) - 1))


def size_and_unit(size: int) -> tuple[float, int]:
    """``getSizeAndUnit``: the size divided by 1024 while it is above 1000, and how many times
    (an index into :data:`UNITS`)."""
    value = float(size)
    unit = 0
    for step in _STEPS:
        if value <= step:
            break
        unit += 1
    return value / 1024.0**unit, unit
