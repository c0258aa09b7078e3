"""The emulator's ``GET /status`` (``internal/apiserver/statusservice/statusimpl.go``).

Computed from the emulated objects of the namespace: every deployment of a cluster counts as a
database (the repository, pgBouncer and pgAdmin ones too, as ``pg-cluster`` selects them), every
PVC is a claim, the images are counted over the containers of the cluster's pods, a primary pod
appears once per container that is not ready, and the labels are counted over the deployments.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pgo_cli.emulator import state
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import Quantity, QuantityError, parse_quantity
from pgo_cli.nouns.status.endpoints import STATUS
from pgo_cli.nouns.status.messages import KeyValue, StatusDetail, StatusResponse
from pgo_cli.wire.codec import error_status, ok_status

#: The tag of the operator's own images (pgo-backrest-repo), as the 4.7.4 installer sets it.
PGO_IMAGE_TAG = "centos8-4.7.4"


def handle_status(request: EmulatorRequest) -> StatusResponse:
    """``StatusHandler``: Authn (done), version check, namespace check, ``Status``."""
    problem = request.version_error(request.query.get("version", ""))
    problem = problem or request.namespace_error(request.query.get("namespace", ""))
    if problem:
        return StatusResponse(status=error_status(problem))
    namespace = request.query["namespace"]
    now = request.world.now()
    with request.state.read() as conn:
        rows = state.list_clusters(conn, namespace)
        pvcs = [pvc for row in rows for pvc in state.pvcs_of_cluster(conn, namespace, row.name)]
    deployments: list[dict[str, str]] = []
    images: Counter[str] = Counter()
    not_ready: list[str] = []
    primaries_found = True
    for row in rows:
        deployments.extend(_deployment_labels(row.doc))
        images.update(_images(row.doc))
        primary = [pod for pod in row.doc["pods"] if pod["role"] == "master"]
        if primaries_found and not primary:
            primaries_found = False  # Go returns what it has at the first cluster with no pod
        if primaries_found:
            pod = primary[0]
            if now < float(pod.get("ready_at", row.ready_at)):
                not_ready.extend([pod["name"]] * int(pod["containers"]))
    total = 0
    for _name, capacity, _kind in pvcs:
        total += _bytes(capacity)
    labels = Counter(f"{k}={v}" for labels in deployments for k, v in labels.items())
    detail = StatusDetail(
        num_databases=len(deployments),
        num_claims=len(pvcs),
        volume_cap=Quantity(total, 0, "BinarySI").canonical(),
        db_tags=dict(sorted(images.items())),
        not_ready=not_ready,
        nodes=None,
        labels=[KeyValue(k, v) for k, v in sorted(labels.items(), key=lambda item: (-item[1], item[0]))]
        or None,
    )
    return StatusResponse(result=detail, status=ok_status())


def _bytes(capacity: str) -> int:
    try:
        quantity = parse_quantity(capacity)
    except QuantityError:
        return 0
    value = quantity.mantissa * 10**quantity.exponent if quantity.exponent >= 0 else 0
    return int(value)


def _deployment_labels(doc: dict[str, Any]) -> list[dict[str, str]]:
    cluster = doc["cluster"]
    name = cluster["metadata"]["name"]
    spec = cluster["spec"]
    user = (cluster["metadata"].get("labels") or {}).get("pgouser", "")
    common = {"vendor": "crunchydata", "pg-cluster": name, "pgouser": user}
    version = (spec.get("userlabels") or {}).get("pgo-version", "")
    labels = []
    for deployment in doc["deployments"]:
        entry = {**common, "name": deployment}
        if deployment == name or deployment in doc["replicas"]:
            entry.update({"deployment-name": deployment, "crunchy-pgha-scope": name, "pgo-version": version})
        elif deployment.endswith("-backrest-shared-repo"):
            entry["pgo-backrest-repo"] = "true"
        elif deployment.endswith("-pgbouncer"):
            entry["crunchy-pgbouncer"] = "true"
        labels.append(entry)
    return labels


def _images(doc: dict[str, Any]) -> Counter[str]:
    spec = doc["cluster"]["spec"]
    prefix, tag = spec["ccpimageprefix"], spec["ccpimagetag"]
    counted: Counter[str] = Counter()
    for _pod in doc["pods"]:
        counted[f"{prefix}/{spec['ccpimage']}:{tag}"] += 1
        if spec.get("exporter"):
            counted[f"{prefix}/crunchy-postgres-exporter:{tag}"] += 1
        if spec.get("pgBadger"):
            counted[f"{prefix}/crunchy-pgbadger:{tag}"] += 1
    for deployment in doc["deployments"]:
        if deployment.endswith("-backrest-shared-repo"):
            counted[f"{spec['pgoimageprefix']}/pgo-backrest-repo:{PGO_IMAGE_TAG}"] += 1
        elif deployment.endswith("-pgbouncer"):
            counted[f"{prefix}/crunchy-pgbouncer:{tag}"] += 1
    return counted


HANDLERS = {STATUS: handle_status}
