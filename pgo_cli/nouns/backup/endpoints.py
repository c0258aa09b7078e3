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
from pgo_cli.wire.endpoint import STANDARD, Authn, Decode, Endpoint, Headers, Namespace, Version

BACKREST_BACKUP = Endpoint(
    "POST",
    "/backrestbackup",
    CreateBackrestBackupResponse,
    permission="CreateBackup",
    request=CreateBackrestBackupRequest,
    # internal/apiserver/backrestservice/backrestservice.go:55-74 CreateBackupHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
SHOW_BACKREST = Endpoint(
    "GET",
    "/backrest/{name}",
    ShowBackrestResponse,
    permission="ShowBackup",
    read=True,
    query=("version", "selector", "namespace"),
    content_type=False,
    # internal/apiserver/backrestservice/backrestservice.go:209-231 ShowBackrestHandler
    steps=STANDARD,
)
DELETE_BACKREST = Endpoint(
    "DELETE",
    "/backrest",
    DeleteBackrestBackupResponse,
    permission="DeleteBackup",
    request=DeleteBackrestBackupRequest,
    # internal/apiserver/backrestservice/backrestservice.go:103-152 DeleteBackrestHandler: the
    # body's decode error before the headers
    steps=(Authn(), Decode(), Headers(), Version(), Namespace()),
)
RESTORE = Endpoint(
    "POST",
    "/restore",
    RestoreResponse,
    permission="Restore",
    request=RestoreRequest,
    # internal/apiserver/backrestservice/backrestservice.go:262-281 RestoreHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)

PGDUMP_BACKUP = Endpoint(
    "POST",
    "/pgdumpbackup",
    CreateBackrestBackupResponse,
    permission="CreateDump",
    request=CreatepgDumpBackupRequest,
    # internal/apiserver/pgdumpservice/pgdumpservice.go:53-72 BackupHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
SHOW_PGDUMP = Endpoint(
    "GET",
    "/pgdump/{name}",
    ShowBackupResponse,
    permission="ShowBackup",
    read=True,
    query=("version", "selector", "namespace"),
    content_type=False,
    # internal/apiserver/pgdumpservice/pgdumpservice.go:125-149 ShowDumpHandler
    steps=STANDARD,
)
PGDUMP_RESTORE = Endpoint(
    "POST",
    "/pgdumprestore",
    RestoreResponse,
    permission="RestoreDump",
    request=PgRestoreRequest,
    # internal/apiserver/pgdumpservice/pgdumpservice.go:180-200 RestoreHandler: no version check
    steps=(Authn(), Headers(), Namespace()),
)
