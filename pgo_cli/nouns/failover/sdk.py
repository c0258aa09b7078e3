"""The typed SDK call of pgo failover: it runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from typing import Any, Literal, overload

from pgo_cli.cli import programmatic
from pgo_cli.nouns.failover import commands
from pgo_cli.nouns.failover.messages import CreateFailoverResponse, QueryFailoverResponse


class FailoverCalls(programmatic.NounAPI):
    """The pgo failover calls of a :class:`~pgo_cli.client.Client`."""

    @overload
    def failover(
        self, cluster: str, *, query: Literal[True], namespace: str | None = None
    ) -> QueryFailoverResponse: ...

    @overload
    def failover(
        self,
        cluster: str,
        *,
        force: bool = False,
        query: Literal[False] = False,
        target: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreateFailoverResponse: ...

    def failover(
        self,
        cluster: str,
        *,
        force: bool = False,
        query: bool = False,
        target: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreateFailoverResponse | QueryFailoverResponse:
        """Promote a replica of a cluster (``pgo failover CLUSTER --target R``), or with
        ``query=True`` list the candidates (``--query``). ``wait=True`` polls until the failover has
        visibly finished, as ``--wait`` does.
        """
        response: type[Any] = QueryFailoverResponse if query else CreateFailoverResponse
        answer: CreateFailoverResponse | QueryFailoverResponse = programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "failover"),
            [cluster],
            {"force": force, "query": query, "target": target},
            response,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )
        return answer
