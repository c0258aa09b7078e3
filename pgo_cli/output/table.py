"""The table engine for terminals: columns measured once, rows written as they are formatted.

The look is rich's ``SIMPLE_HEAD`` table without edges (rich took ~2 s to lay out 2,000 rows): column
widths are measured once over all rows, the fit is decided once, then each row is written as
soon as it is formatted. The column-shrinking rule is rich's (the widest columns give way first,
their cells fold at word boundaries), with one difference: the first column (names) never
shrinks, so a name is never cut. When even that cannot fit, each row becomes a block of
``field value`` lines. The header is bold (the title italic) only when rich would style the
output (a terminal); rich is imported only then.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Row", "screen", "write_table"]

#: Space between two columns: one space of padding each side and a one-space divider.
_GAP = 3
#: Control codes rich drops from text before printing it.
_CONTROL_CODES = dict.fromkeys((7, 8, 11, 12, 13))
_NEEDS_CLEANING = re.compile("[\x07\x08\x0b\x0c\x0d\t]")
_WORD = re.compile(r"\s*\S+\s*")
#: An ANSI colour code, as ``IO.colour`` writes them.
_SGR = re.compile("\x1b\\[[0-9;]*m")
_BOLD = ("\x1b[1m", "\x1b[0m")
_ITALIC = ("\x1b[3m", "\x1b[0m")

Row = tuple[str, ...]


def write_table(
    headers: Sequence[str],
    rows: Sequence[Row],
    out: TextIO,
    *,
    width: int | None = None,
    title: str | None = None,
    drop: Sequence[int] = (),
    dropped_note: str = "",
    atomic: bool = False,
) -> None:
    """A table of ``rows`` under ``headers``, or one block per row when no table can fit.

    ``drop`` lists the columns (by index) that may be left out to make the table fit, the first
    to go first; when some are, a line after the table names them, followed by ``dropped_note``
    (where to see them). The block layout keeps every column. ``atomic``: each line of a cell is
    one value (``3/3 ready``, ``hippo 10.96.0.1``) that is never wrapped, rather than words.
    """
    screen_width, styled = screen(out, width)
    if not _write_table(
        headers,
        rows,
        out,
        screen_width,
        styled,
        title=title,
        drop=drop,
        dropped_note=dropped_note,
        atomic=atomic,
    ):
        if title is not None:
            out.write(f"\n{title}\n")
        _write_records(headers, rows, out, screen_width)


def screen(out: TextIO, width: int | None) -> tuple[int, bool]:
    """(width, styled) as a rich Console on ``out`` would see them."""
    return _screen(out, width)


def _console(out: TextIO, width: int | None) -> Console:
    from rich.console import Console

    return Console(file=out, width=width, highlight=False, soft_wrap=False, markup=False, emoji=False)


def _forced_terminal() -> bool | None:
    """rich's terminal overrides from the environment (``TTY_COMPATIBLE``, ``FORCE_COLOR``), if any."""
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = os.environ.get("FORCE_COLOR")
    return None if force_color is None else force_color != ""


def _screen(out: TextIO, width: int | None) -> tuple[int, bool]:
    """(width, styled) as a rich Console on ``out`` would see them.

    Terminals ask rich itself. For a file or a pipe, rich's rules are simple and followed here
    without importing it: the given width, else ``COLUMNS``, else the size of the terminal on
    stdin/stdout/stderr, else 80 columns; never styled.
    """
    terminal = _forced_terminal()
    if terminal is None:
        isatty = getattr(out, "isatty", None)
        try:
            terminal = bool(isatty()) if isatty is not None else False
        except ValueError:
            terminal = False
    if terminal:
        console = _console(out, width)
        return console.width, console.color_system is not None
    if width is not None:
        return width, False
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns), False
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80, False
        except (AttributeError, ValueError, OSError):
            continue
    return 80, False


# ------------------------------------------------------------------------------------------ layout


def _write_table(
    headers: Sequence[str],
    rows: Sequence[Row],
    out: TextIO,
    width: int,
    styled: bool,
    *,
    title: str | None = None,
    drop: Sequence[int] = (),
    dropped_note: str = "",
    atomic: bool = False,
) -> bool:
    """Write the table and return True, or write nothing and return False when it cannot fit.

    It fits when every column can be as wide as its longest word and the first column as wide as
    its longest line (names are never cut), after leaving out as few of the ``drop`` columns
    (in that order) as needed; a line after the table then says which were left out.
    """
    text: list[Row] = [tuple(headers), *rows]
    if _NEEDS_CLEANING.search("".join(cell for row in rows for cell in row)):
        text = [tuple(_clean(cell) for cell in row) for row in text]
    cell_len = _cell_len_for(text)
    columns = [[cell.split("\n") for cell in column] for column in zip(*text, strict=True)]
    # each cell's widest line, measured once: it decides the layout and pads one-line cells
    sizes = [
        [cell_len(lines[0]) if len(lines) == 1 else max(map(cell_len, lines)) for lines in column]
        for column in columns
    ]
    naturals = [max(column) for column in sizes]
    spare = width - sum(naturals) - _GAP * (len(naturals) - 1)
    longest_words = (
        naturals
        if atomic or spare >= 0  # every column fits whole: its words are never what decides
        else [
            max((cell_len(word) for lines in column for line in lines for word in line.split()), default=0)
            for column in columns
        ]
    )

    def fits(columns: Sequence[int]) -> bool:
        return naturals[0] + sum(longest_words[i] for i in columns[1:]) + _GAP * (len(columns) - 1) <= width

    kept = list(range(len(headers)))
    left_out: list[int] = []
    for index in (None, *drop):
        if index is not None and index in kept and index != 0:
            kept.remove(index)
            left_out.append(index)
        if fits(kept):
            break
    else:
        return False
    for index in reversed(left_out[:-1]):  # a column dropped early may fit beside what is left
        if fits(sorted([*kept, index])):
            kept = sorted([*kept, index])
            left_out.remove(index)
    if left_out:
        columns = [columns[i] for i in kept]
        sizes = [sizes[i] for i in kept]
        naturals = [naturals[i] for i in kept]
        longest_words = [longest_words[i] for i in kept]
    last = len(kept) - 1
    pads = [(0 if index == 0 else 1, 0 if index == last else 1) for index in range(last + 1)]
    # Widths with their padding, as rich counts them; each divider takes one more space.
    widths = [(natural + left + right) or 1 for natural, (left, right) in zip(naturals, pads, strict=True)]
    if sum(widths) > width - last:
        minimums = [
            (longest if index else natural) + left + right
            for index, (natural, longest, (left, right)) in enumerate(
                zip(naturals, longest_words, pads, strict=True)
            )
        ]
        widths = _collapse(widths, [index != 0 for index in range(last + 1)], minimums, width - last)
    inner = [column - left - right for column, (left, right) in zip(widths, pads, strict=True)]
    table_width = sum(widths) + last
    if title is not None:
        out.write(_title_text(title, table_width, styled, cell_len))
    style = _BOLD if styled else None
    header = [column[0] for column in columns]
    out.write(_wrapped_row_text(header, inner, pads, cell_len, style, header=True))
    out.write("\u2500" * table_width + "\n")
    for index in range(1, len(text)):
        cells = [column[index] for column in columns]
        out.write(_row_text(cells, [column[index] for column in sizes], inner, pads, cell_len))
    if left_out:
        names = ", ".join(headers[i] for i in sorted(left_out))
        note = f"(hidden at {width} columns: {names}{'; ' + dropped_note if dropped_note else ''})"
        out.write(_fold_words(note, width, 0) + "\n")
    return True


def _cell_len_for(text: Sequence[Row]) -> Callable[[str], int]:
    """``len`` for ASCII text, else rich's cell width (wide and zero-width characters); colour
    codes (``io.colour``) take no room."""
    measure: Callable[[str], int] = len
    if not all(cell.isascii() for row in text for cell in row):
        from rich.cells import cell_len

        widths: dict[str, int] = {}

        def measure(cell: str) -> int:
            # ASCII is one cell a character; other text is measured once (a table repeats much
            # of it: df's usage bars, status words)
            if cell.isascii():
                return len(cell)
            width = widths.get(cell)
            if width is None:
                width = widths[cell] = cell_len(cell)
            return width

    if any("\x1b" in cell for row in text for cell in row):
        base = measure
        return lambda cell: base(_SGR.sub("", cell))
    return measure


def _clean(cell: str) -> str:
    """What rich prints of a cell: control codes dropped, tabs expanded (to 8)."""
    cell = cell.translate(_CONTROL_CODES)
    if "\t" in cell:
        cell = "\n".join(line.expandtabs(8) for line in cell.split("\n"))
    return cell


def _row_text(
    cells: Sequence[list[str]],
    widest: Sequence[int],
    inner: Sequence[int],
    pads: Sequence[tuple[int, int]],
    cell_len: Callable[[str], int],
) -> str:
    """The lines of one (unstyled) body row, given each cell's widest line: written directly when
    every line fits its column (the common row), else through :func:`_wrapped_row_text`."""
    if all(width <= room for width, room in zip(widest, inner, strict=True)):
        line_widths = [
            [width] if len(lines) == 1 else list(map(cell_len, lines))
            for lines, width in zip(cells, widest, strict=True)
        ]
        return _plain_row_text(cells, line_widths, inner, pads)
    return _wrapped_row_text(cells, inner, pads, cell_len, None)


def _wrapped_row_text(
    cells: Sequence[list[str]],
    inner: Sequence[int],
    pads: Sequence[tuple[int, int]],
    cell_len: Callable[[str], int],
    style: tuple[str, str] | None,
    *,
    header: bool = False,
) -> str:
    """The lines of any row: each cell wrapped to its column and padded; cells align at the top,
    header cells at the bottom (as rich does)."""
    wrapped = [
        _wrap(lines, column_width, cell_len) if max(map(cell_len, lines)) > column_width else lines
        for lines, column_width in zip(cells, inner, strict=True)
    ]
    height = max(map(len, wrapped))
    if header:  # rich aligns header cells at the bottom
        wrapped = [[""] * (height - len(lines)) + lines for lines in wrapped]
    out = []
    for line_index in range(height):
        parts = []
        for lines, column_width, (left, right) in zip(wrapped, inner, pads, strict=True):
            line = lines[line_index] if line_index < len(lines) else ""
            padded = line + " " * (column_width - cell_len(line))
            if style is None:
                parts.append(" " * left + padded + " " * right)
            elif not line:  # a blank line of a cell: one styled run, padding included
                on, off = style
                parts.append(f"{on}{' ' * (left + column_width + right)}{off}")
            else:
                on, off = style
                pad_left = f"{on} {off}" * left
                pad_right = f"{on} {off}" * right
                parts.append(f"{pad_left}{on}{padded}{off}{pad_right}")
        out.append(" ".join(parts))
    return "\n".join(out) + "\n"


def _plain_row_text(
    cells: Sequence[list[str]],
    widths: Sequence[list[int]],
    inner: Sequence[int],
    pads: Sequence[tuple[int, int]],
) -> str:
    """:func:`_row_text` of an unstyled row whose lines all fit their columns (the same text)."""
    columns = list(zip(cells, widths, inner, pads, strict=True))
    if all(len(lines) == 1 for lines in cells):
        return (
            " ".join(
                f"{' ' * left}{lines[0]}{' ' * (column - sizes[0] + right)}"
                for lines, sizes, column, (left, right) in columns
            )
            + "\n"
        )
    height = max(len(lines) for lines in cells)
    rows = []
    for index in range(height):
        rows.append(
            " ".join(
                f"{' ' * left}{lines[index]}{' ' * (column - sizes[index] + right)}"
                if index < len(lines)
                else " " * (left + column + right)
                for lines, sizes, column, (left, right) in columns
            )
        )
    return "\n".join(rows) + "\n"


def _title_text(title: str, table_width: int, styled: bool, cell_len: Callable[[str], int]) -> str:
    """The title above a table, padded to the table's width (a longer title is not wrapped)."""
    title = _clean(title)
    padded = title + " " * (table_width - cell_len(title))
    if styled:
        on, off = _ITALIC
        padded = f"{on}{padded}{off}"
    return padded + "\n"


def _collapse(widths: list[int], wrapable: list[bool], minimums: list[int], max_width: int) -> list[int]:
    """rich's ``Table._collapse_widths`` (the widest columns give way first, down to the next
    widest), except that no column goes below its minimum: the first column's whole text, another
    column's longest word (rich would fold names and words)."""
    total_width = sum(widths)
    excess_width = total_width - max_width
    while excess_width > 0:
        shrinkable = [
            ok and width > minimum for width, ok, minimum in zip(widths, wrapable, minimums, strict=True)
        ]
        if not any(shrinkable):
            break
        max_column = max(width for width, ok in zip(widths, shrinkable, strict=True) if ok)
        second_max_column = max(
            (width for width, ok in zip(widths, wrapable, strict=True) if ok and width < max_column),
            default=0,
        )
        column_difference = max_column - second_max_column
        ratios = [
            1 if (width == max_column and ok) else 0 for width, ok in zip(widths, shrinkable, strict=True)
        ]
        max_reduce = [
            min(excess_width, column_difference, width - minimum)
            for width, minimum in zip(widths, minimums, strict=True)
        ]
        widths = _ratio_reduce(excess_width, ratios, max_reduce, widths)
        total_width = sum(widths)
        excess_width = total_width - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich's ``_ratio.ratio_reduce``."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    total_remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total_remaining / total_ratio))
            result.append(value - distributed)
            total_remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _wrap(lines: list[str], width: int, cell_len: Callable[[str], int]) -> list[str]:
    """rich's word wrap of a cell (``Text.wrap`` with fold overflow): words move to the next line,
    a word longer than the line is folded."""
    wrapped = []
    for line in lines:
        breaks = _divide_line(line, width, cell_len)
        for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
            piece = line[start:end]
            if len(piece) > width:  # rich's rstrip_end: drop trailing blanks beyond the width
                blanks = len(piece) - len(piece.rstrip())
                piece = piece[: len(piece) - min(blanks, len(piece) - width)]
            if cell_len(piece) > width:
                piece = _chop(piece, width, cell_len)[0]
            wrapped.append(piece)
    return wrapped


def _chop(text: str, width: int, cell_len: Callable[[str], int]) -> list[str]:
    if cell_len is len:
        return [text[index : index + width] for index in range(0, len(text), width)] or [""]
    from rich.cells import chop_cells

    return chop_cells(text, width)


def _divide_line(text: str, width: int, cell_len: Callable[[str], int]) -> list[int]:
    """rich's ``_wrap.divide_line``: the offsets at which ``text`` breaks into lines of ``width``."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start = match.start()
        word = match.group(0)
        word_length = cell_len(word.rstrip())
        if width - offset >= word_length:
            offset += cell_len(word)
        elif word_length > width:
            folded = _chop(word, width, cell_len)
            for index, piece in enumerate(folded):
                if start:
                    breaks.append(start)
                if index == len(folded) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _write_records(headers: Sequence[str], rows: Sequence[Row], out: TextIO, width: int = 80) -> None:
    """The narrow-terminal layout: the first cell on its own line, then one field per line.

    A field's lines (a cell's items) line up after its label and wrap between words, never
    inside one: when a word cannot fit after the label, the field's lines go below it, indented
    less (or not at all for a word as long as the line).
    """
    label_width = max(len(header) for header in headers[1:])
    indent = 2 + label_width + 1
    for row in rows:
        parts = [f"{row[0]}\n"]
        for header, value in zip(headers[1:], row[1:], strict=True):
            items = _clean(value).split("\n") if _NEEDS_CLEANING.search(value) else value.split("\n")
            label = f"  {header.lower():<{label_width}} "
            if all(_longest_word(item) <= width - indent for item in items):
                lines = [_fold_words(item, width, indent) for item in items]
                parts.append(label + "\n".join(lines).lstrip(" ") + "\n")
            else:
                parts.append(label.rstrip() + "\n")
                parts.extend(_fold_words(item, width, 4) + "\n" for item in items)
        out.write("".join(parts))


def _longest_word(text: str) -> int:
    cell_len = _cell_len_for([(text,)])
    return max((cell_len(word) for word in text.split()), default=0)


def _fold_words(text: str, width: int, indent: int) -> str:
    """``text`` in lines of at most ``width`` columns, each indented by ``indent`` spaces, broken
    between words only; a word too long for an indented line starts its own line unindented."""
    cell_len = _cell_len_for([(text,)])
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
            continue
        if line:
            lines.append(line)
        line = " " * indent + word if indent + cell_len(word) <= width else word
    lines.append(line or " " * indent)
    return "\n".join(lines)
