"""``pkg/apiservermsgs/dfmsgs.go`` (pgo 4.7.4), fields in Go's order."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status

#: ``msgs.DfShowAllSelector``: what ``--all`` sends as the selector (the server reads it as "").
SHOW_ALL_SELECTOR = "*"

#: ``msgs.DfPVCType`` values and pgo's names for them (``pvcTypeToString``).
PVC_TYPES = {0: "data", 1: "pgbackrest", 2: "tablespace", 3: "wal"}
PVC_DATA, PVC_PGBACKREST, PVC_TABLESPACE, PVC_WAL = 0, 1, 2, 3


@dataclass
class DfRequest:
    """Body of ``POST /df``."""

    client_version: str = key("ClientVersion", "")
    namespace: str = key("Namespace", "")
    selector: str = key("Selector", "")


@dataclass
class DfDetail:
    """The use of one PVC: used and capacity in bytes."""

    instance_name: str = key("InstanceName", "")
    pod_name: str = key("PodName", "")
    pvc_type: int = key("PVCType", 0)
    pvc_name: str = key("PVCName", "")
    pvc_used: int = key("PVCUsed", 0)
    pvc_capacity: int = key("PVCCapacity", 0)


@dataclass
class DfResponse:
    """Answer of ``POST /df``."""

    results: list[DfDetail] | None = key("Results", None)
    status: Status = status()
