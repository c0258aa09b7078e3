"""``pgo backup``, ``pgo show backup``, ``pgo delete backup`` and ``pgo restore``.

Requests as pgo 4.7.4 builds them (``cmd/pgo/cmd/{backup,backrest,pgdump,restore,delete,show}.go``).
Where pgo differs from pgo_cli (issue 11): every client-side check exits 2 with one ``Error:`` line
and sends nothing (pgo prints and exits 0 or 1); the ``--backup-opts`` checks the apiserver runs
(``internal/apiserver/backupoptions/``), the node-affinity flags, the node label and the PITR
target are checked here before anything is sent (pgo checks the node-affinity flags only after the
question); the storage type and the pg_dump PVC are left to the apiserver, in its order (exit 1); a ``--backup-type`` other than pgbackrest/pgdump is refused rather than sent as a
pgBackRest restore; ``delete backup`` takes one cluster and says what it deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from pgo_cli import parsers
from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE, warning
from pgo_cli.errors import UsageError
from pgo_cli.nouns.backup.endpoints import (
    BACKREST_BACKUP,
    DELETE_BACKREST,
    PGDUMP_BACKUP,
    PGDUMP_RESTORE,
    RESTORE,
    SHOW_BACKREST,
    SHOW_PGDUMP,
)
from pgo_cli.nouns.backup.messages import (
    CreateBackrestBackupRequest,
    CreatepgDumpBackupRequest,
    DeleteBackrestBackupRequest,
    PgRestoreRequest,
    RestoreRequest,
)
from pgo_cli.nouns.shared import backup_options as options
from pgo_cli.nouns.shared.results import write_results

PGBACKREST = "pgbackrest"
PGDUMP = "pgdump"
NO_CLUSTERS = "No clusters found."

# ---------------------------------------------------------------------------------------------
# shared checks


def check_backup_opts(opts: str, utility: options.Utility, flag: str = "--backup-opts") -> None:
    """The apiserver's options check, run before sending (one line; several problems joined by ``; ``)."""
    problem = options.validate_backup_opts(opts, utility)
    if problem is not None:
        first, *rest = problem.splitlines() or [problem]
        if problem.startswith("Usage of "):
            raise UsageError(f"{flag}: help is not an option that can be passed through", hint=first)
        message = "; ".join([first, *rest])
        raise UsageError(f"{message} ({flag} {opts!r})", hint=_OPTS_HINT[utility])


_OPTS_HINT: dict[options.Utility, str] = {
    "backrest-backup": "e.g. --backup-opts='--type=full' (pgBackRest backup options)",
    "backrest-restore": "e.g. --backup-opts='--type=time' (pgBackRest restore options)",
    "pgdump": "e.g. --backup-opts='--format=custom' (pg_dump options; --dump-all for pg_dumpall)",
    "pgrestore": "e.g. --backup-opts='--clean --if-exists' (pg_restore options)",
}


def refuse_flags_of_the_other_type(invocation: Invocation, backup_type: str, verb: str) -> None:
    """Refuse a flag typed for the other backup type: the apiserver's request for this type has no
    field for it, so pgo sends a request that silently does something else than asked."""
    for name, kind in _ONLY_FOR.items():
        if kind != backup_type and invocation.given(name):
            tool = "pg_dump" if backup_type == PGDUMP else "pgBackRest"
            raise UsageError(
                f"--{name} is for --backup-type={kind} only: a {tool} {verb} would ignore it",
                hint=f"add --backup-type={kind}, or leave out --{name}",
            )


#: The flags of backup and restore that only one backup type uses (backup.go, restore.go).
_ONLY_FOR = {
    "pvc-name": PGDUMP,
    "database": PGDUMP,
    "backup-pvc": PGDUMP,
    "pgdump-database": PGDUMP,
    "pgbackrest-storage-type": PGBACKREST,
}


# ---------------------------------------------------------------------------------------------
# pgo backup

BACKUP_FLAGS = (
    Flag(
        "backup-opts",
        "string",
        "Options passed to pgBackRest (or pg_dump), e.g. '--type=full'. Checked before sending.",
        metavar="OPTS",
    ),
    Flag("selector", "string", "Back up the clusters with these labels.", short="s", metavar="SELECTOR"),
    Flag("pvc-name", "string", "pg_dump: the PVC to write to instead of the default.", metavar="PVC"),
    Flag(
        "database",
        "string",
        "pg_dump: the database to dump.",
        short="d",
        default="postgres",
        metavar="DATABASE",
    ),
    Flag(
        "backup-type",
        "string",
        "pgbackrest or pgdump.",
        default=PGBACKREST,
        metavar="TYPE",
        choices=(PGBACKREST, PGDUMP),
    ),
    Flag(
        "pgbackrest-storage-type",
        "string",
        'The repository to back up to: "posix", "s3" or "gcs" (default: the cluster\'s).',
        metavar="TYPE",
    ),
)


def plan_backup(invocation: Invocation) -> Plan:
    """One POST, pgBackRest or pg_dump (backup.go ``backupCmd``)."""
    from pgo_cli.nouns.backup.waits import refuse_for_pgdump

    refuse_for_pgdump(invocation)
    selector = invocation.value("selector")
    names = list(invocation.args)
    if not names and not selector:
        raise UsageError(
            "You must specify the cluster to backup or a selector flag.",
            hint="e.g. pgo backup hippo, pgo backup -s env=prod",
        )
    backup_type = invocation.value("backup-type")
    opts = invocation.value("backup-opts")
    if backup_type in (PGBACKREST, PGDUMP):
        refuse_flags_of_the_other_type(invocation, backup_type, "backup")
    if backup_type == PGBACKREST:
        check_backup_opts(opts, "backrest-backup")
    elif backup_type == PGDUMP:
        check_backup_opts(opts, "pgdump")
    else:
        raise UsageError(
            "You must specify either pgbackrest or pgdump for the --backup-type.",
            hint="--backup-type pgbackrest|pgdump",
        )
    namespace = invocation.namespace()
    # cobra hands pgo an empty, non-nil args slice: a selector alone sends "Args": [] (backrest.go,
    # pgdump.go ``request.Args = args``)
    args = names
    if backup_type == PGBACKREST:
        request: object = CreateBackrestBackupRequest(
            namespace=namespace,
            args=args,
            selector=selector,
            backup_opts=opts,
            backrest_storage_type=invocation.value("pgbackrest-storage-type"),
        )
        endpoint = BACKREST_BACKUP
        check_type = ""
    else:
        request = CreatepgDumpBackupRequest(
            namespace=namespace,
            args=args,
            selector=selector,
            pgdump_db=invocation.value("database"),
            pvc_name=invocation.value("pvc-name"),
            storage_config="",
            backup_opts=opts,
        )
        endpoint = PGDUMP_BACKUP
        check_type = " --backup-type=pgdump"
    target = " ".join(names) if names else f"-s {selector}"
    check = f"pgo show backup {' '.join(names) or '<cluster>'}{check_type} -n {namespace}"
    return Plan([Call(endpoint, request, target=target)], check=check)


# ---------------------------------------------------------------------------------------------
# pgo show backup

SHOW_FLAGS = (
    Flag(
        "backup-type",
        "string",
        "The backups to list: pgbackrest or pgdump.",
        default=PGBACKREST,
        metavar="TYPE",
        choices=(PGBACKREST, PGDUMP),
    ),
)


def plan_show(invocation: Invocation) -> Plan:
    """One GET per cluster (``showBackrest``/``showpgDump``), pgo's unescaped query string."""
    if not invocation.args:
        raise UsageError("cluster name(s) required for this command.", hint="e.g. pgo show backup hippo")
    backup_type = invocation.value("backup-type")
    if backup_type not in ("", PGBACKREST, PGDUMP):
        raise UsageError(
            "Valid backup-type values are pgbackrest and pgdump. The default if not supplied is pgbackrest.",
            hint="--backup-type pgbackrest|pgdump",
        )
    endpoint = SHOW_PGDUMP if backup_type == PGDUMP else SHOW_BACKREST
    namespace = invocation.namespace()
    query = {"version": invocation.client_version, "selector": "", "namespace": namespace}
    calls = [Call(endpoint, None, path={"name": name}, query=query, target=name) for name in invocation.args]
    return Plan(calls)


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's tree for one cluster's answer."""
    from pgo_cli.nouns.backup import text

    if reply.call.endpoint is SHOW_PGDUMP:
        text.write_pgdump(reply.response, reply.call.target, out)
    else:
        text.write_backrest(reply.response, text.local_zone(invocation.io.environ), out)


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per backup set, labels whole."""
    from pgo_cli.nouns.backup import text

    if replies and replies[0].call.endpoint is SHOW_PGDUMP:
        text.write_pgdump_table([r.response for r in replies], invocation.io.width, out)
    else:
        zone = text.local_zone(invocation.io.environ)
        text.write_backrest_table([r.response for r in replies], zone, invocation.io.width, out)


# ---------------------------------------------------------------------------------------------
# pgo delete backup

DELETE_PROMPT = (
    "If you delete a backup that is *not* set to expire, you may be unable to meet your retention "
    "requirements. Proceed?"
)

DELETE_FLAGS = (
    NO_PROMPT,
    Flag(
        "target",
        "string",
        'The backup set to expire, e.g. "20201220-171801F" (see pgo show backup). '
        "The sets that depend on it go with it.",
        metavar="LABEL",
        completes="backup",
    ),
)


def plan_delete(invocation: Invocation) -> Plan:
    """``DELETE /backrest`` for one cluster (delete.go ``deleteBackupCmd``)."""
    if not invocation.args:
        raise UsageError(
            "A cluster name is required for this command.",
            hint="e.g. pgo delete backup hippo --target=20201220-171801F",
        )
    if len(invocation.args) > 1:
        raise UsageError(
            f"delete backup takes one cluster name, got {len(invocation.args)}: {' '.join(invocation.args)}",
            hint="pgo would use only the first; run one delete per cluster",
        )
    target = invocation.value("target")
    if target == "":
        raise UsageError(
            "--target must be specified.", hint="the labels are listed by: pgo show backup <cluster>"
        )
    cluster = invocation.args[0]
    namespace = invocation.namespace()
    request = DeleteBackrestBackupRequest(
        client_version=invocation.client_version, cluster_name=cluster, namespace=namespace, target=target
    )
    return Plan(
        [Call(DELETE_BACKREST, request, target=cluster)],
        prompt=warning(DELETE_PROMPT),
        check=f"pgo show backup {cluster} -n {namespace}",
    )


def text_delete(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo prints nothing; we say what went: on stdout on a terminal, else on stderr (stdout stays pgo's)."""
    request: DeleteBackrestBackupRequest = reply.call.request
    note = (
        f"deleted backup {request.target} of cluster {request.cluster_name} "
        "(pgBackRest also expires every backup that depends on it)\n"
    )
    if invocation.io.stdout_tty:
        out.write(note)
    else:
        invocation.io.stderr.write(note)


# ---------------------------------------------------------------------------------------------
# pgo restore

RESTORE_WARNING = (
    "If currently running, the primary database in this cluster will be stopped and recreated as part "
    "of this workflow!"
)

RESTORE_FLAGS = (
    Flag(
        "backup-opts",
        "string",
        "Restore options for pgBackRest (e.g. '--type=time') or pg_restore. Checked before sending.",
        metavar="OPTS",
    ),
    Flag(
        "pitr-target",
        "string",
        "The point in time to recover to, a PostgreSQL timestamp such as '2018-08-13 11:25:42.582117-04' "
        "(use with --backup-opts='--type=time'); for pgdump, the dump's timestamp.",
        metavar="TIMESTAMP",
    ),
    Flag(
        "node-affinity-type",
        "string",
        "preferred (default) or required; needs --node-label.",
        metavar="TYPE",
        choices=("preferred", "required"),
    ),
    Flag(
        "node-label",
        "string",
        "Run the restore job (and the restored primary, for pgBackRest) on nodes with this key=value label.",
        metavar="KEY=VALUE",
    ),
    NO_PROMPT,
    Flag("backup-pvc", "string", "pgdump: the PVC holding the dump to restore.", metavar="PVC"),
    Flag(
        "pgdump-database",
        "string",
        "pgdump: the database to restore.",
        short="d",
        default="postgres",
        metavar="DATABASE",
    ),
    Flag(
        "backup-type",
        "string",
        "pgbackrest (default) or pgdump.",
        metavar="TYPE",
        choices=(PGBACKREST, PGDUMP),
    ),
    Flag(
        "pgbackrest-storage-type",
        "string",
        'The repository to restore from: "posix", "s3" or "gcs" (default: the cluster\'s).',
        metavar="TYPE",
    ),
)

# A PostgreSQL timestamp in ISO form (``ParseDateTime``/``DecodeDateTime``, src/backend/utils/adt/
# datetime.c): a date, optionally a time (``T`` or spaces before it) and a zone: ``Z``, a numeric
# offset, an abbreviation of PostgreSQL's ``Default`` set or an IANA name (case-insensitive).
_PITR = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:(?:T|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?:\.(?P<fraction>\d+))?)?)?"
    r"(?:\s*(?P<offset>[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?)|\s+(?P<name>[A-Za-z][A-Za-z0-9_/+-]*)|(?P<z>[Zz]))?"
)

#: PostgreSQL's ``timezonesets/Default`` abbreviations (what ``timezone_abbreviations`` accepts).
PG_ABBREVIATIONS = frozenset(
    """
    ACDT ACSST ACST ACT ACWST ADT AEDT AESST AEST AFT AKDT AKST ALMST ALMT AMST AMT ANAST ANAT
    ART ARST AST AWSST AWST AZOST AZOT AZST AZT BDST BDT BNT BORT BOT BRA BRST BRT BST BTT CADT
    CAST CCT CDT CEST CET CETDST CHADT CHAST CHUT CKT CLST CLT COT CST CXT DAVT DDUT EASST EAST
    EAT EDT EEST EET EETDST EGST EGT EST FET FJST FJT FKST FKT FNST FNT GALT GAMT GEST GET GFT
    GILT GMT GYT HKT HST ICT IDT IOT IRKST IRKT IRT IST JAYT JST KDT KGST KGT KOST KRAST KRAT
    KST LHDT LHST LIGT LINT LKT MAGST MAGT MART MAWT MDT MEST MESZ MET METDST MEZ MHT MMT MPT
    MSD MSK MST MUST MUT MVT MYT NDT NFT NOVST NOVT NPT NST NUT NZDT NZST NZT OMSST OMST PDT PET
    PETST PETT PGT PHT PKST PKT PMDT PMST PONT PST PWT PYST PYT RET SADT SAST SCT SGT TAHT TFT
    TJT TKT TMT TOT TRUT TVT UCT ULAST ULAT UT UTC UYST UYT UZST UZT VET VLAST VLAT VOLT VUT
    WADT WAKT WAST WAT WDT WET WETDST WFT WGST WGT XJT YAKST YAKT YAPT YEKST YEKT Z ZULU
    """.split()  # noqa: SIM905 (one long list, kept readable)
)

PITR_HINT = "e.g. --pitr-target='2021-06-30 11:59:59.999999+00' --backup-opts='--type=time'"


def _zone_known(name: str) -> bool:
    """Whether PostgreSQL knows ``name`` as a zone abbreviation or an IANA zone (any case)."""
    if name.upper() in PG_ABBREVIATIONS:
        return True
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
        return True
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        pass
    folded = name.lower()
    return any(key.lower() == folded for key in zoneinfo.available_timezones())


def pitr_problem(target: str) -> str | None:
    """Why ``target`` is not a timestamp PostgreSQL takes as ``recovery_target_time``, or None."""
    import calendar

    match = _PITR.fullmatch(target.strip())
    if match is None:
        return f"--pitr-target {target!r} is not a PostgreSQL timestamp (YYYY-MM-DD HH:MM:SS[.ffffff][zone])"
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(max(year, 1), month)[1] or year == 0:
        return f"--pitr-target {target!r} is not a valid timestamp: no such date"
    if match["hour"] is not None:
        hour, minute = int(match["hour"]), int(match["minute"])
        second = int(match["second"] or 0)
        fraction = int(match["fraction"] or 0)
        # datetime.c: minutes 0-59, seconds 0-60 (a leap second), 24:00:00 exactly
        if minute > 59 or second > 60 or hour > 24 or (hour == 24 and (minute or second or fraction)):
            return f"--pitr-target {target!r} is not a valid timestamp: time out of range"
    if match["offset"] is not None:
        digits = match["offset"][1:].replace(":", "")
        if int(digits[:2] if len(digits) != 1 else digits) > 15:
            return f"--pitr-target {target!r} is not a valid timestamp: time zone displacement out of range"
    if match["name"] is not None and not _zone_known(match["name"]):
        return (
            f"--pitr-target {target!r} is not a valid timestamp: time zone {match['name']!r} not recognized"
        )
    return None


def _with_type_time(opts: str) -> str:
    """``opts`` with its ``--type`` set to ``time`` (added when it has none)."""
    opts = opts.strip()
    replaced, count = re.subn(r"--type(=| +)\S*", "--type=time", opts)
    return replaced if count else f"{opts} --type=time".strip()


def check_restore_target(opts: str, pitr: str) -> None:
    """Refuse a pgBackRest restore whose target and ``--type`` cannot work together.

    The operator adds ``--target=<pitr-target>`` to the restore options unless they hold a
    ``--target`` already (internal/operator/backrest/restore.go), and pgBackRest takes a target
    only with ``--type`` time, name, xid or lsn, and needs one with those types. Any other mix
    is accepted by the apiserver, stops the primary, and then fails or restores something else.
    """
    restore_type = options.restore_type(opts)
    opts_target = options.RESTORE_TARGET.search(opts) is not None
    if pitr and restore_type not in ("name", "xid", "lsn"):
        problem = pitr_problem(pitr)
        if problem:
            raise UsageError(problem, hint=PITR_HINT)
    if pitr and opts_target:
        raise UsageError(
            f"--pitr-target {pitr!r} and a --target in --backup-opts {opts!r}: the operator would keep "
            "the --target and ignore --pitr-target",
            hint="give the target once: --pitr-target=… --backup-opts='--type=time'",
        )
    if pitr and restore_type not in options.TARGET_TYPES:
        got = f"--type={restore_type}" if restore_type else "no --type"
        raise UsageError(
            f"--pitr-target needs --type=time in --backup-opts (got {got}): pgBackRest takes a "
            "target only with a matching --type, and the primary would be stopped for nothing",
            hint=f"use --backup-opts='{_with_type_time(opts)}' (--type=name or --type=xid for a restore "
            "point or a transaction id)",
        )
    if restore_type in options.TARGET_TYPES and not pitr and not opts_target:
        raise UsageError(
            f"--backup-opts {opts!r} asks for a --type={restore_type} restore without a target: "
            "pgBackRest would refuse it after the primary is stopped",
            hint=PITR_HINT
            if restore_type == "time"
            else f"add --pitr-target=<the {restore_type} to recover to>",
        )


def plan_restore(invocation: Invocation) -> Plan:
    """``POST /restore`` (or ``/pgdumprestore``) after pgo's warning and question (restore.go)."""
    from pgo_cli.nouns.backup.waits import refuse_for_pgdump

    refuse_for_pgdump(invocation)
    if not invocation.args:
        raise UsageError("You must specify the cluster name to restore from.", hint="e.g. pgo restore hippo")
    if len(invocation.args) > 1:
        raise UsageError(
            f"restore takes one cluster name, got {len(invocation.args)}: {' '.join(invocation.args)}",
            hint="pgo would restore only the first; run one restore per cluster",
        )
    backup_type = invocation.value("backup-type")
    if backup_type not in ("", PGBACKREST, PGDUMP):
        raise UsageError(
            f"invalid --backup-type {backup_type!r}: valid types are pgbackrest or pgdump",
            hint="pgo would start a pgBackRest restore for any other value",
        )
    refuse_flags_of_the_other_type(invocation, backup_type or PGBACKREST, "restore")
    opts = invocation.value("backup-opts")
    pitr = invocation.value("pitr-target")
    label = invocation.value("node-label")
    affinity = parsers.node_affinity_type(invocation.value("node-affinity-type"), label, pgo_text=True)
    if label and len(label.split("=")) != 2:
        raise UsageError(
            f"{label} node label does not follow key=value format", hint="--node-label key=value"
        )
    cluster = invocation.args[0]
    namespace = invocation.namespace()
    if backup_type == PGDUMP:
        check_backup_opts(opts, "pgrestore")
        request: object = PgRestoreRequest(
            namespace=namespace,
            from_cluster=cluster,
            from_pvc=invocation.value("backup-pvc"),
            pgdump_db=invocation.value("pgdump-database"),
            restore_opts=opts,
            pitr_target=pitr,
            node_affinity_type=affinity,
            node_label=label,
        )
        return Plan(
            [Call(PGDUMP_RESTORE, request, target=cluster)],
            prompt=ARE_YOU_SURE,
            check=f"pgo show cluster {cluster} -n {namespace}",
        )
    check_backup_opts(opts, "backrest-restore")
    check_restore_target(opts, pitr)
    request = RestoreRequest(
        namespace=namespace,
        from_cluster=cluster,
        restore_opts=opts,
        pitr_target=pitr,
        node_affinity_type=affinity,
        node_label=label,
        backrest_storage_type=invocation.value("pgbackrest-storage-type"),
    )
    return Plan(
        [Call(RESTORE, request, target=cluster)],
        prompt=ARE_YOU_SURE,
        warnings=[RESTORE_WARNING],
        check=f"pgo show cluster {cluster} -n {namespace}",
    )


# ---------------------------------------------------------------------------------------------


def _wait_backup(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    from pgo_cli.nouns.backup.waits import backed_up

    return backed_up(invocation, replies)


def _wait_restore(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    from pgo_cli.nouns.backup.waits import restored

    return restored(invocation, replies)


COMMANDS = [
    Command(
        path=("backup",),
        summary="Back up a cluster with pgBackRest (or pg_dump).",
        help="""Back up PostgreSQL clusters: a pgBackRest backup (incremental unless --backup-opts says
--type=full or --type=diff), or a pg_dump with --backup-type=pgdump.

The --backup-opts are checked as the apiserver checks them (pgBackRest's options PGO forbids,
bad values) before anything is sent.

Examples:

  pgo backup hippo
  pgo backup hippo --backup-opts="--type=full"
  pgo backup -s env=prod --backup-opts="--type=diff"
  pgo backup hippo --backup-type=pgdump --database=app
""",
        flags=BACKUP_FLAGS,
        plan=plan_backup,
        wait=_wait_backup,
        text=write_results,
        args=Args("CLUSTER", "any", completes="cluster"),
        writes=True,
        empty_text=NO_CLUSTERS,
    ),
    Command(
        path=("show", "backup"),
        summary="Show a cluster's backups (pgBackRest repository or pg_dump).",
        help="""Show the backups of clusters: the pgBackRest repository (each backup set with its type,
times, WAL range, sizes and the sets it builds on), or the pg_dump task with --backup-type=pgdump.

Piped, this is pgo's text; on a terminal a table per repository, one row per backup set.

Examples:

  pgo show backup hippo
  pgo show backup hippo -o json
  pgo show backup hippo --backup-type=pgdump
""",
        flags=SHOW_FLAGS,
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=Args("CLUSTER", "some", completes="cluster"),
        large_answers=True,  # ``pgo show backup all``: every cluster's repository
    ),
    Command(
        path=("delete", "backup"),
        summary="Expire a pgBackRest backup set (and the sets that depend on it).",
        help="""Delete (expire) one pgBackRest backup set of a cluster with --target; the backups that
depend on it are expired too. At least one full backup always stays. Asks for confirmation first
(see --no-prompt).

Examples:

  pgo delete backup hippo --target=20201220-171801F
  pgo delete backup hippo --target=20201220-171801F_20201220-171939I --no-prompt
""",
        flags=DELETE_FLAGS,
        plan=plan_delete,
        text=text_delete,
        example=("hippo", "--target=20201220-171801F", "--no-prompt"),
        args=Args("CLUSTER", "one", completes="cluster"),
        writes=True,
        prompts=True,
    ),
    Command(
        path=("restore",),
        summary="Restore a cluster in place from its pgBackRest repository (or a pg_dump).",
        help="""Restore a cluster in place: the primary is stopped and recreated from the pgBackRest
repository, to the end of the WAL or to --pitr-target; a workflow tracks it (pgo show workflow).
With --backup-type=pgdump, restore a pg_dump from --backup-pvc. Asks for confirmation first (see
--no-prompt).

Examples:

  pgo restore hippo
  pgo restore hippo --pitr-target="2021-06-30 11:59:59.999999+00" --backup-opts="--type=time"
  pgo restore hippo --backup-type=pgdump --backup-pvc=backup-hippo-pgdump-postgres-pvc
""",
        flags=RESTORE_FLAGS,
        plan=plan_restore,
        wait=_wait_restore,
        text=write_results,
        args=Args("CLUSTER", "one", completes="cluster"),
        writes=True,
        prompts=True,
        empty_text=NO_CLUSTERS,
    ),
]
