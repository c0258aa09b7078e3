"""``--wait`` for backup and restore: polled with ``show backup``, ``show workflow`` and ``show cluster``.

* backup (pgBackRest): a backup set of each cluster started at or after the request (the client's
  clock, less a minute of tolerance for skew) is listed by ``show backup``;
* restore (pgBackRest): the restore's workflow (its id is in the answer) records
  ``restored Primary created``, then every instance of the cluster is Running and ready.
pg_dump backups and restores are pgtasks no read of the apiserver shows the end of; for them
``--wait`` is refused before anything is sent.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Waiting
from pgo_cli.cli.wait import Progress
from pgo_cli.errors import UsageError
from pgo_cli.nouns.backup.endpoints import SHOW_BACKREST
from pgo_cli.nouns.backup.messages import ShowBackrestResponse
from pgo_cli.nouns.cluster import calls

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.sdk.connection import Connection

#: Seconds a server's clock may run behind this client's when judging "started after the request".
CLOCK_SKEW = 60.0
RESTORED = "restored Primary created"
_WORKFLOW = re.compile(r"workflow id (\S+)")


def refuse_for_pgdump(invocation: Invocation) -> None:
    """``--wait`` with ``--backup-type=pgdump``: exit 2 before sending (nothing shows its end)."""
    if invocation.values.get("wait") and invocation.value("backup-type") == "pgdump":
        raise UsageError(
            "--wait works with pgBackRest backups and restores only",
            hint="a pg_dump's end is not visible through the apiserver; check with: pgo show backup NAME --backup-type=pgdump",
        )


def newest_start(response: ShowBackrestResponse) -> int:
    """The start time (Unix seconds) of the newest backup set of an answer, 0 when none."""
    starts = [
        backup.timestamp.start
        for detail in response.items or []
        for info in detail.info or []
        for backup in info.backups or []
    ]
    return max(starts, default=0)


def new_backup_listed(client: Connection, name: str, query: dict[str, str], since: float) -> bool:
    """Whether ``show backup NAME`` lists a backup set started at ``since`` or later (backup
    ``--wait`` and migrate's backup step)."""
    response: ShowBackrestResponse = client.call(SHOW_BACKREST, path={"name": name}, query=query).response
    return newest_start(response) >= since


def backed_up(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """The probe of ``backup NAME... --wait``."""
    sent = time.time() - CLOCK_SKEW
    names = list(invocation.args)
    namespace = invocation.namespace()
    query = {"version": invocation.client_version, "selector": "", "namespace": namespace}
    client = invocation.client()

    def probe() -> Progress:
        waiting = [name for name in names if not new_backup_listed(client, name, query, sent)]
        if not waiting:
            return Progress(done=True)
        return Progress(pending=f"no new backup set listed yet for {', '.join(waiting)}")

    shown = " ".join(names)
    return Waiting(probe, f"{', '.join(names)}: backup", f"pgo show backup {shown} -n {namespace}")


def restored(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """The probe of ``restore NAME --wait``."""
    from pgo_cli.nouns.shared.instance_waits import instances_ready
    from pgo_cli.nouns.workflow.endpoints import SHOW_WORKFLOW

    (name,) = invocation.args[:1]
    namespace = invocation.namespace()
    lines = [line for reply in replies for line in reply.response.results or []]
    found = next((match.group(1) for line in lines if (match := _WORKFLOW.search(line))), "")
    client = invocation.client()
    query = {"version": invocation.client_version, "namespace": namespace}

    def probe() -> Progress:
        if found:
            workflow = client.call(SHOW_WORKFLOW, path={"id": found}, query=query).response
            if RESTORED not in (workflow.results.parameters or {}):
                return Progress(pending=f"workflow {found}: the restore is running")
        results = calls.show(client, name, namespace).results or []
        if not results:
            return Progress(failed=f"cluster {name} is gone")
        expected = len([pod for pod in results[0].pods or [] if pod.type in ("primary", "replica")])
        return instances_ready(results[0], max(1, expected))

    check = (
        f"pgo show workflow {found} -n {namespace}" if found else f"pgo show cluster {name} -n {namespace}"
    )
    return Waiting(probe, f"{name}: restore", check)
