"""``pgo completion bash|zsh|fish``: print the shell completion script.

The script is generated from the command tree being run, by the same code that writes the
committed files in ``completions/`` (a test keeps those identical), so no package data is needed.
"""

from __future__ import annotations

from pgo_cli.cli.command import Args, Invocation, Local

#: The shells of :data:`pgo_cli.cli.completion_gen.SHELLS` (not imported here: keeps start-up light).
SHELLS = ("bash", "zsh", "fish")

_HELP = """Print the completion script for bash, zsh or fish.

Commands, flags and their choices complete without starting pgo; cluster, namespace, pgouser,
pgorole, policy, schedule and backup names are asked from the apiserver (2 s timeout, errors
silenced), context names from the contexts file.

Examples:

  source <(pgo completion bash)                       # this bash session
  pgo completion bash > ~/.local/share/bash-completion/completions/pgo
  pgo completion zsh > "${fpath[1]}/_pgo"             # then restart zsh
  pgo completion fish > ~/.config/fish/completions/pgo.fish
"""


def _run(invocation: Invocation) -> None:
    from pgo_cli.cli.app import build_cli
    from pgo_cli.cli.completion_gen import describe, render

    invocation.io.stdout.write(render(invocation.args[0], describe(build_cli())))


COMMANDS = [
    Local(
        ("completion",),
        "Print the shell completion script (bash, zsh or fish).",
        _HELP,
        _run,
        args=Args(metavar="SHELL", count="one", choices=SHELLS),
    )
]
