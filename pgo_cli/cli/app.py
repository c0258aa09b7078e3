"""The ``pgo`` command: the click tree, the global flags, and the one error boundary.

:func:`run` is the only place where exceptions become messages and exit codes: a
:class:`~pgo_cli.errors.PgoError` prints ``Error: ...`` (and ``hint: ...``) on stderr with its
documented code; anything else is reported as an internal error, with the traceback only under
``--debug``. Typer's pretty tracebacks stay off: they print local variables, passwords included.
"""

from __future__ import annotations

import contextlib
import io as io_module
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

from pgo_cli.cli.flagspec import PflagShorthands, normalize_bool_args
from pgo_cli.cli.globals import GLOBAL_FLAGS, ROOT_FLAGS
from pgo_cli.cli.helpview import HelpScreens
from pgo_cli.cli.io import IO
from pgo_cli.cli.runtime import remember_global
from pgo_cli.errors import EXIT_CODES, ExitCode, PgoError
from pgo_cli.sdk.debuglog import forget_secrets

if TYPE_CHECKING:
    from pgo_cli.cli.command import Plan

HELP = (
    "Command-line client for the Crunchy PostgreSQL Operator 4.x apiserver.\n\n"
    "Speaks pgo 4.7.4's protocol, verifies TLS, and exits with codes made for scripts (below). "
    "'pgo help COMMAND...' or 'pgo COMMAND... --help' shows the help of any command.\n"
)

#: The root help's last panel: every exit status, from the one table (errors.EXIT_CODES).
EXIT_PANEL = (
    "Exit codes",
    [[(str(int(code)), "1"), (words, "")] for code, (words, _meaning) in EXIT_CODES.items()],
)

#: The verbs pgo groups its nouns under (cobra's parent commands).
GROUPS = {
    "create": "Create a resource (pgo create cluster NAME, …).",
    "delete": "Delete a resource (pgo delete cluster CLUSTER | --all | -s SELECTOR, …).",
    "show": "Show resources (pgo show cluster CLUSTER | --all | -s SELECTOR, …).",
    "update": "Update a resource (pgo update cluster CLUSTER --memory 1Gi, …).",
    "context": "Named connection profiles (pgo context add|use|list|show|delete NAME).",
    "migrate": "Move a cluster off PGO 4.x (pgo migrate v5 CLUSTER --method volumes|backups|standby).",
    "support": "Gather what a support request needs (pgo support export CLUSTER).",
}

#: Commands of the CLI machinery itself (not of a pgo noun).
_BUILTIN: dict[tuple[str, ...], tuple[str, str]] = {
    ("completion",): ("pgo_cli.cli.completion_cmd", "Print the shell completion script."),
    ("__complete",): ("pgo_cli.cli.complete_cmd", "Names for the shell completion scripts."),
    ("help",): ("pgo_cli.cli.help_cmd", "Show the help of any command (pgo help show cluster)."),
}

_CONTEXT = {"help_option_names": ["-h", "--help"]}

#: What pgo's parent commands print without a known resource type (cmd/pgo/cmd/show.go, create.go,
#: delete.go, update.go): the first line of their message; the types follow on lines of their own.
_NO_RESOURCE_TYPE = {
    "show": "You must specify the type of resource to show.",
    "create": "You must specify the type of resource to create.  Valid resource types include:",
    "delete": "You must specify the type of resource to delete.  Valid resource types include:",
    "update": "You must specify the type of resource to update.  Valid resource types include:",
}


def _go_quote(text: str) -> str:
    """Go's ``%q`` for the plain text of a command line."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _leaves() -> dict[tuple[str, ...], tuple[str, str]]:
    from pgo_cli.index import COMMANDS

    return {**COMMANDS, **_BUILTIN}


class LazyGroup(PflagShorthands, HelpScreens, click.Group):
    """A group whose subcommands are imported only when invoked (or listed with their help).

    :mod:`pgo_cli.index` names the module of every command path, so ``pgo version`` imports
    the version noun alone and ``pgo --help`` none.
    """

    def __init__(self, name: str | None, path: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.path = path

    def list_commands(self, ctx: click.Context) -> list[str]:
        depth = len(self.path)
        names = {p[depth] for p in _leaves() if len(p) > depth and p[:depth] == self.path}
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = self.commands.get(cmd_name)
        if known is not None:
            return known
        path = (*self.path, cmd_name)
        leaves = _leaves()
        command: click.Command | None
        if path in leaves:
            command = load_command(path, leaves[path][0])
        elif any(p[: len(path)] == path for p in leaves):
            command = LazyGroup(
                cmd_name, path, help=GROUPS.get(cmd_name, ""), no_args_is_help=True, context_settings=_CONTEXT
            )
        else:
            return None
        _add_globals(command)
        self.commands[cmd_name] = command
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise self.unknown_command(ctx, name)
        return super().resolve_command(ctx, args)

    def unknown_command(self, ctx: click.Context, name: str) -> PgoError:
        """pgo's words for a subcommand it does not have (``name`` empty: none was given).

        ``show``, ``create``, ``delete`` and ``update`` answer with the first line of their own
        message (``cmd/pgo/cmd/show.go`` …); the others as cobra does
        (``unknown command "x" for "pgo"``)."""
        from pgo_cli.errors import UsageError

        types = self.list_commands(ctx)
        if len(self.path) == 1 and self.path[0] in _NO_RESOURCE_TYPE:
            return UsageError(_NO_RESOURCE_TYPE[self.path[0]], hint="resource types: " + ", ".join(types))
        where = " ".join(("pgo", *self.path))
        if not name:
            return UsageError(f"a command is required for {where!r}", hint=f"see '{where} --help'")
        import difflib

        close = difflib.get_close_matches(name, types, n=1)
        hint = (f"did you mean '{close[0]}'? " if close else "") + f"see '{where} --help'"
        return UsageError(f"unknown command {_go_quote(name)} for {_go_quote(where)}", hint=hint)

    def invoke(self, ctx: click.Context) -> Any:
        # click 8.2 renamed protected_args (now a deprecated property) to _protected_args
        protected = ctx.__dict__.get("_protected_args", ctx.__dict__.get("protected_args"))
        if not protected and not ctx.args:
            # Options but no subcommand (pgo show -n pgo): click would say "Missing command."
            raise self.unknown_command(ctx, "")
        return super().invoke(ctx)

    def command_rows(self, ctx: click.Context) -> list[tuple[str, str]]:
        """Each subcommand's name and summary, for the help's Commands panel.

        The summaries come from the index: listing them imports no command module."""
        leaves = _leaves()
        depth = len(self.path)
        rows: dict[str, str] = {}
        for path, (_module, summary) in leaves.items():
            if path[depth : depth + 1] and path[depth].startswith("__"):
                continue  # internal commands (pgo __complete) are for the completion scripts only
            if len(path) > depth and path[:depth] == self.path:
                child = path[depth]
                rows[child] = summary if len(path) == depth + 1 else GROUPS.get(child, "")
        return sorted(rows.items())


def load_command(path: tuple[str, ...], module_name: str) -> click.Command:
    """Import the module of ``path`` and build its click command."""
    import importlib

    from pgo_cli.cli.runner import build

    module = importlib.import_module(module_name)
    for entry in module.COMMANDS:
        if entry.path == path:
            return build(entry)
    raise RuntimeError(f"{module_name} does not define the command {' '.join(path)}")


def _add_globals(command: click.Command) -> None:
    # On groups too, so that `pgo show -n pgo cluster x` works as with cobra's persistent flags.
    # Below the root they are hidden from the option list and named once, compactly, at the end
    # (cobra's "Global Flags:"); `pgo --help` describes them in full.
    for flag in GLOBAL_FLAGS:
        option = flag.option(expose_value=False, callback=remember_global)
        option.hidden = True
        command.params.append(option)
    command.epilog = GLOBAL_EPILOG


def _global_epilog() -> str:
    names = ", ".join("/".join(reversed(flag.spellings())) for flag in GLOBAL_FLAGS)
    return f"Global flags (every command; described in 'pgo --help'): {names}"


GLOBAL_EPILOG = _global_epilog()


def build_cli(*, lazy: bool = False) -> click.Group:
    """The command tree; ``lazy`` (what ``pgo`` itself uses) imports each command on first use.

    The eager tree (the default) loads every command, for the generators and the tests that
    walk it.
    """
    root = LazyGroup(
        "pgo", (), help=HELP, no_args_is_help=True, context_settings=_CONTEXT, invoke_without_command=False
    )
    root.pgo_panels = [EXIT_PANEL]  # type: ignore[attr-defined]
    _add_globals_to_root(root)
    if not lazy:
        ctx = click.Context(root)
        stack: list[click.Group] = [root]
        while stack:
            group = stack.pop()
            for name in group.list_commands(ctx):
                child = group.get_command(ctx, name)
                if isinstance(child, click.Group):
                    stack.append(child)
    return root


def _add_globals_to_root(root: click.Group) -> None:
    root.params.extend(flag.option(expose_value=False, callback=remember_global) for flag in GLOBAL_FLAGS)
    (version,) = ROOT_FLAGS
    option = version.option(expose_value=False, callback=_show_version)
    option.is_eager = True
    root.params.append(option)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # Not in Go pgo (cobra gives it no --version): `pgo version --client`, run as such, so the
    # two never disagree.
    if not value or ctx.resilient_parsing:
        return
    group = ctx.command
    assert isinstance(group, click.Group)
    version = group.get_command(ctx, "version")
    assert version is not None
    with version.make_context("version", ["--client"], parent=ctx) as sub:
        version.invoke(sub)
    ctx.exit(0)


def _walk(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for child in command.commands.values():
            yield from _walk(child)


def bool_flag_names() -> frozenset[str]:
    """Long names of every boolean flag (for pflag's ``--flag=value``), from the index."""
    from pgo_cli.index import BOOL_FLAGS

    return BOOL_FLAGS | {flag.name for flag in GLOBAL_FLAGS if flag.kind == "bool"}


#: A shell's status for a process killed by SIGPIPE (128 + 13): what ``cat`` or Go's ``pgo`` give
#: ``set -o pipefail`` scripts when the reader of stdout has gone.
CLOSED_PIPE = int(ExitCode.CLOSED_PIPE)


def run(argv: Sequence[str] | None = None, *, io: IO | None = None) -> int:
    """Run ``pgo`` with ``argv`` (default: the process arguments); return the exit code.

    ``io`` (default: the process's streams and environment) is the one place commands read and
    write; it is handed down the click tree to every command.
    """
    io = io if io is not None else IO.system()
    args = list(_process_args() if argv is None else argv)
    forget_secrets()  # each invocation scrubs only the secrets it was given
    try:
        return _run(args, io)
    except BrokenPipeError:
        # Wherever the write was (help, a table, an error line on a stderr that is the same
        # pipe): stop at once, say nothing (there is no one to read it) and exit 141.
        pass
    except SystemExit as exit_:
        # rich's Console.on_broken_pipe (help panels, tables) turns the pipe's error into exit 1.
        if not isinstance(exit_.__context__, BrokenPipeError):
            raise
    _silence(io.stdout, io.stderr)
    return CLOSED_PIPE


def _run(args: list[str], io: IO) -> int:
    debug = "--debug" in args
    try:
        with _writing_to(io):
            result = _main(args, io, {})
        if isinstance(result, _Help):
            io.stdout.write(result.text + "\n")
            return ExitCode.OK  # pgo prints the help and exits 0 here too
        io.stdout.flush()
        if result == ExitCode.INTERRUPTED:
            # typer turns a KeyboardInterrupt inside a command into a silent Exit(130)
            return _interrupted(io)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except BrokenPipeError:
        raise  # run() ends quietly with 141
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        return report(error, io, debug=debug)


def plan(argv: Sequence[str], *, io: IO) -> Plan:
    """argv → the :class:`~pgo_cli.cli.command.Plan` a registered command would carry out.

    The same parsing and checks as :func:`run`, stopping where the runner would send (or print a
    dry run, or ask). Raises what :func:`run` would report (:func:`report` turns it into the
    message and exit code); ``RuntimeError`` when ``argv`` names no request-plan command.
    """
    from pgo_cli.cli.runner import PLAN_ONLY_KEY, Planned

    forget_secrets()
    try:
        with _writing_to(io):
            _main(list(argv), io, {PLAN_ONLY_KEY: True})
    except Planned as planned:
        return planned.plan
    raise RuntimeError(f"'pgo {' '.join(argv)}' is not a command that plans requests")


class _Help:
    def __init__(self, text: str) -> None:
        self.text = text


def _main(args: list[str], io: IO, meta: dict[str, Any]) -> Any:
    root = build_cli(lazy=True)
    args = normalize_bool_args(args, bool_flag_names())
    try:
        # Not root.main(): click catches EPIPE there and exits 1, even when not standalone.
        with root.make_context("pgo", args, obj=io) as ctx:
            ctx.meta.update(meta)
            return root.invoke(ctx)
    except click.exceptions.NoArgsIsHelpError as shown:
        return _Help(shown.ctx.get_help())


@contextlib.contextmanager
def _writing_to(io: IO) -> Iterator[None]:
    """What click and rich print by themselves (``--help``) goes to ``io`` too."""
    with contextlib.redirect_stdout(io.stdout), contextlib.redirect_stderr(io.stderr):
        yield


def report(error: BaseException, io: IO, *, debug: bool = False) -> int:
    """The error boundary: ``error`` as one ``Error:`` line (and ``hint:``) on ``io``; its exit code."""
    if isinstance(error, PgoError):
        return _report(io, error.message, error.hint, error.exit_code)
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code
    if isinstance(error, click.UsageError):
        command = error.ctx.command_path if error.ctx else "pgo"
        message, suggestion = _pflag_words(error)
        return _report(io, message, suggestion + f"see '{command} --help'", ExitCode.USAGE)
    if isinstance(error, click.ClickException):
        return _report(io, error.format_message(), None, ExitCode.USAGE)
    if isinstance(error, (KeyboardInterrupt, EOFError, click.exceptions.Abort)):
        return _interrupted(io)
    if isinstance(error, BrokenPipeError):
        _silence(io.stdout, io.stderr)
        return CLOSED_PIPE
    # A bug: still one line, no traceback unless asked for.
    if debug:
        traceback.print_exception(error, file=io.stderr)
    return _report(
        io,
        f"internal error: {type(error).__name__}: {error}",
        None if debug else "run again with --debug to see where it happened, and report it",
        ExitCode.INTERNAL,
    )


def _pflag_words(error: click.UsageError) -> tuple[str, str]:
    """A command-line error worded as pgo's flag parser (spf13/pflag) words it, and a suggestion.

    ``unknown flag: --x``, ``unknown shorthand flag: 'x' in -x``, ``flag needs an argument: --x``
    (``'x' in -x``), and pflag's own ``invalid argument …`` for a value; anything else keeps click's
    words."""
    if isinstance(error, click.NoSuchOption):
        name = error.option_name
        close = sorted(error.possibilities or ())
        suggestion = f"did you mean {' or '.join(close)}? " if close else ""
        if name.startswith("--") or len(name) < 2:
            return f"unknown flag: {name}", suggestion
        return f"unknown shorthand flag: '{name[1]}' in {name}", suggestion
    if isinstance(error, click.BadOptionUsage) and error.message.endswith("requires an argument."):
        name = error.option_name
        if name.startswith("--") or len(name) < 2:
            return f"flag needs an argument: {name}", ""
        return f"flag needs an argument: '{name[1]}' in {name}", ""
    if isinstance(error, click.BadParameter) and error.message.startswith("invalid argument "):
        return error.message, ""  # _GoInt's pflag text, without click's "Invalid value for …: "
    return error.format_message(), ""


def _interrupted(io: IO) -> int:
    # On a terminal the cursor may still sit after a prompt or the echoed ^C: start a new line.
    with contextlib.suppress(OSError, ValueError):
        if io.stderr_tty:
            io.stderr.write("\n")
    return _report(io, "interrupted", None, ExitCode.INTERRUPTED)


def _report(io: IO, message: str, hint: str | None, code: int) -> int:
    io.error(message, hint)
    return int(code)


def _silence(*streams: Any) -> None:
    # Python flushes the streams at exit: point them at /dev/null so the closed pipe cannot raise
    # again (and print "Exception ignored ... BrokenPipeError").
    for stream in streams:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError, io_module.UnsupportedOperation):
            pass


def _process_args() -> list[str]:
    return sys.argv[1:]


def main() -> None:
    """Console-script entry point: the program boundary (the process's streams become an IO)."""
    sys.exit(run(io=IO.system()))
