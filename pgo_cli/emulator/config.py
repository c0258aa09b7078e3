"""The emulated installation: pgo.yaml defaults (ansible installer values) and emulator settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PGO_VERSION = "4.7.4"
DEFAULT_USER = "admin"
DEFAULT_PASSWORD = "examplepassword"
DEFAULT_ROLE = "pgoadmin"
DEFAULT_NAMESPACES = ("pgo", "pgouser1")


def _storage(
    access: str, size: str, kind: str, cls: str = "", groups: str = "", match: str = ""
) -> dict[str, str]:
    """A PgStorageSpec as the operator stores it (keys in Go order; ``name`` stays empty)."""
    return {
        "name": "",
        "storageclass": cls,
        "accessmode": access,
        "size": size,
        "storagetype": kind,
        "supplementalgroups": groups,
        "matchLabels": match,
    }


EMPTY_STORAGE = _storage("", "", "")

# conf/postgres-operator/pgo.yaml "Storage" section.
STORAGE: dict[str, dict[str, str]] = {
    "default": _storage("ReadWriteOnce", "1G", "dynamic"),
    "hostpathstorage": _storage("ReadWriteMany", "1G", "create"),
    "nfsstorage": _storage("ReadWriteMany", "1G", "create", groups="65534"),
    "nfsstoragered": _storage("ReadWriteMany", "1G", "create", groups="65534", match="crunchyzone=red"),
    "storageos": _storage("ReadWriteOnce", "5Gi", "dynamic", cls="fast"),
    "primarysite": _storage("ReadWriteOnce", "4G", "dynamic", cls="primarysite"),
    "alternatesite": _storage("ReadWriteOnce", "4G", "dynamic", cls="alternatesite"),
    "gce": _storage("ReadWriteOnce", "300M", "dynamic", cls="standard"),
    "rook": _storage("ReadWriteOnce", "1G", "dynamic", cls="rook-ceph-block"),
}


@dataclass(frozen=True)
class PgoYaml:
    """The pgo.yaml values that create reads (defaults of the ansible installer)."""

    ccp_image_prefix: str = "registry.developers.crunchydata.com/crunchydata"
    ccp_image_tag: str = "centos8-13.5-4.7.4"
    pgo_image_prefix: str = "registry.developers.crunchydata.com/crunchydata"
    port: str = "5432"
    pgbadger_port: str = "10000"
    exporter_port: str = "9187"
    backrest_port: str = "2022"
    user: str = "testuser"
    database: str = ""
    password_length: int = 24
    replicas: str = "0"
    policies: str = ""
    metrics: bool = False
    badger: bool = False
    disable_autofail: bool = False
    backrest_s3_verify_tls: str = "true"
    backrest_s3_bucket: str = ""
    backrest_s3_endpoint: str = ""
    backrest_s3_region: str = ""
    backrest_s3_uri_style: str = ""
    backrest_gcs_bucket: str = ""
    backrest_gcs_endpoint: str = ""
    backrest_gcs_key_type: str = ""
    pod_anti_affinity: str = "preferred"
    pod_anti_affinity_pgbackrest: str = ""
    pod_anti_affinity_pgbouncer: str = ""
    default_instance_memory: str = "128Mi"
    default_backrest_memory: str = "48Mi"
    default_pgbouncer_memory: str = "24Mi"
    default_exporter_memory: str = "24Mi"
    primary_storage: str = "default"
    replica_storage: str = "default"
    backrest_storage: str = "default"
    wal_storage: str = ""
    storage: dict[str, dict[str, str]] = field(default_factory=lambda: dict(STORAGE))


@dataclass
class Settings:
    """Runtime options of one emulator process."""

    state_dir: Path
    host: str = "127.0.0.1"
    port: int = 8443
    tls: bool = True
    version: str = PGO_VERSION
    ready_delay: float = 3.0
    delete_delay: float = 1.0
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    namespaces: tuple[str, ...] = DEFAULT_NAMESPACES
    pgo: PgoYaml = field(default_factory=PgoYaml)
    #: pgo 4.7.4 server bugs to answer as fixed (``--fix-bugs``); reproduced by default.
    fix_bugs: tuple[str, ...] = ()


def default_state_dir() -> Path:
    """``$XDG_DATA_HOME/pgo-emulator`` or ``~/.local/share/pgo-emulator``."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "pgo-emulator"
