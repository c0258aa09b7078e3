"""pgo's yes/no question (``cmd/pgo/util/confirmation.go``), made safe for pipelines.

pgo reads the answer with ``fmt.Scanln`` and asks again, for ever, on an empty line or a closed
stdin. Here the end of input means "no", and without a terminal no question is asked at all: the
command refuses unless ``--no-prompt`` (alias ``--yes``) is given.
"""

from __future__ import annotations

from typing import TextIO

from pgo_cli.errors import UsageError

#: The answers pgo accepts (exact, case-sensitive).
YES_ANSWERS = frozenset({"y", "Y", "yes", "Yes", "YES"})
NO_ANSWERS = frozenset({"n", "N", "no", "No", "NO"})
REPROMPT = "Please type yes or no and then press enter:"
ARE_YOU_SURE = "WARNING: Are you sure? (yes/no): "


def warning(text: str) -> str:
    """pgo's ``WARNING - <text> (yes/no): `` question."""
    return f"WARNING - {text} (yes/no): "


def confirm(prompt: str, stdin: TextIO, err: TextIO) -> bool:
    """Ask ``prompt`` on ``err`` and read the answer from ``stdin``; anything else asks again."""
    while True:
        err.write(prompt)
        err.flush()
        line = stdin.readline()
        if line == "":
            err.write("\n")
            return False
        words = line.split()
        if len(words) == 1 and words[0] in YES_ANSWERS:
            return True
        if len(words) == 1 and words[0] in NO_ANSWERS:
            return False
        err.write(REPROMPT + "\n")


#: What ``--no-prompt`` (every command that asks) says in ``--help``: the same words as the refusal.
NO_PROMPT_HELP = (
    "Go ahead without asking for confirmation. Without a terminal to ask on "
    "(a script, a pipe), a command that asks does nothing unless this is given."
)
#: The one sentence a command's help uses to say that it asks.
ASKS = "Asks for confirmation first (see --no-prompt)."


def no_terminal(command: str) -> UsageError:
    """The one refusal of every command that asks (``command``: its words after ``pgo``) when
    standard input is not a terminal and ``--no-prompt`` was not given: exit 2, nothing sent."""
    return UsageError(
        f"not running 'pgo {command}': it asks for confirmation and standard input is not a terminal",
        hint="pass --no-prompt (or --yes) to go ahead without a question",
    )
