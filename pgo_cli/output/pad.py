"""pgo's column padding (``cmd/pgo/util/pad.go``): widths in bytes of UTF-8, values never cut."""

from __future__ import annotations


def byte_len(text: str) -> int:
    """The length Go's ``len(s)`` gives: bytes of UTF-8 (undecodable input kept as its bytes)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogateescape"))


def rpad(text: str, width: int) -> str:
    """``util.Rpad(text, " ", width)``: spaces appended up to ``width`` bytes; a longer value stays whole."""
    if text.isascii():
        return text.ljust(width)  # a byte a character
    return text + " " * max(0, width - byte_len(text))
