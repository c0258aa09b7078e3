"""What ``pgo migrate v5`` reads of a v4 cluster through the apiserver, as one typed value.

The reads are the ones a user would make by hand before migrating (``show cluster``, ``show pvc``,
``show user``, ``show backup``, ``show config``, ``test``); :func:`read` makes them and :class:`V4Cluster`
holds the answers, so the manifest builder (:mod:`pgo_cli.nouns.migrate.manifest`) is a pure
function of data a test can write down.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pgo_cli.errors import ApiError

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection

#: The state the guide requires of a cluster before any method (``kubectl get pgcluster``).
INITIALIZED = "pgcluster Initialized"


@dataclass
class V4Cluster:
    """One v4 cluster as the apiserver shows it.

    ``pgcluster`` is the ``cluster`` object of ``show cluster`` (the Pgcluster custom resource,
    ``pkg/apis/crunchydata.com/v1/cluster.go``) as sent; ``pods`` are ``(name, type, PVC names)``
    of its instance pods; ``storage`` is pgo.yaml's ``Storage`` section (``show config``).
    """

    name: str
    namespace: str
    pgcluster: Mapping[str, Any]
    pods: list[tuple[str, str, list[str]]] = field(default_factory=list)
    replicas: list[str] = field(default_factory=list)
    pvcs: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    storage_types: list[str] = field(default_factory=list)
    backups: int = 0
    config: Mapping[str, Any] = field(default_factory=dict)
    #: What ``pgo test`` reports down: ``primary (hippo-abc-1)`` …
    down: list[str] = field(default_factory=list)

    @property
    def spec(self) -> Mapping[str, Any]:
        return dict(self.pgcluster.get("spec") or {})

    @property
    def state(self) -> str:
        return str((self.pgcluster.get("status") or {}).get("state", ""))

    def primary_pvcs(self) -> list[str]:
        """The PVCs of the primary's pod (data first), or ``[]`` when no primary pod shows."""
        for _name, kind, pvcs in self.pods:
            if kind == "primary":
                return list(pvcs)
        return []

    def data_pvc(self) -> str:
        """The primary's data PVC: named after its Deployment, which is also the PGDATA directory."""
        for pvc in self.primary_pvcs():
            if not pvc.endswith("-wal") and "-tablespace-" not in pvc:
                return pvc
        current = (self.pgcluster.get("metadata") or {}).get("annotations") or {}
        return str(current.get("current-primary") or self.name)

    def wal_pvc(self) -> str:
        """The primary's WAL PVC (``<data PVC>-wal``), or ``""`` without external WAL."""
        wanted = self.data_pvc() + "-wal"
        if wanted in self.primary_pvcs() or wanted in self.pvcs:
            return wanted
        return ""

    def repo_pvc(self) -> str:
        """``<cluster>-pgbr-repo`` when it exists."""
        wanted = f"{self.name}-pgbr-repo"
        return wanted if wanted in self.pvcs else ""

    def cloud_repo(self) -> str:
        """``s3`` or ``gcs`` when the cluster has such a pgBackRest repository, else ``""``."""
        types = self.storage_types or list(self.spec.get("backrestStorageTypes") or [])
        for kind in ("s3", "gcs"):
            if kind in types:
                return kind
        return ""

    def has_posix_repo(self) -> bool:
        """Whether the cluster keeps a repository on a PVC (the default: no types means posix)."""
        types = self.storage_types or list(self.spec.get("backrestStorageTypes") or [])
        return not types or any(kind in ("posix", "local") for kind in types)


class NotFound(ApiError):
    """The cluster the user named does not exist (the message names it)."""


def read(client: Connection, name: str, namespace: str, check: Callable[[V4Cluster], None]) -> V4Cluster:
    """Make the reads and return the cluster; :class:`NotFound` when there is no such cluster.

    ``check`` judges the cluster as ``show cluster`` shows it, before the other reads (a cluster
    that is not up has no pgBackRest repository to show, and the refusal is the useful answer).
    """
    from pgo_cli.nouns.backup.endpoints import SHOW_BACKREST
    from pgo_cli.nouns.cluster import calls
    from pgo_cli.nouns.cluster.endpoints import TEST
    from pgo_cli.nouns.cluster.messages import ClusterTestRequest
    from pgo_cli.nouns.config.endpoints import SHOW as SHOW_CONFIG
    from pgo_cli.nouns.pvc.endpoints import SHOW as SHOW_PVC
    from pgo_cli.nouns.pvc.messages import ShowPVCRequest
    from pgo_cli.nouns.user.endpoints import SHOW as SHOW_USER
    from pgo_cli.nouns.user.messages import ShowUserRequest

    version = client.settings.client_version
    shown = calls.show(client, name, namespace)
    details = [d for d in shown.results or [] if (d.cluster or {}).get("spec", {}).get("name") == name]
    if not details:
        raise NotFound(
            f"cluster {name} not found in namespace {namespace}",
            hint=f"list the clusters with: pgo show cluster --all -n {namespace}",
        )
    detail = details[0]
    cluster = V4Cluster(name=name, namespace=namespace, pgcluster=dict(detail.cluster or {}))
    cluster.pods = [
        (pod.name, pod.type, [pvc.name for pvc in pod.pvc or []])
        for pod in detail.pods or []
        if pod.type in ("primary", "replica")
    ]
    cluster.replicas = sorted(replica.name for replica in detail.replicas or [])
    check(cluster)
    pvcs = client.call(
        SHOW_PVC,
        ShowPVCRequest(cluster_name=name, client_version=version, namespace=namespace),
    ).response
    cluster.pvcs = sorted(result.pvc_name for result in pvcs.results or [])
    users = client.call(
        SHOW_USER, ShowUserRequest(clusters=[name], client_version=version, namespace=namespace)
    ).response
    cluster.users = sorted({u.username for u in users.results or [] if u.cluster_name == name and u.username})
    backrest = client.call(
        SHOW_BACKREST,
        path={"name": name},
        query={"version": version, "selector": "", "namespace": namespace},
    ).response
    for item in backrest.items or []:
        if item.storage_type and item.storage_type not in cluster.storage_types:
            cluster.storage_types.append(item.storage_type)
        cluster.backups += sum(len(info.backups or []) for info in item.info or [])
    config = client.call(SHOW_CONFIG, query={"version": version, "namespace": namespace}).response
    cluster.config = dict(config.result or {}) if isinstance(config.result, Mapping) else {}
    tested = client.call(
        TEST, ClusterTestRequest(clustername=name, client_version=version, namespace=namespace)
    ).response
    for result in tested.results or []:
        for item in [*(result.endpoints or []), *(result.instances or [])]:
            if not item.available:
                cluster.down.append(f"{item.instance_type} ({item.message})")
    return cluster
