"""The emulator's ``POST /upgrades`` (``internal/apiserver/upgradeservice/upgradeimpl.go``).

``CreateUpgrade``, per named cluster in order, stopping at the first refusal (the upgrade tasks
of the clusters before it stay created, as in Go):

1. a pgtask ``<c>-upgrade`` that is not ``completed`` → ``Could not upgrade cluster: there exists
   an ongoing upgrade task: [<c>-upgrade]. …`` (nothing ever completes an upgrade task, so a
   second upgrade of a cluster is refused until that pgtask goes, with the cluster);
2. no such cluster → ``<c> is not a valid pgcluster``;
3. the cluster's ``pgo-version`` label is not 4.1 or later in the 4.x line (``^(\\d)\\.(\\d)\\.(\\d)``)
   → ``Cannot upgrade <c> from Postgres Operator version <v>``, unless ``IgnoreValidation``;
4. the target tag (``UpgradeCCPImageTag`` or pgo.yaml's) is of another PostgreSQL major version
   (``upgradeTagValid``, string comparisons included) → ``cannot upgrade from <old> to <new>,
   upgrade task failed.``, unless ``IgnoreValidation`` or the target tag is empty;
5. the pgtask is created (type ``clusterupgrade``, status ``cluster upgrade - task created``,
   parameters ``pg-cluster``, ``task submitted``, ``workflowid``, ``ccp-image``, ``pgo-version``,
   ``pgouser``), so ``pgo show workflow <id>`` finds it.

The operator's ``AddUpgrade`` (``internal/operator/cluster/upgrade.go``) then runs at once: the
workflow gets ``cluster upgrade - in progress``; the cluster is submitted again with the new
image tag, the current ``pgo-version`` and a new create-cluster workflow; its pods are recreated
and are ready after the ready delay.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from pgo_cli.emulator import model, pgtasks, selectors
from pgo_cli.emulator.publishing import (
    TOPIC_CLUSTER,
    TOPIC_UPGRADE,
    Later,
    Outcome,
    Written,
    cluster_event,
    ready_delay,
)
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import rfc3339
from pgo_cli.nouns.upgrade.endpoints import CREATE_UPGRADE
from pgo_cli.nouns.upgrade.messages import CreateUpgradeRequest, CreateUpgradeResponse
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import lookup, sorted_map

TASK_TYPE = "clusterupgrade"
TASK_CREATED = "cluster upgrade - task created"
IN_PROGRESS = "cluster upgrade - in progress"
COMPLETED_STATUS = "completed"
REQUIRED_MAJOR, MINIMUM_MINOR = 4, 1
_OPERATOR_VERSION = re.compile(r"^(\d)\.(\d)\.(\d)")
_TAG_VERSION = re.compile(r"-(\d+)\.(\d+)(\.\d+)?-")


class Refused(Exception):
    """One of CreateUpgrade's refusals; the message is the Status Msg."""


def supported_operator_version(version: str) -> bool:
    """``supportedOperatorVersion``: 4.x with x >= 1 (single digits, as Go's regular expression)."""
    found = _OPERATOR_VERSION.match(version)
    if found is None:
        return False
    return int(found.group(1)) == REQUIRED_MAJOR and int(found.group(2)) >= MINIMUM_MINOR


def upgrade_tag_valid(upgrade_from: str, upgrade_to: str) -> bool:
    """``upgradeTagValid``: the same PostgreSQL major version, not older (Go compares strings)."""
    old, new = _TAG_VERSION.search(upgrade_from), _TAG_VERSION.search(upgrade_to)
    if old is None or new is None:
        return False
    old_groups = [group or "" for group in old.groups()]
    new_groups = [group or "" for group in new.groups()]
    if old_groups[0] != new_groups[0] and new_groups[0] != "":
        return False
    if old_groups[2] == "" and new_groups[2] == "" and old_groups[1] <= new_groups[1]:
        return True
    return old_groups[1] == new_groups[1] and new_groups[1] != "" and old_groups[2] <= new_groups[2]


def handle_upgrade(request: EmulatorRequest) -> CreateUpgradeResponse:
    """``CreateUpgradeHandler``: Authn (done), version check, namespace check, ``CreateUpgrade``."""
    body: CreateUpgradeRequest = request.body
    response = CreateUpgradeResponse(results=[], status=ok_status())
    with request.state.write() as conn:
        try:
            _create_upgrades(request, conn, body, response)
        except Refused as refused:
            response.status = error_status(str(refused))
    return response


def _create_upgrades(
    request: EmulatorRequest, conn: Any, body: CreateUpgradeRequest, response: CreateUpgradeResponse
) -> None:
    world = request.world
    now = world.now()
    ns = body.namespace
    world.reconcile(conn, now)
    names = list(body.args or [])
    if body.selector:
        try:
            requirements = selectors.parse(body.selector)
        except selectors.SelectorError as error:
            raise Refused(str(error)) from None
        rows = [
            r for r in model.list_in(conn, ns) if selectors.matches(requirements, r.effective_labels(now))
        ]
        if not rows:
            response.status = ok_status("no clusters found")  # Code stays "ok" (a pgo bug, kept)
            return
        names = [row.spec["name"] for row in rows]
    assert response.results is not None
    for name in names:
        workflow_id = str(uuid.uuid4())
        tag = body.upgrade_ccp_image_tag or world.pgo.ccp_image_tag
        task_name = f"{name}-upgrade"
        existing = pgtasks.get_pgtask(conn, ns, task_name)
        if existing is not None and (existing.get("spec") or {}).get("status") != COMPLETED_STATUS:
            raise Refused(
                "Could not upgrade cluster: there exists an ongoing upgrade task: "
                f"[{existing['spec']['name']}]. If you believe this is an error, try deleting this pgtask CR."
            )
        row = model.get(conn, ns, name)
        if row is None:
            raise Refused(f"{name} is not a valid pgcluster")
        version = row.effective_labels(now).get("pgo-version", "")
        if not supported_operator_version(version) and not body.ignore_validation:
            raise Refused(f"Cannot upgrade {name} from Postgres Operator version {version}")
        old_tag = str(row.spec.get("ccpimagetag", ""))
        if not upgrade_tag_valid(old_tag, tag) and not body.ignore_validation and tag != "":
            raise Refused(f"cannot upgrade from {old_tag} to {tag}, upgrade task failed.")
        parameters = {
            "pg-cluster": name,
            pgtasks.SUBMITTED: rfc3339(now),
            pgtasks.WORKFLOW_ID: workflow_id,
            "ccp-image": tag,
            "pgo-version": request.settings.version,
            "pgouser": request.username,
        }
        task = pgtasks.pgtask(
            task_name,
            ns,
            task_type=TASK_TYPE,
            status=TASK_CREATED,
            parameters=parameters,
            labels={"pg-cluster": name, "pgouser": request.username, pgtasks.WORKFLOW_ID: workflow_id},
            owner_uid=str(row.metadata.get("uid", "")),
        )
        _run_upgrade(request, conn, row, task, now)
        pgtasks.put_pgtask(conn, ns, task)
        response.results.append("created upgrade task for " + name)
        response.workflow_id = workflow_id


def _run_upgrade(
    request: EmulatorRequest, conn: Any, row: model.Cluster, task: dict[str, Any], now: float
) -> None:
    """``AddUpgrade``: the cluster is submitted again with the new tag, version and workflow."""
    world = request.world
    parameters = task["spec"]["parameters"]
    parameters[IN_PROGRESS] = rfc3339(now)
    spec = row.spec
    if parameters["ccp-image"]:
        spec["ccpimagetag"] = parameters["ccp-image"]
    labels = dict(spec.get("userlabels") or {})
    labels["pgo-version"] = parameters["pgo-version"]
    labels[pgtasks.WORKFLOW_ID] = str(uuid.uuid4())
    spec["userlabels"] = sorted_map(labels)
    metadata_labels = row.labels
    metadata_labels["pgo-version"] = parameters["pgo-version"]
    row.metadata["labels"] = sorted_map(metadata_labels)
    row.extra[pgtasks.RECREATED] = now
    ready_at = now + float(request.settings.ready_delay)
    for pod in row.pods:
        pod.name = f"{pod.deployment}-{world.suffix(10)}-{world.suffix(5)}"
        pod.ready_at = ready_at
    row.ready_at = ready_at
    row.save(conn)


HANDLERS = {CREATE_UPGRADE: handle_upgrade}


def _upgraded(w: Written) -> Outcome:
    workflow = str(lookup(w.answer, "WorkflowID", ""))
    for name in w.results("created upgrade task for "):
        topics = (TOPIC_CLUSTER, TOPIC_UPGRADE)
        yield cluster_event("UpgradeCluster", w, name, topics, workflowid=workflow)
        submitted = cluster_event("UpgradeClusterCreateSubmitted", w, name, topics, workflowid=workflow)
        yield Later(ready_delay, submitted)


EVENTS = {CREATE_UPGRADE: _upgraded}
