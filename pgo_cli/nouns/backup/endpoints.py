"""The backup and restore routes (``cmd/pgo/api/{backrest,pgdump,restore,restoreDump}.go``).

Server side: ``internal/apiserver/routing/routes.go`` (RegisterBackrestSvcRoutes,
RegisterPGDumpSvcRoutes). The two GETs build their query strings by string concatenation, with an
always-empty ``selector`` (``pgo show backup`` registers no ``--selector``).
"""

from __future__ import annotations

from pgo_cli.nouns.backup.messages import (
    CreateBackrestBackupRequest,
    CreateBackrestBackupResponse,
    CreatepgDumpBackupRequest,
    DeleteBackrestBackupRequest,
    DeleteBackrestBackupResponse,
    PgRestoreRequest,
    RestoreRequest,
    RestoreResponse,
    ShowBackrestResponse,
    ShowBackupResponse,
)
from pgo_cli.wire.endpoint import Endpoint

BACKREST_BACKUP = Endpoint(
    "POST",
    "/backrestbackup",
    CreateBackrestBackupResponse,
    permission="CreateBackup",
    request=CreateBackrestBackupRequest,
)
SHOW_BACKREST = Endpoint(
    "GET",
    "/backrest/{name}",
    ShowBackrestResponse,
    permission="ShowBackup",
    read=True,
    query=("version", "selector", "namespace"),
    content_type=False,
)
DELETE_BACKREST = Endpoint(
    "DELETE",
    "/backrest",
    DeleteBackrestBackupResponse,
    permission="DeleteBackup",
    request=DeleteBackrestBackupRequest,
)
RESTORE = Endpoint("POST", "/restore", RestoreResponse, permission="Restore", request=RestoreRequest)

PGDUMP_BACKUP = Endpoint(
    "POST",
    "/pgdumpbackup",
    CreateBackrestBackupResponse,
    permission="CreateDump",
    request=CreatepgDumpBackupRequest,
)
SHOW_PGDUMP = Endpoint(
    "GET",
    "/pgdump/{name}",
    ShowBackupResponse,
    permission="ShowBackup",
    read=True,
    query=("version", "selector", "namespace"),
    content_type=False,
)
PGDUMP_RESTORE = Endpoint(
    "POST", "/pgdumprestore", RestoreResponse, permission="RestoreDump", request=PgRestoreRequest
)
