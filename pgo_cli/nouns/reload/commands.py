"""``pgo reload`` (``cmd/pgo/cmd/reload.go``): reload PostgreSQL's configuration in clusters.

One request for all the names (or for ``--selector``, which the apiserver of 4.7.4 ignores: it
reloads every cluster of the namespace). A cluster the server could not reload is an ``Error:``
line each; the clusters it did reload are still printed, as pgo prints them.
"""

from __future__ import annotations

from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.reload.endpoints import RELOAD
from pgo_cli.nouns.reload.messages import ReloadRequest, ReloadResponse

FLAGS = (
    Flag(
        "selector",
        "string",
        "Reload the clusters with these labels. Note: pgo 4.7.4's apiserver ignores the selector and "
        "reloads every cluster of the namespace.",
        short="s",
        metavar="SELECTOR",
    ),
    NO_PROMPT,
)


def plan(invocation: Invocation) -> Plan:
    """One ``ReloadRequest`` (``reload``), asked first."""
    selector = invocation.value("selector")
    if not invocation.args and not selector:
        raise UsageError(
            "You must specify the cluster to reload or specify a selector flag.",
            hint="e.g. pgo reload hippo",
        )
    namespace = invocation.namespace()
    request = ReloadRequest(namespace=namespace, args=list(invocation.args), selector=selector)
    what = " ".join(invocation.args) or f"--selector {selector}"
    return Plan([Call(RELOAD, request, target=what)], prompt=ARE_YOU_SURE)


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's lines; when refused, the other lines of the message as ``Error:`` lines, then the results."""
    response: ReloadResponse = reply.response
    if response.status.is_error:
        # The runner has written the first line of Msg; the server joins one message per cluster with \n.
        # Split as write_error does (the whole message stripped first), so no line is written twice
        # when the first cluster's message is empty (a failed exec with nothing on stderr).
        for line in response.status.msg.strip().splitlines()[1:]:
            if line.strip():
                invocation.io.stderr.write(f"Error: {line.strip()}\n")
    for line in response.results or []:
        out.write(line + "\n")


COMMANDS = [
    Command(
        path=("reload",),
        summary="Reload the PostgreSQL configuration of clusters.",
        help="""Reload the PostgreSQL configuration (a pg_ctl reload through Patroni) of every instance of the named clusters.

Prints a line per cluster reloaded; each cluster it could not reload (not found, not upgraded) is \
an Error line on stderr, and the exit status is 1. Asks for confirmation first (see --no-prompt).

Examples:

  pgo reload hippo
  pgo reload hippo pgo2 --no-prompt
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        args=Args("CLUSTER", "any", completes="cluster"),
        writes=True,
        prompts=True,
        text_on_error=True,
        empty_text="No clusters found.",
    )
]
