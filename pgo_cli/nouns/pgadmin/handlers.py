"""The emulator's pgAdmin routes (``internal/apiserver/pgadminservice/pgadminimpl.go``).

The apiserver only files a Pgtask (``pgadmin-add-<c>`` / ``pgadmin-delete-<c>``); the operator
carries it out (``internal/operator/cluster/pgadmin.go``). The emulator does so at once, in the
same transaction: adding labels the Pgcluster ``crunchy-pgadmin=true`` and makes the PVC, the
Deployment and the Service ``<c>-pgadmin``; deleting sets the label to ``"false"`` and removes
them. As in 4.7.4, adding to a cluster that already has pgAdmin fails inside the operator
(its Deployment exists) and leaves the task behind, so the next ``create pgadmin`` for that
cluster is refused with Kubernetes' "already exists".

pgAdmin's logins are the cluster's users whose passwords the operator keeps in a Secret
(``BootstrapPgAdminUsers``, then kept in step by the user commands), system accounts excepted.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pgo_cli.emulator import apiserver, model, state
from pgo_cli.emulator.model import PVC_SIZE_MSG, capacity
from pgo_cli.emulator.publishing import TOPIC_PGADMIN, Outcome, Rule, Written, cluster_event
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import QuantityError, parse_quantity
from pgo_cli.nouns.pgadmin.endpoints import CREATE, DELETE, SHOW
from pgo_cli.nouns.pgadmin.messages import (
    CreatePgAdminRequest,
    CreatePgAdminResponse,
    DeletePgAdminRequest,
    DeletePgAdminResponse,
    ShowPgAdminDetail,
    ShowPgAdminRequest,
    ShowPgAdminResponse,
)
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import go_quote

#: ``config.LABEL_PGADMIN``.
LABEL = "crunchy-pgadmin"
TASK_KIND = "pgtask"
TASK_ERROR = "error creating tasks for one or more clusters"
#: ``crv1.PGUserSystemAccounts``: never pgAdmin logins.
SYSTEM_ACCOUNTS = frozenset({"postgres", "primaryuser", "pgbouncer", "ccp_monitoring", "crunchyadm"})


def object_name(cluster: str) -> str:
    """``<c>-pgadmin``: the name of the Deployment, the Service and the PVC."""
    return f"{cluster}-pgadmin"


def _uid(row: model.Cluster) -> str:
    return str(row.metadata.get("uid") or "")


def _pending_task(conn: sqlite3.Connection, row: model.Cluster, name: str) -> bool:
    """Whether a Pgtask of that name is still there (one of an earlier cluster of that name is not)."""
    task = state.get_object(conn, TASK_KIND, row.namespace, name)
    if task is None:
        return False
    if task.get("cluster_uid") != _uid(row):
        state.delete_object(conn, TASK_KIND, row.namespace, name)
        return False
    return True


def _set_label(row: model.Cluster, value: str) -> None:
    metadata = row.metadata
    labels = dict(metadata.get("labels") or {})
    labels[LABEL] = value
    metadata["labels"] = dict(sorted(labels.items()))


def _add(conn: sqlite3.Connection, request: EmulatorRequest, row: model.Cluster, size: str) -> None:
    """``AddPgAdminFromPgTask``: label, PVC, Deployment, Service; a failure leaves the task."""
    name = object_name(row.name)
    if row.has_deployment(name):
        # createPgAdminDeployment fails with AlreadyExists, so the task is never removed
        task = {"type": "pgadmin-add", "cluster": row.name, "cluster_uid": _uid(row)}
        state.put_object(conn, TASK_KIND, row.namespace, f"pgadmin-add-{row.name}", task)
        return
    _set_label(row, "true")
    state.put_pvc(conn, row.namespace, name, row.name, capacity(size), "other")
    row.add_deployment(name)
    service_type = str(row.spec.get("serviceType") or "")
    row.put_service(apiserver.new_service(request.world, name, service_type, ["5050/TCP"]))
    row.save(conn)


def _remove(conn: sqlite3.Connection, row: model.Cluster) -> None:
    """``DeletePgAdminFromPgTask``: label ``false``, then PVC, Service and Deployment go."""
    name = object_name(row.name)
    _set_label(row, "false")
    state.delete_pvc(conn, row.namespace, name)
    row.remove_service(name)
    row.remove_deployment(name)
    row.save(conn)


def handle_create(request: EmulatorRequest) -> CreatePgAdminResponse:
    """``CreatePgAdminHandler`` then ``CreatePgAdmin``."""
    body: CreatePgAdminRequest = request.body
    pgo: Any = request.settings.pgo
    results: list[str] = []
    failure: str | None = None
    added: set[str] = set()
    with request.state.write() as conn:
        request.world.reconcile(conn)
        try:
            rows = apiserver.select_clusters(
                conn, body.namespace, body.args, body.selector, request.world.now()
            )
        except apiserver.SelectionError as exc:
            return CreatePgAdminResponse(results=results, status=error_status(str(exc)))
        for listed in rows:
            row = model.get(conn, listed.namespace, listed.name) or listed
            upgrade = row.upgrade_error()
            if upgrade:
                return CreatePgAdminResponse(results=results, status=error_status(upgrade))
            if body.storage_config and body.storage_config not in pgo.storage:
                message = f"{go_quote(body.storage_config)} storage config provided invalid"
                return CreatePgAdminResponse(results=results, status=error_status(message))
            storage = dict(
                pgo.storage.get(body.storage_config or getattr(pgo, "pgadmin_storage", "default"), {})
            )
            size = str(storage.get("size") or "")
            if body.pvc_size:
                try:
                    parse_quantity(body.pvc_size)
                except QuantityError as exc:
                    message = PVC_SIZE_MSG.format(body.pvc_size, exc.message)
                    return CreatePgAdminResponse(results=results, status=error_status(message))
                size = body.pvc_size
            task = f"pgadmin-add-{row.name}"
            # a cluster listed twice: the first task is still waiting for the operator
            if row.name in added or _pending_task(conn, row, task):
                failure = TASK_ERROR
                results.append(f'{row.name}: error - pgtasks.crunchydata.com "{task}" already exists')
                continue
            _add(conn, request, row, size)
            added.add(row.name)
            results.append(f"{row.name} pgAdmin addition scheduled")
    if failure is not None:
        return CreatePgAdminResponse(results=results, status=error_status(failure))
    return CreatePgAdminResponse(results=results, status=ok_status())


def handle_delete(request: EmulatorRequest) -> DeletePgAdminResponse:
    """``DeletePgAdminHandler`` then ``DeletePgAdmin`` (no check that the cluster has pgAdmin)."""
    body: DeletePgAdminRequest = request.body
    results: list[str] = []
    with request.state.write() as conn:
        request.world.reconcile(conn)
        try:
            rows = apiserver.select_clusters(
                conn, body.namespace, body.args, body.selector, request.world.now()
            )
        except apiserver.SelectionError as exc:
            return DeletePgAdminResponse(results=results, status=error_status(str(exc)))
        for listed in rows:
            row = model.get(conn, listed.namespace, listed.name) or listed
            upgrade = row.upgrade_error()
            if upgrade:
                return DeletePgAdminResponse(results=results, status=error_status(upgrade))
            _remove(conn, row)
            results.append(f"{row.name} pgAdmin delete scheduled")
    return DeletePgAdminResponse(results=results, status=ok_status())


def handle_show(request: EmulatorRequest) -> ShowPgAdminResponse:
    """``ShowPgAdminHandler`` then ``ShowPgAdmin``."""
    body: ShowPgAdminRequest = request.body
    results: list[ShowPgAdminDetail] = []
    with request.state.write() as conn:
        request.world.reconcile(conn)
        try:
            rows = apiserver.select_clusters(
                conn, body.namespace, body.cluster_names, body.selector, request.world.now()
            )
        except apiserver.SelectionError as exc:
            return ShowPgAdminResponse(results=results, status=error_status(str(exc)))
        for row in rows:
            detail = ShowPgAdminDetail(cluster_name=str(row.spec.get("name") or row.name), has_pgadmin=True)
            if row.labels.get(LABEL) != "true":
                detail.has_pgadmin = False
                results.append(detail)
                continue
            name = object_name(row.name)
            service = row.find_service(name)
            if service is None:
                # the whole answer fails, keeping the rows made so far
                return ShowPgAdminResponse(
                    results=results, status=error_status(f'services "{name}" not found')
                )
            detail.service_cluster_ip = str(service.ip)
            detail.service_name = name
            detail.service_external_ip = str(service.external_ip or "")
            if not row.has_deployment(name):
                continue  # no pgAdmin pod to ask: Go logs it and leaves the cluster out
            detail.users = _logins(conn, row) or [""]
            results.append(detail)
    return ShowPgAdminResponse(results=results, status=ok_status())


def _logins(conn: sqlite3.Connection, row: model.Cluster) -> list[str]:
    """The users whose Secret ``<c>-<user>-secret`` holds a password, system accounts excepted."""
    users = []
    for secret_name in state.secrets_of_cluster(conn, row.namespace, row.name):
        data = state.get_secret(conn, row.namespace, secret_name) or {}
        user = data.get("username")
        if not isinstance(user, str) or secret_name != f"{row.name}-{user}-secret":
            continue
        if user.lower() in SYSTEM_ACCOUNTS or not data.get("password"):
            continue
        users.append(user)
    return users


HANDLERS = {CREATE: handle_create, DELETE: handle_delete, SHOW: handle_show}


def _pgadmin_rule(event_type: str, suffix: str) -> Rule:
    def rule(w: Written) -> Outcome:
        for name in w.results(suffix=suffix):
            yield cluster_event(event_type, w, name, (TOPIC_PGADMIN,))

    return rule


EVENTS = {
    CREATE: _pgadmin_rule("CreatePgAdmin", " pgAdmin addition scheduled"),
    DELETE: _pgadmin_rule("DeletePgAdmin", " pgAdmin delete scheduled"),
}
