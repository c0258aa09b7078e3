"""The terminal table engine (pgo_cli/output/table.py) at every width from 20 to 200 columns: no
value is ever cut inside a word, whatever layout the width leads to (a table, a table with columns
left out, or one block per row)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgo_cli.output.table import write_table

HEADERS = ("NAME", "ADDRESS", "VOLUMES", "LABELS", "NOTE")
ROWS = [
    (
        "rhino-with-a-long-name",
        "rhino-with-a-long-name-replica 10.96.16.36",
        "3 x 1G\n1 x 20Gi",
        "env=prod\npgouser=admin\nteam=accounting-and-finance",
        "a free text note that may wrap between its words",
    ),
    ("hippo", "hippo 10.96.198.29", "-", "-", "short"),
    (
        "x",
        "registry.developers.crunchydata.com/crunchydata/crunchy-postgres-ha:centos8-13.5-4.7.4",
        "1 x 1G",
        "a=b",
        "",
    ),
]
WORDS = {word for row in ROWS for cell in row for word in cell.split()}


def _render(width: int, **options: object) -> str:
    out = io.StringIO()
    write_table(HEADERS, ROWS, out, width=width, **options)  # type: ignore[arg-type]
    return out.getvalue()


def _check_no_word_cut(text: str, width: int) -> None:
    lines = text.splitlines()
    for line in lines:
        if len(line) > width:
            # only a word longer than the screen may pass it, alone on its line
            assert line.split() == [line] and line in WORDS and len(line) > width, (width, line)
    shown = {word for line in lines for word in line.split()}
    note = text.partition("(hidden at ")[2]
    hidden = {header for header in HEADERS if header in note}
    for row in ROWS:
        for header, cell in zip(HEADERS, row, strict=True):
            if header in hidden:
                continue
            for word in cell.split():
                assert word in shown, (width, header, word)


@pytest.mark.parametrize("width", range(20, 201, 3))
@pytest.mark.parametrize(
    "options",
    [{}, {"atomic": True}, {"drop": (4, 3, 1)}, {"drop": (4, 3, 1), "atomic": True}],
    ids=["words", "atomic", "drop", "drop-atomic"],
)
def test_no_value_is_cut_inside_a_word_at_any_width(width: int, options: dict[str, object]) -> None:
    _check_no_word_cut(_render(width, **options), width)


@pytest.mark.parametrize("width", [20, 40, 60])
def test_blocks_keep_a_cells_values_one_per_line(width: int) -> None:
    text = _render(width)
    assert "(hidden" not in text and "─" not in text  # too narrow for a table: blocks
    assert "  labels  env=prod\n" in text or "  labels\n    env=prod\n" in text
    assert re.search(r"\n +pgouser=admin\n", text)
    # the IP stays on the line of its service when they fit together
    if width >= 60:
        assert "rhino-with-a-long-name-replica 10.96.16.36" in text


def test_columns_give_way_in_the_order_given_and_are_named() -> None:
    text = _render(130, drop=(4, 3), atomic=True, dropped_note="-o wide shows all")
    assert text.splitlines()[0].split() == ["NAME", "ADDRESS", "VOLUMES"]
    assert text.endswith("(hidden at 130 columns: LABELS, NOTE; -o wide shows all)\n")
    # a column dropped first comes back when a later one had to go anyway and it fits
    narrow = _render(115, drop=(3, 1), atomic=True)
    assert narrow.splitlines()[0].split() == ["NAME", "VOLUMES", "LABELS", "NOTE"]
    assert narrow.endswith("(hidden at 115 columns: ADDRESS)\n")
    # nothing to drop that makes it fit: blocks, every column kept
    assert "(hidden" not in _render(60, drop=(4,), atomic=True)


def test_atomic_cells_are_never_wrapped() -> None:
    text = _render(200, atomic=True)
    assert "team=accounting-and-finance" in text
    assert "a free text note that may wrap between its words" in text
    words = _render(150)  # words mode may wrap the free text column, between words
    _check_no_word_cut(words, 150)


def test_colour_codes_take_no_room() -> None:
    out = io.StringIO()
    rows = [("a", "\x1b[32m4%\x1b[0m"), ("bb", "\x1b[31m90%\x1b[0m")]
    write_table(("N", "USE"), rows, out, width=40, atomic=True)
    lines = out.getvalue().splitlines()
    assert lines[0] == "N    USE"
    assert lines[2] == "a    \x1b[32m4%\x1b[0m "


_LINE = st.text(st.sampled_from("ab █░é漢\x1b[31m"), max_size=6)


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.lists(_LINE, min_size=1, max_size=3),
            st.integers(0, 8),
            st.tuples(st.integers(0, 1), st.integers(0, 1)),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_a_row_that_fits_is_written_as_the_general_path_writes_it(
    columns: list[tuple[list[str], int, tuple[int, int]]],
) -> None:
    from pgo_cli.output import table

    cells = [lines for lines, _, _ in columns]
    pads = [pad for _, _, pad in columns]
    measure = table._cell_len_for([tuple("\n".join(lines) for lines in cells)])
    inner = [max(measure(line) for line in lines) + extra for lines, extra, _ in columns]
    widest = [max(measure(line) for line in lines) for lines in cells]
    fast = table._row_text(cells, widest, inner, pads, measure)
    assert fast == table._wrapped_row_text(cells, inner, pads, measure, None)
