"""Every help screen — ``pgo --help``, a group's (``pgo create --help``), a leaf's — in one look.

The look is the panels typer draws with rich (``╭─ Options ─╮`` boxes, the same colours on a
terminal), drawn here with plain strings: ``pgo --help`` must stay as fast as a bare click app,
and importing rich alone costs more than the rest of the start-up. Colour only when standard
output is a terminal and ``NO_COLOR`` is not set (https://no-color.org); piped, the same boxes in
plain text.

Help texts are written as click expects them: paragraphs separated by a blank line, prose lines
joined and wrapped to the terminal, indented lines (examples) kept as written.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pgo_cli.cli.io import IO

# typer's rich theme (typer/rich_utils.py), as ANSI SGR codes.
_OPTION = "1;36"  # bold cyan: --long-flag, command names
_SWITCH = "1;32"  # bold green: -s
_METAVAR = "1;33"  # bold yellow: FORMAT, CLUSTER
_USAGE = "33"  # yellow: "Usage:"
_BOLD = "1"
_DIM = "2"

#: A table cell: its text and its colour (``""``: none).
Cell = tuple[str, str]
#: Extra panels a command shows after its own (the root's exit codes): title and rows.
Panels = Sequence[tuple[str, Sequence[Sequence[Cell]]]]

_FLAG_WORD = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_MIN_TEXT = 24  # narrower than this, a row's text goes below its names


class _Paint:
    """Colours text, or not (off a terminal, with ``NO_COLOR``)."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, code: str) -> str:
        if not (self.on and code and text.strip()):
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def flags(self, text: str, base: str = "") -> str:
        """``text`` with the flags it names highlighted, as typer's highlighter does."""
        if not self.on:
            return text
        parts = _FLAG_WORD.split(text)
        return "".join(
            self(part, _SWITCH if not part.startswith("--") else _OPTION) if i % 2 else self(part, base)
            for i, part in enumerate(parts)
        )


def colour_wanted(io: IO) -> bool:
    """Colour for help on ``io``: a terminal, ``NO_COLOR`` unset, not ``TERM=dumb``."""
    return io.stdout_tty and not io.environ.get("NO_COLOR") and io.environ.get("TERM") != "dumb"


def render(command: click.Command, ctx: click.Context, *, width: int, colour: bool) -> str:
    """The help screen of ``command`` (invoked as ``ctx.command_path``), ``width`` columns wide."""
    paint = _Paint(colour)
    width = max(width, 40)
    out: list[str] = ["", " " + _usage(command, ctx, paint), ""]
    first, rest = _paragraphs(command.help or "")
    if first:
        out += [" " + paint.flags(line) for line in _prose(first, width - 2)]
        out.append("")
    for paragraph in rest:
        out += [" " + paint.flags(line, _DIM) for line in _block(paragraph, width - 2)]
        out.append("")
    shown: list[tuple[str, Sequence[Sequence[Cell]]]] = list(_param_panels(command, ctx))
    if isinstance(command, click.Group):
        listed = [[(name, _OPTION), (summary, "")] for name, summary in _command_rows(command, ctx)]
        if listed:
            shown.append(("Commands", listed))
    extra: Panels = getattr(command, "pgo_panels", ())
    shown.extend(extra)
    for title, rows in shown:
        out += _panel(title, rows, width, paint)
    if command.epilog:
        out.append("")
        out += [" " + paint(line, _DIM) for line in _prose(command.epilog, width - 2)]
    return "\n".join(out) + "\n"


def _usage(command: click.Command, ctx: click.Context, paint: _Paint) -> str:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    return f"{paint('Usage:', _USAGE)} {paint(ctx.command_path, _BOLD)} {paint(pieces, _BOLD)}".rstrip()


def _paragraphs(text: str) -> tuple[str, list[str]]:
    text = inspect.cleandoc(text).partition("\f")[0]
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if not paragraphs:
        return "", []
    return paragraphs[0], paragraphs[1:]


def _prose(text: str, width: int, *, cut: bool = False) -> list[str]:
    words = " ".join(text.split())
    return textwrap.wrap(words, width, break_on_hyphens=False, break_long_words=cut) or [""]


def _block(paragraph: str, width: int) -> list[str]:
    """One paragraph: prose lines joined and wrapped, indented lines (examples) as written."""
    if paragraph.startswith("\b"):
        return paragraph[1:].strip("\n").splitlines()
    lines: list[str] = []
    prose: list[str] = []
    for line in paragraph.splitlines():
        if line[:1].isspace():
            if prose:
                lines += _prose(" ".join(prose), width)
                prose = []
            lines.append(line.rstrip())
        else:
            prose.append(line)
    if prose:
        lines += _prose(" ".join(prose), width)
    return lines


def _param_panels(command: click.Command, ctx: click.Context) -> list[tuple[str, list[list[Cell]]]]:
    panels: dict[str, list[list[Cell]]] = {"Arguments": [], "Options": []}
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if isinstance(param, click.Argument):
            about = " ".join((getattr(param, "help", None) or "").split())
            panels["Arguments"].append([(param.make_metavar(ctx), _METAVAR), ("", ""), ("", ""), (about, "")])
            continue
        if not isinstance(param, click.Option):
            continue
        title = getattr(param, "rich_help_panel", None) or "Options"
        longs = ",".join(name for name in (*param.opts, *param.secondary_opts) if name.startswith("--"))
        shorts = ",".join(name for name in (*param.opts, *param.secondary_opts) if not name.startswith("--"))
        metavar = "" if param.is_flag else param.make_metavar(ctx)
        panels.setdefault(title, []).append(
            [(longs, _OPTION), (shorts, _SWITCH), (metavar, _METAVAR), (_option_help(param, ctx), "")]
        )
    return [(title, rows) for title, rows in panels.items() if rows]


def _option_help(option: click.Option, ctx: click.Context) -> str:
    text = " ".join((option.help or "").split())
    default = option.default
    if option.show_default and default not in (None, "", (), False) and not callable(default):
        shown = str(default)
        if shown not in text:
            text += f" [default: {shown}]"
    return text


def _command_rows(group: click.Group, ctx: click.Context) -> list[tuple[str, str]]:
    rows = getattr(group, "command_rows", None)
    if callable(rows):
        found: list[tuple[str, str]] = rows(ctx)
        return found
    listed = []
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            listed.append((name, sub.get_short_help_str(limit=200)))
    return listed


def _panel(title: str, rows: Sequence[Sequence[Cell]], width: int, paint: _Paint) -> list[str]:
    """A titled box around a table whose last column wraps to the width left."""
    inner = width - 4
    columns = len(rows[0])
    widths = [max(len(row[i][0]) for row in rows) for i in range(columns - 1)]
    shown = [i for i, w in enumerate(widths) if w]  # empty columns take no room
    used = sum(widths[i] for i in shown) + 2 * len(shown)
    text_width = inner - used
    body: list[str] = []
    for row in rows:
        names = "  ".join(paint(row[i][0].ljust(widths[i]), row[i][1]) for i in shown)
        text, code = row[-1]
        longest = max((len(word) for word in text.split()), default=0)
        if text_width >= max(_MIN_TEXT, longest):
            for n, line in enumerate(_prose(text, text_width) if text else [""]):
                lead = names + "  " if n == 0 else " " * used
                body.append(lead + paint.flags(line, code))
        else:
            body.append(names.rstrip())
            # The text below its names, on the panel's whole width (a word wider than that is cut).
            for line in _prose(text, inner - 4, cut=longest > inner - 4) if text else []:
                body.append("    " + paint.flags(line, code))
    top = f"╭─ {title} " + "─" * max(width - len(title) - 5, 0) + "╮"
    bottom = "╰" + "─" * (width - 2) + "╯"
    side = paint("│", _DIM)
    lines = [paint(top, _DIM)]
    for line in body:
        visible = len(_strip(line))
        lines.append(f"{side} {line}{' ' * max(inner - visible, 0)} {side}")
    lines.append(paint(bottom, _DIM))
    return lines


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _strip(text: str) -> str:
    return _ANSI.sub("", text)


def show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The ``--help`` callback of every command: the screen on the boundary's stdout, exit 0."""
    if not value or ctx.resilient_parsing:
        return
    from pgo_cli.cli.runtime import context_io

    io = context_io(ctx)
    io.stdout.write(screen(ctx, io))
    io.stdout.flush()
    ctx.exit(0)


def screen(ctx: click.Context, io: IO) -> str:
    """The help of ``ctx``'s command as ``io`` shows it (its width, colour when it may)."""
    return render(ctx.command, ctx, width=io.width, colour=colour_wanted(io))


class HelpScreens:
    """Mixin for click commands and groups: ``--help`` (and ``get_help``) draw :func:`render`."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from pgo_cli.cli.runtime import context_io

        formatter.write(screen(ctx, context_io(ctx)))

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option: click.Option | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = show_help
        return option
