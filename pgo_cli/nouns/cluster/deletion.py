"""The rmdata job of a deleted cluster, as the emulator's delayed effect.

``DeleteCluster`` (``internal/apiserver/clusterservice/clusterimpl.go``) only marks the Pgcluster
deleted; the operator then runs the rmdata job (``cmd/pgo-rmdata/process.go``), which removes
the cluster with its instance volumes and user Secrets unless ``--keep-data``, and its pgBackRest
repository volume and Secrets unless ``--keep-backups``; the emulator's other volumes go always.
Here the delete handler stores when that job finishes (``delete_delay`` seconds later) and
:data:`RMDATA`, a :class:`~pgo_cli.emulator.world.ReconcileRule`, does the removal once the clock
passes it. Other nouns keep objects of their own per cluster and say when they go with it:
:func:`delete_with_cluster`.
"""

from __future__ import annotations

import sqlite3

from pgo_cli.emulator import state
from pgo_cli.emulator.world import FIRST, ReconcileRule, World

#: Object kinds kept per cluster (under the cluster's name) and what deletes them with it:
#: "data" (unless --keep-data), "backups" (unless --keep-backups) or "always". Nouns declare theirs
#: with :func:`delete_with_cluster`.
CLUSTER_OBJECTS: dict[str, str] = {}


def delete_with_cluster(kind: str, when: str) -> None:
    """Declare that a cluster's object of ``kind`` goes when its data/backups/the cluster go."""
    if when not in ("data", "backups", "always"):
        raise ValueError(f"unknown deletion rule {when!r}")
    CLUSTER_OBJECTS[kind] = when


def finish_deletions(conn: sqlite3.Connection, now: float, _world: World | None = None) -> int:
    """Run every rmdata job that is due: remove the clusters and what the flags say to remove."""
    due = state.deleted_clusters(conn, now)
    for namespace, name, data, backups in due:
        state.remove_cluster(conn, namespace, name)
        volumes = ["instance"] if data else []
        if backups:
            volumes.append("backrest")
        for kind in (*volumes, "other"):
            state.delete_pvcs_of_cluster(conn, namespace, name, kind)
        for kind, when in CLUSTER_OBJECTS.items():
            if when == "always" or (when == "data" and data) or (when == "backups" and backups):
                state.delete_object(conn, kind, namespace, name)
        for kind in (["user"] if data else []) + (["backrest"] if backups else []):
            state.delete_secrets_of_cluster(conn, namespace, name, kind)
    return len(due)


#: The rmdata job of each deleted cluster whose time has come. It runs before every other noun's
#: rule (as it did when the emulator core ran it), so that no other delayed effect is settled on a
#: cluster that is already gone.
RMDATA = ReconcileRule("rmdata", state.any_deleted_cluster, finish_deletions, order=FIRST)
