"""The schedule routes (``cmd/pgo/api/schedule.go``; server: RegisterScheduleSvcRoutes in routes.go)."""

from __future__ import annotations

from pgo_cli.nouns.schedule.messages import CreateScheduleRequest, ScheduleRequest, ScheduleResponse
from pgo_cli.wire.endpoint import Endpoint

CREATE = Endpoint(
    "POST", "/schedule", ScheduleResponse, permission="CreateSchedule", request=CreateScheduleRequest
)
DELETE = Endpoint(
    "POST", "/scheduledelete", ScheduleResponse, permission="DeleteSchedule", request=ScheduleRequest
)
SHOW = Endpoint(
    "POST", "/scheduleshow", ScheduleResponse, permission="ShowSchedule", request=ScheduleRequest, read=True
)
