"""The ``pgo`` command: the typer tree, the global flags, and the one error boundary.

:func:`run` is the only place where exceptions become messages and exit codes: a
:class:`~pgo_cli.errors.PgoError` prints ``Error: ...`` (and ``hint: ...``) on stderr with its
documented code; anything else is reported as an internal error, with the traceback only under
``--debug``. Typer's pretty tracebacks stay off: they print local variables, passwords included.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Iterator, Sequence

import click
import typer

from pgo_cli.cli.flagspec import FALSE_SUFFIX, normalize_bool_args
from pgo_cli.cli.globals import GLOBAL_FLAGS
from pgo_cli.cli.runtime import remember_global, write_error
from pgo_cli.debuglog import forget_secrets
from pgo_cli.errors import ExitCode, PgoError

HELP = """Command-line client for the Crunchy PostgreSQL Operator 4.x apiserver.

Speaks pgo 4.7.4's protocol, verifies TLS, and exits with codes made for scripts:
0 ok, 1 apiserver error, 2 bad usage, 3 auth refused, 4 unreachable/TLS/timeout, 5 bad answer.
"""

_GROUPS = {
    "create": "Create a resource (pgo create cluster NAME).",
    "show": "Show resources (pgo show cluster NAME | --all | -s SELECTOR).",
    "delete": "Delete resources (pgo delete cluster NAME | --all | -s SELECTOR).",
}


def build_cli() -> click.Group:
    """Assemble the command tree: typer groups, spec-built commands, global flags everywhere."""
    app = typer.Typer(
        name="pgo",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _root() -> None:
        pass

    for name, text in _GROUPS.items():
        app.add_typer(
            typer.Typer(no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]}),
            name=name,
            help=text,
        )

    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    for group, command in _commands():
        parent = root if group is None else root.commands[group]
        assert isinstance(parent, click.Group)
        parent.add_command(command)
    for command in _walk(root):
        command.params.extend(
            flag.option(expose_value=False, callback=remember_global) for flag in GLOBAL_FLAGS
        )
    return root


def _commands() -> list[tuple[str | None, click.Command]]:
    from pgo_cli.cli import cluster_cmds, completion_cmd, version_cmd

    return [*version_cmd.COMMANDS, *cluster_cmds.COMMANDS, *completion_cmd.COMMANDS]


def _walk(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for child in command.commands.values():
            yield from _walk(child)


def bool_flag_names(root: click.Command) -> set[str]:
    """Long names of every boolean flag in the tree (for pflag's ``--flag=value``)."""
    names: set[str] = set()
    for command in _walk(root):
        for param in command.params:
            if isinstance(param, click.Option) and param.is_flag:
                names.update(opt[2:] for opt in param.opts if opt.startswith("--"))
    return {name for name in names if not name.endswith(FALSE_SUFFIX)}


def run(argv: Sequence[str] | None = None) -> int:
    """Run ``pgo`` with ``argv`` (default: the process arguments); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    forget_secrets()  # each invocation scrubs only the secrets it was given
    debug = "--debug" in args
    try:
        root = build_cli()
        args = normalize_bool_args(args, bool_flag_names(root))
        try:
            result = root.main(args=args, prog_name="pgo", standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError:
            return ExitCode.OK  # typer has printed the help already; pgo exits 0 here too
        sys.stdout.flush()
        if result == ExitCode.INTERRUPTED:
            # typer turns a KeyboardInterrupt inside a command into a silent Exit(130)
            return _interrupted()
        return int(result) if isinstance(result, int) else ExitCode.OK
    except PgoError as error:
        return _report(error.message, error.hint, error.exit_code)
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "pgo"
        return _report(error.format_message(), f"see '{command} --help'", ExitCode.USAGE)
    except click.ClickException as error:
        return _report(error.format_message(), None, ExitCode.USAGE)
    except (KeyboardInterrupt, click.exceptions.Abort):
        return _interrupted()
    except BrokenPipeError:
        _silence_stdout()
        return 141  # like a shell's SIGPIPE status; e.g. `pgo show cluster --all | head -1`
    except Exception as error:  # a bug: still one line, no traceback unless asked for
        if debug:
            traceback.print_exc(file=sys.stderr)
        return _report(
            f"internal error: {type(error).__name__}: {error}",
            None if debug else "run again with --debug to see where it happened, and report it",
            ExitCode.INTERNAL,
        )


def _interrupted() -> int:
    # On a terminal the cursor may still sit after a prompt or the echoed ^C: start a new line.
    with contextlib.suppress(OSError, ValueError):
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    return _report("interrupted", None, ExitCode.INTERRUPTED)


def _report(message: str, hint: str | None, code: int) -> int:
    write_error(message, hint)
    return int(code)


def _silence_stdout() -> None:
    # Python flushes stdout at exit; point it at /dev/null so a closed pipe cannot raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
