"""``pgo help [COMMAND]...``: the help of any command, as cobra's ``help`` command gives it.

``pgo help show cluster`` prints what ``pgo show cluster --help`` prints; ``pgo help`` the root
help. Unlike cobra (which prints ``Unknown help topic`` and the root usage with exit 0), a
command that does not exist is an error: exit 2, nothing on stdout.
"""

from __future__ import annotations

import click
from typer.core import TyperArgument, TyperCommand

from pgo_cli.cli.registry import ClickCommand
from pgo_cli.errors import UsageError

_HELP = """Show the help of any command.

Examples:

  pgo help                 # the same as pgo --help
  pgo help create          # the commands of create
  pgo help show cluster    # the same as pgo show cluster --help
"""


def help_context(ctx: click.Context, words: tuple[str, ...]) -> click.Context:
    """The context of the command ``words`` names (below the root of ``ctx``), for its help."""
    current = ctx.find_root()
    for word in words:
        command = current.command
        if not isinstance(command, click.Group):
            break  # as cobra: `pgo help show cluster hippo` is the help of show cluster
        found = command.get_command(current, word)
        if found is None or found.hidden:
            path = " ".join(words)
            raise UsageError(f'unknown help topic "{path}"', hint="see 'pgo help' for the commands")
        current = click.Context(found, info_name=word, parent=current)
    return current


def _run(command: tuple[str, ...]) -> None:
    ctx = click.get_current_context()
    # cobra skips flags among the words: `pgo help show cluster --all` is the help of show cluster.
    words = tuple(word for word in command if not word.startswith("-"))
    shown = help_context(ctx, words)
    click.echo(shown.get_help(), color=shown.color)  # what --help does, byte for byte


def help_command() -> click.Command:
    """Build ``pgo help [COMMAND]...``."""
    return TyperCommand(
        name="help",
        params=[TyperArgument(param_decls=["command"], nargs=-1, required=False, metavar="[COMMAND]...")],
        callback=_run,
        help=_HELP,
        short_help="Show the help of any command.",
        context_settings={"help_option_names": ["-h", "--help"], "ignore_unknown_options": True},
    )


COMMANDS = [ClickCommand(("help",), "Show the help of any command (pgo help show cluster).", help_command)]
