"""Apiserver helpers several nouns' handlers share (pgBouncer and pgAdmin today).

``select_clusters`` is ``getClusterList``, of which ``pgbouncerimpl.go`` and ``pgadminimpl.go``
each keep an identical copy: the selector's matches (sorted by name) and then each named cluster
in argument order, duplicates kept; a missing name aborts with Kubernetes' NotFound text.
The other helpers make the Kubernetes objects the operator would (``internal/operator/cluster``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from pgo_cli.emulator import model, selectors
from pgo_cli.emulator.world import World

NO_NAMES = "either a list of cluster names or a selector needs to be supplied for this comment"
NO_CLUSTERS = "no clusters found"
STANDBY_NOT_ALLOWED = "Action not permitted because standby mode is enabled"
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")


class SelectionError(Exception):
    """``getClusterList`` failed; the message is the status ``Msg``."""


def select_clusters(
    conn: sqlite3.Connection, namespace: str, names: Sequence[str] | None, selector: str, now: float
) -> list[model.Cluster]:
    """``getClusterList(namespace, clusterNames, selector)``."""
    names = list(names or [])
    if not names and selector == "":
        raise SelectionError(NO_NAMES)
    found: list[model.Cluster] = []
    if selector != "":
        try:
            requirements = selectors.parse(selector)
        except selectors.SelectorError as exc:
            raise SelectionError(str(exc)) from None
        found = [
            cluster
            for cluster in model.list_in(conn, namespace)
            if selectors.matches(requirements, cluster.effective_labels(now))
        ]
    for name in names:
        cluster = model.get(conn, namespace, name)
        if cluster is None:
            raise SelectionError(model.not_found(name))
        found.append(cluster)
    if not found:
        raise SelectionError(NO_CLUSTERS)
    return found


def standby_names(clusters: Sequence[model.Cluster]) -> list[str]:
    """``FindStandbyClusters``: the names of the clusters in standby mode."""
    return [cluster.name for cluster in clusters if cluster.is_standby]


def new_service(world: World, name: str, service_type: str, ports: Sequence[str]) -> model.Service:
    """A Service the operator creates: a ClusterIP, and an ingress IP when it is a LoadBalancer.

    The external address comes from TEST-NET-3 (203.0.113.0/24): a documentation range that is
    never a real host.
    """
    external = _ingress_ip(world) if service_type == "LoadBalancer" else ""
    return model.Service(name, world.cluster_ip(), list(ports), service_type or "ClusterIP", external)


def _ingress_ip(world: World) -> str:
    return f"203.0.113.{world.rng.randrange(1, 255)}"


def set_service_type(world: World, service: model.Service, service_type: str) -> None:
    """Change a Service's type (a LoadBalancer gets an ingress IP, others lose it)."""
    service_type = service_type or "ClusterIP"
    if service.type == service_type:
        return
    service.type = service_type
    service.external_ip = _ingress_ip(world) if service_type == "LoadBalancer" else ""


def backrest_storage_type_error(cluster: model.Cluster, requested: str) -> str | None:
    """``ValidateBackrestStorageTypeForCommand`` (internal/apiserver/common.go:100): backups,
    restores and schedules may use one of the cluster's pgBackRest storage types."""
    if requested == "":
        return None
    parsed: list[str] = []
    for item in requested.split(","):
        if item in ("posix", "local"):
            parsed.append("posix")
        elif item in ("s3", "gcs"):
            parsed.append(item)
        else:
            return f"invalid storage type: {item}"
    if len(parsed) > 1:
        return "you can only select one storage type"
    cluster_types = [str(t) for t in cluster.spec.get("backrestStorageTypes") or []]
    if not cluster_types:
        return None if parsed[0] == "posix" else "invalid storage type: choices are: posix"
    for kind in cluster_types:
        if (parsed[0] == "posix" and kind in ("posix", "local")) or kind == parsed[0]:
            return None
    return "invalid storage type: choices are: " + " ".join(cluster_types)
