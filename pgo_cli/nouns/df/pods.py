"""What the emulator's pods look like to the df, cat and apply handlers.

A cluster row's ``doc["pods"]`` holds its instance pods (``{"name", "role": "master"|"replica",
"node", "containers", "pvcs": [{"volume", "name"}], "ready_at"?}``); a pod is Running once the
clock passes its ``ready_at`` (default: the cluster's). A pod's deployment is its name without the
ReplicaSet hash and the pod suffix (``hippo-5d4f8c6b8-abcde`` → ``hippo``). A shut-down cluster has
no running pods.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import state


def deployment_of(pod: dict[str, Any]) -> str:
    """The deployment a pod belongs to (the ``deployment-name`` label)."""
    name = str(pod["name"])
    parts = name.rsplit("-", 2)
    return parts[0] if len(parts) == 3 else name


def is_running(row: state.ClusterRow, pod: dict[str, Any], now: float) -> bool:
    """Whether the pod is in phase Running (ready) at ``now``."""
    spec = row.doc["cluster"]["spec"]
    if spec.get("shutdown"):
        return False
    ready_at = pod.get("ready_at")
    return now >= (row.ready_at if ready_at is None else float(ready_at))


def instance_pods(row: state.ClusterRow) -> list[dict[str, Any]]:
    """The PostgreSQL instance pods (primary and replicas), sorted by name as Kubernetes lists them."""
    pods = [p for p in row.doc.get("pods") or [] if p.get("role") in ("master", "replica")]
    return sorted(pods, key=lambda p: str(p["name"]).encode())


def service_pods(row: state.ClusterRow) -> list[dict[str, Any]]:
    """The pods labelled ``service-name=<cluster>``: those of the cluster's own deployment."""
    return [p for p in instance_pods(row) if deployment_of(p) == row.name]
