"""``client.clusters``: typed create, show and delete, built by the same code as the CLI's.

>>> client = Client.from_environment(namespace="pgo")
>>> client.clusters.create("hippo", replica_count=1, labels={"env": "prod"})
>>> [d.pgcluster().spec.name for d in client.clusters.show(all=True).results or []]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pgo_cli.nouns.cluster import calls
from pgo_cli.nouns.cluster.messages import (
    CreateClusterResponse,
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterRequest,
    ShowClusterResponse,
)

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection


class ClusterAPI:
    """The cluster calls of one :class:`~pgo_cli.client.Client`."""

    def __init__(self, client: Connection) -> None:
        self._client = client

    def _namespace(self, namespace: str | None) -> str:
        return namespace or self._client.settings.require_namespace()

    def create(self, name: str, *, namespace: str | None = None, **options: Any) -> CreateClusterResponse:
        """``pgo create cluster NAME`` with ``options`` named as the flags (``replica_count=1``).

        Values are checked exactly as the CLI checks them (:class:`~pgo_cli.errors.UsageError`
        before anything is sent); ``labels`` and ``annotations`` may be mappings; list flags take
        lists. An unknown option is a :class:`TypeError`.
        """
        from pgo_cli.nouns.cluster.flags import CREATE_FLAGS
        from pgo_cli.nouns.cluster.request import CreateInput, build_create_body, check_cluster_name

        flags = {flag.dest: flag for flag in CREATE_FLAGS}
        options = {_PLURALS.get(name, name): value for name, value in options.items()}
        unknown = sorted(set(options) - set(flags))
        if unknown:
            raise TypeError(f"clusters.create() got unexpected option(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for dest, value in options.items():
            flag = flags[dest]
            if isinstance(value, Mapping):
                value = ",".join(f"{k}={v}" for k, v in value.items())
            if flag.kind == "stringSlice":
                value = tuple([value] if isinstance(value, str) else _strings(value))
            values[dest] = value
        check_cluster_name([name], values)
        body = build_create_body(
            CreateInput(
                name=name,
                namespace=self._namespace(namespace),
                client_version=self._client.settings.client_version,
                values=values,
                typed=frozenset(flags[dest].name for dest in options),
            )
        )
        return self.send_create(body)

    def show(
        self, name: str = "", *, selector: str = "", all: bool = False, namespace: str | None = None
    ) -> ShowClusterResponse:
        """``pgo show cluster NAME | --selector S | --all``."""
        request = ShowClusterRequest(
            clustername=name,
            selector=selector,
            clientversion=self._client.settings.client_version,
            namespace=self._namespace(namespace),
            allflag=all,
        )
        return self.send_show(request)

    def delete(
        self,
        name: str = "",
        *,
        selector: str = "",
        all: bool = False,
        keep_data: bool = False,
        keep_backups: bool = False,
        namespace: str | None = None,
    ) -> DeleteClusterResponse:
        """``pgo delete cluster NAME | --selector S | --all`` (no question is asked)."""
        request = DeleteClusterRequest(
            clustername="all" if all else name,
            selector=selector,
            client_version=self._client.settings.client_version,
            namespace=self._namespace(namespace),
            delete_backups=not keep_backups,
            delete_data=not keep_data,
        )
        return self.send_delete(request)

    # The wire calls themselves, for callers that build the request (the CLI does).

    def send_create(self, body: Mapping[str, Any]) -> CreateClusterResponse:
        """``POST /clusters`` with a ``CreateClusterRequest`` body."""
        return calls.send_create(self._client, body)

    def send_show(self, request: ShowClusterRequest) -> ShowClusterResponse:
        """``POST /showclusters`` (a read: retried on transient failures); ``.raw`` is the JSON."""
        return calls.send_show(self._client, request)

    def send_delete(self, request: DeleteClusterRequest) -> DeleteClusterResponse:
        """``POST /clustersdelete``."""
        return calls.send_delete(self._client, request)


#: The natural plural of each repeatable flag (``labels={"env": "prod"}`` for ``--label env=prod``).
_PLURALS = {
    "labels": "label",
    "annotations": "annotation",
    "tolerations": "toleration",
    "tablespaces": "tablespace",
}


def _strings(values: Iterable[Any]) -> list[str]:
    return [str(value) for value in values]
