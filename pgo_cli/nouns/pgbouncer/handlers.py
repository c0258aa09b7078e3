"""The emulator's pgBouncer routes (``internal/apiserver/pgbouncerservice/pgbouncerimpl.go``).

The apiserver only edits ``spec.pgBouncer`` of each Pgcluster; the operator's cluster controller
then reacts (``internal/operator/cluster/pgbouncer.go``). The emulator does both in one
transaction: enabling (replicas 0 → n) makes the Secret ``<c>-pgbouncer-secret`` (kept if it
exists), the Deployment and the Service ``<c>-pgbouncer``; disabling removes them; an update
changes the Service type. Checks run in the Go order with the Go messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from pgo_cli.emulator import apiserver, model, state
from pgo_cli.emulator.publishing import TOPIC_PGBOUNCER, Event, Outcome, Rule, Written
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import QuantityError, parse_quantity
from pgo_cli.nouns.pgbouncer.endpoints import CREATE, DELETE, DELETE_ALIAS, SHOW, UPDATE
from pgo_cli.nouns.pgbouncer.messages import (
    CreatePgbouncerRequest,
    CreatePgbouncerResponse,
    DeletePgbouncerRequest,
    DeletePgbouncerResponse,
    ShowPgBouncerDetail,
    ShowPgBouncerRequest,
    ShowPgBouncerResponse,
    UpdatePgBouncerDetail,
    UpdatePgBouncerRequest,
    UpdatePgBouncerResponse,
)
from pgo_cli.nouns.user.handlers import md5_hash
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import go_quote, lookup

#: ``crv1.PGUserPgBouncer``.
PGBOUNCER_USER = "pgbouncer"
#: ``config.DefaultPgBouncerReplicas``.
DEFAULT_REPLICAS = 1
REPLICAS_MSG = "must have at least 1 replica(s)"


class Refused(Exception):
    """A check failed; the message is the status ``Msg``."""


def service_name(cluster: str) -> str:
    """``<c>-pgbouncer``: the name of the Deployment and of the Service."""
    return f"{cluster}-pgbouncer"


def secret_name(cluster: str) -> str:
    """``util.GeneratePgBouncerSecretName``."""
    return f"{cluster}-pgbouncer-secret"


def check_request_limit(request: str, limit: str, default: str) -> None:
    """``apiserver.ValidateResourceRequestLimit`` (``internal/apiserver/common.go``)."""
    try:
        requested = parse_quantity(request) if request else None
        limited = parse_quantity(limit) if limit else None
    except QuantityError as exc:
        raise Refused(exc.message) from None
    if requested is None or requested.is_zero():
        requested = parse_quantity(default) if default else None
    if (
        limited is not None
        and requested is not None
        and not limited.is_zero()
        and not requested.is_zero()
        and limited < requested
    ):
        raise Refused(f"limit {go_quote(str(limited))} is lower than the request {go_quote(str(requested))}")


def _quantity(text: str) -> str:
    return str(parse_quantity(text))


# ---------------------------------------------------------------------- the operator's side


def _write_secret(conn: sqlite3.Connection, row: model.Cluster, password: str) -> None:
    data = {
        # "user": removed with the cluster's data, as the pgbouncer role lives in PostgreSQL.
        "kind": "user",
        "password": password,
        "users.txt": f'"{PGBOUNCER_USER}" "{md5_hash(PGBOUNCER_USER, password)}"\n',
    }
    state.put_secret(conn, row.namespace, secret_name(row.name), row.name, data)


def ensure_secret(conn: sqlite3.Connection, request: EmulatorRequest, row: model.Cluster) -> str:
    """The pgbouncer password, making the Secret when it is missing (``createPgbouncerSecret``)."""
    secret = state.get_secret(conn, row.namespace, secret_name(row.name))
    if secret is not None and "password" in secret:
        return str(secret["password"])
    password = request.world.password()
    _write_secret(conn, row, password)
    return password


def _service_type(spec: dict[str, Any]) -> str:
    bouncer = spec.get("pgBouncer") or {}
    return str(bouncer.get("serviceType") or spec.get("serviceType") or "")


def reconcile(conn: sqlite3.Connection, request: EmulatorRequest, row: model.Cluster, was_on: bool) -> None:
    """The cluster controller's ``updatePgBouncer``: add, delete or update the pgBouncer objects."""
    spec = row.spec
    now_on = _enabled(row)
    name = service_name(row.name)
    if now_on and not was_on:  # AddPgbouncer
        ensure_secret(conn, request, row)
        row.add_deployment(name)
        row.put_service(apiserver.new_service(request.world, name, _service_type(spec), ["5432/TCP"]))
    elif was_on and not now_on:  # DeletePgbouncer
        row.remove_deployment(name)
        row.remove_service(name)
        state.delete_secret(conn, row.namespace, secret_name(row.name))
    elif now_on:  # UpdatePgbouncer: the Service type may have changed
        service = row.find_service(name)
        if service is None:
            service = apiserver.new_service(request.world, name, _service_type(spec), ["5432/TCP"])
        else:
            apiserver.set_service_type(request.world, service, _service_type(spec))
        row.put_service(service)
        row.add_deployment(name)


def _enabled(row: model.Cluster) -> bool:
    return int((row.spec.get("pgBouncer") or {}).get("replicas") or 0) > 0


def _bouncer(row: model.Cluster) -> dict[str, Any]:
    spec = row.spec
    bouncer: dict[str, Any] = spec.setdefault("pgBouncer", {})
    return bouncer


# ---------------------------------------------------------------------- handlers


def handle_create(request: EmulatorRequest) -> CreatePgbouncerResponse:
    """``CreatePgbouncerHandler`` then ``CreatePgbouncer``."""
    body: CreatePgbouncerRequest = request.body
    results: list[str] = []
    default_memory = request.settings.pgo.default_pgbouncer_memory
    try:
        check_request_limit(body.cpu_request, body.cpu_limit, "")
        check_request_limit(body.memory_request, body.memory_limit, default_memory)
        if body.replicas < 0:
            raise Refused(REPLICAS_MSG)
    except Refused as exc:
        return CreatePgbouncerResponse(results=results, status=error_status(str(exc)))
    failure: str | None = None
    with request.state.write() as conn:
        request.world.reconcile(conn)
        try:
            rows = apiserver.select_clusters(
                conn, body.namespace, body.args, body.selector, request.world.now()
            )
        except apiserver.SelectionError as exc:
            failure, rows = str(exc), []
        for row in rows:
            # a cluster named twice is updated twice, as the Go loop does
            fresh = model.get(conn, row.namespace, row.name) or row
            try:
                _create_one(conn, request, fresh, body, default_memory)
            except Refused as exc:
                # the clusters before this one stay updated, and their lines are returned
                failure = str(exc)
                break
            results.append(f"{fresh.name} pgbouncer added")
    if failure is not None:
        return CreatePgbouncerResponse(results=results, status=error_status(failure))
    return CreatePgbouncerResponse(results=results, status=ok_status())


def _create_one(
    conn: sqlite3.Connection,
    request: EmulatorRequest,
    row: model.Cluster,
    body: CreatePgbouncerRequest,
    default_memory: str,
) -> None:
    upgrade = row.upgrade_error()
    if upgrade:
        raise Refused(upgrade)
    _check_tls(conn, row, body.tls_secret)
    if body.service_type not in (*apiserver.SERVICE_TYPES, ""):
        raise Refused(f"invalid service type {go_quote(body.service_type)}")
    was_on = _enabled(row)
    bouncer = _bouncer(row)
    bouncer["replicas"] = body.replicas if body.replicas > 0 else DEFAULT_REPLICAS
    bouncer["serviceType"] = body.service_type
    limits: dict[str, str] = {}
    resources: dict[str, str] = {}
    if body.cpu_limit:
        limits["cpu"] = _quantity(body.cpu_limit)
    if body.cpu_request:
        resources["cpu"] = _quantity(body.cpu_request)
    if body.memory_limit:
        limits["memory"] = _quantity(body.memory_limit)
    resources["memory"] = _quantity(body.memory_request or default_memory)
    bouncer["resources"] = dict(sorted(resources.items()))
    bouncer["limits"] = dict(sorted(limits.items()))
    bouncer["tlsSecret"] = body.tls_secret
    reconcile(conn, request, row, was_on)
    row.save(conn)


def _check_tls(conn: sqlite3.Connection, row: model.Cluster, tls_secret: str) -> None:
    """``validateTLS``: the cluster needs its own TLS and CA secrets (the pgBouncer one is not checked)."""
    if tls_secret == "":
        return
    tls = row.spec.get("tls") or {}
    cluster_tls, cluster_ca = str(tls.get("tlsSecret") or ""), str(tls.get("caSecret") or "")
    if cluster_tls == "" or cluster_ca == "":
        raise Refused(
            f"{row.name}: both TLS secret and CA secret must be set on the cluster in order to enable TLS "
            "for pgBouncer"
        )
    if state.get_secret(conn, row.namespace, cluster_tls) is None:
        raise Refused(f'{row.name}: cannot find TLS secret for cluster: secrets "{cluster_tls}" not found')
    if state.get_secret(conn, row.namespace, cluster_ca) is None:
        raise Refused(f'{row.name}: cannot find CA secret for cluster: secrets "{cluster_ca}" not found')


def handle_delete(request: EmulatorRequest) -> DeletePgbouncerResponse:
    """``DeletePgbouncerHandler`` then ``DeletePgbouncer`` (no check that pgBouncer was on)."""
    body: DeletePgbouncerRequest = request.body
    results: list[str] = []
    try:
        with request.state.write() as conn:
            request.world.reconcile(conn)
            rows = apiserver.select_clusters(
                conn, body.namespace, body.args, body.selector, request.world.now()
            )
            standby = apiserver.standby_names(rows)
            if standby and body.uninstall:
                raise Refused(
                    "Request rejected, unable to delete pgbouncer using the 'uninstall' parameter for "
                    f"clusters {','.join(standby)}: {apiserver.STANDBY_NOT_ALLOWED}."
                )
            for row in rows:
                fresh = model.get(conn, row.namespace, row.name) or row
                was_on = _enabled(fresh)
                bouncer = _bouncer(fresh)
                bouncer["replicas"] = 0
                bouncer["resources"] = {}
                bouncer["limits"] = {}
                reconcile(conn, request, fresh, was_on)
                fresh.save(conn)
                results.append(f"{fresh.name} pgbouncer deleted")
    except (Refused, apiserver.SelectionError) as exc:
        return DeletePgbouncerResponse(results=results, status=error_status(str(exc)))
    return DeletePgbouncerResponse(results=results, status=ok_status())


def handle_show(request: EmulatorRequest) -> ShowPgBouncerResponse:
    """``ShowPgBouncerHandler`` then ``ShowPgBouncer``: user, password and Service per cluster."""
    body: ShowPgBouncerRequest = request.body
    results: list[ShowPgBouncerDetail] = []
    try:
        # a write: the operator may still owe an enabled cluster its Secret (create cluster --pgbouncer)
        with request.state.write() as conn:
            request.world.reconcile(conn)
            for row in apiserver.select_clusters(
                conn, body.namespace, body.cluster_names, body.selector, request.world.now()
            ):
                results.append(_show_one(conn, request, row))
    except apiserver.SelectionError as exc:
        return ShowPgBouncerResponse(results=[], status=error_status(str(exc)))
    return ShowPgBouncerResponse(results=results, status=ok_status())


def _show_one(conn: sqlite3.Connection, request: EmulatorRequest, row: model.Cluster) -> ShowPgBouncerDetail:
    name = str(row.spec.get("name") or row.name)
    detail = ShowPgBouncerDetail(cluster_name=name, has_pgbouncer=True)
    if not _enabled(row):
        detail.has_pgbouncer = False
        return detail
    detail.username = PGBOUNCER_USER
    service = row.find_service(service_name(row.name))
    if service is not None:
        detail.service_cluster_ip = str(service.ip)
        detail.service_name = str(service.name)
        detail.service_external_ip = str(service.external_ip or "")
    detail.password = ensure_secret(conn, request, row)
    return detail


def handle_update(request: EmulatorRequest) -> UpdatePgBouncerResponse:
    """``UpdatePgBouncerHandler`` then ``UpdatePgBouncer``: rotate, resize, rescale, retype."""
    body: UpdatePgBouncerRequest = request.body
    results: list[UpdatePgBouncerDetail] | None = None
    try:
        # Go's check here uses no default: pgBouncer is already deployed.
        check_request_limit(body.cpu_request, body.cpu_limit, "")
        check_request_limit(body.memory_request, body.memory_limit, "")
        if body.replicas < 0:
            raise Refused(REPLICAS_MSG)
        with request.state.write() as conn:
            request.world.reconcile(conn)
            rows = apiserver.select_clusters(
                conn, body.namespace, body.cluster_names, body.selector, request.world.now()
            )
            standby = apiserver.standby_names(rows)
            if standby:
                raise Refused(
                    f"Request rejected, unable to update pgbouncer for clusters {','.join(standby)}: "
                    f"{apiserver.STANDBY_NOT_ALLOWED}."
                )
            results = []
            for row in rows:
                fresh = model.get(conn, row.namespace, row.name) or row
                results.append(_update_one(conn, request, fresh, body))
    except (Refused, apiserver.SelectionError) as exc:
        return UpdatePgBouncerResponse(results=results, status=error_status(str(exc)))
    return UpdatePgBouncerResponse(results=results, status=ok_status())


def _update_one(
    conn: sqlite3.Connection, request: EmulatorRequest, row: model.Cluster, body: UpdatePgBouncerRequest
) -> UpdatePgBouncerDetail:
    name = str(row.spec.get("name") or row.name)
    detail = UpdatePgBouncerDetail(cluster_name=name, has_pgbouncer=True)
    if not _enabled(row):
        detail.has_pgbouncer = False
        return detail
    if body.rotate_password:  # RotatePgBouncerPassword, inline
        _write_secret(conn, row, request.world.password())
    bouncer = _bouncer(row)
    if body.service_type not in (*apiserver.SERVICE_TYPES, ""):
        detail.error = True
        detail.error_message = f"invalid service type {go_quote(body.service_type)}"
        return detail
    if body.service_type:
        bouncer["serviceType"] = body.service_type
    resources = dict(bouncer.get("resources") or {})
    limits = dict(bouncer.get("limits") or {})
    if body.cpu_limit:
        limits["cpu"] = _quantity(body.cpu_limit)
    if body.cpu_request:
        resources["cpu"] = _quantity(body.cpu_request)
    if body.memory_limit:
        limits["memory"] = _quantity(body.memory_limit)
    if body.memory_request:
        resources["memory"] = _quantity(body.memory_request)
    bouncer["resources"] = dict(sorted(resources.items()))
    bouncer["limits"] = dict(sorted(limits.items()))
    if body.replicas > 0:
        bouncer["replicas"] = body.replicas
    reconcile(conn, request, row, True)
    row.save(conn)
    return detail


HANDLERS = {
    CREATE: handle_create,
    UPDATE: handle_update,
    DELETE: handle_delete,
    DELETE_ALIAS: handle_delete,
    SHOW: handle_show,
}


# ---------------------------------------------------------------------------------------- events


def _bouncer_rule(event_type: str, suffix: str) -> Rule:
    def rule(w: Written) -> Outcome:
        for name in w.results(suffix=suffix):
            # publishPgBouncerEvent sets no Username.
            yield Event(event_type, w.namespace, "", (TOPIC_PGBOUNCER,), (("clustername", name),))

    return rule


_BOUNCER_SPEC = ("Replicas", "CPULimit", "CPURequest", "MemoryLimit", "MemoryRequest", "serviceType")


def _updated(w: Written) -> Outcome:
    # The operator publishes UpdatePgbouncer when the pgcluster's pgBouncer spec changes
    # (replicas, resources, service type); a password rotation alone is done by the apiserver.
    if not any(w.get(key, None) for key in _BOUNCER_SPEC):
        return
    for detail in lookup(w.answer, "Results", None) or []:
        if isinstance(detail, Mapping) and not lookup(detail, "Error", False):
            name = str(lookup(detail, "ClusterName", ""))
            yield Event("UpdatePgbouncer", w.namespace, "", (TOPIC_PGBOUNCER,), (("clustername", name),))


EVENTS = {
    CREATE: _bouncer_rule("CreatePgbouncer", " pgbouncer added"),
    UPDATE: _updated,
    DELETE: _bouncer_rule("DeletePgbouncer", " pgbouncer deleted"),
    DELETE_ALIAS: _bouncer_rule("DeletePgbouncer", " pgbouncer deleted"),
}
