"""The emulated Kubernetes objects of a pgcluster, typed: what every noun's handlers read and change.

A stored cluster (one row of :mod:`pgo_cli.emulator.state`) is the Pgcluster custom resource plus
the objects the operator made for it: instance pods, Deployments, Services, Pgreplicas. Its JSON
document keeps them under ``cluster``, ``pods``, ``services``, ``deployments`` and ``replicas``;
:class:`Cluster` is that document with types, loaded with :func:`get` / :func:`list_in` and stored
with :meth:`Cluster.save`. Keys a noun keeps of its own (a failover's ``timeline``, the stopped
pods of a shut-down cluster, …) stay in :attr:`Cluster.extra`, untouched by the others.

The rules every noun shares live here once: which Deployment owns a pod (:attr:`Pod.deployment`),
whether a pod is ``Running`` at a moment (:meth:`Cluster.running`), the operator's labels of a
Pgcluster (:meth:`Cluster.effective_labels`), upgrade and shutdown state. The PVCs (their own table)
are :class:`PVC` rows.

Why here, in ``emulator/``: these are the objects of the pgcluster CRD and of Kubernetes, shared by
every noun that touches a cluster and by none of the CLI; the model knows no noun, the nouns
depend on it (and ``pgo_cli/k8s.py`` stays the client-side rules the CLI loads).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from pgo_cli.emulator import state
from pgo_cli.k8s import QuantityError, parse_quantity, validate_labels

#: Patroni's ``role`` label of the instance pods.
MASTER = "master"
REPLICA = "replica"
#: ``crv1.PgclusterState…``: stored until the operator's first reconcile, and after a shutdown.
CREATED_STATE = "pgcluster Created"
INITIALIZED_STATE = "pgcluster Initialized"
SHUTDOWN_STATE = "pgcluster Shutdown"
#: The status message of the handlers that refuse a cluster whose upgrade is pending.
UPGRADE_ERROR = (
    " has not yet been upgraded. Please upgrade the cluster before running this Postgres Operator command."
)
#: ``CreateCluster``'s (and update's) message for a PVC size that is not a quantity.
PVC_SIZE_MSG = 'could not parse PVC size "{}": {} (hint: try a value like "1Gi")'


def not_found(name: str) -> str:
    """The raw Kubernetes NotFound error of a Pgcluster ``Get``."""
    return f'pgclusters.crunchydata.com "{name}" not found'


def user_secret_name(cluster: str, user: str) -> str:
    """``crv1.UserSecretNameFromClusterName``: the Secret holding a PostgreSQL user's password."""
    return f"{cluster}-exporter-secret" if user == "ccp_monitoring" else f"{cluster}-{user}-secret"


def capacity(size: str) -> str:
    """The capacity a bound PVC reports: the requested size in canonical form ("0" if unset)."""
    if not size:
        return "0"
    try:
        return str(parse_quantity(size))
    except QuantityError:
        return "0"


# ---------------------------------------------------------------------------------------- objects


@dataclass
class Volume:
    """A pod's volume backed by a PVC: the volume name (``pgdata``, ``pgwal-volume`` …) and the claim."""

    volume: str
    name: str


@dataclass
class Pod:
    """A PostgreSQL instance pod (``pgo-pg-database``) and what the emulator records about it."""

    name: str
    role: str = REPLICA
    node: str = ""
    containers: int = 1
    pvcs: list[Volume] = field(default_factory=list)
    #: When the pod becomes ``Running``; None: when the cluster does (its ``ready_at``).
    ready_at: float | None = None
    #: Replication lag in MB (a replica's, as Patroni reports it).
    lag: int | None = None
    pending_restart: bool | None = None
    restarted_at: float | None = None
    reloaded_at: float | None = None
    #: The stored ``deployment`` key (older documents derive it from the name).
    stored_deployment: str | None = None

    @property
    def deployment(self) -> str:
        """The Deployment that owns the pod (its ``deployment-name`` label): the name less the
        ReplicaSet hash and the pod suffix (``hippo-5d4f8c6b8-abcde`` → ``hippo``)."""
        if self.stored_deployment:
            return self.stored_deployment
        parts = self.name.rsplit("-", 2)
        return parts[0] if len(parts) == 3 else self.name

    @property
    def is_primary(self) -> bool:
        return self.role == MASTER

    @property
    def is_instance(self) -> bool:
        """Whether it is a PostgreSQL instance (primary or replica)."""
        return self.role in (MASTER, REPLICA)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pod:
        def number(key: str) -> float | None:
            value = data.get(key)
            return None if value is None else float(value)

        return cls(
            name=str(data["name"]),
            role=str(data.get("role", "")),
            node=str(data.get("node", "")),
            containers=int(data.get("containers", 1)),
            pvcs=[Volume(str(v.get("volume", "")), str(v["name"])) for v in data.get("pvcs") or []],
            ready_at=number("ready_at"),
            lag=None if data.get("lag") is None else int(data["lag"]),
            pending_restart=None if data.get("pending_restart") is None else bool(data["pending_restart"]),
            restarted_at=number("restarted_at"),
            reloaded_at=number("reloaded_at"),
            stored_deployment=data.get("deployment") or None,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.stored_deployment:
            data["deployment"] = self.stored_deployment
        data.update(
            role=self.role,
            node=self.node,
            containers=self.containers,
            pvcs=[{"volume": v.volume, "name": v.name} for v in self.pvcs],
        )
        optional = {
            "ready_at": self.ready_at,
            "lag": self.lag,
            "pending_restart": self.pending_restart,
            "restarted_at": self.restarted_at,
            "reloaded_at": self.reloaded_at,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data


@dataclass
class Service:
    """A Service of the cluster: ClusterIP, ports (``"5432/TCP"``), type and ingress address."""

    name: str
    ip: str = ""
    ports: list[str] = field(default_factory=list)
    #: ``spec.type``; None for the services create makes (ClusterIP).
    type: str | None = None
    external_ip: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Service:
        return cls(
            name=str(data["name"]),
            ip=str(data.get("ip", "")),
            ports=[str(p) for p in data.get("ports") or []],
            type=data.get("type"),
            external_ip=data.get("externalIP"),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "ip": self.ip, "ports": list(self.ports)}
        if self.type is not None:
            data["type"] = self.type
        if self.external_ip is not None:
            data["externalIP"] = self.external_ip
        return data


@dataclass
class PVC:
    """A PersistentVolumeClaim: ``kind`` says what deletes it (``instance`` data, ``backrest``
    backups, ``other``: with the cluster)."""

    name: str
    capacity: str
    kind: str


_KNOWN = ("cluster", "pods", "services", "deployments", "replicas", "stopped_pods", "initial_userlabels")


@dataclass
class Cluster:
    """A stored Pgcluster with the objects the operator made for it and its simulated timeline."""

    namespace: str
    name: str
    #: The Pgcluster custom resource exactly as show answers it (``metadata``, ``spec``, ``status``).
    pgcluster: dict[str, Any]
    pods: list[Pod] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    deployments: list[str] = field(default_factory=list)
    #: The Pgreplica names.
    replicas: list[str] = field(default_factory=list)
    #: The instance pods a shutdown stopped (their Deployments scaled to 0), started again on startup.
    stopped_pods: list[Pod] = field(default_factory=list)
    created: float = 0.0
    #: When pods without their own ``ready_at`` (and the operator's first reconcile) are done.
    ready_at: float = 0.0
    #: When the rmdata job finishes, once deleted.
    delete_at: float | None = None
    #: The user labels the Pgcluster was created with: what the operator's initialisation copies
    #: onto ``metadata.labels`` (None for documents stored before this was kept).
    initial_user_labels: dict[str, str] | None = None
    #: Other keys of the document, kept as stored.
    extra: dict[str, Any] = field(default_factory=dict)

    # ---------------------------------------------------------------- load and store

    @classmethod
    def from_row(cls, row: state.ClusterRow) -> Cluster:
        doc = row.doc
        return cls(
            namespace=row.namespace,
            name=row.name,
            pgcluster=doc["cluster"],
            pods=[Pod.from_dict(p) for p in doc.get("pods") or []],
            services=[Service.from_dict(s) for s in doc.get("services") or []],
            deployments=[str(d) for d in doc.get("deployments") or []],
            replicas=[str(r) for r in doc.get("replicas") or []],
            stopped_pods=[Pod.from_dict(p) for p in doc.get("stopped_pods") or []],
            created=row.created,
            ready_at=row.ready_at,
            delete_at=row.delete_at,
            initial_user_labels=doc.get("initial_userlabels"),
            extra={k: v for k, v in doc.items() if k not in _KNOWN},
        )

    def to_doc(self) -> dict[str, Any]:
        """The stored JSON document."""
        doc = {
            "cluster": self.pgcluster,
            "deployments": list(self.deployments),
            "pods": [p.to_dict() for p in self.pods],
            "services": [s.to_dict() for s in self.services],
            "replicas": list(self.replicas),
            **self.extra,
        }
        if self.stopped_pods:
            doc["stopped_pods"] = [p.to_dict() for p in self.stopped_pods]
        if self.initial_user_labels is not None:
            doc["initial_userlabels"] = dict(self.initial_user_labels)
        return doc

    def save(self, conn: sqlite3.Connection) -> None:
        """Store the document and ``ready_at`` back (in the caller's write transaction)."""
        state.update_cluster_doc(conn, self.namespace, self.name, self.to_doc())
        state.set_cluster_ready_at(conn, self.namespace, self.name, self.ready_at)

    # ---------------------------------------------------------------- the Pgcluster

    @property
    def metadata(self) -> dict[str, Any]:
        value: dict[str, Any] = self.pgcluster["metadata"]
        return value

    @property
    def spec(self) -> dict[str, Any]:
        """The Pgcluster's spec (a live part of the document)."""
        value: dict[str, Any] = self.pgcluster["spec"]
        return value

    @property
    def status(self) -> dict[str, Any]:
        value: dict[str, Any] = self.pgcluster.get("status") or {}
        return value

    @property
    def uid(self) -> str:
        return str(self.metadata.get("uid", ""))

    @property
    def labels(self) -> dict[str, str]:
        """The Pgcluster's ``metadata.labels`` as stored."""
        return dict(self.metadata.get("labels") or {})

    @property
    def annotations(self) -> dict[str, str]:
        return dict(self.metadata.get("annotations") or {})

    @property
    def user_labels(self) -> dict[str, str]:
        """``spec.userlabels``."""
        return dict(self.spec.get("userlabels") or {})

    def effective_labels(self, now: float) -> dict[str, str]:
        """The Pgcluster's ``metadata.labels`` as the operator has them at ``now``: what every label
        selector of the apiserver (its Pgcluster List calls) matches.

        The operator's initialisation (``internal/operator/cluster/cluster.go:216``, the primary
        up) runs ``util.PatchClusterCRD`` (``internal/util/util.go:83``): each valid pair of the
        user labels the cluster was created with (``pgo-version`` and ``workflowid`` among them)
        becomes a metadata label. Nothing copies them later: ``pgo label`` patches only
        ``spec.userlabels`` (``labelservice/labelimpl.go:113``), which selectors never see.
        """
        labels = self.labels
        if now < self.ready_at:
            return labels
        initial = self.user_labels if self.initial_user_labels is None else self.initial_user_labels
        copied = {key: value for key, value in initial.items() if validate_labels({key: value}) is None}
        # the stored metadata labels carry every later change (policy apply, upgrade): they win
        return {**copied, **labels}

    @property
    def is_upgrade_pending(self) -> bool:
        """The annotation ``is-upgraded: "false"`` (``config.ANNOTATION_IS_UPGRADED``)."""
        return self.annotations.get("is-upgraded") == "false"

    def upgrade_error(self) -> str | None:
        """``<c> has not yet been upgraded…`` while the upgrade is pending, else None."""
        return self.name + UPGRADE_ERROR if self.is_upgrade_pending else None

    @property
    def shutdown_requested(self) -> bool:
        """``spec.shutdown``."""
        return bool(self.spec.get("shutdown"))

    @property
    def is_shutdown(self) -> bool:
        """Whether the Pgcluster's state is ``pgcluster Shutdown`` (or its spec says shutdown)."""
        return self.status.get("state") == SHUTDOWN_STATE or self.shutdown_requested

    @property
    def is_standby(self) -> bool:
        """``cluster.Spec.Standby``."""
        return bool(self.spec.get("standby"))

    @property
    def timeline(self) -> int:
        """The cluster's current timeline (1 after create, one more per failover)."""
        return int(self.extra.get("timeline", 1))

    @timeline.setter
    def timeline(self, value: int) -> None:
        self.extra["timeline"] = value

    # ---------------------------------------------------------------- pods, services, deployments

    def running(self, pod: Pod, now: float) -> bool:
        """Whether the pod's phase is ``Running`` at ``now`` (ready once its ``ready_at`` passed)."""
        return now >= (self.ready_at if pod.ready_at is None else pod.ready_at)

    def is_ready(self, now: float) -> bool:
        """Whether the operator's first reconcile has happened (the cluster's pods are up)."""
        return now >= self.ready_at

    def instance_pods(self) -> list[Pod]:
        """The PostgreSQL instance pods (primary and replicas), sorted by name as Kubernetes lists them."""
        return sorted((p for p in self.pods if p.is_instance), key=lambda p: p.name.encode())

    def primaries(self) -> list[Pod]:
        return [p for p in self.pods if p.is_primary]

    def primary_running(self, now: float) -> bool:
        """Whether a primary pod is Running."""
        return any(self.running(p, now) for p in self.primaries())

    def service_pods(self) -> list[Pod]:
        """The pods labelled ``service-name=<cluster>``: those of the cluster's own deployment."""
        return [p for p in self.instance_pods() if p.deployment == self.name]

    def deployment_labels(self) -> list[dict[str, str]]:
        """The labels of each Deployment (``pg-cluster`` selects them all: instances, the
        pgBackRest repository, pgBouncer, pgAdmin), in the order of :attr:`deployments`."""
        user = self.labels.get("pgouser", "")
        name = self.metadata["name"]
        common = {"vendor": "crunchydata", "pg-cluster": name, "pgouser": user}
        version = self.user_labels.get("pgo-version", "")
        labels = []
        for deployment in self.deployments:
            entry = {**common, "name": deployment}
            if deployment == name or deployment in self.replicas:
                entry.update(
                    {"deployment-name": deployment, "crunchy-pgha-scope": name, "pgo-version": version}
                )
            elif deployment.endswith("-backrest-shared-repo"):
                entry["pgo-backrest-repo"] = "true"
            elif deployment.endswith("-pgbouncer"):
                entry["crunchy-pgbouncer"] = "true"
            labels.append(entry)
        return labels

    def find_service(self, name: str) -> Service | None:
        return next((s for s in self.services if s.name == name), None)

    def put_service(self, service: Service) -> None:
        """Add or replace a Service (kept sorted by name)."""
        self.services = sorted(
            [s for s in self.services if s.name != service.name] + [service], key=lambda s: s.name
        )

    def remove_service(self, name: str) -> None:
        self.services = [s for s in self.services if s.name != name]

    def has_deployment(self, name: str) -> bool:
        return name in self.deployments

    def add_deployment(self, name: str) -> None:
        """Add a Deployment (kept sorted)."""
        self.deployments = sorted({*self.deployments, name})

    def remove_deployment(self, name: str) -> None:
        self.deployments = [d for d in self.deployments if d != name]


# ---------------------------------------------------------------------------------------- queries


def get(conn: sqlite3.Connection, namespace: str, name: str) -> Cluster | None:
    """One stored cluster, or None."""
    row = state.get_cluster(conn, namespace, name)
    return Cluster.from_row(row) if row else None


def list_in(conn: sqlite3.Connection, namespace: str) -> list[Cluster]:
    """The clusters of a namespace, sorted by name as the Kubernetes API lists them."""
    return [Cluster.from_row(row) for row in state.list_clusters(conn, namespace)]


def pvcs_of(conn: sqlite3.Connection, namespace: str, cluster: str) -> list[PVC]:
    """The PVCs of a cluster, sorted by name."""
    return [PVC(*row) for row in state.pvcs_of_cluster(conn, namespace, cluster)]


def pvc_capacity(conn: sqlite3.Connection, namespace: str, name: str) -> str | None:
    """The capacity of a PVC, or None when it does not exist."""
    return state.pvc_capacity(conn, namespace, name)
