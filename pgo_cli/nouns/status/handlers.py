"""The emulator's ``GET /status`` (``internal/apiserver/statusservice/statusimpl.go``).

Computed from the emulated objects of the namespace: every deployment of a cluster counts as a
database (the repository, pgBouncer and pgAdmin ones too, as ``pg-cluster`` selects them), every
PVC is a claim, the images are counted over the containers of the cluster's pods, a primary pod
appears once per container that is not ready, and the labels are counted over the deployments.
"""

from __future__ import annotations

from collections import Counter

from pgo_cli.emulator import model
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import Quantity, QuantityError, parse_quantity
from pgo_cli.nouns.status.endpoints import STATUS
from pgo_cli.nouns.status.messages import KeyValue, StatusDetail, StatusResponse
from pgo_cli.wire.codec import ok_status

#: The tag of the operator's own images (pgo-backrest-repo), as the 4.7.4 installer sets it.
PGO_IMAGE_TAG = "centos8-4.7.4"


def handle_status(request: EmulatorRequest) -> StatusResponse:
    """``StatusHandler``: Authn (done), version check, namespace check, ``Status``."""
    namespace = request.query["namespace"]
    now = request.world.now()
    with request.state.read() as conn:
        clusters = model.list_in(conn, namespace)
        pvcs = [pvc for cluster in clusters for pvc in model.pvcs_of(conn, namespace, cluster.name)]
    deployments: list[dict[str, str]] = []
    images: Counter[str] = Counter()
    not_ready: list[str] = []
    primaries_found = True
    for cluster in clusters:
        deployments.extend(cluster.deployment_labels())
        images.update(_images(cluster))
        primary = cluster.primaries()
        if primaries_found and not primary:
            primaries_found = False  # Go returns what it has at the first cluster with no pod
        if primaries_found:
            pod = primary[0]
            if not cluster.running(pod, now):
                not_ready.extend([pod.name] * pod.containers)
    total = 0
    for pvc in pvcs:
        total += _bytes(pvc.capacity)
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


def _images(cluster: model.Cluster) -> Counter[str]:
    spec = cluster.spec
    prefix, tag = spec["ccpimageprefix"], spec["ccpimagetag"]
    counted: Counter[str] = Counter()
    for _pod in cluster.pods:
        counted[f"{prefix}/{spec['ccpimage']}:{tag}"] += 1
        if spec.get("exporter"):
            counted[f"{prefix}/crunchy-postgres-exporter:{tag}"] += 1
        if spec.get("pgBadger"):
            counted[f"{prefix}/crunchy-pgbadger:{tag}"] += 1
    for deployment in cluster.deployments:
        if deployment.endswith("-backrest-shared-repo"):
            counted[f"{spec['pgoimageprefix']}/pgo-backrest-repo:{PGO_IMAGE_TAG}"] += 1
        elif deployment.endswith("-pgbouncer"):
            counted[f"{prefix}/crunchy-pgbouncer:{tag}"] += 1
    return counted


HANDLERS = {STATUS: handle_status}
