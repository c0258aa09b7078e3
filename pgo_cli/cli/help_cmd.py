"""``pgo help [COMMAND]...``: the help of any command, as cobra's ``help`` command gives it.

``pgo help show cluster`` prints what ``pgo show cluster --help`` prints; ``pgo help`` the root
help. Unlike cobra (which prints ``Unknown help topic`` and the root usage with exit 0), a
command that does not exist is an error: exit 2, nothing on stdout.
"""

from __future__ import annotations

import click

from pgo_cli.cli.command import Args, Invocation, Local
from pgo_cli.cli.helpview import screen
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


def _run(invocation: Invocation) -> None:
    from pgo_cli.cli.app import build_cli

    # cobra skips flags among the words: `pgo help show cluster --all` is the help of show cluster.
    words = tuple(word for word in invocation.args if not word.startswith("-"))
    tree = build_cli(lazy=True)
    root = click.Context(tree, info_name="pgo", **tree.context_settings)
    shown = help_context(root, words)
    # What --help does, byte for byte: the same screen, on the same IO.
    invocation.io.stdout.write(screen(shown, invocation.io))


COMMANDS = [
    Local(
        ("help",),
        "Show the help of any command (pgo help show cluster).",
        _HELP,
        _run,
        args=Args(metavar="COMMAND", count="any"),
        lenient=True,
    )
]
