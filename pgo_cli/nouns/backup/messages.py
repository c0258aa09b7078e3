"""Backup and restore messages of pgo 4.7.4, field for field.

``pkg/apiservermsgs/backrestmsgs.go`` (pgBackRest backup, show, delete, restore) and
``pkg/apiservermsgs/pgdumpmsgs.go`` (pg_dump backup, show, restore). Untagged Go fields keep their
Go names as keys; the pgBackRest info structs carry ``pgbackrest info --output json``'s lower-case
tags, the pg_dump ``Pgbackup`` its own lower-case tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status

# --------------------------------------------------------------------------------------------
# pgBackRest backup: POST /backrestbackup


@dataclass
class CreateBackrestBackupRequest:
    """Body of ``POST /backrestbackup`` (no ClientVersion field, so no version check)."""

    namespace: str = key("Namespace", "")
    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    backup_opts: str = key("BackupOpts", "")
    backrest_storage_type: str = key("BackrestStorageType", "")


@dataclass
class CreateBackrestBackupResponse:
    """Answer of ``POST /backrestbackup`` (and of ``POST /pgdumpbackup``): one line per task made."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


#: pgdumpmsgs.go's twin of ``CreateBackrestBackupResponse`` (the same fields).
CreatepgDumpBackupResponse = CreateBackrestBackupResponse


# --------------------------------------------------------------------------------------------
# pgBackRest delete: DELETE /backrest


@dataclass
class DeleteBackrestBackupRequest:
    """Body of ``DELETE /backrest``: the set to expire (``pgbackrest expire --set <Target>``)."""

    client_version: str = key("ClientVersion", "")
    cluster_name: str = key("ClusterName", "")
    namespace: str = key("Namespace", "")
    target: str = key("Target", "")


@dataclass
class DeleteBackrestBackupResponse:
    """Answer of ``DELETE /backrest``: only the status."""

    status: Status = status()


# --------------------------------------------------------------------------------------------
# pgBackRest show: GET /backrest/{name}


@dataclass
class PgBackRestInfoDB:
    """``db`` of a stanza, an archive or a backup (system-id and version are omitempty in Go)."""

    id: int = key("id", 0)
    system_id: int = key("system-id", 0)
    version: str = key("version", "")


@dataclass
class PgBackRestInfoArchive:
    """One WAL archive of a stanza: its id (``13-1``) and the oldest/newest segment."""

    db: PgBackRestInfoDB = key("db", factory=PgBackRestInfoDB)
    id: str = key("id", "")
    max: str = key("max", "")
    min: str = key("min", "")


@dataclass
class PgBackRestInfoBackupArchive:
    start: str = key("start", "")
    stop: str = key("stop", "")


@dataclass
class PgBackRestInfoBackupBackrest:
    format: int = key("format", 0)
    version: str = key("version", "")


@dataclass
class PgBackRestInfoBackupInfoRepository:
    delta: int = key("delta", 0)
    size: int = key("size", 0)


@dataclass
class PgBackRestInfoBackupInfo:
    delta: int = key("delta", 0)
    repository: PgBackRestInfoBackupInfoRepository = key(
        "repository", factory=PgBackRestInfoBackupInfoRepository
    )
    size: int = key("size", 0)


@dataclass
class PgBackRestInfoBackupTimestamp:
    start: int = key("start", 0)
    stop: int = key("stop", 0)


@dataclass
class PgBackRestInfoBackup:
    """One backup set: label, type, WAL range, sizes, what it builds on."""

    archive: PgBackRestInfoBackupArchive = key("archive", factory=PgBackRestInfoBackupArchive)
    backrest: PgBackRestInfoBackupBackrest = key("backrest", factory=PgBackRestInfoBackupBackrest)
    database: PgBackRestInfoDB = key("database", factory=PgBackRestInfoDB)
    info: PgBackRestInfoBackupInfo = key("info", factory=PgBackRestInfoBackupInfo)
    label: str = key("label", "")
    prior: str = key("prior", "")
    reference: list[str] | None = key("reference", None)
    timestamp: PgBackRestInfoBackupTimestamp = key("timestamp", factory=PgBackRestInfoBackupTimestamp)
    type: str = key("type", "")


@dataclass
class PgBackRestInfoStatus:
    code: int = key("code", 0)
    message: str = key("message", "")


@dataclass
class PgBackRestInfo:
    """One stanza of ``pgbackrest info --output json``."""

    archives: list[PgBackRestInfoArchive] | None = key("archive", None)
    backups: list[PgBackRestInfoBackup] | None = key("backup", None)
    cipher: str = key("cipher", "")
    dbs: list[PgBackRestInfoDB] | None = key("db", None)
    name: str = key("name", "")
    status: PgBackRestInfoStatus = key("status", factory=PgBackRestInfoStatus)


@dataclass
class ShowBackrestDetail:
    """The repository of one cluster in one storage type (posix, s3, gcs)."""

    name: str = key("Name", "")
    info: list[PgBackRestInfo] | None = key("Info", None)
    storage_type: str = key("StorageType", "")


@dataclass
class ShowBackrestResponse:
    """Answer of ``GET /backrest/{name}``."""

    items: list[ShowBackrestDetail] | None = key("Items", None)
    status: Status = status()


# --------------------------------------------------------------------------------------------
# pgBackRest restore: POST /restore


@dataclass
class RestoreRequest:
    """Body of ``POST /restore``; ``NodeAffinityType`` is 0 (preferred) or 1 (required)."""

    namespace: str = key("Namespace", "")
    from_cluster: str = key("FromCluster", "")
    restore_opts: str = key("RestoreOpts", "")
    pitr_target: str = key("PITRTarget", "")
    node_affinity_type: int = key("NodeAffinityType", 0)
    node_label: str = key("NodeLabel", "")
    backrest_storage_type: str = key("BackrestStorageType", "")


@dataclass
class RestoreResponse:
    """Answer of ``POST /restore`` and ``POST /pgdumprestore``."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


#: pgdumpmsgs.go's twin of ``RestoreResponse`` (the same fields).
PgRestoreResponse = RestoreResponse


# --------------------------------------------------------------------------------------------
# pg_dump: POST /pgdumpbackup, GET /pgdump/{name}, POST /pgdumprestore


@dataclass
class CreatepgDumpBackupRequest:
    """Body of ``POST /pgdumpbackup`` (``StorageConfig`` has no flag on ``pgo backup``: always empty)."""

    namespace: str = key("Namespace", "")
    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    pgdump_db: str = key("PGDumpDB", "")
    pvc_name: str = key("PVCName", "")
    storage_config: str = key("StorageConfig", "")
    backup_opts: str = key("BackupOpts", "")


@dataclass
class PgStorageSpec:
    """``crv1.PgStorageSpec`` (pkg/apis/crunchydata.com/v1/common.go)."""

    name: str = key("name", "")
    storageclass: str = key("storageclass", "")
    accessmode: str = key("accessmode", "")
    size: str = key("size", "")
    storagetype: str = key("storagetype", "")
    supplementalgroups: str = key("supplementalgroups", "")
    match_labels: str = key("matchLabels", "")


@dataclass
class Pgbackup:
    """One pg_dump backup, as the apiserver builds it from the ``backup-<c>-pgdump`` pgtask."""

    creation_timestamp: str = key("CreationTimestamp", "")
    namespace: str = key("namespace", "")
    name: str = key("name", "")
    storage_spec: PgStorageSpec = key("storagespec", factory=PgStorageSpec)
    ccp_image_tag: str = key("ccpimagetag", "")
    backup_host: str = key("backuphost", "")
    backup_user_secret: str = key("backupusersecret", "")
    backup_port: str = key("backupport", "")
    backup_status: str = key("backupstatus", "")
    backup_pvc: str = key("backuppvc", "")
    backup_opts: str = key("backupopts", "")
    toc: dict[str, str] | None = key("toc", None)


@dataclass
class PgbackupList:
    items: list[Pgbackup] | None = key("items", None)


@dataclass
class ShowBackupResponse:
    """Answer of ``GET /pgdump/{name}``."""

    backup_list: PgbackupList = key("BackupList", factory=PgbackupList)
    status: Status = status()


@dataclass
class PgRestoreRequest:
    """Body of ``POST /pgdumprestore``."""

    namespace: str = key("Namespace", "")
    from_cluster: str = key("FromCluster", "")
    from_pvc: str = key("FromPVC", "")
    pgdump_db: str = key("PGDumpDB", "")
    restore_opts: str = key("RestoreOpts", "")
    pitr_target: str = key("PITRTarget", "")
    node_affinity_type: int = key("NodeAffinityType", 0)
    node_label: str = key("NodeLabel", "")
