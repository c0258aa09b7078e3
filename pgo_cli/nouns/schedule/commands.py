"""``pgo create schedule``, ``pgo show schedule`` and ``pgo delete schedule``.

Requests as pgo 4.7.4 builds them (``cmd/pgo/cmd/{schedule,create,show,delete}.go``). pgo runs the
scheduler's own checks first (``cmd/pgo-scheduler/scheduler/validate.go``) and prints their error
with exit 0; here each is one ``Error:`` line, exit 2, nothing sent, and the cron error says why.
The ``--schedule-opts`` are checked as the apiserver checks them before sending, too.
"""

from __future__ import annotations

from pgo_cli.cli.command import NO_PROMPT, NO_PROMPT_IGNORED, Args, Call, Command, Invocation, Plan
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.schedule import cron
from pgo_cli.nouns.schedule.endpoints import CREATE, DELETE, SHOW
from pgo_cli.nouns.schedule.messages import CreateScheduleRequest, ScheduleRequest
from pgo_cli.nouns.shared.results import write_results

NO_SCHEDULES = "No schedules found."

CREATE_FLAGS = (
    Flag(
        "database",
        "string",
        "policy schedules: the database to run the SQL policy against.",
        metavar="DATABASE",
    ),
    Flag(
        "pgbackrest-backup-type",
        "string",
        "pgbackrest schedules: the backup type, full, diff or incr.",
        metavar="TYPE",
        choices=("full", "diff", "incr"),
    ),
    Flag(
        "pgbackrest-storage-type",
        "string",
        'pgbackrest schedules: the repository, "posix", "s3" or "gcs" (default: the cluster\'s).',
        metavar="TYPE",
    ),
    Flag(
        "ccp-image-tag",
        "string",
        "Accepted for compatibility; pgo never sends it.",
        short="c",
        metavar="TAG",
    ),
    Flag(
        "policy", "string", "policy schedules: the SQL policy to run.", metavar="POLICY", completes="policy"
    ),
    Flag("schedule", "string", 'The cron schedule, five fields, e.g. "0 1 * * *".', metavar="CRON"),
    Flag(
        "schedule-opts",
        "string",
        "pgbackrest schedules: extra pgBackRest options, e.g. '--repo1-retention-full=21'.",
        metavar="OPTS",
    ),
    Flag(
        "schedule-type",
        "string",
        "pgbackrest or policy.",
        metavar="TYPE",
        choices=("pgbackrest", "policy"),
    ),
    Flag(
        "secret",
        "string",
        "policy schedules: the Secret with the PostgreSQL role's username and password.",
        metavar="SECRET",
    ),
    Flag("selector", "string", "Schedule the clusters with these labels.", short="s", metavar="SELECTOR"),
)


def plan_create(invocation: Invocation) -> Plan:
    """The scheduler's checks, the apiserver's option checks, then ``POST /schedule`` (schedule.go)."""
    from pgo_cli.nouns.shared import backup_options as options

    selector = invocation.value("selector")
    cluster = invocation.args[0] if invocation.args else ""
    if not invocation.args and not selector:
        raise UsageError(
            "The --selector flag or a cluster name is required to create a schedule.",
            hint='e.g. pgo create schedule hippo --schedule="0 1 * * *" --schedule-type=pgbackrest '
            "--pgbackrest-backup-type=full",
        )
    schedule = invocation.value("schedule")
    schedule_type = invocation.value("schedule-type")
    backup_type = invocation.value("pgbackrest-backup-type")
    try:
        cron.parse_cron(schedule)
    except cron.CronError as err:
        raise UsageError(
            f"{schedule} is not a valid schedule: {err}", hint='five fields, e.g. "0 */3 * * *"'
        ) from None
    for problem in (
        cron.validate_schedule_type(schedule_type),
        cron.validate_backrest_schedule(schedule_type, cluster, selector, backup_type),
        cron.validate_policy_schedule(
            schedule_type, invocation.value("policy"), invocation.value("database")
        ),
    ):
        if problem:
            raise UsageError(
                problem,
                hint="--schedule-type pgbackrest --pgbackrest-backup-type full|diff|incr, "
                "or --schedule-type policy --policy <p> --database <db>",
            )
    lowered = schedule_type.lower()
    opts = invocation.value("schedule-opts")
    # Bad pgBackRest options are refused before sending (issue 11); options on a policy schedule
    # and the storage type are the apiserver's checks, in its order (scheduleimpl.go): exit 1.
    if opts and lowered == "pgbackrest":
        problem = options.validate_backup_opts(opts, "backrest-backup")
        if problem is not None:
            raise UsageError(f"{'; '.join(problem.splitlines())} (--schedule-opts {opts!r})")
        _refuse_a_second_type(opts, backup_type)
    storage = invocation.value("pgbackrest-storage-type")
    namespace = invocation.namespace()
    request = CreateScheduleRequest(
        cluster_name=cluster,
        name="",
        namespace=namespace,
        schedule=schedule,
        schedule_type=lowered,
        selector=selector,
        pgbackrest_type=backup_type,
        backrest_storage_type=storage,
        pvc_name="",
        schedule_options=opts,
        storage_config="",
        policy_name=invocation.value("policy"),
        database=invocation.value("database"),
        secret=invocation.value("secret"),
    )
    check = f"pgo show schedule {_which(cluster, '', selector)} -n {namespace}"
    return Plan([Call(CREATE, request, target=cluster or selector)], check=check)


def _refuse_a_second_type(opts: str, backup_type: str) -> None:
    """The scheduler runs ``pgbackrest backup --type=<--pgbackrest-backup-type> <--schedule-opts>``
    (cmd/pgo-scheduler/scheduler/pgbackrest.go), and pgBackRest refuses an option set twice on its
    command line ("option 'type' cannot be set multiple times"): a ``--type`` in the options makes
    every scheduled backup fail, while the apiserver accepts the schedule."""
    from pgo_cli.nouns.shared import backup_options as options

    fields = options.parse_backup_opts(opts.strip())
    if any(field == "--type" or field.startswith("--type=") for field in fields):
        raise UsageError(
            f"--schedule-opts {opts!r} holds a --type: the scheduler already passes "
            f"--type={backup_type} (from --pgbackrest-backup-type), and pgBackRest refuses --type twice, "
            "so every scheduled backup would fail",
            hint="choose the type with --pgbackrest-backup-type full|diff|incr and leave --type out of "
            "--schedule-opts",
        )


SHOW_FLAGS = (
    Flag(
        "selector",
        "string",
        "Show the schedules of the clusters with these labels.",
        short="s",
        metavar="SELECTOR",
    ),
    Flag(
        "schedule-name",
        "string",
        "The schedule to show, e.g. hippo-pgbackrest-full.",
        metavar="NAME",
        completes="schedule",
    ),
    NO_PROMPT_IGNORED,
)

DELETE_FLAGS = (
    NO_PROMPT,
    Flag(
        "schedule-name",
        "string",
        "The schedule to delete, e.g. hippo-pgbackrest-full.",
        metavar="NAME",
        completes="schedule",
    ),
    Flag(
        "selector",
        "string",
        "Delete the schedules of the clusters with these labels.",
        short="s",
        metavar="SELECTOR",
    ),
)


def _required(invocation: Invocation, verb: str) -> None:
    if not invocation.args and not invocation.value("selector") and not invocation.value("schedule-name"):
        raise UsageError(
            f"cluster name, schedule name or selector is required to {verb} a schedule.",
            hint=f"e.g. pgo {verb} schedule hippo, pgo {verb} schedule --schedule-name=hippo-pgbackrest-full",
        )


def _which(cluster: str, name: str, selector: str) -> str:
    """The arguments of a ``pgo show schedule`` that shows the same schedules."""
    if name:
        return f"--schedule-name={name}"
    return cluster if cluster and not selector else f"--selector={selector}"


def plan_show(invocation: Invocation) -> Plan:
    """``POST /scheduleshow``; the cluster name is dropped when a selector is given (showSchedule)."""
    _required(invocation, "show")
    selector = invocation.value("selector")
    cluster = "" if selector else (invocation.args[0] if invocation.args else "")
    request = ScheduleRequest(
        namespace=invocation.namespace(),
        schedule_name=invocation.value("schedule-name"),
        cluster_name=cluster,
        selector=selector,
    )
    return Plan([Call(SHOW, request, target=cluster)])


def plan_delete(invocation: Invocation) -> Plan:
    """``POST /scheduledelete`` after the question (deleteSchedule)."""
    _required(invocation, "delete")
    cluster = invocation.args[0] if invocation.args else ""
    namespace = invocation.namespace()
    request = ScheduleRequest(
        namespace=namespace,
        schedule_name=invocation.value("schedule-name"),
        cluster_name=cluster,
        selector=invocation.value("selector"),
    )
    check = f"pgo show schedule {_which(cluster, request.schedule_name, request.selector)} -n {namespace}"
    return Plan([Call(DELETE, request, target=cluster)], prompt=ARE_YOU_SURE, check=check)


COMMANDS = [
    Command(
        path=("create", "schedule"),
        summary="Create a cron schedule for pgBackRest backups or a SQL policy.",
        help="""Create a cron-like schedule: a pgBackRest backup of a type (full, diff, incr) or a SQL
policy run against a database, for a cluster or the clusters a selector picks.

The schedule is checked as pgo's scheduler checks it (five cron fields) before anything is sent.
The schedule is named <cluster>-pgbackrest-<type> or <cluster>-policy-<policy>.

Examples:

  pgo create schedule hippo --schedule="0 1 * * *" --schedule-type=pgbackrest --pgbackrest-backup-type=full
  pgo create schedule hippo --schedule="0 */3 * * *" --schedule-type=pgbackrest --pgbackrest-backup-type=incr
  pgo create schedule hippo --schedule="0 0 * * *" --schedule-type=pgbackrest --pgbackrest-backup-type=full \\
    --schedule-opts="--repo1-retention-full=21"
""",
        flags=CREATE_FLAGS,
        plan=plan_create,
        text=write_results,
        example=(
            "hippo",
            "--schedule=0 1 * * *",
            "--schedule-type=pgbackrest",
            "--pgbackrest-backup-type=full",
        ),
        args=Args("CLUSTER", "optional", completes="cluster"),
        writes=True,
        empty_text="No clusters found.",
    ),
    Command(
        path=("show", "schedule"),
        summary="Show cron schedules.",
        help="""Show the cron schedules of a cluster, of the clusters a selector picks, or one by name.

Examples:

  pgo show schedule hippo
  pgo show schedule --selector=pg-cluster=hippo
  pgo show schedule --schedule-name=hippo-pgbackrest-full
""",
        flags=SHOW_FLAGS,
        plan=plan_show,
        text=write_results,
        args=Args("CLUSTER", "optional", completes="cluster"),
        empty_text=NO_SCHEDULES,
    ),
    Command(
        path=("delete", "schedule"),
        summary="Delete cron schedules.",
        help="""Delete the cron schedules of a cluster, of the clusters a selector picks, or one by name.
Asks for confirmation first (see --no-prompt).

Examples:

  pgo delete schedule hippo
  pgo delete schedule --selector=env=test
  pgo delete schedule --schedule-name=hippo-pgbackrest-full --no-prompt
""",
        flags=DELETE_FLAGS,
        plan=plan_delete,
        text=write_results,
        args=Args("CLUSTER", "optional", completes="cluster"),
        writes=True,
        prompts=True,
        empty_text=NO_SCHEDULES,
    ),
]
