"""Emulator helpers shared by the pgBouncer and pgAdmin handlers.

``select_clusters`` is ``getClusterList``, of which ``pgbouncerimpl.go`` and ``pgadminimpl.go``
each keep an identical copy: the selector's matches (sorted by name) and then each named cluster
in argument order, duplicates kept; a missing name aborts with Kubernetes' NotFound text.
The other helpers make the Kubernetes objects the operator would (``internal/operator/cluster``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from pgo_cli.emulator import selectors, state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import PASSWORD_CHARS
from pgo_cli.nouns.cluster.emulator import UPGRADE_ERROR

NO_NAMES = "either a list of cluster names or a selector needs to be supplied for this comment"
NO_CLUSTERS = "no clusters found"
STANDBY_NOT_ALLOWED = "Action not permitted because standby mode is enabled"
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")


class SelectionError(Exception):
    """``getClusterList`` failed; the message is the status ``Msg``."""


def select_clusters(
    conn: sqlite3.Connection, namespace: str, names: Sequence[str] | None, selector: str
) -> list[state.ClusterRow]:
    """``getClusterList(namespace, clusterNames, selector)``."""
    names = list(names or [])
    if not names and selector == "":
        raise SelectionError(NO_NAMES)
    found: list[state.ClusterRow] = []
    if selector != "":
        try:
            requirements = selectors.parse(selector)
        except selectors.SelectorError as exc:
            raise SelectionError(str(exc)) from None
        found = [
            row
            for row in state.list_clusters(conn, namespace)
            if selectors.matches(requirements, labels(row))
        ]
    for name in names:
        row = state.get_cluster(conn, namespace, name)
        if row is None:
            raise SelectionError(f'pgclusters.crunchydata.com "{name}" not found')
        found.append(row)
    if not found:
        raise SelectionError(NO_CLUSTERS)
    return found


def labels(row: state.ClusterRow) -> dict[str, str]:
    """The Pgcluster's labels."""
    return dict(row.doc["cluster"]["metadata"].get("labels") or {})


def spec(row: state.ClusterRow) -> dict[str, Any]:
    """The Pgcluster's spec (a live part of ``row.doc``)."""
    value: dict[str, Any] = row.doc["cluster"]["spec"]
    return value


def upgrade_error(row: state.ClusterRow) -> str | None:
    """``<c> has not yet been upgraded…`` when the ``is-upgraded`` annotation is ``"false"``."""
    annotations = row.doc["cluster"]["metadata"].get("annotations") or {}
    if annotations.get("is-upgraded") == "false":
        return row.name + UPGRADE_ERROR
    return None


def standby_names(rows: Sequence[state.ClusterRow]) -> list[str]:
    """``FindStandbyClusters``: the names of the clusters in standby mode."""
    return [row.name for row in rows if spec(row).get("standby")]


def save(conn: sqlite3.Connection, row: state.ClusterRow) -> None:
    """Store ``row.doc`` back (the CR update plus the objects the operator changed)."""
    state.update_cluster_doc(conn, row.namespace, row.name, row.doc)


def find_service(row: state.ClusterRow, name: str) -> dict[str, Any] | None:
    """The Service of that name in the cluster's document."""
    for service in row.doc.get("services", []):
        if service["name"] == name:
            return dict(service)
    return None


def put_service(row: state.ClusterRow, service: dict[str, Any]) -> None:
    """Add or replace a Service of the cluster's document (kept sorted by name)."""
    services = [s for s in row.doc.get("services", []) if s["name"] != service["name"]]
    services.append(service)
    row.doc["services"] = sorted(services, key=lambda s: s["name"])


def remove_service(row: state.ClusterRow, name: str) -> None:
    """Delete a Service of the cluster's document (nothing if absent)."""
    row.doc["services"] = [s for s in row.doc.get("services", []) if s["name"] != name]


def add_deployment(row: state.ClusterRow, name: str) -> None:
    """Add a Deployment to the cluster's document (kept sorted)."""
    deployments = set(row.doc.get("deployments", []))
    deployments.add(name)
    row.doc["deployments"] = sorted(deployments)


def remove_deployment(row: state.ClusterRow, name: str) -> None:
    """Delete a Deployment of the cluster's document."""
    row.doc["deployments"] = [d for d in row.doc.get("deployments", []) if d != name]


def has_deployment(row: state.ClusterRow, name: str) -> bool:
    """Whether the cluster's document has that Deployment."""
    return name in row.doc.get("deployments", [])


def new_service(
    request: EmulatorRequest, name: str, service_type: str, ports: Sequence[str]
) -> dict[str, Any]:
    """A Service the operator creates: a ClusterIP, and an ingress IP when it is a LoadBalancer.

    The external address comes from TEST-NET-3 (203.0.113.0/24): a documentation range that is
    never a real host.
    """
    rng = request.world.rng
    external = f"203.0.113.{rng.randrange(1, 255)}" if service_type == "LoadBalancer" else ""
    return {
        "name": name,
        "ip": f"10.96.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}",
        "ports": list(ports),
        "type": service_type or "ClusterIP",
        "externalIP": external,
    }


def set_service_type(request: EmulatorRequest, service: dict[str, Any], service_type: str) -> None:
    """Change a Service's type (a LoadBalancer gets an ingress IP, others lose it)."""
    service_type = service_type or "ClusterIP"
    if service.get("type") == service_type:
        return
    service["type"] = service_type
    if service_type == "LoadBalancer":
        service["externalIP"] = f"203.0.113.{request.world.rng.randrange(1, 255)}"
    else:
        service["externalIP"] = ""


def generate_password(request: EmulatorRequest) -> str:
    """``util.GeneratePassword`` with pgo.yaml's ``PasswordLength`` (24 when unset)."""
    length = request.settings.pgo.password_length or 24
    rng = request.world.rng
    return "".join(rng.choice(PASSWORD_CHARS) for _ in range(length))
