"""Schedule messages of pgo 4.7.4 (``pkg/apiservermsgs/schedulemsgs.go``), field for field.

None of them has a ``ClientVersion``, so the apiserver checks no version on these routes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreateScheduleRequest:
    """Body of ``POST /schedule``; ``Name``, ``PVCName`` and ``StorageConfig`` are never set by pgo."""

    cluster_name: str = key("ClusterName", "")
    name: str = key("Name", "")
    namespace: str = key("Namespace", "")
    schedule: str = key("Schedule", "")
    schedule_type: str = key("ScheduleType", "")
    selector: str = key("Selector", "")
    pgbackrest_type: str = key("PGBackRestType", "")
    backrest_storage_type: str = key("BackrestStorageType", "")
    pvc_name: str = key("PVCName", "")
    schedule_options: str = key("ScheduleOptions", "")
    storage_config: str = key("StorageConfig", "")
    policy_name: str = key("PolicyName", "")
    database: str = key("Database", "")
    secret: str = key("Secret", "")


@dataclass
class ScheduleRequest:
    """``DeleteScheduleRequest`` and ``ShowScheduleRequest`` (the same four fields, in this order)."""

    namespace: str = key("Namespace", "")
    schedule_name: str = key("ScheduleName", "")
    cluster_name: str = key("ClusterName", "")
    selector: str = key("Selector", "")


DeleteScheduleRequest = ScheduleRequest
ShowScheduleRequest = ScheduleRequest


@dataclass
class ScheduleResponse:
    """``CreateScheduleResponse``, ``DeleteScheduleResponse``, ``ShowScheduleResponse``: lines of text."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


CreateScheduleResponse = ScheduleResponse
DeleteScheduleResponse = ScheduleResponse
ShowScheduleResponse = ScheduleResponse
