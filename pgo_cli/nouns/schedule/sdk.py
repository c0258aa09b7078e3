"""The typed SDK calls of cron schedules: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from typing import Literal

from pgo_cli.cli import programmatic
from pgo_cli.nouns.schedule import commands
from pgo_cli.nouns.schedule.messages import ScheduleResponse


class ScheduleAPI(programmatic.NounAPI):
    """The cron schedules calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        cluster: str = "",
        *,
        database: str = "",
        pgbackrest_backup_type: Literal["", "full", "diff", "incr"] = "",
        pgbackrest_storage_type: str = "",
        ccp_image_tag: str = "",
        policy: str = "",
        schedule: str = "",
        schedule_opts: str = "",
        schedule_type: Literal["", "pgbackrest", "policy"] = "",
        secret: str = "",
        selector: str = "",
        namespace: str | None = None,
    ) -> ScheduleResponse:
        """Create a cron schedule for pgBackRest backups or a SQL policy (``pgo create schedule
        [CLUSTER]``).
        """
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "schedule"),
            [cluster] if cluster else [],
            {
                "database": database,
                "pgbackrest_backup_type": pgbackrest_backup_type,
                "pgbackrest_storage_type": pgbackrest_storage_type,
                "ccp_image_tag": ccp_image_tag,
                "policy": policy,
                "schedule": schedule,
                "schedule_opts": schedule_opts,
                "schedule_type": schedule_type,
                "secret": secret,
                "selector": selector,
            },
            ScheduleResponse,
            namespace=namespace,
        )

    def show(
        self, cluster: str = "", *, selector: str = "", schedule_name: str = "", namespace: str | None = None
    ) -> ScheduleResponse:
        """Show cron schedules (``pgo show schedule [CLUSTER]``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "schedule"),
            [cluster] if cluster else [],
            {"selector": selector, "schedule_name": schedule_name},
            ScheduleResponse,
            namespace=namespace,
        )

    def delete(
        self, cluster: str = "", *, schedule_name: str = "", selector: str = "", namespace: str | None = None
    ) -> ScheduleResponse:
        """Delete cron schedules (``pgo delete schedule [CLUSTER]``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "schedule"),
            [cluster] if cluster else [],
            {"schedule_name": schedule_name, "selector": selector},
            ScheduleResponse,
            namespace=namespace,
        )
