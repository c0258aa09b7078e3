"""The emulator's policy routes (``internal/apiserver/policyservice/``).

Policies are stored as ``pgpolicy`` objects holding the whole Pgpolicy as the apiserver returns it.
``apply`` labels the cluster (``<policy>=pgpolicy`` in its metadata labels, which ``show cluster``
lists as the deployment's policies) after checking that the primary pod can run the SQL.
"""

from __future__ import annotations

import uuid
from typing import Any

from pgo_cli.emulator import model, selectors, state
from pgo_cli.emulator.publishing import TOPIC_POLICY, Event, Outcome, Written
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import rfc3339
from pgo_cli.k8s import dns1035_label_errors
from pgo_cli.nouns.policy.endpoints import APPLY, CREATE, DELETE, SHOW
from pgo_cli.nouns.policy.messages import (
    ApplyPolicyRequest,
    ApplyPolicyResponse,
    CreatePolicyRequest,
    CreatePolicyResponse,
    DeletePolicyRequest,
    DeletePolicyResponse,
    Pgpolicy,
    PgpolicyList,
    PgpolicySpec,
    ShowPolicyRequest,
    ShowPolicyResponse,
)
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import lookup, sorted_map

KIND = "pgpolicy"
#: ``apiserver.ErrStandbyNotAllowed``.
STANDBY_NOT_ALLOWED = "Action not permitted because standby mode is enabled"
#: The state the pgpolicy controller writes on add (``internal/controller/pgpolicy``).
PROCESSED = {"state": "pgpolicy Processed", "message": "Successfully processed Pgpolicy by controller"}


def handle_create(request: EmulatorRequest) -> CreatePolicyResponse:
    """``CreatePolicyHandler``: version, namespace, DNS-1035 name, then create (exists → error)."""
    body: CreatePolicyRequest = request.body
    errs = dns1035_label_errors(body.name)
    if errs:
        return CreatePolicyResponse(status=error_status("invalid policy name format " + errs[0]))
    ns = body.namespace
    with request.state.write() as conn:
        if state.get_object(conn, KIND, ns, body.name) is not None:
            return CreatePolicyResponse(status=error_status("policy already exists with that name"))
        policy = {
            "metadata": {
                "name": body.name,
                "namespace": ns,
                "uid": str(uuid.uuid4()),
                "resourceVersion": request.world.resource_version(),
                "generation": 1,
                "creationTimestamp": rfc3339(request.world.now()),
                "labels": {"pgouser": request.username},
            },
            "spec": {"name": body.name, "sql": body.sql, "status": ""},
            "status": dict(PROCESSED),
        }
        state.put_object(conn, KIND, ns, body.name, policy)
    return CreatePolicyResponse(status=ok_status())


def _policy(data: dict[str, Any]) -> Pgpolicy:
    """A stored Pgpolicy (``metadata``, ``spec``, ``status``, as :func:`handle_create` stores it)."""
    spec = data["spec"]
    return Pgpolicy(
        metadata=data["metadata"],
        spec=PgpolicySpec(name=spec["name"], sql=spec["sql"], status=spec["status"]),
        status=data["status"],
    )


def handle_show(request: EmulatorRequest) -> ShowPolicyResponse:
    """``ShowPolicyHandler``: all policies with AllFlag, else the named one (missing → no items)."""
    body: ShowPolicyRequest = request.body
    ns = body.namespace
    with request.state.read() as conn:
        if body.all_flag:
            items = [_policy(data) for _, _, data in state.list_objects(conn, KIND, ns)]
            metadata = {"resourceVersion": request.world.resource_version()}
            policy_list = PgpolicyList(metadata=metadata, items=items)
        else:
            found = state.get_object(conn, KIND, ns, body.policyname)
            policy_list = PgpolicyList(metadata={}, items=None if found is None else [_policy(found)])
    return ShowPolicyResponse(policy_list=policy_list, status=ok_status())


def handle_delete(request: EmulatorRequest) -> DeletePolicyResponse:
    """``DeletePolicy``: every policy whose name matches (``all``: every one); none → not found."""
    body: DeletePolicyRequest = request.body
    name = body.policy_name
    results: list[str] = []
    with request.state.write() as conn:
        for _, stored, data in state.list_objects(conn, KIND, body.namespace):
            spec_name = str(data.get("spec", {}).get("name", stored))
            if name == "all" or name == spec_name:
                state.delete_object(conn, KIND, body.namespace, stored)
                results.append("deleted policy " + spec_name)
    if not results:
        return DeletePolicyResponse(results=[], status=error_status(f"policy {name} not found"))
    return DeletePolicyResponse(results=results, status=ok_status())


def handle_apply(request: EmulatorRequest) -> ApplyPolicyResponse:
    """``ApplyPolicy``: the policy must exist; the selector picks clusters; standby ones refuse."""
    body: ApplyPolicyRequest = request.body
    ns = body.namespace
    request.world.reconcile()
    now = request.world.now()
    names: list[str] = []
    with request.state.write() as conn:
        if state.get_object(conn, KIND, ns, body.name) is None:
            return ApplyPolicyResponse(
                name=[], status=error_status(f"policy {body.name} is not found, cancelling request")
            )
        try:
            requirements = selectors.parse(body.selector)
        except selectors.SelectorError as exc:
            return ApplyPolicyResponse(name=[], status=error_status(str(exc)))
        rows = [
            row
            for row in model.list_in(conn, ns)
            if selectors.matches(requirements, row.effective_labels(now))
        ]
        standby = [row.name for row in rows if row.spec.get("standby")]
        if standby:
            # policyimpl.go's format string takes one argument too few (pgo 4.7.4 bug, kept).
            message = (
                f"Request rejected, unable to load clusters {STANDBY_NOT_ALLOWED}: %!s(MISSING)."
                + ",".join(standby)
            )
            return ApplyPolicyResponse(name=[], status=error_status(message))
        # The deployment labelled service-name=<cluster> is the cluster's own (primary) deployment.
        targets = [row for row in rows if row.has_deployment(row.name)]
        if body.dry_run:
            return ApplyPolicyResponse(name=[row.name for row in targets], status=ok_status())
        for row in targets:
            problem = _exec_check(row, now)
            if problem:
                return ApplyPolicyResponse(name=names, status=error_status(problem))
            labels = row.labels
            labels[body.name] = "pgpolicy"
            row.metadata["labels"] = sorted_map(labels)
            row.save(conn)
            names.append(row.name)
    return ApplyPolicyResponse(name=names, status=ok_status())


def _exec_check(row: model.Cluster, now: float) -> str | None:
    """``util.ExecPolicy``: exactly one primary pod, running, to take the SQL on psql's stdin."""
    selector = f"pg-cluster={row.name},pgha-role=master"
    primaries = [] if row.shutdown_requested else [p for p in row.instance_pods() if p.is_primary]
    if len(primaries) != 1:
        return f"could not find the primary pod selector:[{selector}] pods returned:[{len(primaries)}]"
    if not row.running(primaries[0], now):
        return 'unable to upgrade connection: container not found ("database")'
    return None


HANDLERS = {CREATE: handle_create, SHOW: handle_show, DELETE: handle_delete, APPLY: handle_apply}


# ---------------------------------------------------------------------------------------- events


def _policy_event(event_type: str, w: Written, policy: str, cluster: str | None = None) -> Event:
    fields = (
        (("policyname", policy),) if cluster is None else (("clustername", cluster), ("policyname", policy))
    )
    return Event(event_type, w.namespace, w.username, (TOPIC_POLICY,), fields)


def _created(w: Written) -> Outcome:
    yield _policy_event("CreatePolicy", w, str(w.get("Name")))


def _deleted(w: Written) -> Outcome:
    for name in w.results("deleted policy "):
        yield _policy_event("DeletePolicy", w, name, "")


def _applied(w: Written) -> Outcome:
    if w.get("DryRun", False):
        return
    for cluster in lookup(w.answer, "Name", None) or []:
        yield _policy_event("ApplyPolicy", w, str(w.get("Name")), str(cluster))


EVENTS = {CREATE: _created, DELETE: _deleted, APPLY: _applied}
