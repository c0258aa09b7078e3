"""The apiserver's ``--backup-opts`` checks, ported (internal/apiserver/backupoptions/).

One implementation serves the client (checked before anything is sent) and the emulator
(checked again, as the server does). The flag parsing follows spf13/pflag v1.0.5 as the
server uses it: ``ContinueOnError``, parsing stops at the first error, and every parse error
but an unknown flag on the deny list (or the help flag) is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pgo_cli.wire.gojson import parse_go_bool

Kind = Literal["string", "int", "bool", "array"]


@dataclass(frozen=True)
class OptFlag:
    """One option of a utility: its long name, shorthand, value kind and Go field name."""

    name: str
    kind: Kind
    field: str
    short: str = ""


def _f(name: str, kind: Kind, field: str, short: str = "") -> OptFlag:
    return OptFlag(name, kind, field, short)


# internal/apiserver/backupoptions/pgbackrestoptions.go:23
PGBACKREST_DENY = (
    "--cmd-ssh",
    "--config",
    "--config-include-path",
    "--config-path",
    "--lock-path",
    "--log-timestamp",
    "--neutral-umask",
    "--no-neutral-umask",
    "--no-online",
    "--online",
    "--pg-host",
    "--pg-host-cmd",
    "--pg-host-config",
    "--pg-host-config-include-path",
    "--pg-host-config-path",
    "--pg-host-port",
    "--pg-host-user",
    "--pg-path",
    "--pg-port",
    "--repo-gcs-bucket",
    "--repo-gcs-endpoint",
    "--repo-gcs-key",
    "--repo-gcs-key-type",
    "--repo-host",
    "--repo-host-cmd",
    "--repo-host-config",
    "--repo-host-config-include-path",
    "--repo-host-config-path",
    "--repo-host-port",
    "--repo-host-user",
    "--repo-path",
    "--repo-s3-bucket",
    "--repo-s3-endpoint",
    "--repo-s3-host",
    "--repo-s3-region",
    "--no-repo-s3-verify-tls",
    "--repo-s3-uri-style",
    "--stanza",
    "--tablespace-map",
    "--tablespace-map-all",
)

# internal/apiserver/backupoptions/pgdumpoptions.go
PGDUMP_DENY = (
    "--binary-upgrade",
    "--dbname",
    "--host",
    "--no-password",
    "--no-reconnect",
    "--password",
    "--port",
    "--username",
    "--version",
)
PGDUMP_DENY_SHORT = ("-R", "-d", "-h", "-p", "-U", "-w", "-W", "-V")

BACKREST_BACKUP = (
    _f("archive-copy", "bool", "ArchiveCopy"),
    _f("no-archive-copy", "bool", "NoArchiveCopy"),
    _f("archive-timeout", "int", "ArchiveTimeout"),
    _f("backup-standby", "bool", "BackupStandby"),
    _f("no-backup-standby", "bool", "NoBackupStandby"),
    _f("checksum-page", "bool", "ChecksumPage"),
    _f("no-checksum-page", "bool", "NoChecksumPage"),
    _f("exclude", "string", "Exclude"),
    _f("force", "bool", "Force"),
    _f("manifest-save-threshold", "string", "ManifestSaveThreshold"),
    _f("resume", "bool", "Resume"),
    _f("no-resume", "bool", "NoResume"),
    _f("start-fast", "bool", "StartFast"),
    _f("no-start-fast", "bool", "NoStartFast"),
    _f("stop-auto", "bool", "StopAuto"),
    _f("no-stop-auto", "bool", "NoStopAuto"),
    _f("type", "string", "BackupType"),
    _f("buffer-size", "string", "BufferSize"),
    _f("compress-level", "int", "CompressLevel"),
    _f("compress-level-network", "int", "CompressLevelNetwork"),
    _f("compress-type", "string", "CompressType"),
    _f("db-timeout", "int", "DBTimeout"),
    _f("no-delta", "bool", "Delta"),
    _f("process-max", "int", "ProcessMax"),
    _f("protocol-timeout", "int", "ProtocolTimeout"),
    _f("log-level-console", "string", "LogLevelConsole"),
    _f("log-level-file", "string", "LogLevelFile"),
    _f("log-level-stderr", "string", "LogLevelStderr"),
    _f("log-subprocess", "bool", "LogSubprocess"),
    _f("repo1-retention-full", "int", "RepoRetentionFull"),
    _f("repo1-retention-diff", "int", "RepoRetentionDiff"),
    _f("repo1-retention-archive", "int", "RepoRetentionArchive"),
    _f("repo1-retention-archive-type", "string", "RepoRetentionArchiveType"),
)

BACKREST_RESTORE = (
    _f("db-include", "string", "DBInclude"),
    _f("force", "bool", "Force"),
    _f("recovery-option", "string", "RecoveryOption"),
    _f("set", "string", "Set"),
    _f("target", "string", "Target"),
    _f("target-action", "string", "TargetAction"),
    _f("target-exclusive", "bool", "TargetExclusive"),
    _f("no-target-exclusive", "bool", "NoTargetExclusive"),
    _f("target-timeline", "int", "TargetTimeline"),
    _f("type", "string", "RestoreType"),
    _f("buffer-size", "string", "BufferSize"),
    _f("compress-level-network", "int", "CompressLevelNetwork"),
    _f("db-timeout", "int", "DBTimeout"),
    _f("no-delta", "bool", "Delta"),
    _f("process-max", "int", "ProcessMax"),
    _f("protocol-timeout", "int", "ProtocolTimeout"),
    _f("log-level-console", "string", "LogLevelConsole"),
    _f("log-level-file", "string", "LogLevelFile"),
    _f("log-level-stderr", "string", "LogLevelStderr"),
    _f("log-subprocess", "bool", "LogSubprocess"),
)

PGDUMP = (
    _f("data-only", "bool", "DataOnly", "a"),
    _f("blobs", "bool", "Blobs", "b"),
    _f("no-blobs", "bool", "NoBlobs", "B"),
    _f("clean", "bool", "Clean", "c"),
    _f("create", "bool", "Create", "C"),
    _f("encoding", "string", "Encoding", "E"),
    _f("jobs", "int", "Jobs", "j"),
    _f("format", "string", "Format", "F"),
    _f("schema", "array", "Schema", "n"),
    _f("exclude-schema", "string", "ExcludeSchema", "N"),
    _f("oids", "bool", "Oids", "o"),
    _f("no-owner", "bool", "NoOwner", "O"),
    _f("schema-only", "bool", "SchemaOnly", "s"),
    _f("superuser", "string", "SuperUser", "S"),
    _f("table", "array", "Table", "t"),
    _f("exclude-table", "string", "ExcludeTable", "T"),
    _f("verbose", "bool", "Verbose", "v"),
    _f("no-privileges", "bool", "NoPrivileges", "x"),
    _f("no-acl", "bool", "NoACL"),
    _f("compress", "int", "Compress", "Z"),
    _f("column-inserts", "bool", "ColumnInserts"),
    _f("attribute-inserts", "bool", "AttributeInserts"),
    _f("disable-dollar-quoting", "bool", "DisableDollarQuoting"),
    _f("disable-triggers", "bool", "DisableTriggers"),
    _f("exclude-row-security", "bool", "EnableRowSecurity"),
    _f("exclude-table-data", "string", "ExcludeTableData"),
    _f("if-exists", "bool", "IfExists"),
    _f("inserts", "bool", "Inserts"),
    _f("lock-wait-timeout", "string", "LockWaitTimeout"),
    _f("load-via-partition-root", "bool", "LoadViaPartitionRoot"),
    _f("no-comments", "bool", "NoComments"),
    _f("no-publications", "bool", "NoPublications"),
    _f("no-security-labels", "bool", "NoSecurityLabels"),
    _f("no-subscriptions", "bool", "NoSubscriptions"),
    _f("no-sync", "bool", "NoSync"),
    _f("no-tablespaces", "bool", "NoTableSpaces"),
    _f("no-unlogged-table-data", "bool", "NoUnloggedTableData"),
    _f("quote-all-identifiers", "bool", "QuoteAllIdentifiers"),
    _f("section", "array", "Section"),
    _f("serializable-deferrable", "bool", "SerializableDeferrable"),
    _f("snapshot", "string", "Snapshot"),
    _f("strict-names", "string", "StrictNames"),
    _f("use-set-session-authorization", "bool", "UseSetSessionAuthorization"),
    _f("role", "string", "Role"),
)

PGDUMPALL = (
    _f("data-only", "bool", "DataOnly", "a"),
    _f("clean", "bool", "Clean", "c"),
    _f("encoding", "string", "Encoding", "E"),
    _f("globals-only", "bool", "GlobalsOnly", "g"),
    _f("oids", "bool", "Oids", "o"),
    _f("no-owner", "bool", "NoOwner", "O"),
    _f("roles-only", "bool", "RolesOnly", "r"),
    _f("schema-only", "bool", "SchemaOnly", "s"),
    _f("superuser", "string", "SuperUser", "S"),
    _f("tablespaces-only", "bool", "TablespacesOnly", "t"),
    _f("verbose", "bool", "Verbose", "v"),
    _f("no-privileges", "bool", "NoPrivileges", "x"),
    _f("no-acl", "bool", "NoACL"),
    _f("column-inserts", "bool", "ColumnInserts"),
    _f("attribute-inserts", "bool", "AttributeInserts"),
    _f("disable-dollar-quoting", "bool", "DisableDollarQuoting"),
    _f("disable-triggers", "bool", "DisableTriggers"),
    _f("if-exists", "bool", "IfExists"),
    _f("inserts", "bool", "Inserts"),
    _f("lock-wait-timeout", "string", "LockWaitTimeout"),
    _f("load-via-partition-root", "bool", "LoadViaPartitionRoot"),
    _f("no-comments", "bool", "NoComments"),
    _f("no-publications", "bool", "NoPublications"),
    _f("no-role-passwords", "bool", "NoRolePasswords"),
    _f("no-security-labels", "bool", "NoSecurityLabels"),
    _f("no-subscriptions", "bool", "NoSubscriptions"),
    _f("no-sync", "bool", "NoSync"),
    _f("no-tablespaces", "bool", "NoTableSpaces"),
    _f("no-unlogged-table-data", "bool", "NoUnloggedTableData"),
    _f("quote-all-identifiers", "bool", "QuoteAllIdentifiers"),
    _f("use-set-session-authorization", "bool", "UseSetSessionAuthorization"),
    _f("role", "string", "Role"),
    _f("dump-all", "bool", "DumpAll"),
)

PGRESTORE = (
    _f("data-only", "bool", "DataOnly", "a"),
    _f("clean", "bool", "Clean", "c"),
    _f("create", "bool", "Create", "C"),
    _f("exit-on-error", "bool", "ExitOnError", "e"),
    _f("filename", "string", "Filename", "f"),
    _f("format", "string", "Format", "F"),
    _f("index", "array", "Index", "I"),
    _f("jobs", "int", "Jobs", "j"),
    _f("list", "bool", "List", "l"),
    _f("useList", "bool", "UseList", "L"),
    _f("schema", "string", "Schema", "n"),
    _f("exclude-schema", "string", "ExcludeSchema", "N"),
    _f("no-owner", "bool", "NoOwner", "O"),
    _f("function", "array", "Function", "P"),
    _f("schema-only", "bool", "SchemaOnly", "s"),
    _f("superuser", "string", "SuperUser", "S"),
    _f("table", "string", "Table", "t"),
    _f("trigger", "array", "Trigger", "T"),
    _f("verbose", "bool", "Verbose", "v"),
    _f("no-privileges", "bool", "NoPrivileges", "x"),
    _f("no-acl", "bool", "NoACL"),
    _f("single-transaction", "bool", "SingleTransaction", "1"),
    _f("disable-triggers", "bool", "DisableTriggers"),
    _f("enable-row-security", "bool", "EnableRowSecurity"),
    _f("if-exists", "bool", "IfExists"),
    _f("no-comments", "bool", "NoComments"),
    _f("no-data-for-failed-tables", "bool", "NoDataForFailedTables"),
    _f("no-publications", "bool", "NoPublications"),
    _f("no-security-labels", "bool", "NoSecurityLabels"),
    _f("no-subscriptions", "bool", "NoSubscriptions"),
    _f("no-tablespaces", "bool", "NoTableSpaces"),
    _f("section", "array", "Section"),
    _f("strict-names", "string", "StrictNames"),
    _f("use-set-session-authorization", "bool", "UseSetSessionAuthorization"),
    _f("role", "string", "Role"),
)

Utility = Literal["backrest-backup", "backrest-restore", "pgdump", "pgrestore"]

_LOG_LEVELS = ("off", "error", "warn", "info", "detail", "debug", "trace")


class _ParseError(Exception):
    """A pflag parse error; its text is pflag's."""


class _HelpRequested(Exception):
    """pflag's ErrHelp."""


Value = str | int | bool | list[str]


def parse_backup_opts(opts: str) -> list[str]:
    """Split an options string into arguments as ``parseBackupOpts`` does (backupoptionsutil.go).

    A field ends at the end of the string or at a space followed by ``-``; a field holding a
    space whose first word has no ``=`` is split once, into the flag and the rest. As in Go, the
    loop walks runes by byte offset, so a string ending in a multi-byte rune loses its last field.
    """
    data = opts.encode()
    fields: list[str] = []
    field = ""
    offset = 0
    for char in opts:
        i = offset
        offset += len(char.encode())
        at_boundary = char == " " and i + 1 < len(data) and data[i + 1] == 0x2D
        if not at_boundary:
            field += char
        if i == len(data) - 1 or at_boundary:
            words = field.split(" ")
            if len(words) > 1 and "=" not in words[0]:
                head, tail = field.split(" ", 1)
                fields.extend([head.strip(), tail.strip()])
            else:
                fields.append(field.strip())
            field = ""
    return fields


#: ``restoreTargetRegex`` of internal/operator/backrest/restore.go: a ``--target`` already in the
#: restore options, in which case the operator does not add ``--target=<pitr-target>``.
RESTORE_TARGET = re.compile("--target(=| +)")
#: The pgBackRest restore types that take a ``--target`` (and need one).
TARGET_TYPES = ("time", "name", "xid", "lsn")


def restore_type(opts: str) -> str:
    """The ``--type`` pgBackRest will see in restore options (the last one; ``""`` when none)."""
    chosen = ""
    fields = parse_backup_opts(opts.strip()) if opts.strip() else []
    for index, field in enumerate(fields):
        if field.startswith("--type="):
            chosen = field.removeprefix("--type=")
        elif field == "--type" and index + 1 < len(fields):
            chosen = fields[index + 1]
    return chosen.strip()


def _go_parse_int(text: str) -> int | None:
    """``strconv.ParseInt(s, 0, 64)``, the way pflag's int flags parse (prefixes, underscores)."""
    body = text
    sign = ""
    if body[:1] in "+-":
        sign, body = body[0], body[1:]
    if not body:
        return None
    base = 10
    low = body.lower()
    if low.startswith("0x"):
        base, body = 16, body[2:]
    elif low.startswith("0b"):
        base, body = 2, body[2:]
    elif low.startswith("0o"):
        base, body = 8, body[2:]
    elif len(body) > 1 and body[0] == "0":
        base, body = 8, body[1:]
    if "_" in body:
        if body.startswith("_") or body.endswith("_") or "__" in body:
            return None
        body = body.replace("_", "")
    if not body:
        return None
    try:
        value = int(sign + body, base)
    except ValueError:
        return None
    if not -(2**63) <= value < 2**63:
        return None
    # a Go int is 64-bit on every platform the operator runs on
    return value


def _set(flag: OptFlag, value: str, values: dict[str, Value]) -> None:
    """pflag ``Set``: parse ``value`` by the flag's kind or raise pflag's error."""
    if flag.kind == "bool":
        parsed = parse_go_bool(value)
        if parsed is None:
            raise _ParseError(f'invalid argument "{value}" for "--{flag.name}" flag')
        values[flag.name] = parsed
    elif flag.kind == "int":
        number = _go_parse_int(value)
        if number is None:
            raise _ParseError(f'invalid argument "{value}" for "--{flag.name}" flag')
        values[flag.name] = number
    elif flag.kind == "array":
        current = values.get(flag.name)
        items = list(current) if isinstance(current, list) else []
        values[flag.name] = [*items, value]
    else:
        values[flag.name] = value


def _pflag_parse(args: Sequence[str], flags: Sequence[OptFlag], values: dict[str, Value]) -> None:
    """pflag ``parseArgs`` with interspersed positionals; raises at the first error."""
    by_name = {f.name: f for f in flags}
    by_short = {f.short: f for f in flags if f.short}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if len(arg) < 2 or arg[0] != "-":
            continue  # a positional argument
        if arg[1] == "-":
            if len(arg) == 2:
                return  # "--" ends the flags
            name = arg[2:]
            if not name or name[0] in "-=":
                raise _ParseError(f"bad flag syntax: {arg}")
            name, eq, inline = name.partition("=")
            flag = by_name.get(name)
            if flag is None:
                if name == "help":
                    raise _HelpRequested
                raise _ParseError(f"unknown flag: --{name}")
            if eq:
                value = inline
            elif flag.kind == "bool":
                value = "true"
            elif rest:
                value = rest.pop(0)
            else:
                raise _ParseError(f"flag needs an argument: {arg}")
            _set(flag, value, values)
            continue
        shorthands = arg[1:]
        while shorthands:
            char, shorthands = shorthands[0], shorthands[1:]
            flag = by_short.get(char)
            if flag is None:
                if char == "h":
                    raise _HelpRequested
                raise _ParseError(f"unknown shorthand flag: '{char}' in -{char}{shorthands}")
            if shorthands.startswith("=") and len(shorthands) > 1:
                value, shorthands = shorthands[1:], ""
            elif flag.kind == "bool":
                value = "true"
            elif shorthands:
                value, shorthands = shorthands, ""
            elif rest:
                value = rest.pop(0)
            else:
                raise _ParseError(f"flag needs an argument: '{char}' in -{char}")
            _set(flag, value, values)


def _usage(utility: str, flags: Sequence[OptFlag]) -> str:
    """pflag's default usage text (``Usage of <name>:`` and the flag list), the help error's text."""
    lines: list[tuple[str, str]] = []
    for flag in sorted(flags, key=lambda f: f.name):
        line = f"  -{flag.short}, --{flag.name}" if flag.short else f"      --{flag.name}"
        varname = {"string": "string", "int": "int", "bool": "", "array": "stringArray"}[flag.kind]
        if varname:
            line += " " + varname
        lines.append((line, ""))
    width = max(len(line) for line, _ in lines)
    body = "".join(line + " " * (width - len(line)) + "   " + "\n" for line, _ in lines)
    return f"Usage of {utility} backup-opts:\n{body}"


def _flag_set(
    utility: Utility, opts: str
) -> tuple[str, tuple[OptFlag, ...], tuple[str, ...], tuple[str, ...]]:
    if utility == "backrest-backup":
        return "pgBackRest", BACKREST_BACKUP, PGBACKREST_DENY, ()
    if utility == "backrest-restore":
        return "pgBackRest", BACKREST_RESTORE, PGBACKREST_DENY, ()
    if utility == "pgdump":
        if "--dump-all" in opts:
            return "pg_dumpall", PGDUMPALL, PGDUMP_DENY, PGDUMP_DENY_SHORT
        return "pg_dump", PGDUMP, PGDUMP_DENY, PGDUMP_DENY_SHORT
    return "pg_restore", PGRESTORE, PGDUMP_DENY, PGDUMP_DENY_SHORT


def validate_backup_opts(opts: str, utility: Utility) -> str | None:
    """The error message ``ValidateBackupOpts`` returns for ``opts``, or None when they pass."""
    opts = opts.strip()
    if opts == "":
        return None
    if not opts.startswith("-"):
        return "bad flag syntax. Backup options must start with '-' or '--'"
    if opts.replace("-", "").strip() == "":
        return "bad flag syntax. No backup options provided"
    name, flags, deny, deny_short = _flag_set(utility, opts)
    values: dict[str, Value] = {}
    try:
        _pflag_parse(parse_backup_opts(opts), flags, values)
    except _HelpRequested:
        return _usage(name, flags)
    except _ParseError as err:
        text = str(err)
        if "unknown flag" in text:
            for item in deny:
                if re.search(r"\B" + re.escape(item) + "$", text):
                    return f"Flag {item} is not supported for use with PGO"
        elif "unknown shorthand flag" in text:
            for item in deny_short:
                if "'" + item.removeprefix("-") + "'" in text:
                    return f"Shorthand flag {item} is not supported for use with PGO"
    errors = _check(utility, name, flags, values)
    return "\n".join(errors) if errors else None


def _check(utility: Utility, name: str, flags: Sequence[OptFlag], values: dict[str, Value]) -> list[str]:
    """The per-utility ``validate`` over the set flags, visited in flag-name order."""
    fields = {f.name: f.field for f in flags}
    errors: list[str] = []
    for flag_name in sorted(values):
        field = fields[flag_name]
        value = values[flag_name]
        message: str | list[str] | None
        if utility == "backrest-backup":
            message = _check_backrest_backup(field, value)
        elif utility == "backrest-restore":
            message = _check_backrest_restore(field, value, values)
        elif name == "pg_dumpall":
            message = _check_dumpall(field, values)
        elif name == "pg_dump":
            message = _check_dump(field, value, values)
        else:
            message = _check_pgrestore(field, value, values)
        if isinstance(message, list):
            errors.extend(message)
        elif message:
            errors.append(message)
    return errors


def _int(value: Value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _check_backrest_backup(field: str, value: Value) -> str | None:
    """pgBackRestBackupOptions.validate (pgbackrestoptions.go)."""
    if field == "BackupType" and value not in ("full", "diff", "incr"):
        return "Invalid type provided for pgBackRest backup"
    if field == "CompressLevel" and not 0 <= _int(value) <= 9:
        return "Invalid compress level for pgBackRest backup"
    if field == "CompressLevelNetwork" and not 0 <= _int(value) <= 9:
        return "Invalid network compress level for pgBackRest backup"
    if field == "CompressType" and value not in ("gz", "bz2", "lz4", "none"):
        return "Invalid compress type for pgBackRest backup"
    # "LogLevelStdErr" in the Go switch never matches the field LogLevelStderr: never checked
    if field in ("LogLevelConsole", "LogLevelFile") and value not in _LOG_LEVELS:
        return "Invalid log level for pgBackRest backup"
    retention = {
        "RepoRetentionFull": "full backup retention",
        "RepoRetentionDiff": "diff backup retention",
        "RepoRetentionArchive": "archive retention",
    }
    if field in retention and not 1 <= _int(value) <= 9999999:
        return f"Invalid value for pgBackRest {retention[field]}. Allowed: 1-9999999"
    if field == "RepoRetentionArchiveType" and value not in ("full", "diff", "incr"):
        return 'Invalid backup type for pgBackRest WAL retention. Allowed: "full", "diff", "incr"'
    return None


def _check_backrest_restore(field: str, value: Value, values: dict[str, Value]) -> str | None:
    """pgBackRestRestoreOptions.validate (pgbackrestoptions.go)."""
    if field == "TargetAction" and value not in ("pause", "promote", "shutdown"):
        return "Invalid target action provided for pgBackRest restore"
    if field == "TargetExclusive" and values.get("type", "") not in ("time", "xid"):
        return (
            "The target exclusive option is only applicable for a pgBackRest restore "
            "when type is 'time' or 'xid' "
        )
    valid_types = ("default", "immediate", "name", "xid", "time", "preserve", "none")
    if field == "RestoreType" and value not in valid_types:
        return "Invalid type provided for pgBackRest restore"
    if field == "CompressLevelNetwork" and not 0 <= _int(value) <= 9:
        return "Invalid network compress level for pgBackRest restore"
    if field in ("LogLevelConsole", "LogLevelFile") and value not in _LOG_LEVELS:
        return "Invalid log level for pgBackRest restore"
    return None


def _check_dump(field: str, value: Value, values: dict[str, Value]) -> str | list[str] | None:
    """pgDumpOptions.validate (pgdumpoptions.go)."""
    if field == "Format" and value not in ("p", "plain", "c", "custom", "t", "tar"):
        return "Invalid format provided for pg_dump backup"
    if field == "SuperUser" and not values.get("disable-triggers", False):
        return (
            "The --superuser option is only applicable for a pg_dump backup if the "
            "--disable-triggers option has also been specified"
        )
    if field == "Compress":
        if not 0 <= _int(value) <= 9:
            return "Invalid compress level for pg_dump backup"
        if values.get("format", "") == "tar":
            return "Compress level is not supported when using the tar format for a pg_dump backup"
    if field == "IfExists" and not values.get("clean", False):
        return "The --if-exists option is only valid for a pg_dump backup if the --clean option is also specified"
    if field == "Section" and isinstance(value, list):
        return [
            "Invalid section provided for pg_dump backup"
            for item in value
            if item not in ("pre-data", "data", "post-data")
        ]
    return None


def _check_dumpall(field: str, values: dict[str, Value]) -> str | None:
    """pgDumpAllOptions.validate (pgdumpoptions.go)."""
    if field == "SuperUser" and not values.get("disable-triggers", False):
        return (
            "The --superuser option is only applicable for a pg_dumpall backup if the "
            "--disable-triggers option has also been specified"
        )
    if field == "IfExists" and not values.get("clean", False):
        return (
            "The --if-exists option is only valid for a pg_dumpall backup if the --clean option is "
            "also specified"
        )
    return None


def _check_pgrestore(field: str, value: Value, values: dict[str, Value]) -> str | list[str] | None:
    """pgRestoreOptions.validate (pgdumpoptions.go)."""
    if field == "Format" and value not in ("p", "plain", "c", "custom", "t", "tar"):
        return "Invalid format provided for pg_restore restore"
    if field == "SuperUser" and not values.get("disable-triggers", False):
        return (
            "The --superuser option is only applicable for a pg_restore restore if the "
            "--disable-triggers option has also been specified"
        )
    if field == "IfExists" and not values.get("clean", False):
        return (
            "The --if-exists option is only valid for a pg_restore restore if the --clean option is "
            "also specified"
        )
    if field == "Section" and isinstance(value, list):
        return [
            "Invalid section provided for pg_restore restore"
            for item in value
            if item not in ("pre-data", "data", "post-data")
        ]
    return None


def storage_type_problem(text: str) -> str | None:
    """The cluster-independent part of ``ValidateBackrestStorageTypeForCommand`` (internal/apiserver/common.go:100).

    ``crv1.ParseBackrestStorageTypes``: each comma-separated item must be posix, local, s3 or gcs;
    then only one type may be chosen for a command.
    """
    if text == "":
        return None
    items = text.split(",")
    for item in items:
        if item not in ("posix", "local", "s3", "gcs"):
            return f"invalid storage type: {item}"
    if len(items) > 1:
        return "you can only select one storage type"
    return None
