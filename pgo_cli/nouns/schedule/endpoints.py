"""The schedule routes (``cmd/pgo/api/schedule.go``; server: RegisterScheduleSvcRoutes in routes.go)."""

from __future__ import annotations

from pgo_cli.nouns.schedule.messages import CreateScheduleRequest, ScheduleRequest, ScheduleResponse
from pgo_cli.wire.endpoint import Authn, Endpoint, Headers, Namespace

CREATE = Endpoint(
    "POST",
    "/schedule",
    ScheduleResponse,
    permission="CreateSchedule",
    request=CreateScheduleRequest,
    # internal/apiserver/scheduleservice/scheduleservice.go:83-103 CreateScheduleHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
    empty_on_error=("results",),
)
DELETE = Endpoint(
    "POST",
    "/scheduledelete",
    ScheduleResponse,
    permission="DeleteSchedule",
    request=ScheduleRequest,
    # internal/apiserver/scheduleservice/scheduleservice.go:135-156 DeleteScheduleHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
    empty_on_error=("results",),
)
SHOW = Endpoint(
    "POST",
    "/scheduleshow",
    ScheduleResponse,
    permission="ShowSchedule",
    request=ScheduleRequest,
    read=True,
    # internal/apiserver/scheduleservice/scheduleservice.go:188-209 ShowScheduleHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
    empty_on_error=("results",),
)
