"""Flags described once, as data.

A :class:`Flag` names a pgo flag (long name, short form, pflag type, default, help, the request
field it fills and how). The same description builds the click option, the request body, the
README table and the shell completions, so they cannot drift apart.

pgo is built on cobra/pflag, whose booleans also accept ``--flag=true|false`` and whose
``stringSlice`` flags split every occurrence as one CSV record. :func:`normalize_bool_args` and
:func:`split_slice` reproduce those two rules on top of click.
"""

from __future__ import annotations

import csv
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import click

from pgo_cli.errors import UsageError
from pgo_cli.wire.gojson import parse_go_bool

FlagKind = Literal["string", "bool", "int", "int32", "stringSlice"]

#: Suffix of the hidden spelling that sets a boolean flag to false (``--metrics=false``).
FALSE_SUFFIX = ":false"


_INT_BOUNDS = {"int": (-(2**63), 2**63 - 1), "int32": (-(2**31), 2**31 - 1)}


@dataclass(frozen=True)
class Flag:
    """One command-line flag of pgo.

    ``field`` is the request key it fills (dotted for nested objects, e.g. ``annotations.global``);
    ``transform`` names the rule applied on the way (documented in the README), ``None`` for a
    plain copy. ``env`` is the environment fallback (global flags only). ``completes`` tells the
    completion generator what a value is (``file``, ``cluster``, or a kind of ``pgo __complete``:
    ``namespace``, ``pgouser``, ``policy``, ``context`` …), or a choice list in ``choices``.
    """

    name: str
    kind: FlagKind
    help: str
    short: str | None = None
    default: Any = None
    field: str | None = None
    transform: str | None = None
    env: str | None = None
    hidden: bool = False
    deprecated: str | None = None
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    completes: str | None = None
    panel: str | None = None
    extra_names: tuple[str, ...] = ()

    @property
    def dest(self) -> str:
        """The Python identifier click stores the value under."""
        return self.name.replace("-", "_")

    @property
    def zero(self) -> Any:
        """The value when the flag is absent (pflag's default)."""
        if self.default is not None:
            return self.default
        return {"string": "", "bool": False, "int": 0, "int32": 0, "stringSlice": []}[self.kind]

    @property
    def takes_value(self) -> bool:
        return self.kind != "bool"

    def spellings(self) -> list[str]:
        """Every way to write the flag on a command line (long first)."""
        names = [f"--{self.name}", *(f"--{n}" for n in self.extra_names)]
        if self.short:
            names.append(f"-{self.short}")
        return names

    def option(self, *, expose_value: bool = True, callback: Any = None) -> click.Option:
        """Build the click option for this flag (:func:`flag_of` finds this description again)."""
        option = self._option(expose_value, callback)
        _SPECS[option] = self
        return option

    def _option(self, expose_value: bool, callback: Any) -> click.Option:
        decls = [*self.spellings()]
        common: dict[str, Any] = {
            "help": self.help,
            "hidden": self.hidden,
            "expose_value": expose_value,
            "callback": callback,
            "rich_help_panel": self.panel,
        }
        if self.kind == "bool":
            return _CobraBoolOption(param_decls=decls, is_flag=True, default=bool(self.zero), **common)
        if self.kind == "stringSlice":
            return PanelOption(
                param_decls=decls, multiple=True, default=(), metavar=self.metavar or "strings", **common
            )
        if self.kind in ("int", "int32"):
            return PanelOption(
                param_decls=decls,
                type=_GoInt(self.kind, self.name),
                default=self.zero,
                metavar=self.metavar or self.kind,
                show_default=bool(self.zero),
                **common,
            )
        show_default: bool | str = bool(self.zero)
        return PanelOption(
            param_decls=decls,
            type=str,
            default=self.zero,
            metavar=self.metavar or "string",
            show_default=show_default,
            **common,
        )


class PanelOption(click.Option):
    """A click option that names the help panel it is listed under (``rich_help_panel``: the
    attribute typer's classes use, which :mod:`pgo_cli.cli.helpview` reads). Plain click, not
    typer's ``TyperOption``: the help is drawn by helpview, and importing typer cost every
    ``pgo`` run ~15 ms."""

    def __init__(self, *args: Any, rich_help_panel: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rich_help_panel = rich_help_panel


#: The description each option was built from (for the completion generator, which walks the tree).
_SPECS: weakref.WeakKeyDictionary[click.Parameter, Flag] = weakref.WeakKeyDictionary()


def flag_of(param: click.Parameter) -> Flag | None:
    """The :class:`Flag` a click option was built from, or None (e.g. click's own options)."""
    return _SPECS.get(param)


class _CobraBoolOption(PanelOption):
    """A boolean flag that also accepts the hidden ``--flag:false`` spelling.

    :func:`normalize_bool_args` rewrites pflag's ``--flag=false`` into it before click parses, so
    help shows just ``--flag`` while scripts written for pgo keep working.
    """

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        super().add_to_parser(parser, ctx)
        false_opts = [f"{opt}{FALSE_SUFFIX}" for opt in self.opts if opt.startswith("--")]
        parser.add_option(obj=self, opts=false_opts, dest=self.name, action="store_const", const=False)


class _GoInt(click.ParamType):  # type: ignore[type-arg]
    """An integer parsed like pflag's int/int32, with pflag's error text."""

    name = "integer"

    def __init__(self, kind: str, flag: str) -> None:
        self.kind = kind
        self.flag = flag

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            number = int(value, 0) if str(value).strip() == str(value) else int("x")
        except ValueError:
            self.fail(
                f'invalid argument "{value}" for "--{self.flag}" flag: '
                f'strconv.ParseInt: parsing "{value}": invalid syntax',
                param,
                ctx,
            )
        low, high = _INT_BOUNDS[self.kind]
        if not low <= number <= high:
            self.fail(
                f'invalid argument "{value}" for "--{self.flag}" flag: '
                f'strconv.ParseInt: parsing "{value}": value out of range',
                param,
                ctx,
            )
        return number


def normalize_bool_args(argv: Sequence[str], bool_flags: Iterable[str]) -> list[str]:
    """Rewrite pflag's ``--flag=VALUE`` for boolean flags into what click understands.

    ``--flag=true`` becomes ``--flag`` and ``--flag=false`` becomes ``--flag:false``; a value Go's
    ParseBool refuses is a usage error worded as pflag words it. Arguments after ``--`` are left
    alone.
    """
    names = set(bool_flags)
    result: list[str] = []
    for index, arg in enumerate(argv):
        if arg == "--":
            result.extend(argv[index:])
            break
        if arg.startswith("--") and "=" in arg:
            opt, _, value = arg.partition("=")
            if opt[2:] in names:
                parsed = parse_go_bool(value)
                if parsed is None:
                    raise UsageError(
                        f'invalid argument "{value}" for "{opt}" flag: '
                        f'strconv.ParseBool: parsing "{value}": invalid syntax'
                    )
                result.append(opt if parsed else opt + FALSE_SUFFIX)
                continue
        result.append(arg)
    return result


def shorthand_values(
    args: Sequence[str], params: Iterable[click.Parameter], *, until_command: bool = False
) -> list[str]:
    """pflag's ``-X=VALUE`` for a shorthand (``-n=pgo``, ``-o=json``): click would read ``=pgo``.

    A value-taking shorthand becomes ``-X VALUE``; a boolean one is set by Go's ParseBool of VALUE
    (pflag's ``-d=false``). An argument that is the value of the option before it is left alone
    (``--password -n=x`` sets that password), and so is everything after ``--``. A group
    (``until_command``) stops at its subcommand's name: what follows is the subcommand's to parse.
    """
    shorts: dict[str, click.Option] = {}
    longs: dict[str, click.Option] = {}
    for param in params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                (longs if opt.startswith("--") else shorts)[opt] = param
    result: list[str] = []
    value_next = False
    for index, arg in enumerate(args):
        if value_next:
            result.append(arg)
            value_next = False
            continue
        if arg == "--" or (until_command and not arg.startswith("-")):
            result.extend(args[index:])
            break
        option = shorts.get(arg[:2]) if len(arg) > 2 and arg[2] == "=" and arg[1] != "-" else None
        if option is None:
            result.append(arg)
            taker = longs.get(arg) if arg.startswith("--") else shorts.get(arg)
            value_next = taker is not None and not taker.is_flag
            continue
        value = arg[3:]
        if not option.is_flag:
            result.extend([arg[:2], value])
            continue
        parsed = parse_go_bool(value)
        long_name = next((opt for opt in option.opts if opt.startswith("--")), arg[:2])
        if parsed is None:
            raise UsageError(
                f'invalid argument "{value}" for "{arg[:2]}, {long_name}" flag: '
                f'strconv.ParseBool: parsing "{value}": invalid syntax'
            )
        result.append(arg[:2] if parsed else long_name + FALSE_SUFFIX)
    return result


class PflagShorthands:
    """Mixin for click commands and groups: :func:`shorthand_values` before click parses."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        command: Any = self
        rewritten = shorthand_values(
            args, command.get_params(ctx), until_command=isinstance(self, click.Group)
        )
        parsed: list[str] = super().parse_args(ctx, rewritten)  # type: ignore[misc]
        return parsed


def split_slice(values: Iterable[str], flag: str) -> list[str]:
    """pflag's stringSlice: each occurrence is one CSV record, occurrences add up."""
    items: list[str] = []
    for value in values:
        if value == "":
            continue
        try:
            rows = list(csv.reader([value], strict=True))
        except csv.Error as exc:
            raise UsageError(f'invalid argument "{value}" for "--{flag}" flag: {exc}') from None
        items.extend(rows[0] if rows else [])
    return items


def given(ctx: click.Context, flag: Flag) -> bool:
    """True when the flag was typed on the command line (cobra's ``Changed``)."""
    source = ctx.get_parameter_source(flag.dest)
    return source is click.core.ParameterSource.COMMANDLINE
