"""What ``pgo show backup`` prints: pgo's trees, byte for byte, and a table for terminals.

``printBackrest`` (``cmd/pgo/cmd/backrest.go``) starts with an empty line, nests the backup loop
inside the archive loop (so backups repeat per archive), prints times as Go's
``time.Unix(...).String()`` in the client's zone and sizes as ``%.1f`` with KiB/MiB units
(``getSizeAndUnit``, ``cmd/pgo/cmd/common.go``). ``printDumpCRD`` (``cmd/pgo/cmd/pgdump.go``) is a
tab-indented list per pg_dump task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from pgo_cli.nouns.backup.messages import (
    PgBackRestInfoBackup,
    Pgbackup,
    ShowBackrestDetail,
    ShowBackrestResponse,
    ShowBackupResponse,
)

if TYPE_CHECKING:
    import zoneinfo

NO_BACKREST = "No pgBackRest found."
_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def size_and_unit(size: int) -> str:
    """``%.1f<unit>``: divide by 1024 while the value is above 1000 (pgo's ``getSizeAndUnit``)."""
    value = float(size)
    unit = 0
    while value > 1000 and unit < len(_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:.1f}{_UNITS[unit]}"


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
    abbreviation = when.tzname() or ""
    if zone is dt.timezone.utc:
        abbreviation = "UTC"
    return when.strftime("%Y-%m-%d %H:%M:%S %z ") + abbreviation


def write_backrest(response: ShowBackrestResponse, zone: dt.tzinfo, out: TextIO) -> None:
    """pgo's text for one ``GET /backrest/{name}`` answer."""
    items = response.items or []
    if not items:
        out.write(NO_BACKREST + "\n")
        return
    for detail in items:
        _write_detail(detail, zone, out)


def _write_detail(detail: ShowBackrestDetail, zone: dt.tzinfo, out: TextIO) -> None:
    out.write("\n")
    out.write(f"cluster: {detail.name}\n")
    out.write(f"storage type: {detail.storage_type}\n\n")
    for info in detail.info or []:
        out.write(f"stanza: {info.name}\n")
        out.write(f"    status: {info.status.message}\n")
        out.write(f"    cipher: {info.cipher}\n\n")
        for archive in info.archives or []:
            out.write(f"    {info.name} (current)\n")
            out.write(f"        wal archive min/max ({archive.id})\n\n")
            for backup in info.backups or []:
                _write_backup(backup, zone, out)


def _write_backup(backup: PgBackRestInfoBackup, zone: dt.tzinfo, out: TextIO) -> None:
    start = go_time(backup.timestamp.start, zone)
    stop = go_time(backup.timestamp.stop, zone)
    out.write(f"        {backup.type} backup: {backup.label}\n")
    out.write(f"            timestamp start/stop: {start} / {stop}\n")
    out.write(f"            wal start/stop: {backup.archive.start} / {backup.archive.stop}\n")
    out.write(
        f"            database size: {size_and_unit(backup.info.size)}, "
        f"backup size: {size_and_unit(backup.info.delta)}\n"
    )
    out.write(
        f"            repository size: {size_and_unit(backup.info.repository.size)}, "
        f"repository backup size: {size_and_unit(backup.info.repository.delta)}\n"
    )
    out.write(f"            backup reference list: {', '.join(backup.reference or [])}\n\n")


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
                    size_and_unit(backup.info.size),
                    size_and_unit(backup.info.repository.size),
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
