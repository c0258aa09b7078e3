"""``pgo update cluster``: change the resources, storage, sidecars, TLS, standby and run state of clusters.

pgo (``cmd/pgo/cmd/update.go`` for the flags and checks, ``cmd/pgo/cmd/cluster.go`` ``updateCluster``
for the request) sends one ``UpdateClusterRequest`` for every named cluster, or for ``--all`` or a
``--selector``. Enable/disable flag pairs become pgo's 0/1/2 enums (enable wins when both are
given, except for autofail, which refuses the pair). ``--toleration`` items ending in ``-`` go to
``tolerationsDelete``. ``--disable-server-tls`` drops every other TLS setting from the body.

pgo prints its warnings and asks before it parses tablespaces, annotations, tolerations and the
twelve resource quantities; here every check runs first (exit 2, nothing sent) and the PVC sizes
are checked too. The server's refusals (``Code: "error"``) exit 1 (pgo exits 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from pgo_cli import parsers
from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster.update_messages import (
    DISABLE,
    DO_NOTHING,
    ENABLE,
    UPDATE,
    ClusterAnnotations,
    ClusterTablespaceDetail,
    UpdateClusterRequest,
    UpdateClusterResponse,
)
from pgo_cli.nouns.shared.results import write_results
from pgo_cli.wire.gojson import sorted_map

_SELECT = "Selection"
_RESOURCES = "Resources"
_STORAGE = "Storage"
_FEATURES = "Sidecars, autofail and service"
_TLS = "TLS"
_STATE = "Standby, shutdown and startup"
_METADATA = "Annotations and tolerations"

_CPU = 'A Kubernetes quantity, e.g. "500m" or "2".'
_MEM = 'A Kubernetes quantity, e.g. "512Mi" or "1Gi".'
_SIZE = 'A Kubernetes quantity larger than the current size, e.g. "20Gi".'


def _q(name: str, what: str, example: str, panel: str = _RESOURCES) -> Flag:
    return Flag(name, "string", f"{what} {example}", panel=panel, metavar="QUANTITY")


def _b(name: str, text: str, panel: str) -> Flag:
    return Flag(name, "bool", text, panel=panel)


def _annotation(group: str, deployments: str) -> Flag:
    return Flag(
        f"annotation-{group}",
        "stringSlice",
        f"Annotation for the {deployments} only (key=value, or key- to remove).",
        panel=_METADATA,
        metavar="KEY=VALUE",
    )


def _secret(name: str, text: str) -> Flag:
    return Flag(name, "string", text, panel=_TLS, metavar="SECRET")


#: The 42 flags of ``pgo update cluster`` in pgo's order (``cmd/pgo/cmd/update.go`` ``init``).
FLAGS: tuple[Flag, ...] = (
    NO_PROMPT,
    _b("all", "Update every cluster of the namespace.", _SELECT),
    Flag(
        "annotation",
        "stringSlice",
        "Annotation for every Deployment of the cluster (PostgreSQL, pgBackRest, pgBouncer): "
        "key=value to set, key- to remove. Repeatable.",
        panel=_METADATA,
        metavar="KEY=VALUE",
    ),
    _annotation("pgbackrest", "pgBackRest repository Deployment"),
    _annotation("pgbouncer", "pgBouncer Deployment"),
    _annotation("postgres", "PostgreSQL instance Deployments"),
    _q("cpu", "CPU to request for each PostgreSQL instance.", _CPU),
    _q("cpu-limit", "CPU limit of each PostgreSQL instance.", _CPU),
    _b("disable-autofail", "Turn automatic failover off.", _FEATURES),
    _b(
        "disable-metrics",
        "Remove the metrics (Crunchy Postgres Exporter) sidecar; may restart pods.",
        _FEATURES,
    ),
    _b("disable-pgbadger", "Remove the pgBadger sidecar; may restart pods.", _FEATURES),
    _b("disable-server-tls", "Turn TLS off (the other TLS flags are then not sent).", _TLS),
    _b("disable-tls-only", "Accept non-TLS connections again.", _TLS),
    _b("enable-autofail", "Turn automatic failover on.", _FEATURES),
    _q("memory", "Memory to request for each PostgreSQL instance.", _MEM),
    _q("memory-limit", "Memory limit of each PostgreSQL instance.", _MEM),
    Flag(
        "selector",
        "string",
        "Update the clusters with these labels, e.g. env=prod.",
        short="s",
        panel=_SELECT,
        metavar="SELECTOR",
    ),
    _b(
        "promote-standby",
        "Leave standby mode and accept writes (make sure the cluster it replicates from is shut down).",
        _STATE,
    ),
    _q("pgbackrest-cpu", "CPU to request for the pgBackRest repository.", _CPU),
    _q("pgbackrest-cpu-limit", "CPU limit of the pgBackRest repository.", _CPU),
    _q("pgbackrest-memory", "Memory to request for the pgBackRest repository.", _MEM),
    _q("pgbackrest-memory-limit", "Memory limit of the pgBackRest repository.", _MEM),
    _q(
        "pgbackrest-pvc-size",
        "New size of the pgBackRest repository PVC (posix storage only).",
        _SIZE,
        _STORAGE,
    ),
    _q("pvc-size", "New size of the data PVC of every PostgreSQL instance.", _SIZE, _STORAGE),
    _q("wal-pvc-size", "New size of the WAL PVCs.", _SIZE, _STORAGE),
    _q("exporter-cpu", "CPU to request for the metrics sidecar.", _CPU),
    _q("exporter-cpu-limit", "CPU limit of the metrics sidecar.", _CPU),
    _q("exporter-memory", "Memory to request for the metrics sidecar.", _MEM),
    _q("exporter-memory-limit", "Memory limit of the metrics sidecar.", _MEM),
    _b("enable-metrics", "Add the metrics (Crunchy Postgres Exporter) sidecar; may restart pods.", _FEATURES),
    _b("enable-pgbadger", "Add the pgBadger sidecar; may restart pods.", _FEATURES),
    _b("exporter-rotate-password", "Give the metrics collection user a new password.", _FEATURES),
    _b(
        "enable-standby",
        "Enter standby mode (the cluster must be shut down; its PVCs are deleted).",
        _STATE,
    ),
    _b("enable-tls-only", "Accept TLS connections only.", _TLS),
    _secret(
        "replication-tls-secret",
        "Secret with the keypair instances use to authenticate each other for replication (needs TLS).",
    ),
    Flag(
        "service-type",
        "string",
        "Service type of the cluster's services: ClusterIP, NodePort, LoadBalancer or ExternalName.",
        panel=_FEATURES,
        choices=("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
    ),
    _b("startup", "Start a cluster that is shut down.", _STATE),
    _b("shutdown", "Shut a running cluster down (its pods stop; data is kept).", _STATE),
    Flag(
        "tablespace",
        "stringSlice",
        "Add a tablespace: name=ts1:storageconfig=nfsstorage, optionally :pvcsize=10Gi. Repeatable.",
        panel=_STORAGE,
        metavar="SPEC",
    ),
    _secret(
        "server-ca-secret",
        "Secret with the certificate authority for TLS connections (with --server-tls-secret).",
    ),
    _secret(
        "server-tls-secret", "Secret with the server keypair for TLS connections (with --server-ca-secret)."
    ),
    Flag(
        "toleration",
        "stringSlice",
        "Pod toleration to add: key, key:Effect, key=value or key=value:Effect "
        "(Effect: NoSchedule, PreferNoSchedule, NoExecute); end it with - to remove it. Repeatable.",
        panel=_METADATA,
        metavar="TOLERATION",
    ),
)

#: The resource quantities pgo validates, in its order (``cluster.go`` ``updateCluster``).
RESOURCE_FLAGS = (
    "cpu",
    "cpu-limit",
    "memory",
    "memory-limit",
    "pgbackrest-cpu",
    "pgbackrest-cpu-limit",
    "pgbackrest-memory",
    "pgbackrest-memory-limit",
    "exporter-cpu",
    "exporter-cpu-limit",
    "exporter-memory",
    "exporter-memory-limit",
)
#: Checked client-side by pgo_cli only (pgo leaves them to the server).
SIZE_FLAGS = ("pvc-size", "pgbackrest-pvc-size", "wal-pvc-size")
_QUANTITY_HINT = "a Kubernetes quantity: e.g. 500m or 2 for CPU, 512Mi or 1Gi for memory and sizes"

ENABLE_STANDBY_WARNING = (
    "Enabling standby mode will result in the deltion of all PVCs for this cluster!\n"
    "Data will only be retained if the proper retention policy is configured for any associated "
    "storage classes and/or persistent volumes.\n"
    "Please proceed with caution."
)
PROMOTE_STANDBY_WARNING = (
    "Disabling standby mode will enable database writes for this cluster.\n"
    "Please ensure the cluster this standby cluster is replicating from has been properly shutdown "
    "before proceeding!"
)
METRICS_WARNING = "Adding or removing a metrics collection sidecar can cause downtime."
PGBADGER_WARNING = "Adding or removing a pgBadger sidecar can cause downtime."
TABLESPACE_WARNING = "Adding tablespaces can cause downtime."
CPU_WARNING = "Updating CPU resources can cause downtime."
MEMORY_WARNING = "Updating memory resources can cause downtime."
BACKREST_WARNING = (
    "Updating pgBackRest resources can cause temporary unavailability of backups and WAL archives."
)
EXPORTER_WARNING = "Updating Crunchy Postgres Exporter resources can cause downtime."


def _enum(invocation: Invocation, enable: str, disable: str) -> int:
    """pgo's ``if Enable {1} else if Disable {2}`` (enable wins)."""
    if invocation.value(enable):
        return ENABLE
    if invocation.value(disable):
        return DISABLE
    return DO_NOTHING


def warnings(invocation: Invocation) -> list[str]:
    """The lines pgo prints before its question, in its order (``update.go``)."""
    value = invocation.value
    lines: list[str] = []
    if value("enable-standby"):
        lines.append(ENABLE_STANDBY_WARNING)
    if value("promote-standby"):
        lines.append(PROMOTE_STANDBY_WARNING)
    if value("enable-metrics") or value("disable-metrics"):
        lines.append(METRICS_WARNING)
    if value("enable-pgbadger") or value("disable-pgbadger"):
        lines.append(PGBADGER_WARNING)
    if invocation.strings("tablespace"):
        lines.append(TABLESPACE_WARNING)
    if value("cpu") or value("cpu-limit"):
        lines.append(CPU_WARNING)
    if value("memory") or value("memory-limit"):
        lines.append(MEMORY_WARNING)
    if any(value(f"pgbackrest-{k}") for k in ("cpu", "memory", "cpu-limit", "memory-limit")):
        lines.append(BACKREST_WARNING)
    if any(value(f"exporter-{k}") for k in ("cpu", "memory", "cpu-limit", "memory-limit")):
        lines.append(EXPORTER_WARNING)
    return lines


def build_request(invocation: Invocation, namespace: str) -> UpdateClusterRequest:
    """The body pgo sends, after every client-side check (each raises ``UsageError``)."""
    value = invocation.value
    tablespaces = [
        ClusterTablespaceDetail(t["Name"], t["PVCSize"], t["StorageConfig"])
        for t in parsers.tablespaces(invocation.strings("tablespace"))
    ]
    # pgo's order: global, postgres, pgBackRest, pgBouncer (``getClusterAnnotations``).
    groups = {
        flag: sorted_map(parsers.annotation_group(invocation.strings(flag), f"--{flag}")) or {}
        for flag in ("annotation", "annotation-postgres", "annotation-pgbackrest", "annotation-pgbouncer")
    }
    annotations = ClusterAnnotations(
        backrest=groups["annotation-pgbackrest"],
        global_=groups["annotation"],
        pg_bouncer=groups["annotation-pgbouncer"],
        postgres=groups["annotation-postgres"],
    )
    toleration_items = invocation.strings("toleration")
    tolerations: list[dict[str, Any]] = list(parsers.tolerations(toleration_items))
    tolerations_delete: list[dict[str, Any]] = list(parsers.tolerations(toleration_items, remove=True))
    quantities = {
        name: parsers.quantity(invocation.value(name), name, hint=_QUANTITY_HINT)
        for name in (*RESOURCE_FLAGS, *SIZE_FLAGS)
    }
    disable_tls: bool = value("disable-server-tls")
    return UpdateClusterRequest(
        clustername=list(invocation.args),
        selector=value("selector"),
        client_version=invocation.client_version,
        namespace=namespace,
        all_flag=value("all"),
        annotations=annotations,
        autofail=_enum(invocation, "enable-autofail", "disable-autofail"),
        backrest_cpu_limit=quantities["pgbackrest-cpu-limit"],
        backrest_cpu_request=quantities["pgbackrest-cpu"],
        backrest_memory_limit=quantities["pgbackrest-memory-limit"],
        backrest_memory_request=quantities["pgbackrest-memory"],
        backrest_pvc_size=quantities["pgbackrest-pvc-size"],
        ca_secret="" if disable_tls else value("server-ca-secret"),
        disable_tls=disable_tls,
        exporter_cpu_limit=quantities["exporter-cpu-limit"],
        exporter_cpu_request=quantities["exporter-cpu"],
        exporter_memory_limit=quantities["exporter-memory-limit"],
        exporter_memory_request=quantities["exporter-memory"],
        exporter_rotate_password=value("exporter-rotate-password"),
        cpu_limit=quantities["cpu-limit"],
        cpu_request=quantities["cpu"],
        memory_limit=quantities["memory-limit"],
        memory_request=quantities["memory"],
        metrics=_enum(invocation, "enable-metrics", "disable-metrics"),
        pgbadger=_enum(invocation, "enable-pgbadger", "disable-pgbadger"),
        pvc_size=quantities["pvc-size"],
        replication_tls_secret="" if disable_tls else value("replication-tls-secret"),
        service_type=value("service-type"),
        standby=_enum(invocation, "enable-standby", "promote-standby"),
        startup=value("startup"),
        shutdown=value("shutdown"),
        tablespaces=tablespaces,
        tls_secret="" if disable_tls else value("server-tls-secret"),
        tolerations=tolerations,
        tls_only=DO_NOTHING if disable_tls else _enum(invocation, "enable-tls-only", "disable-tls-only"),
        tolerations_delete=tolerations_delete,
        wal_pvc_size=quantities["wal-pvc-size"],
    )


def plan(invocation: Invocation) -> Plan:
    """One request for all the named clusters (or ``--all`` / ``--selector``), after every check."""
    if not invocation.args and not invocation.value("selector") and not invocation.value("all"):
        raise UsageError(
            "A cluster name(s) or selector or --all is required for this command.",
            hint="e.g. pgo update cluster hippo --memory 1Gi, or --all, or -s env=prod",
        )
    if invocation.value("enable-autofail") and invocation.value("disable-autofail"):
        raise UsageError(
            "Cannot set --enable-autofail and --disable-autofail simultaneously",
            hint="pass only one of the two",
        )
    namespace = invocation.namespace()
    request = build_request(invocation, namespace)
    target = " ".join(invocation.args) or (
        "--all" if invocation.value("all") else invocation.value("selector")
    )
    check = f"pgo show cluster {' '.join(invocation.args)} -n {namespace}"
    if not invocation.args:
        check = f"pgo show cluster --all -n {namespace}"
    return Plan(
        [Call(UPDATE, request, target=target)],
        prompt=ARE_YOU_SURE,
        warnings=warnings(invocation),
        check=check,
    )


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per updated cluster."""
    from pgo_cli.output.table import write_table

    rows = []
    for reply in replies:
        response: UpdateClusterResponse = reply.response
        for line in response.results or []:
            rows.append((line.removeprefix("updated pgcluster "), "updated"))
    if rows:
        write_table(("CLUSTER", "RESULT"), rows, out, width=invocation.io.width)


COMMANDS = [
    Command(
        path=("update", "cluster"),
        summary="Update PostgreSQL clusters.",
        help="""Update PostgreSQL clusters: resources, PVC sizes, sidecars, autofail, TLS, annotations, tolerations, tablespaces, the service type, standby mode, and shutting down or starting up.

Names the clusters, or takes --all or --selector. After pgo's warnings about downtime, asks for confirmation (see --no-prompt). Every value is checked before anything is sent. A PVC can only grow. --toleration key:Effect- removes a toleration.

Examples:

  pgo update cluster hippo --memory 1Gi --cpu 500m
  pgo update cluster hippo --pvc-size 20Gi --no-prompt
  pgo update cluster --all --enable-autofail
  pgo update cluster hippo --shutdown
  pgo update cluster hippo --toleration zone=east:NoSchedule --toleration ssd:NoSchedule-
""",
        flags=FLAGS,
        plan=plan,
        text=write_results,
        table=table,
        args=Args("CLUSTER", "any", completes="cluster"),
        writes=True,
        prompts=True,
    )
]
