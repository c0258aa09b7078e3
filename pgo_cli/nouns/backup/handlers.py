"""The emulator's backup and restore routes, with the Go server's checks in its order.

``internal/apiserver/backrestservice/backrestimpl.go`` (CreateBackup, DeleteBackup, ShowBackrest,
Restore) and ``internal/apiserver/pgdumpservice/pgdumpimpl.go`` (CreatepgDump, ShowpgDump, Restore).
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from pgo_cli.emulator import apiserver, model, selectors, state
from pgo_cli.emulator.bugs import ServerBug
from pgo_cli.emulator.model import UPGRADE_ERROR
from pgo_cli.emulator.publishing import (
    TOPIC_BACKUP,
    TOPIC_CLUSTER,
    Later,
    Outcome,
    Written,
    cluster_event,
    ready_delay,
)
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import rfc3339
from pgo_cli.nouns.backup import emulation as repo
from pgo_cli.nouns.backup.endpoints import (
    BACKREST_BACKUP,
    DELETE_BACKREST,
    PGDUMP_BACKUP,
    PGDUMP_RESTORE,
    RESTORE,
    SHOW_BACKREST,
    SHOW_PGDUMP,
)
from pgo_cli.nouns.backup.messages import (
    CreateBackrestBackupRequest,
    CreateBackrestBackupResponse,
    CreatepgDumpBackupRequest,
    CreatepgDumpBackupResponse,
    DeleteBackrestBackupRequest,
    DeleteBackrestBackupResponse,
    Pgbackup,
    PgbackupList,
    PgRestoreRequest,
    PgRestoreResponse,
    PgStorageSpec,
    RestoreRequest,
    RestoreResponse,
    ShowBackupResponse,
)
from pgo_cli.nouns.shared import backup_options as options
from pgo_cli.wire.codec import Status, error_status, ok_status
from pgo_cli.wire.gojson import go_quote

STANDBY = "Action not permitted because standby mode is enabled"
WORKFLOW_PITR_TARGET = ServerBug(
    "workflow-pitr-target",
    "the restore workflow (pgo show workflow) holds no backrest-pitr-target; fixed (an emulator "
    "addition): it also holds the restore's --pitr-target",
    "internal/apiserver/backrestservice/backrestimpl.go:671-713 (createRestoreWorkflowTask)",
)
#: The server bugs of this noun that ``--fix-bugs`` can fix.
BUGS = (WORKFLOW_PITR_TARGET,)
#: pgo.yaml ``BackupStorage`` (the ansible default), for pg_dump PVCs.
BACKUP_STORAGE = {"accessmode": "ReadWriteOnce", "size": "1G"}


def _upgraded_error(row: model.Cluster) -> bool:
    annotations = row.annotations
    return annotations.get("is-upgraded") == "false"


def _select(conn: sqlite3.Connection, ns: str, selector: str, now: float) -> list[model.Cluster]:
    requirements = selectors.parse(selector)
    return [
        row
        for row in model.list_in(conn, ns)
        if row.delete_at is None and selectors.matches(requirements, row.effective_labels(now))
    ]


def _get(conn: sqlite3.Connection, ns: str, name: str) -> model.Cluster | None:
    row = model.get(conn, ns, name)
    return row if row is not None and row.delete_at is None else None


# ----------------------------------------------------------------------------------------- backup


def handle_backup(request: EmulatorRequest) -> CreateBackrestBackupResponse:
    """``CreateBackup``: opts, selector, standby, then per cluster (stopping at the first problem)."""
    body: CreateBackrestBackupRequest = request.body
    ns = body.namespace
    results: list[str] = []
    if body.backup_opts:
        problem = options.validate_backup_opts(body.backup_opts, "backrest-backup")
        if problem:
            return CreateBackrestBackupResponse(results=results, status=error_status(problem))
    world = request.world
    now = world.now()
    try:
        with request.state.write() as conn:
            names = list(body.args or [])
            if body.selector:
                selected = _select(conn, ns, body.selector, now)
                if not selected:
                    return CreateBackrestBackupResponse(
                        results=["no clusters found with that selector"], status=ok_status()
                    )
                names = [row.spec["name"] for row in selected]
            else:
                selected = [row for name in names if (row := _get(conn, ns, name)) is not None]
            standby = [row.name for row in selected if row.spec.get("standby")]
            if standby:
                return CreateBackrestBackupResponse(
                    results=results,
                    status=error_status(
                        f"Request rejected, unable to create backups for clusters {','.join(standby)}: {STANDBY}."
                    ),
                )
            world.reconcile(conn, now)
            for name in names:
                row = _get(conn, ns, name)
                if row is None:
                    return CreateBackrestBackupResponse(
                        results=results, status=error_status(f"{name} was not found, verify cluster name")
                    )
                if _upgraded_error(row):
                    return CreateBackrestBackupResponse(
                        results=results, status=error_status(f"{row.name} {UPGRADE_ERROR}")
                    )
                storage_problem = apiserver.backrest_storage_type_error(row, body.backrest_storage_type)
                if storage_problem:
                    return CreateBackrestBackupResponse(results=results, status=error_status(storage_problem))
                current = repo.load(conn, row, now, world.rng)
                if current is None or not repo.repo_pod_running(row, current, now):
                    return CreateBackrestBackupResponse(
                        results=results, status=error_status(f"backrestrepo pod not found for cluster {name}")
                    )
                if not repo.primary_ready(row, current, now):
                    return CreateBackrestBackupResponse(
                        results=results, status=error_status("primary pod is not in Ready state")
                    )
                kind = _backup_type(body.backup_opts)
                repo.add_backup(current, kind, now, world.rng)
                repo.save(conn, row, current)
                task = f"backrest-backup-{name}"
                _put_task(
                    conn,
                    ns,
                    task,
                    name,
                    "backrest",
                    now,
                    {
                        "job-name": task,
                        "pg-cluster": name,
                        "backrest-command": "backup",
                        "backrest-opts": body.backup_opts,
                        "backrest-storage-type": body.backrest_storage_type,
                        "containername": "database",
                    },
                    pgouser=request.username,
                )
                results.append("created Pgtask " + task)
    except selectors.SelectorError as exc:
        return CreateBackrestBackupResponse(results=results, status=error_status(str(exc)))
    return CreateBackrestBackupResponse(results=results, status=ok_status())


def _backup_type(opts: str) -> str:
    """The ``--type`` the options ask for (pgBackRest's default here: incr)."""
    args = options.parse_backup_opts(opts.strip()) if opts.strip() else []
    kind = "incr"
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg.startswith("--type="):
            kind = arg.split("=", 1)[1]
        elif arg == "--type" and rest:
            kind = rest.pop(0)
    return kind if kind in ("full", "diff", "incr") else "incr"


def _put_task(
    conn: sqlite3.Connection,
    ns: str,
    name: str,
    cluster: str,
    tasktype: str,
    now: float,
    parameters: dict[str, str],
    *,
    pgouser: str = "",
    workflow: str = "",
    status: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    labels = {"pg-cluster": cluster}
    if pgouser:
        labels["pgouser"] = pgouser
    if workflow:
        labels["workflowid"] = workflow
    # The workflow store's pgtask form (emulator/pgtasks.py): metadata with the owning cluster's
    # uid, so that a task goes with its cluster; ``labels`` and ``created`` are kept at the top too.
    row = model.get(conn, ns, cluster)
    owner = str(row.metadata.get("uid") or "") if row is not None else ""
    data = {
        "metadata": {"name": name, "namespace": ns, "labels": dict(labels), "ownerUID": owner},
        "labels": labels,
        "spec": {"name": name, "tasktype": tasktype, "status": status, "parameters": parameters},
        "created": now,
        **(extra or {}),
    }
    state.put_object(conn, repo.PGTASK, ns, name, data)


# ----------------------------------------------------------------------------------------- show


def handle_show(request: EmulatorRequest) -> dict[str, Any]:
    """``ShowBackrest``: ``name=<c>`` (``all``: every cluster); a detail per storage type.

    A plain dict, not ``ShowBackrestResponse``: Go's ``PgBackRestInfoDB`` tags ``system-id`` and
    ``version`` ``omitempty``, so an archive's or a backup's ``db`` travels as ``{"id":1}``; the
    codec has no ``omitempty``, and the dataclass would add ``"system-id":0,"version":""``.
    """
    ns = request.query.get("namespace", "")
    name = request.path["name"]
    selector = request.query.get("selector", "")
    if not (selector == "" and name == "all") and selector == "":
        selector = "name=" + name
    world = request.world
    now = world.now()
    items: list[dict[str, Any]] = []
    try:
        with request.state.write() as conn:
            world.reconcile(conn, now)
            for row in _select(conn, ns, selector, now):
                current = repo.load(conn, row, now, world.rng)
                if current is None or not repo.repo_pod_running(row, current, now):
                    return _show_answer(
                        items, error_status(f"backrestrepo pod not found for cluster {row.name}")
                    )
                for storage in repo.storage_types(row.pgcluster):
                    items.append({"Name": row.name, "Info": repo.info(current), "StorageType": storage})
    except selectors.SelectorError as exc:
        return _show_answer(items, error_status(str(exc)))
    return _show_answer(items, ok_status())


def _show_answer(items: list[dict[str, Any]], status: Status) -> dict[str, Any]:
    """``ShowBackrestResponse`` as Go encodes it: ``Items``, then the embedded ``Status``."""
    return {"Items": items, "Code": status.code, "Msg": status.msg}


# ----------------------------------------------------------------------------------------- delete


def handle_delete(request: EmulatorRequest) -> DeleteBackrestBackupResponse:
    """``DeleteBackup``: raw NotFound, repo pod, then ``pgbackrest expire --set`` per repository."""
    body: DeleteBackrestBackupRequest = request.body
    world = request.world
    now = world.now()
    with request.state.write() as conn:
        row = _get(conn, body.namespace, body.cluster_name)
        if row is None:
            return DeleteBackrestBackupResponse(
                status=error_status(f'pgclusters.crunchydata.com "{body.cluster_name}" not found')
            )
        world.reconcile(conn, now)
        current = repo.load(conn, row, now, world.rng)
        if current is None or not repo.repo_pod_running(row, current, now):
            return DeleteBackrestBackupResponse(
                status=error_status(f"backrestrepo pod not found for cluster {row.name}")
            )
        if repo.expire(current, body.target) is None:
            return DeleteBackrestBackupResponse(
                status=error_status(
                    f"could not find backup {body.target} in any repo or check logs for other errors."
                )
            )
        repo.save(conn, row, current)
    return DeleteBackrestBackupResponse(status=ok_status())


# ----------------------------------------------------------------------------------------- restore


def handle_restore(request: EmulatorRequest) -> RestoreResponse:
    """``Restore``: opts, cluster, upgrade, standby, storage type, workflow, node label, restore task."""
    body: RestoreRequest = request.body
    ns = body.namespace
    results: list[str] = []
    if body.restore_opts:
        problem = options.validate_backup_opts(body.restore_opts, "backrest-restore")
        if problem:
            return RestoreResponse(results=results, status=error_status(problem))
    world = request.world
    now = world.now()
    with request.state.write() as conn:
        row = _get(conn, ns, body.from_cluster)
        if row is None:
            return RestoreResponse(
                results=results,
                status=error_status(f"{body.from_cluster} was not found, verify cluster name"),
            )
        if _upgraded_error(row):
            return RestoreResponse(results=results, status=error_status(f"{row.name} {UPGRADE_ERROR}"))
        if row.spec.get("standby"):
            return RestoreResponse(
                results=results,
                status=error_status(f"Request rejected, unable to restore cluster {row.name}: {STANDBY}."),
            )
        storage_problem = apiserver.backrest_storage_type_error(row, body.backrest_storage_type)
        if storage_problem:
            return RestoreResponse(results=results, status=error_status(storage_problem))
        workflow_id = str(uuid.UUID(int=world.rng.getrandbits(128), version=4))
        workflow_task = f"{row.name}-pgbackrestrestore"
        parameters = {
            "task submitted": rfc3339(now),
            "pg-cluster": row.name,
            "workflowid": workflow_id,
        }
        if WORKFLOW_PITR_TARGET.name in request.settings.fix_bugs:
            parameters["backrest-pitr-target"] = body.pitr_target
        _put_task(conn, ns, workflow_task, row.name, "workflow", now, parameters, workflow=workflow_id)
        if body.node_label and len(body.node_label.split("=")) != 2:
            return RestoreResponse(
                results=results,
                status=error_status(f"{body.node_label} node label does not follow key=value format"),
            )
        storage = body.backrest_storage_type or repo.storage_types(row.pgcluster)[0]
        restore_params = {
            "backrest-restore-from-cluster": row.name,
            "backrest-restore-opts": body.restore_opts,
            "backrest-pitr-target": body.pitr_target,
            "backrest-storage-type": storage,
            "workflowid": workflow_id,
        }
        if body.node_label:
            key_, value = body.node_label.split("=")
            restore_params["NodeLabelKey"] = key_
            restore_params["NodeLabelValue"] = value
            restore_params["node-affinity-type"] = "required" if body.node_affinity_type == 1 else "preferred"
        _put_task(
            conn,
            ns,
            f"backrest-restore-{row.name}",
            row.name,
            "restore",
            now,
            restore_params,
            pgouser=request.username,
        )
        world.reconcile(conn, now)
        current = repo.load(conn, row, now, world.rng)
        task = state.get_object(conn, repo.PGTASK, ns, workflow_task)
        assert task is not None
        task["spec"]["parameters"]["restore job created"] = rfc3339(now)
        state.put_object(conn, repo.PGTASK, ns, workflow_task, task)
        if current is not None:
            repo.start_restore(conn, row, current, now, float(request.settings.ready_delay), workflow_task)
            world.reconcile(conn, now)  # with no ready delay, the restore is done at once
    results.append(
        f"restore request for {body.from_cluster} with opts {go_quote(body.restore_opts)} "
        f"and pitr-target={go_quote(body.pitr_target)}"
    )
    results.append("workflow id " + workflow_id)
    return RestoreResponse(results=results, status=ok_status())


# ----------------------------------------------------------------------------------------- pg_dump


def handle_pgdump(request: EmulatorRequest) -> CreatepgDumpBackupResponse:
    """``CreatepgDump``: opts, selector, then per cluster a ``backup-<c>-pgdump`` task and its PVC."""
    body: CreatepgDumpBackupRequest = request.body
    ns = body.namespace
    results: list[str] = []
    if body.storage_config and body.storage_config not in request.settings.pgo.storage:
        return CreatepgDumpBackupResponse(
            results=results, status=error_status(body.storage_config + " Storage config was not found ")
        )
    if body.backup_opts:
        problem = options.validate_backup_opts(body.backup_opts, "pgdump")
        if problem:
            return CreatepgDumpBackupResponse(results=results, status=error_status(problem))
    world = request.world
    now = world.now()
    try:
        with request.state.write() as conn:
            names = list(body.args or [])
            if body.selector:
                selected = _select(conn, ns, body.selector, now)
                if not selected:
                    return CreatepgDumpBackupResponse(
                        results=["no clusters found with that selector"], status=ok_status()
                    )
                names = [row.spec["name"] for row in selected]
            for name in names:
                row = _get(conn, ns, name)
                if row is None:
                    return CreatepgDumpBackupResponse(
                        results=results, status=error_status(f"{name} was not found, verify cluster name")
                    )
                if _upgraded_error(row):
                    return CreatepgDumpBackupResponse(
                        results=results, status=error_status(row.name + UPGRADE_ERROR)
                    )
                task = f"backup-{name}-pgdump"
                pvc = body.pvc_name or f"{task}-{body.pgdump_db}-pvc"
                dump_all = any("--dump-all" in token for token in body.backup_opts.split(" "))
                opts = " ".join(t for t in body.backup_opts.split(" ") if "--dump-all" not in t)
                job = f"{task}-{''.join(world.rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(4))}"
                pgo = request.settings.pgo
                _put_task(
                    conn,
                    ns,
                    task,
                    name,
                    "pgdump",
                    now,
                    {
                        "pg-cluster": name,
                        "pgdump-host": name,
                        "containername": "database",
                        "pgdump": "pgdump",
                        "pgdump-opts": opts,
                        "pgdump-db": body.pgdump_db,
                        "pgdump-user": f"{name}-postgres-secret",
                        "pgdump-port": pgo.port,
                        "pgdump-all": "true" if dump_all else "false",
                        "pvc-name": pvc,
                        "ccp-image-tag": pgo.ccp_image_tag,
                    },
                    status=f"job completed [{job}]",
                    extra={"storagespec": dict(BACKUP_STORAGE)},
                )
                state.put_pvc(conn, ns, pvc, name, "1G", "other")
                results.append("created Pgtask " + task)
    except selectors.SelectorError as exc:
        return CreatepgDumpBackupResponse(results=results, status=error_status(str(exc)))
    return CreatepgDumpBackupResponse(results=results, status=ok_status())


def _go_time_string(ts: float) -> str:
    """``metav1.Time.String()`` in the apiserver's zone (UTC)."""
    import datetime as dt

    return dt.datetime.fromtimestamp(int(ts), dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


def handle_show_pgdump(request: EmulatorRequest) -> ShowBackupResponse:
    """``ShowpgDump``: the ``backup-<c>-pgdump`` task of each selected cluster."""
    ns = request.query.get("namespace", "")
    name = request.path["name"]
    selector = request.query.get("selector", "")
    if not (selector == "" and name == "all") and selector == "":
        selector = "name=" + name
    items: list[Pgbackup] = []
    msg = ""
    now = request.world.now()
    try:
        with request.state.read() as conn:
            for row in _select(conn, ns, selector, now):
                task_name = f"backup-{row.name}-pgdump"
                task = state.get_object(conn, repo.PGTASK, ns, task_name)
                if task is None:
                    msg = f"pgDump {task_name} not found."
                    continue
                params = task["spec"]["parameters"]
                opts = params.get("pgdump-opts", "")
                if params.get("pgdump-all") == "true":
                    opts = "--dump-all " + opts
                spec = task.get("storagespec") or {}
                items.append(
                    Pgbackup(
                        creation_timestamp=_go_time_string(float(task.get("created", 0))),
                        name=task["spec"]["name"],
                        storage_spec=PgStorageSpec(
                            accessmode=spec.get("accessmode", ""), size=spec.get("size", "")
                        ),
                        ccp_image_tag=params.get("ccp-image-tag", ""),
                        backup_host=params.get("pgdump-host", ""),
                        backup_user_secret=params.get("pgdump-user", ""),
                        backup_port=params.get("pgdump-port", ""),
                        backup_status=task["spec"].get("status", ""),
                        backup_pvc=params.get("pvc-name", ""),
                        backup_opts=opts,
                    )
                )
    except selectors.SelectorError as exc:
        return ShowBackupResponse(backup_list=PgbackupList(items=items), status=error_status(str(exc)))
    return ShowBackupResponse(backup_list=PgbackupList(items=items), status=ok_status(msg))


def handle_pgdump_restore(request: EmulatorRequest) -> PgRestoreResponse:
    """pg_dump ``Restore``: Msg ``Restore Not Implemented`` even on success (Code ok), as the Go server."""
    body: PgRestoreRequest = request.body
    ns = body.namespace
    if body.restore_opts:
        problem = options.validate_backup_opts(body.restore_opts, "pgrestore")
        if problem:
            return PgRestoreResponse(results=[], status=error_status(problem))
    now = request.world.now()
    with request.state.write() as conn:
        row = _get(conn, ns, body.from_cluster)
        if row is None:
            return PgRestoreResponse(
                results=[], status=error_status(f"{body.from_cluster} was not found, verify cluster name")
            )
        if body.from_pvc == "":
            return PgRestoreResponse(results=[], status=error_status("resource name may not be empty"))
        if state.pvc_capacity(conn, ns, body.from_pvc) is None:
            return PgRestoreResponse(
                results=[], status=error_status(f'persistentvolumeclaims "{body.from_pvc}" not found')
            )
        if body.node_label and len(body.node_label.split("=")) != 2:
            return PgRestoreResponse(
                results=[],
                status=error_status(f"{body.node_label} node label does not follow key=value format"),
            )
        _put_task(
            conn,
            ns,
            f"restore-{body.from_cluster}-pgdump",
            body.from_cluster,
            "pgrestore",
            now,
            {
                "pgrestore-db": body.pgdump_db,
                "pgrestore-host": body.from_cluster,
                "pgrestore-from-cluster": body.from_cluster,
                "pgrestore-from-pvc": body.from_pvc,
                "pgrestore-pitr-target": body.pitr_target,
                "pgrestore-opts": body.restore_opts,
                "pgrestore-user": f"{body.from_cluster}-postgres-secret",
                "pgrestore": "pgrestore",
            },
        )
    line = (
        f"restore performed on {body.from_cluster} to {body.from_pvc} opts={body.restore_opts} "
        f"pitr-target={body.pitr_target}"
    )
    return PgRestoreResponse(results=[line], status=ok_status("Restore Not Implemented"))


HANDLERS = {
    BACKREST_BACKUP: handle_backup,
    SHOW_BACKREST: handle_show,
    DELETE_BACKREST: handle_delete,
    RESTORE: handle_restore,
    PGDUMP_BACKUP: handle_pgdump,
    SHOW_PGDUMP: handle_show_pgdump,
    PGDUMP_RESTORE: handle_pgdump_restore,
}


# ---------------------------------------------------------------------------------------- events


def _backed_up(w: Written) -> Outcome:
    for task in w.results("created Pgtask backrest-backup-"):
        yield cluster_event("CreateBackup", w, task, (TOPIC_BACKUP,), backuptype="pgbackrest")
        completed = cluster_event(
            "CreateBackupCompleted", w, task, (TOPIC_CLUSTER, TOPIC_BACKUP), backuptype="pgbackrest", path=""
        )
        yield Later(ready_delay, completed)


def _restored(w: Written) -> Outcome:
    name = str(w.get("FromCluster"))
    if name:
        yield cluster_event("RestoreCluster", w, name)
        yield Later(ready_delay, cluster_event("RestoreClusterCompleted", w, name))


EVENTS = {BACKREST_BACKUP: _backed_up, RESTORE: _restored}
#: Delayed effects ``World.reconcile`` runs before a request is served.
RECONCILE = (repo.RESTORES,)
