"""The emulator's ``POST /df`` (``internal/apiserver/dfservice/dfimpl.go``).

For each selected cluster: every Running instance pod's PVCs (data ``pgdata``, WAL, tablespaces)
and the pgBackRest repository pod's ``<c>-pgbr-repo``. The capacity is the PVC's (bytes of its
quantity); the used size stands in for ``du -s --block-size 1`` and is plausible and stable: a
fixed share of the capacity derived from the namespace and PVC name, so repeated calls agree.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from typing import Any

from pgo_cli.emulator import model, selectors
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import QuantityError, parse_quantity
from pgo_cli.nouns.df.endpoints import DF
from pgo_cli.nouns.df.messages import (
    PVC_DATA,
    PVC_PGBACKREST,
    PVC_TABLESPACE,
    PVC_WAL,
    SHOW_ALL_SELECTOR,
    DfDetail,
    DfRequest,
    DfResponse,
)
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import go_quote

#: Typical sizes (bytes) of a young cluster's volumes, before the per-PVC spread.
BASE_USED = {PVC_DATA: 40 << 20, PVC_PGBACKREST: 6 << 20, PVC_TABLESPACE: 8 << 10, PVC_WAL: 32 << 20}


def capacity_bytes(quantity: str | None) -> int:
    """``resource.MustParse(capacity).AsInt64()``: 0 when absent, unparsable or not whole."""
    if not quantity:
        return 0
    try:
        parsed = parse_quantity(quantity)
    except QuantityError:
        return 0
    value = Fraction(parsed.mantissa) * Fraction(10) ** parsed.exponent
    return int(value) if value.denominator == 1 else 0


def used_bytes(namespace: str, pvc: str, kind: int, capacity: int) -> int:
    """A stable stand-in for ``du``: the type's typical size spread by a hash, never above capacity."""
    digest = hashlib.sha256(f"{namespace}/{pvc}".encode()).digest()
    spread = 0.75 + (int.from_bytes(digest[:4], "big") / 2**32) * 0.75
    used = int(BASE_USED.get(kind, 1 << 20) * spread) // 4096 * 4096
    return min(used, capacity) if capacity else used


def _pvc_type(volume: str) -> int | None:
    """df.go's volume classification (``pgdata``, ``backrestrepo``, ``tablespace-*``, ``pgwal``)."""
    if volume == "pgdata":
        return PVC_DATA
    if volume == "backrestrepo":
        return PVC_PGBACKREST
    if volume.startswith("tablespace-"):
        return PVC_TABLESPACE
    if volume in ("pgwal", "pgwal-volume"):
        return PVC_WAL
    return None


def repo_pod_name(row: model.Cluster) -> str:
    """A stable pod name for the cluster's pgBackRest repository deployment."""
    seed = hashlib.sha256(str(row.metadata.get("uid", row.name)).encode()).hexdigest()
    alphabet = "bcdfghjklmnpqrstvwxz2456789"
    chars = [alphabet[int(seed[i : i + 2], 16) % len(alphabet)] for i in range(0, 30, 2)]
    return f"{row.name}-backrest-shared-repo-{''.join(chars[:10])}-{''.join(chars[10:15])}"


def cluster_df(conn: Any, ns: str, row: model.Cluster, now: float) -> list[DfDetail]:
    """``getClusterDf``: the PVCs of the cluster's Running instance and repository pods."""
    details: list[DfDetail] = []
    for pod in row.instance_pods():
        # A shut-down cluster's pods are not running (nor is its repository below).
        if row.shutdown_requested or not row.running(pod, now):
            continue
        for volume in pod.pvcs:
            kind = _pvc_type(volume.volume)
            if kind is None:
                continue
            name = volume.name
            capacity = capacity_bytes(model.pvc_capacity(conn, ns, name))
            details.append(
                DfDetail(
                    instance_name=pod.deployment,
                    pod_name=pod.name,
                    pvc_type=kind,
                    pvc_name=name,
                    pvc_used=used_bytes(ns, name, kind, capacity),
                    pvc_capacity=capacity,
                )
            )
    repo = f"{row.name}-backrest-shared-repo"
    repo_pvc = f"{row.name}-pgbr-repo"
    repo_running = not row.shutdown_requested and row.is_ready(now)
    quantity = model.pvc_capacity(conn, ns, repo_pvc)
    if repo_running and quantity is not None and repo in (row.deployments or [repo]):
        capacity = capacity_bytes(quantity)
        details.append(
            DfDetail(
                instance_name=repo,
                pod_name=repo_pod_name(row),
                pvc_type=PVC_PGBACKREST,
                pvc_name=repo_pvc,
                pvc_used=used_bytes(ns, repo_pvc, PVC_PGBACKREST, capacity),
                pvc_capacity=capacity,
            )
        )
    return details


def handle_df(request: EmulatorRequest) -> DfResponse:
    """``DfHandler``/``DfCluster``: version, namespace, the selection, then each cluster's PVCs."""
    body: DfRequest = request.body
    ns = body.namespace
    selector = "" if body.selector == SHOW_ALL_SELECTOR else body.selector
    try:
        requirements = selectors.parse(selector)
    except selectors.SelectorError as exc:
        return DfResponse(results=None, status=error_status(str(exc)))
    request.world.reconcile()
    now = request.world.now()
    results: list[DfDetail] = []
    with request.state.read() as conn:
        rows = [
            row
            for row in model.list_in(conn, ns)
            if selectors.matches(requirements, row.effective_labels(now))
        ]
        if not rows:
            message = f"no clusters found for selector {go_quote(selector)} in namespace {go_quote(ns)}"
            return DfResponse(results=None, status=error_status(message))
        for row in rows:
            results.extend(cluster_df(conn, ns, row, now))
    # pgo's server gathers the rows concurrently (any order) and never answers for a cluster
    # without running pods; the emulator answers in pod order and leaves such a cluster out.
    return DfResponse(results=results or None, status=ok_status())


HANDLERS = {DF: handle_df}
