"""The command registry: each leaf command of pgo is one declarative :class:`Command`.

A noun's ``commands`` module (any module of a ``pgo_cli.nouns.<noun>`` package) lists its leaf
commands in ``COMMANDS``. A :class:`Command` says everything the generic runner
(:mod:`pgo_cli.cli.runner`) needs: the path (``("update", "cluster")``), the flags (pflag semantics,
as :class:`~pgo_cli.cli.flagspec.Flag` data), the positional arguments and what they complete, a
pure ``plan`` function from the parsed invocation to the request(s), pgo's text renderer, an
optional terminal table, and whether the command writes and asks before doing so.

From the registry come the click tree (lazily: :mod:`pgo_cli.cli.index` names the module of each
path, so ``pgo version`` imports no other noun), ``--help``, the completions, ``docs/flags.md``,
the README's command table and the cross-cutting test matrices.

Commands written before the registry are :class:`ClickCommand` entries: a factory returning a
hand-built click command (create/show/delete cluster, version, completion).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from pgo_cli.cli.flagspec import Flag
from pgo_cli.wire.endpoint import Endpoint

if TYPE_CHECKING:
    import click

    from pgo_cli.cli.runner import Invocation, Reply

#: The flag every prompting command carries (pgo's ``--no-prompt``; ``--yes`` as an alias).
NO_PROMPT = Flag(
    "no-prompt",
    "bool",
    "Do not ask for confirmation (required when standard input is not a terminal).",
    extra_names=("yes",),
)

#: Added to every command whose pgo flags have no ``--output``.
OUTPUT = Flag(
    "output",
    "string",
    "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default, "
    "where the command has one), wide (the table with every column).",
    short="o",
    metavar="FORMAT",
)

#: Added to every command that has a terminal table (kubectl's ``-o wide`` as a flag).
WIDE = Flag("wide", "bool", "On a terminal, the table with every column (the same as -o wide).")

#: Added to every command that sends something, unless pgo itself has a ``--dry-run``.
DRY_RUN = Flag(
    "dry-run", "bool", "Send nothing: print the request(s) as curl commands (or JSON with -o json)."
)


@dataclass(frozen=True)
class Args:
    """The positional arguments of a command.

    ``count``: ``"any"`` (zero or more), ``"some"`` (at least one), ``"one"`` (exactly one),
    ``"optional"`` (zero or one), ``"none"``. ``completes`` names what TAB offers (``cluster``).
    """

    metavar: str = "NAME"
    count: str = "any"
    completes: str | None = None

    @property
    def nargs(self) -> int:
        return {"any": -1, "some": -1, "one": 1, "optional": 1, "none": 0}[self.count]


@dataclass
class Call:
    """One request of a plan: the endpoint, its body (a message dataclass), path and query values."""

    endpoint: Endpoint
    request: Any = None
    path: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    #: What this call acts on (a cluster name …), for the caller's renderers and hints.
    target: str = ""


@dataclass
class Plan:
    """What a command will do, worked out before anything is sent.

    ``prompt`` is pgo's question (None: none is asked), ``warnings`` are the lines pgo prints before
    it; ``check`` tells the user how to see whether a write that may have reached the server was
    applied. With ``stop_on_error`` the calls stop at the first refused one (pgo's ``scale``).
    """

    calls: list[Call]
    prompt: str | None = None
    warnings: Sequence[str] = ()
    check: str | None = None
    stop_on_error: bool = False
    #: Lines written to stdout when the plan has no call at all (pgo's ``No clusters found.``).
    nothing: str | None = None


@dataclass(frozen=True)
class Waiting:
    """What ``--wait`` polls: the probe, what the operation is, and how to check it by hand."""

    probe: Callable[[], Any]
    what: str
    check: str


TextRenderer = Callable[["Reply", "Invocation", TextIO], None]
TableRenderer = Callable[[Sequence["Reply"], "Invocation", TextIO], None]


@dataclass(frozen=True)
class Command:
    """One leaf command of pgo, described as data."""

    path: tuple[str, ...]
    summary: str
    help: str
    flags: tuple[Flag, ...]
    plan: Callable[[Invocation], Plan]
    text: TextRenderer
    args: Args = Args(count="none")
    table: TableRenderer | None = None
    writes: bool = False
    #: Whether the command can ask (the plan decides when); needs :data:`NO_PROMPT` in ``flags``.
    prompts: bool = False
    #: pgo's own ``--dry-run`` (sent to the server) replaces ours on ``apply`` and ``label``.
    client_dry_run: bool = True
    #: Render refused answers too, after their Error line (pgo prints ``reload``'s Results anyway).
    text_on_error: bool = False
    #: Exit status when the user answers no (pgo exits 2 for scale and scaledown).
    declined_exit: int = 0
    #: Written after the answers when every call succeeded and the text renderer wrote nothing.
    empty_text: str | None = None
    #: Rewrites a refusal's ``Msg`` before it is printed (pgo's ``failover`` strips ``Error: ``).
    error_text: Callable[[str], str] | None = None
    #: The failures inside an accepted answer (per-cluster rows with ``Error: true`` …): each is
    #: one ``Error:`` line on stderr after the output, and the command exits 1, in every format.
    problems: Callable[[Reply], Sequence[str]] | None = None
    #: ``--wait``: given the invocation and the accepted answers, the probe that polls until the
    #: operation has visibly finished, what it is (``hippo: create``) and how to check by hand.
    wait: Callable[[Invocation, Sequence[Reply]], Waiting] | None = None
    #: Arguments after the path for a typical run that sends requests (the cross-cutting test
    #: matrices run it); by default a cluster name when the command takes names, plus
    #: ``--no-prompt`` when it prompts.
    example: tuple[str, ...] | None = None

    @property
    def name(self) -> str:
        return self.path[-1]

    def all_flags(self) -> tuple[Flag, ...]:
        """pgo's flags plus the ones every command of this kind gets (``-o``, ``--dry-run``)."""
        names = {flag.name for flag in self.flags}
        extra: list[Flag] = []
        if "output" not in names:
            extra.append(OUTPUT)
        if self.table is not None and "wide" not in names:
            extra.append(WIDE)
        if self.client_dry_run and "dry-run" not in names:
            extra.append(DRY_RUN)
        if self.wait is not None:
            from pgo_cli.cli.wait import WAIT_FLAGS

            extra.extend(WAIT_FLAGS)
        return (*self.flags, *extra)

    def example_args(self) -> tuple[str, ...]:
        """``example``, or the default one (see there)."""
        if self.example is not None:
            return self.example
        args: tuple[str, ...] = ("hippo",) if self.args.count != "none" else ()
        return (*args, "--no-prompt") if self.prompts else args

    def formats(self) -> tuple[str, ...]:
        """The ``-o`` values this command accepts."""
        return ("table", "wide", "pgo", "json") if self.table is not None else ("pgo", "json")


@dataclass(frozen=True)
class ClickCommand:
    """A command built by hand on click (those that predate the registry)."""

    path: tuple[str, ...]
    summary: str
    factory: Callable[[], click.Command]
    completes: str | None = None


Entry = Command | ClickCommand


def noun_modules() -> Iterator[str]:
    """Every module below ``pgo_cli.nouns`` (imports the noun packages, not their modules)."""
    import importlib
    import pkgutil

    import pgo_cli.nouns

    for noun in sorted(pkgutil.iter_modules(pgo_cli.nouns.__path__), key=lambda m: m.name):
        if not noun.ispkg:
            continue
        package = importlib.import_module(f"pgo_cli.nouns.{noun.name}")
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            yield f"pgo_cli.nouns.{noun.name}.{module.name}"


#: Whether :func:`discover` raises when a noun module fails to import (the tests' setting); the
#: generator run by hand warns and skips it, so one half-written noun does not block the others.
STRICT = True


def discover(attribute: str) -> Iterator[tuple[str, Any]]:
    """``(module, value)`` for each noun module defining ``attribute`` (imports them all)."""
    import importlib
    import sys

    for name in noun_modules():
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            if STRICT:
                raise
            sys.stderr.write(f"warning: skipping {name}: {type(exc).__name__}: {exc}\n")
            continue
        value = getattr(module, attribute, None)
        if value is not None:
            yield name, value


def all_entries() -> list[tuple[str, Entry]]:
    """Every registered command with its module, sorted by path (imports every noun)."""
    found: list[tuple[str, Entry]] = []
    for module, entries in discover("COMMANDS"):
        found.extend((module, entry) for entry in entries)
    paths = [entry.path for _, entry in found]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise RuntimeError(f"commands registered twice: {duplicates}")
    return sorted(found, key=lambda item: item[1].path)


INDEX_FILE = "index.py"


def render_index() -> str:
    """The text of :mod:`pgo_cli.cli.index`, generated from the registry."""
    entries = all_entries()
    bool_flags: set[str] = set()
    lines = [
        '"""Generated by `python -m pgo_cli.cli.registry --write` from the registry: do not edit.',
        "",
        "Which module defines each command path (so that a command imports only its own noun), the",
        "one-line summaries for ``--help``, every boolean flag name (for pflag's ``--flag=false``) and",
        "the emulator modules with handlers.",
        '"""',
        "",
        "COMMANDS: dict[tuple[str, ...], tuple[str, str]] = {",
    ]
    for module, entry in entries:
        # One element per line with a trailing comma: ruff's formatter keeps that layout whatever the lengths.
        lines += [
            f"    {_lit(entry.path)}: (",
            f"        {_lit(module)},",
            f"        {_lit(entry.summary)},",
            "    ),",
        ]
        if isinstance(entry, Command):
            bool_flags.update(flag.name for flag in entry.all_flags() if flag.kind == "bool")
            bool_flags.update(
                name for flag in entry.all_flags() if flag.kind == "bool" for name in flag.extra_names
            )
        else:
            bool_flags.update(_click_bool_flags(entry))
    lines.append("}")
    lines.append("")
    lines.append("BOOL_FLAGS: frozenset[str] = frozenset(")
    lines.append("    {")
    lines.extend(f"        {_lit(name)}," for name in sorted(bool_flags))
    lines.append("    }")
    lines.append(")")
    lines.append("")
    handlers = [module for module, _ in discover("HANDLERS")]
    if handlers:
        lines.append("EMULATOR_MODULES: tuple[str, ...] = (")
        lines.extend(f"    {_lit(module)}," for module in handlers)
        lines.append(")")
    else:
        lines.append("EMULATOR_MODULES: tuple[str, ...] = ()")
    return "\n".join(lines) + "\n"


def _lit(value: Any) -> str:
    """A Python literal as ruff's formatter writes it (double quotes)."""
    import json

    if isinstance(value, tuple):
        inner = ", ".join(_lit(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return json.dumps(value, ensure_ascii=False)


def _click_bool_flags(entry: ClickCommand) -> set[str]:
    import click

    from pgo_cli.cli.flagspec import FALSE_SUFFIX

    names: set[str] = set()
    for param in entry.factory().params:
        if isinstance(param, click.Option) and param.is_flag:
            names.update(
                opt[2:] for opt in param.opts if opt.startswith("--") and not opt.endswith(FALSE_SUFFIX)
            )
    return names


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pgo_cli.cli.registry [--write] [--strict]``: print or rewrite the generated index."""
    import sys
    from pathlib import Path

    global STRICT
    args = list(sys.argv[1:] if argv is None else argv)
    STRICT = "--strict" in args
    text = render_index()
    if "--write" in args:
        target = Path(__file__).with_name(INDEX_FILE)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text)
        temporary.replace(target)
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    # Run the imported module's main: the classes of this __main__ copy are not the registry's.
    from pgo_cli.cli import registry

    raise SystemExit(registry.main())
