"""The permission names of pgo's RBAC (``internal/apiserver/perms.go``), as data.

A pgorole grants ``*`` (everything) or a comma-separated list of these names. The apiserver checks
each entry after trimming spaces (``validPermissions`` in ``pgoroleservice/pgoroleimpl.go``);
pgo_cli runs the same check before sending, with the list in the hint.
"""

from __future__ import annotations

#: Every permission of ``perms.go``, in its order (56 names).
PERMISSIONS: tuple[str, ...] = (
    "ApplyPolicy",
    "Cat",
    "DfCluster",
    "Label",
    "Reload",
    "Restart",
    "Restore",
    "Status",
    "TestCluster",
    "Version",
    "CreateBackup",
    "CreateCluster",
    "CreateDump",
    "CreateFailover",
    "CreateNamespace",
    "CreatePgAdmin",
    "CreatePgbouncer",
    "CreatePgouser",
    "CreatePgorole",
    "CreatePolicy",
    "CreateSchedule",
    "CreateUpgrade",
    "CreateUser",
    "RestoreDump",
    "DeleteBackup",
    "DeleteCluster",
    "DeleteNamespace",
    "DeletePgAdmin",
    "DeletePgbouncer",
    "DeletePgorole",
    "DeletePgouser",
    "DeletePolicy",
    "DeleteSchedule",
    "DeleteUser",
    "ShowBackup",
    "ShowCluster",
    "ShowConfig",
    "ShowNamespace",
    "ShowPgAdmin",
    "ShowPgBouncer",
    "ShowPgorole",
    "ShowPgouser",
    "ShowPolicy",
    "ShowPVC",
    "ShowSchedule",
    "ShowSecrets",
    "ShowSystemAccounts",
    "ShowUser",
    "ShowWorkflow",
    "ScaleCluster",
    "UpdateCluster",
    "UpdateNamespace",
    "UpdatePgBouncer",
    "UpdatePgorole",
    "UpdatePgouser",
    "UpdateUser",
)

_KNOWN = frozenset(PERMISSIONS)


def invalid_permission(permissions: str) -> str | None:
    """``validPermissions``: the first entry (untrimmed, as pgo reports it) that is not valid, or None."""
    for entry in permissions.split(","):
        name = entry.strip()
        if name not in _KNOWN and name != "*":
            return entry
    return None
