"""``pkg/apiservermsgs/pvcmsgs.go`` (pgo 4.7.4), fields in Go's order."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class ShowPVCRequest:
    """Body of ``POST /showpvc`` (one per cluster; ``ClusterName: ""`` with ``--all``)."""

    cluster_name: str = key("ClusterName", "")
    #: No flag sets it: always empty.
    selector: str = key("Selector", "")
    client_version: str = key("ClientVersion", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)


@dataclass
class ShowPVCResponseResult:
    """One PVC: the cluster it belongs to (its ``pg-cluster`` label) and its name."""

    cluster_name: str = key("ClusterName", "")
    pvc_name: str = key("PVCName", "")


@dataclass
class ShowPVCResponse:
    """Answer of ``POST /showpvc``."""

    results: list[ShowPVCResponseResult] | None = key("Results", None)
    status: Status = status()
