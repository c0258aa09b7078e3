"""``cat CLUSTER PATH…``: the text of files on the cluster's primary (``cmd/pgo/cmd/cat.go``).

One request carries the cluster and the paths; the server runs ``cat`` in the primary's database
container and refuses paths containing any of ``&|;>``. pgo prints the one result with a newline.
"""

from __future__ import annotations

from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cat.endpoints import CAT
from pgo_cli.nouns.cat.messages import CatRequest, CatResponse


def plan(invocation: Invocation) -> Plan:
    """``catCmd``: a cluster name is required; everything is sent as ``Args``."""
    if not invocation.args:
        raise UsageError(
            "You must specify the cluster",
            hint="e.g. pgo cat hippo /pgdata/hippo/postgresql.conf",
        )
    request = CatRequest(namespace=invocation.namespace(), args=list(invocation.args))
    return Plan([Call(CAT, request, target=invocation.args[0])])


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``fmt.Println`` of each result (the file text, then a newline)."""
    response: CatResponse = reply.response
    for result in response.results or []:
        out.write(result + "\n")


COMMANDS = [
    Command(
        path=("cat",),
        summary="Print files of a cluster's primary.",
        help="""Print files of a PostgreSQL cluster's primary instance, as `cat` would.

The first argument is the cluster, the rest are paths on the primary (e.g. its data directory
/pgdata/<cluster>). Paths containing any of & | ; > are refused by the server.

Examples:

  pgo cat hippo /pgdata/hippo/postgresql.conf
  pgo cat hippo /pgdata/hippo/pg_hba.conf /pgdata/hippo/PG_VERSION
""",
        flags=(),
        plan=plan,
        text=text,
        empty_text="No clusters found.",
        args=Args("CLUSTER PATH", "some", completes="cluster"),
    )
]
