"""namespace messages (``pkg/apiservermsgs/namespacemsgs.go``): Go field order, Go key names."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class NamespaceResult:
    """One namespace: watched by the installation, and open to the calling pgouser."""

    namespace: str = key("Namespace", "")
    installation_access: bool = key("InstallationAccess", False)
    user_access: bool = key("UserAccess", False)


@dataclass
class ShowNamespaceRequest:
    """Body of ``POST /namespace``."""

    args: list[str] | None = key("Args", None)
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")


@dataclass
class ShowNamespaceResponse:
    """Answer of ``POST /namespace``."""

    username: str = key("Username", "")
    results: list[NamespaceResult] | None = key("Results", None)
    status: Status = status()


@dataclass
class UpdateNamespaceRequest:
    """Body of ``POST /namespaceupdate`` (no namespace field: pgo ignores -n here)."""

    args: list[str] | None = key("Args", None)
    client_version: str = key("ClientVersion", "")


@dataclass
class UpdateNamespaceResponse:
    """Answer of ``POST /namespaceupdate``."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class CreateNamespaceRequest:
    """Body of ``POST /namespacecreate``."""

    args: list[str] | None = key("Args", None)
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class CreateNamespaceResponse:
    """Answer of ``POST /namespacecreate``."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class DeleteNamespaceRequest:
    """Body of ``POST /namespacedelete`` (the server uses ``Args`` only)."""

    args: list[str] | None = key("Args", None)
    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")


@dataclass
class DeleteNamespaceResponse:
    """Answer of ``POST /namespacedelete``."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
