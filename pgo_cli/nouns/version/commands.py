"""``pgo version``: the client's version, and the apiserver's (``GET /version``).

``cmd/pgo/cmd/version.go``: pgo prints its own line, then asks the server. Here nothing reaches
stdout before the server answered: on an error stdout stays empty and the error goes to stderr
alone. ``--client`` sends nothing and needs no configuration. ``--dry-run`` prints the
``GET /version`` request instead of sending it; with ``--client`` there is no request, so it
prints the client's version as without ``--dry-run``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from pgo_cli.cli.command import Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.nouns.version.endpoints import VERSION
from pgo_cli.release import PGO_VERSION

FLAGS: tuple[Flag, ...] = (
    Flag("client", "bool", "Print only the client version; needs no configuration and no server."),
    Flag(
        "output",
        "string",
        "Output format: pgo (pgo's two lines), json or yaml.",
        short="o",
        metavar="FORMAT",
        choices=("pgo", "json", "yaml"),
    ),
)


def client_version(invocation: Invocation) -> str:
    """The client's version: ``--client-version``, ``PGO_CLIENT_VERSION``, else pgo 4.7.4's.

    Read without resolving the session, so ``--client`` works with no configuration at all.
    """
    typed = invocation.typed_global("client-version")
    return str(typed or invocation.io.environ.get("PGO_CLIENT_VERSION") or PGO_VERSION)


def plan(invocation: Invocation) -> Plan:
    """``GET /version``, or nothing at all with ``--client``."""
    if invocation.value("client"):
        mine = client_version(invocation)
        if invocation.output == "json":
            from pgo_cli.wire.gojson import dumps_go_indent

            return Plan([], nothing=dumps_go_indent({"client": mine}))
        if invocation.output == "yaml":
            import io

            from pgo_cli.output.json_out import write_yaml

            text = io.StringIO()
            write_yaml({"client": mine}, text)
            return Plan([], nothing=text.getvalue().rstrip("\n"))
        return Plan([], nothing=f"pgo client version {mine}")
    return Plan([Call(VERSION)])


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's two lines."""
    out.write(f"pgo client version {client_version(invocation)}\n")
    out.write(f"pgo-apiserver version {reply.response.version}\n")


def document(replies: Sequence[Reply], invocation: Invocation) -> dict[str, Any]:
    """``-o json``: ``{"client": …, "server": …}``."""
    return {"client": client_version(invocation), "server": replies[0].response.version}


COMMANDS = [
    Command(
        path=("version",),
        summary="Print the client and apiserver versions.",
        help="Print the pgo client version and the apiserver's version.",
        flags=FLAGS,
        plan=plan,
        text=text,
        document=document,
        example=(),
    )
]
