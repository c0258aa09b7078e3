"""``--execute``: the v4 side of a method, each step waited for, stopping at the first failure.

volumes: every replica scaled down, then ``delete cluster --keep-data --keep-backups`` (the data
and repository PVCs are then checked to be there); backups: a fresh backup, then ``delete cluster
--keep-backups``; standby: a fresh backup only. A delete never goes without the keep flags the
method requires: they are constants here, not options.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pgo_cli.cli.wait import Progress, wait_for
from pgo_cli.errors import ApiError, PgoError

if TYPE_CHECKING:
    from pgo_cli.cli.io import IO
    from pgo_cli.nouns.migrate.source import V4Cluster
    from pgo_cli.sdk.connection import Connection


@dataclass(frozen=True)
class Action:
    """One v4 change: the pgo command it equals, the request, and the wait that proves it."""

    command: str
    run: Callable[[], None]


def question(cluster: V4Cluster, method: str) -> str:
    """pgo-style question naming what will change."""
    c = cluster.name
    if method == "volumes":
        scaled = f"scale down {len(cluster.replicas)} replica(s) of {c}, then " if cluster.replicas else ""
        what = f"{scaled}delete cluster {c}, keeping its data and backups"
    elif method == "backups":
        what = f"back up {c}, then delete cluster {c}, keeping its backups (its data volumes are deleted)"
    else:
        what = f"back up {c} into its {cluster.cloud_repo().upper()} repository"
    return f"WARNING - This will {what}. Proceed? (yes/no): "


def actions(client: Connection, cluster: V4Cluster, method: str, timeout: float, io: IO) -> list[Action]:
    """The v4 changes of ``method``, in order."""
    c, ns = cluster.name, cluster.namespace
    version = client.settings.client_version

    def scaledown(replica: str) -> Callable[[], None]:
        def run() -> None:
            from pgo_cli.nouns.scale.endpoints import SCALEDOWN
            from pgo_cli.nouns.shared.instance_waits import per_cluster, replica_gone

            query = {"version": version, "replica-name": replica, "delete-data": "true", "namespace": ns}
            client.call(SCALEDOWN, path={"name": c}, query=query)
            probe = per_cluster(client, ns, {c: lambda detail: replica_gone(detail, replica)})
            _wait(probe, f"{c}: scaledown {replica}", f"pgo show cluster {c} -n {ns}", timeout, io)

        return run

    def backup() -> None:
        from pgo_cli.nouns.backup.endpoints import BACKREST_BACKUP
        from pgo_cli.nouns.backup.messages import CreateBackrestBackupRequest
        from pgo_cli.nouns.backup.waits import CLOCK_SKEW, new_backup_listed

        started = time.time() - CLOCK_SKEW
        storage = cluster.cloud_repo() if method == "standby" else ""
        request = CreateBackrestBackupRequest(namespace=ns, args=[c], backrest_storage_type=storage)
        client.call(BACKREST_BACKUP, request)
        query = {"version": version, "selector": "", "namespace": ns}

        def probe() -> Progress:
            if new_backup_listed(client, c, query, started):
                return Progress(done=True)
            return Progress(pending="no new backup set listed yet")

        _wait(probe, f"{c}: backup", f"pgo show backup {c} -n {ns}", timeout, io)

    def delete(keep_data: bool) -> Callable[[], None]:
        def run() -> None:
            from pgo_cli.nouns.cluster.messages import ShowClusterRequest
            from pgo_cli.nouns.cluster.sdk import ClusterAPI
            from pgo_cli.nouns.shared.instance_waits import deleted

            ClusterAPI(client).delete(c, keep_data=keep_data, keep_backups=True, namespace=ns)
            request = ShowClusterRequest(clustername=c, clientversion=version, namespace=ns)
            _wait(deleted(client, request), f"{c}: delete", f"pgo show cluster {c} -n {ns}", timeout, io)
            if keep_data:
                _check_kept(client, cluster)

        return run

    base = f"-n {ns}"
    if method == "volumes":
        steps = [
            Action(f"pgo scaledown {c} --target {r} --no-prompt --wait {base}", scaledown(r))
            for r in cluster.replicas
        ]
        steps.append(
            Action(
                f"pgo delete cluster {c} --keep-data --keep-backups --no-prompt --wait {base}", delete(True)
            )
        )
        return steps
    steps = [Action(f"pgo backup {c} --no-prompt --wait {base}", backup)]
    if method == "backups":
        steps.append(
            Action(f"pgo delete cluster {c} --keep-backups --no-prompt --wait {base}", delete(False))
        )
    return steps


def run(steps: list[Action], io: IO) -> None:
    """Each step in turn; at the first failure, say what is done and what is left, and re-raise."""
    for index, step in enumerate(steps):
        io.stderr.write(f"[{index + 1}/{len(steps)}] {step.command}\n")
        io.stderr.flush()
        try:
            step.run()
        except PgoError as error:
            done = "; ".join(s.command for s in steps[:index]) or "nothing"
            left = "; ".join(s.command for s in steps[index:])
            extra = f"done: {done}; left: {left}"
            error.hint = f"{error.hint}; {extra}" if error.hint else extra
            raise


def _wait(probe: Callable[[], Progress], what: str, check: str, timeout: float, io: IO) -> None:
    code = wait_for(probe, what=what, check=check, timeout=timeout, io=io)
    if code != 0:  # wait_for raises on failure and timeout; any other code is unexpected
        raise ApiError(f"{what}: not finished (exit {code})", hint=f"check with: {check}")


def _check_kept(client: Connection, cluster: V4Cluster) -> None:
    """After a ``--keep-data --keep-backups`` delete: the data and repository PVCs must remain."""
    from pgo_cli.nouns.pvc.endpoints import SHOW
    from pgo_cli.nouns.pvc.messages import ShowPVCRequest

    request = ShowPVCRequest(
        cluster_name=cluster.name, client_version=client.settings.client_version, namespace=cluster.namespace
    )
    listed = {r.pvc_name for r in client.call(SHOW, request).response.results or []}
    wanted = [p for p in (cluster.data_pvc(), cluster.wal_pvc(), f"{cluster.name}-pgbr-repo") if p]
    missing = [p for p in wanted if p not in listed]
    if missing:
        raise ApiError(
            f"the PVCs {', '.join(missing)} of cluster {cluster.name} are gone after the delete",
            hint=f"check with: pgo show pvc {cluster.name} -n {cluster.namespace}",
        )
