"""pgorole messages (``pkg/apiservermsgs/pgorolemsgs.go``): Go field order, Go key names."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreatePgoroleRequest:
    """Body of ``POST /pgorolecreate``."""

    pgorole_name: str = key("PgoroleName", "")
    pgorole_permissions: str = key("PgorolePermissions", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class CreatePgoroleResponse:
    """Answer of ``POST /pgorolecreate``: the status only."""

    status: Status = status()


@dataclass
class UpdatePgoroleRequest:
    """Body of ``POST /pgoroleupdate`` (``Name`` and ``ChangePermissions`` are never set by pgo)."""

    name: str = key("Name", "")
    pgorole_permissions: str = key("PgorolePermissions", "")
    pgorole_name: str = key("PgoroleName", "")
    change_permissions: bool = key("ChangePermissions", False)
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class UpdatePgoroleResponse:
    """Answer of ``POST /pgoroleupdate``: the status only."""

    status: Status = status()


@dataclass
class ShowPgoroleRequest:
    """Body of ``POST /pgoroleshow``."""

    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    pgorole_name: list[str] | None = key("PgoroleName", None)


@dataclass
class PgoroleInfo:
    """One role: its name (or ``<name> was not found``) and its raw permissions string."""

    name: str = key("Name", "")
    permissions: str = key("Permissions", "")


@dataclass
class ShowPgoroleResponse:
    """Answer of ``POST /pgoroleshow``."""

    role_info: list[PgoroleInfo] | None = key("RoleInfo", None)
    status: Status = status()


@dataclass
class DeletePgoroleRequest:
    """Body of ``POST /pgoroledelete`` (the server ignores ``AllFlag``)."""

    pgorole_name: list[str] | None = key("PgoroleName", None)
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")


@dataclass
class DeletePgoroleResponse:
    """Answer of ``POST /pgoroledelete``: one line per name."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
