"""The emulator's schedule routes (``internal/apiserver/scheduleservice/scheduleimpl.go``).

A schedule is pgo's ConfigMap: named ``<cluster>-<type>-<backup type|policy>``, labelled
``pg-cluster=<cluster>,crunchy-scheduler=true``, its data one JSON blob (``PgScheduleSpec``).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from pgo_cli.emulator import apiserver, model, selectors, state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import rfc3339
from pgo_cli.nouns.schedule.emulation import CONFIGMAP, SCHEDULES
from pgo_cli.nouns.schedule.endpoints import CREATE, DELETE, SHOW
from pgo_cli.nouns.schedule.messages import CreateScheduleRequest, ScheduleRequest, ScheduleResponse
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import dumps_go

POLICY_KIND = "pgpolicy"
NEED_ONE = "Cluster name, schedule name or selector must be provided"


def _err(msg: str, results: list[str] | None = None) -> ScheduleResponse:
    return ScheduleResponse(results=[] if results is None else results, status=error_status(msg))


def _ok(results: list[str]) -> ScheduleResponse:
    return ScheduleResponse(results=results, status=ok_status())


def _storage_error(cluster: dict[str, Any], requested: str) -> str | None:
    from pgo_cli.nouns.shared.backup_options import storage_type_problem

    problem = storage_type_problem(requested)
    if problem:
        return problem
    return apiserver.backrest_storage_type_error(model.Cluster("", "", cluster), requested)


def handle_create(request: EmulatorRequest) -> ScheduleResponse:
    """``CreateSchedule``: clusters, options, per-cluster checks, then one ConfigMap per cluster."""
    from pgo_cli.emulator.model import UPGRADE_ERROR
    from pgo_cli.nouns.shared.backup_options import validate_backup_opts

    body: CreateScheduleRequest = request.body
    ns = body.namespace
    selector = f"pg-cluster={body.cluster_name}" if body.cluster_name else body.selector
    now = request.world.now()
    results: list[str] = []
    with request.state.write() as conn:
        try:
            requirements = selectors.parse(selector)
        except selectors.SelectorError as exc:
            return _err(f"Could not get cluster via selector: {exc}")
        clusters = [
            row
            for row in model.list_in(conn, ns)
            if row.delete_at is None and selectors.matches(requirements, row.effective_labels(now))
        ]
        if body.schedule_options:
            if body.schedule_type != "pgbackrest":
                return _err("Request type not recognized. Unable to create struct for backup opts")
            problem = validate_backup_opts(body.schedule_options, "backrest-backup")
            if problem:
                return _err(problem)
        specs: list[dict[str, Any]] = []
        for row in clusters:
            cluster = row.pgcluster
            if (cluster["metadata"].get("annotations") or {}).get("is-upgraded") == "false":
                return _err(row.name + UPGRADE_ERROR)
            base: dict[str, Any] = {
                "version": "v1",
                "name": "",
                "cluster": row.name,
                "created": rfc3339(now),
                "schedule": body.schedule,
                "namespace": ns,
                "type": body.schedule_type,
            }
            if body.schedule_type == "pgbackrest":
                base["name"] = f"{row.name}-{body.schedule_type}-{body.pgbackrest_type}"
                storage_problem = _storage_error(cluster, body.backrest_storage_type)
                if storage_problem:
                    return _err(storage_problem)
                backrest = {
                    "label": f"pg-cluster={row.name},name={row.name},deployment-name={row.name}",
                    "container": "database",
                    "type": body.pgbackrest_type,
                    "storageType": body.backrest_storage_type,
                    "options": body.schedule_options,
                }
                base["pgbackrest"] = {k: v for k, v in backrest.items() if v}
                base["policy"] = {}
            elif body.schedule_type == "policy":
                base["name"] = f"{row.name}-{body.schedule_type}-{body.policy_name}"
                if state.get_object(conn, POLICY_KIND, ns, body.policy_name) is None:
                    return _err(f"policy {body.policy_name} not found")
                policy = {
                    "name": body.policy_name,
                    "database": body.database,
                    "secret": body.secret or f"{row.name}-postgres-secret",
                    "imagePrefix": cluster["spec"].get("ccpimageprefix")
                    or request.settings.pgo.ccp_image_prefix,
                    "imageTag": request.settings.pgo.ccp_image_tag,
                }
                base["pgbackrest"] = {}
                base["policy"] = {k: v for k, v in policy.items() if v}
            else:
                return _err(f"Schedule type unknown: {body.schedule_type}")
            specs.append(base)
        for spec in specs:
            name = spec["name"]
            if state.get_object(conn, CONFIGMAP, ns, name) is not None:
                return _err(f"Schedule {name} already exists", results)
            state.put_object(
                conn,
                CONFIGMAP,
                ns,
                name,
                {
                    "labels": {"crunchy-scheduler": "true", "pg-cluster": spec["cluster"]},
                    "data": {name: dumps_go(spec)},
                    "clock": {"anchor": now, "checked": now},
                },
            )
            results.append(f"created schedule {name} for cluster {spec['cluster']}")
    return _ok(results)


def _label(body: ScheduleRequest) -> str:
    """``getSchedules``' label selector: ``crunchy-scheduler=true[,pg-cluster=<c>][,<selector>]``."""
    label = "crunchy-scheduler=true"
    if body.cluster_name and body.cluster_name != "all":
        label += f",pg-cluster={body.cluster_name}"
    if body.selector:
        label += f",{body.selector}"
    return label


def _names(conn: sqlite3.Connection, body: ScheduleRequest, ns: str) -> list[str]:
    """``getSchedules``: the ConfigMaps :func:`_label` selects, by name."""
    requirements = selectors.parse(_label(body))
    return [
        name
        for _, name, data in state.list_objects(conn, CONFIGMAP, ns)
        if selectors.matches(requirements, data.get("labels", {}))
    ]


def handle_show(request: EmulatorRequest) -> ScheduleResponse:
    """``ShowSchedule``: one text block per schedule (its Get error says "delete", as in Go)."""
    body: ScheduleRequest = request.body
    ns = body.namespace
    if not (body.schedule_name or body.cluster_name or body.selector):
        return _err(NEED_ONE)
    results: list[str] = []
    now = request.world.now()
    with request.state.write() as conn:
        request.world.reconcile(conn, now)
        try:
            names = [body.schedule_name] if body.schedule_name else _names(conn, body, ns)
        except selectors.SelectorError:
            return _err("No schedules found for selector: " + _label(body))
        for name in names:
            data = state.get_object(conn, CONFIGMAP, ns, name)
            if data is None:
                return _err(f'Could not delete ConfigMap {name}: configmaps "{name}" not found')
            try:
                blob = json.loads(data["data"][name])
            except (KeyError, ValueError) as exc:
                return _err(f"Could not parse schedule json {name}: {exc}")
            text = f"{blob.get('name', '')}:\n\tschedule: {blob.get('schedule', '')}\n\tschedule-type: {blob.get('type', '')}"
            if blob.get("type") == "pgbackrest":
                text += f"\n\tbackup-type: {(blob.get('pgbackrest') or {}).get('type', '')}"
            results.append(text)
    return _ok(results)


def handle_delete(request: EmulatorRequest) -> ScheduleResponse:
    """``DeleteSchedule``: stops at the first ConfigMap that is not there (earlier ones stay deleted)."""
    body: ScheduleRequest = request.body
    ns = body.namespace
    if not (body.schedule_name or body.cluster_name or body.selector):
        return _err(NEED_ONE)
    results: list[str] = []
    with request.state.write() as conn:
        try:
            names = [body.schedule_name] if body.schedule_name else _names(conn, body, ns)
        except selectors.SelectorError:
            return _err("No schedules found for selector: " + _label(body))
        for name in names:
            if not state.delete_object(conn, CONFIGMAP, ns, name):
                return _err(f'Could not delete ConfigMap {name}: configmaps "{name}" not found', results)
            results.append(f"deleted schedule {name}")
    return _ok(results)


HANDLERS = {CREATE: handle_create, SHOW: handle_show, DELETE: handle_delete}
#: Delayed effects ``World.reconcile`` runs before a request is served.
RECONCILE = (SCHEDULES,)
