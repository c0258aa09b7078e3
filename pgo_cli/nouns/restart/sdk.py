"""The typed SDK call of pgo restart: it runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from pgo_cli.cli import programmatic
from pgo_cli.nouns.restart import commands
from pgo_cli.nouns.restart.messages import QueryRestartResponse, RestartResponse


class RestartCalls(programmatic.NounAPI):
    """The pgo restart calls of a :class:`~pgo_cli.client.Client`."""

    @overload
    def restart(
        self, *clusters: str, query: Literal[True], namespace: str | None = None
    ) -> list[QueryRestartResponse]: ...

    @overload
    def restart(
        self,
        *clusters: str,
        query: Literal[False] = False,
        rolling: bool = False,
        targets: Sequence[str] = (),
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> RestartResponse: ...

    def restart(
        self,
        *clusters: str,
        query: bool = False,
        rolling: bool = False,
        targets: Sequence[str] = (),
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> RestartResponse | list[QueryRestartResponse]:
        """Restart the instances of one cluster (``pgo restart CLUSTER``: all of them, ``rolling``,
        or the ``targets``), or with ``query=True`` list the instances of each cluster (one answer
        per cluster). ``wait=True`` polls until the restart has visibly finished, as ``--wait`` does.
        """
        command = programmatic.find(commands.COMMANDS, "restart")
        options = {"query": query, "rolling": rolling, "target": list(targets)}
        if query:
            return programmatic.calls(
                self._connection, command, clusters, options, QueryRestartResponse, namespace=namespace
            )
        return programmatic.call(
            self._connection,
            command,
            clusters,
            options,
            RestartResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )
