"""``show config``: the operator's pgo.yaml as YAML (``cmd/pgo/cmd/config.go``).

pgo prints ``yaml.Marshal(response.Result)`` (sigs.k8s.io/yaml: sorted Go keys) followed by a
newline; ``-o json`` prints the whole answer, as pgo's unreachable JSON branch would.
"""

from __future__ import annotations

from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.nouns.config.endpoints import SHOW
from pgo_cli.nouns.config.goyaml import dumps
from pgo_cli.nouns.config.messages import ShowConfigResponse


def plan(invocation: Invocation) -> Plan:
    """One ``GET /config`` with the client version and the namespace in the query string."""
    query = {"version": invocation.client_version, "namespace": invocation.namespace()}
    return Plan([Call(SHOW, None, query=query)])


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``fmt.Println(string(yaml.Marshal(Result)))``."""
    response: ShowConfigResponse = reply.response
    out.write(dumps(response.result) + "\n")


COMMANDS = [
    Command(
        path=("show", "config"),
        summary="Show the operator's configuration (pgo.yaml).",
        help="""Show the PostgreSQL Operator's configuration, its pgo.yaml, as YAML with sorted keys.

Examples:

  pgo show config
  pgo show config -o json
""",
        flags=(),
        plan=plan,
        text=text,
        args=Args(count="none"),
    )
]
