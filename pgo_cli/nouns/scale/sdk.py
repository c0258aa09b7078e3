"""The typed SDK calls of pgo scale and scaledown: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from pgo_cli.cli import programmatic
from pgo_cli.nouns.scale import commands
from pgo_cli.nouns.scale.messages import ClusterScaleResponse, ScaleDownResponse, ScaleQueryResponse


class ScaleCalls(programmatic.NounAPI):
    """The pgo scale and scaledown calls of a :class:`~pgo_cli.client.Client`."""

    def scale(
        self,
        *clusters: str,
        service_type: str = "",
        ccp_image_tag: str = "",
        node_affinity_type: Literal["", "preferred", "required"] = "",
        node_label: str = "",
        replica_count: int = 1,
        storage_config: str = "",
        tolerations: Sequence[str] = (),
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> list[ClusterScaleResponse]:
        """Add replicas to PostgreSQL clusters (``pgo scale CLUSTER...``). One request per name; the
        answers in order. ``wait=True`` polls until it has visibly finished, as ``--wait`` does.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "scale"),
            clusters,
            {
                "service_type": service_type,
                "ccp_image_tag": ccp_image_tag,
                "node_affinity_type": node_affinity_type,
                "node_label": node_label,
                "replica_count": replica_count,
                "storage_config": storage_config,
                "toleration": tolerations,
            },
            ClusterScaleResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )

    @overload
    def scaledown(
        self, *clusters: str, query: Literal[True], namespace: str | None = None
    ) -> list[ScaleQueryResponse]: ...

    @overload
    def scaledown(
        self,
        *clusters: str,
        query: Literal[False] = False,
        target: str = "",
        keep_data: bool = False,
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> ScaleDownResponse: ...

    def scaledown(
        self,
        *clusters: str,
        query: bool = False,
        target: str = "",
        keep_data: bool = False,
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> ScaleDownResponse | list[ScaleQueryResponse]:
        """Remove the replica ``target`` of one cluster (``pgo scaledown CLUSTER --target R``), or
        with ``query=True`` list the replicas of each cluster (one answer per cluster).
        ``wait=True`` polls until the replica is gone, as ``--wait`` does.
        """
        command = programmatic.find(commands.COMMANDS, "scaledown")
        options = {"query": query, "target": target, "keep_data": keep_data}
        if query:
            return programmatic.calls(
                self._connection, command, clusters, options, ScaleQueryResponse, namespace=namespace
            )
        return programmatic.call(
            self._connection,
            command,
            clusters,
            options,
            ScaleDownResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )
