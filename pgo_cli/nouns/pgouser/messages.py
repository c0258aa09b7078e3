"""pgouser messages (``pkg/apiservermsgs/pgousermsgs.go``): Go field order, Go key names."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreatePgouserRequest:
    """Body of ``POST /pgousercreate``."""

    pgouser_name: str = key("PgouserName", "")
    pgouser_password: str = key("PgouserPassword", "", secret=True)
    pgouser_roles: str = key("PgouserRoles", "")
    all_namespaces: bool = key("AllNamespaces", False)
    pgouser_namespaces: str = key("PgouserNamespaces", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class CreatePgouserResponse:
    """Answer of ``POST /pgousercreate``: the status only."""

    status: Status = status()


@dataclass
class UpdatePgouserRequest:
    """Body of ``POST /pgouserupdate`` (``Name`` is never set by pgo)."""

    name: str = key("Name", "")
    pgouser_roles: str = key("PgouserRoles", "")
    pgouser_namespaces: str = key("PgouserNamespaces", "")
    all_namespaces: bool = key("AllNamespaces", False)
    pgouser_password: str = key("PgouserPassword", "", secret=True)
    pgouser_name: str = key("PgouserName", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class UpdatePgouserResponse:
    """Answer of ``POST /pgouserupdate``: the status only."""

    status: Status = status()


@dataclass
class ShowPgouserRequest:
    """Body of ``POST /pgousershow``."""

    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    pgouser_name: list[str] | None = key("PgouserName", None)


@dataclass
class PgouserInfo:
    """One user; ``Role`` and ``Namespace`` each hold the raw comma-separated string (or nothing)."""

    username: str = key("Username", "")
    role: list[str] | None = key("Role", None)
    namespace: list[str] | None = key("Namespace", None)


@dataclass
class ShowPgouserResponse:
    """Answer of ``POST /pgousershow``."""

    user_info: list[PgouserInfo] | None = key("UserInfo", None)
    status: Status = status()


@dataclass
class DeletePgouserRequest:
    """Body of ``POST /pgouserdelete`` (the server ignores ``AllFlag``)."""

    pgouser_name: list[str] | None = key("PgouserName", None)
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")


@dataclass
class DeletePgouserResponse:
    """Answer of ``POST /pgouserdelete``: one line per name."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
