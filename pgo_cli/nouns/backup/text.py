"""What ``pgo show backup`` prints: pgo's trees, byte for byte, and a table for terminals.

``printBackrest`` (``cmd/pgo/cmd/backrest.go``) starts with an empty line, nests the backup loop
inside the archive loop (so backups repeat per archive), prints times as Go's
``time.Unix(...).String()`` in the client's zone and sizes as ``%.1f`` with KiB/MiB units
(``getSizeAndUnit``, ``cmd/pgo/cmd/common.go``, in :mod:`pgo_cli.nouns.shared.sizes`). ``printDumpCRD`` (``cmd/pgo/cmd/pgdump.go``) is a
tab-indented list per pg_dump task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pgo_cli.nouns.backup.messages import (
    PgBackRestInfo,
    PgBackRestInfoArchive,
    PgBackRestInfoBackup,
    PgBackRestInfoBackupArchive,
    PgBackRestInfoBackupBackrest,
    PgBackRestInfoBackupInfo,
    PgBackRestInfoBackupInfoRepository,
    PgBackRestInfoBackupTimestamp,
    PgBackRestInfoDB,
    PgBackRestInfoStatus,
    Pgbackup,
    ShowBackrestDetail,
    ShowBackrestResponse,
    ShowBackupResponse,
)
from pgo_cli.nouns.shared.sizes import UNITS, size_and_unit
from pgo_cli.wire import plain

if TYPE_CHECKING:
    import zoneinfo

NO_BACKREST = "No pgBackRest found."


def size_text(size: int) -> str:
    """``%.1f<unit>`` of a size in bytes, as pgo's show backup prints it."""
    value, unit = size_and_unit(size)
    return f"{value:.1f}{UNITS[unit]}"


def local_zone(environ: Mapping[str, str]) -> dt.tzinfo:
    """Go's ``time.Local``: ``$TZ`` (``:`` prefix, absolute file or zone name), else /etc/localtime, else UTC."""
    import zoneinfo

    def from_file(path: str, key: str) -> zoneinfo.ZoneInfo | None:
        try:
            with open(path, "rb") as handle:
                return zoneinfo.ZoneInfo.from_file(handle, key=key)
        except (OSError, ValueError):
            return None

    tz = environ.get("TZ")
    zone: dt.tzinfo | None = None
    if tz is None:
        zone = from_file("/etc/localtime", "Local")
    elif tz:
        name = tz[1:] if tz.startswith(":") else tz
        if name.startswith("/"):
            zone = from_file(name, name)
        elif name and name != "UTC":
            try:
                zone = zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                zone = None
    return zone or dt.timezone.utc


def go_time(seconds: int, zone: dt.tzinfo) -> str:
    """``time.Unix(seconds, 0).String()``: ``2006-01-02 15:04:05 -0700 MST``."""
    when = dt.datetime.fromtimestamp(seconds, zone)
    # isoformat: "2006-01-02 15:04:05-07:00" (the year zero-padded to four digits as in Go, the
    # offset's seconds after another colon, which Go does not print)
    text = when.isoformat(" ")
    abbreviation = "UTC" if zone is dt.timezone.utc else (when.tzname() or "")
    return f"{text[:19]} {text[19:22]}{text[23:25]} {abbreviation}"


def write_backrest(response: ShowBackrestResponse, zone: dt.tzinfo, out: TextIO) -> None:
    """pgo's text for one ``GET /backrest/{name}`` answer.

    Items read lazily (:class:`~pgo_cli.wire.lazy.LazyList`, ``pgo show backup all``) are
    printed from their JSON values by :func:`plain_detail_text` where it can, without the typed
    copy of each repository; any other value is decoded as usual, and fails as it would.
    """
    items = response.items or []
    if not items:
        out.write(NO_BACKREST + "\n")
        return
    from pgo_cli.wire.lazy import LazyList

    if isinstance(items, LazyList):
        for value in items.values():
            text = plain_detail_text(value, zone)
            out.write(text if text is not None else detail_text(items.decode(value), zone))
        return
    for detail in items:
        out.write(detail_text(detail, zone))


def detail_text(detail: ShowBackrestDetail, zone: dt.tzinfo) -> str:
    """One repository as pgo prints it: the stanzas, each archive, and every backup per archive."""
    parts = [_detail_head(detail.name, detail.storage_type)]
    for info in detail.info or []:
        parts.append(_stanza_head(info.name, info.status.message, info.cipher))
        for archive in info.archives or []:
            parts.append(_archive_head(info.name, archive.id))
            parts.extend(
                _backup_text(
                    backup.type,
                    backup.label,
                    go_time(backup.timestamp.start, zone),
                    go_time(backup.timestamp.stop, zone),
                    backup.archive.start,
                    backup.archive.stop,
                    (
                        backup.info.size,
                        backup.info.delta,
                        backup.info.repository.size,
                        backup.info.repository.delta,
                    ),
                    backup.reference or [],
                )
                for backup in info.backups or []
            )
    return "".join(parts)


def _detail_head(name: str, storage_type: str) -> str:
    return f"\ncluster: {name}\nstorage type: {storage_type}\n\n"


def _stanza_head(name: str, status: str, cipher: str) -> str:
    return f"stanza: {name}\n    status: {status}\n    cipher: {cipher}\n\n"


def _archive_head(stanza: str, archive_id: str) -> str:
    return f"    {stanza} (current)\n        wal archive min/max ({archive_id})\n\n"


def _backup_text(
    kind: str,
    label: str,
    start: str,
    stop: str,
    wal_start: str,
    wal_stop: str,
    sizes: tuple[int, int, int, int],
    references: list[str],
) -> str:
    size, delta, repo_size, repo_delta = (size_text(value) for value in sizes)
    return (
        f"        {kind} backup: {label}\n"
        f"            timestamp start/stop: {start} / {stop}\n"
        f"            wal start/stop: {wal_start} / {wal_stop}\n"
        f"            database size: {size}, backup size: {delta}\n"
        f"            repository size: {repo_size}, repository backup size: {repo_delta}\n"
        f"            backup reference list: {', '.join(references)}\n\n"
    )


def plain_detail_text(value: Any, zone: dt.tzinfo) -> str | None:
    """:func:`detail_text` of one repository read straight from its JSON value, or None.

    It is the text of the typed copy (``decode`` of :class:`ShowBackrestDetail`) without making
    that copy, for a value the typed decoding reads as it is (:mod:`pgo_cli.wire.plain`); any
    other value gives None, and the caller decodes it. ``tests/nouns/backup`` compares the two
    on random answers.
    """
    try:
        return _plain_detail_text(value, zone)
    except plain.NotPlain:
        return None


def _plain_db(value: Any) -> None:
    db = plain.struct(value, PgBackRestInfoDB)
    plain.integer(db.get("id"))
    plain.integer(db.get("system-id"))
    plain.string(db.get("version"))


def _plain_detail_text(value: Any, zone: dt.tzinfo) -> str:
    # Every field the typed decoding reads is checked, printed or not, before anything is
    # formatted: a wrong one fails the answer as decoding would, whatever comes after it.
    string, integer, struct = plain.string, plain.integer, plain.struct
    detail = struct(value, ShowBackrestDetail)
    stanzas = []
    for info in plain.structs(detail.get("Info"), PgBackRestInfo):
        status = struct(info.get("status"), PgBackRestInfoStatus)
        integer(status.get("code"))
        for db in plain.structs(info.get("db"), PgBackRestInfoDB):
            _plain_db(db)
        backups = []
        for backup in plain.structs(info.get("backup"), PgBackRestInfoBackup):
            archive = struct(backup.get("archive"), PgBackRestInfoBackupArchive)
            backrest = struct(backup.get("backrest"), PgBackRestInfoBackupBackrest)
            integer(backrest.get("format"))
            string(backrest.get("version"))
            _plain_db(backup.get("database"))
            sizes = struct(backup.get("info"), PgBackRestInfoBackupInfo)
            repository = struct(sizes.get("repository"), PgBackRestInfoBackupInfoRepository)
            timestamp = struct(backup.get("timestamp"), PgBackRestInfoBackupTimestamp)
            string(backup.get("prior"))
            backups.append(
                (
                    string(backup.get("type")),
                    string(backup.get("label")),
                    integer(timestamp.get("start")),
                    integer(timestamp.get("stop")),
                    string(archive.get("start")),
                    string(archive.get("stop")),
                    (
                        integer(sizes.get("size")),
                        integer(sizes.get("delta")),
                        integer(repository.get("size")),
                        integer(repository.get("delta")),
                    ),
                    plain.strings(backup.get("reference")),
                )
            )
        archives = []
        for archive in plain.structs(info.get("archive"), PgBackRestInfoArchive):
            _plain_db(archive.get("db"))
            string(archive.get("max"))
            string(archive.get("min"))
            archives.append(string(archive.get("id")))
        head = (string(info.get("name")), string(status.get("message")), string(info.get("cipher")))
        stanzas.append((head, archives, backups))
    parts = [_detail_head(string(detail.get("Name")), string(detail.get("StorageType")))]
    for (name, message, cipher), archives, backups in stanzas:
        parts.append(_stanza_head(name, message, cipher))
        texts: list[str] = []
        for archive_id in archives:
            parts.append(_archive_head(name, archive_id))
            if not texts:
                texts = [
                    _backup_text(
                        kind, label, go_time(start, zone), go_time(stop, zone), wal, end, sizes, refs
                    )
                    for kind, label, start, stop, wal, end, sizes, refs in backups
                ]
            parts.extend(texts)
    return "".join(parts)


def write_pgdump(response: ShowBackupResponse, cluster: str, out: TextIO) -> None:
    """pgo's text for one ``GET /pgdump/{name}`` answer."""
    items = response.backup_list.items or []
    if not items:
        out.write(f"No pgDumps found for {cluster}.\n")
        return
    for item in items:
        _write_dump(item, out)


def _write_dump(item: Pgbackup, out: TextIO) -> None:
    out.write("\n")
    out.write(f"pgdump : {item.name}\n")
    for label, value in (
        ("PVC Name", item.backup_pvc),
        ("Access Mode", item.storage_spec.accessmode),
        ("PVC Size", item.storage_spec.size),
        ("Creation", item.creation_timestamp),
        ("CCPImageTag", item.ccp_image_tag),
        ("Backup Status", item.backup_status),
        ("Backup Host", item.backup_host),
        ("Backup User Secret", item.backup_user_secret),
        ("Backup Port", item.backup_port),
        ("Backup Opts", item.backup_opts),
    ):
        out.write(f"\t{label}:\t{value}\n")


BACKREST_HEADERS = ("LABEL", "TYPE", "STARTED", "FINISHED", "SIZE", "REPO SIZE", "BUILDS ON")


def backrest_rows(
    detail: ShowBackrestDetail, zone: dt.tzinfo
) -> list[tuple[str, str, str, str, str, str, str]]:
    """One row per backup set of a repository (each set once, whatever the archive count)."""
    rows = []
    seen: set[str] = set()
    for info in detail.info or []:
        for backup in info.backups or []:
            if backup.label in seen:
                continue
            seen.add(backup.label)
            rows.append(
                (
                    backup.label,
                    backup.type,
                    _short_time(backup.timestamp.start, zone),
                    _short_time(backup.timestamp.stop, zone),
                    size_text(backup.info.size),
                    size_text(backup.info.repository.size),
                    backup.prior or "-",
                )
            )
    return rows


def _short_time(seconds: int, zone: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(seconds, zone).strftime("%Y-%m-%d %H:%M:%S")


def write_backrest_table(
    responses: Sequence[ShowBackrestResponse], zone: dt.tzinfo, width: int | None, out: TextIO
) -> None:
    """On a terminal: a table per cluster and storage type, one row per backup set, labels whole."""
    from pgo_cli.output.table import write_table

    wrote = False
    for response in responses:
        for detail in response.items or []:
            rows = backrest_rows(detail, zone)
            title = f"cluster {detail.name}, {detail.storage_type} repository"
            if wrote:
                out.write("\n")
            wrote = True
            if not rows:
                out.write(f"{title}: no backups\n")
                continue
            write_table(BACKREST_HEADERS, rows, out, width=width, title=title)
    if not wrote:
        out.write(NO_BACKREST + "\n")


PGDUMP_HEADERS = ("NAME", "PVC", "STATUS", "CREATED", "OPTIONS")


def write_pgdump_table(responses: Sequence[ShowBackupResponse], width: int | None, out: TextIO) -> None:
    """On a terminal: one row per pg_dump task."""
    from pgo_cli.output.table import write_table

    rows = [
        (item.name, item.backup_pvc, item.backup_status, item.creation_timestamp, item.backup_opts)
        for response in responses
        for item in response.backup_list.items or []
    ]
    if not rows:
        out.write("No pgDumps found.\n")
        return
    write_table(PGDUMP_HEADERS, rows, out, width=width)
