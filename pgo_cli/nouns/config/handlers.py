"""The emulator's ``GET /config`` (``internal/apiserver/configservice/``): the installation's pgo.yaml.

The answer is ``config.PgoConfig`` (``internal/config/pgoconfig.go``) as Go encodes it: keys in
struct order, the four memory quantities under their JSON tags (``DefaultInstanceMemory`` …), nil
pointers as ``null``, the ``Storage`` map sorted. Values come from the emulator's pgo.yaml model
(:class:`pgo_cli.emulator.config.PgoYaml`); fields that model does not hold take the 4.7.4 ansible
installer's values (``installers/ansible/values.yaml`` through ``pgo.yaml.j2``).
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.config.endpoints import SHOW
from pgo_cli.nouns.config.messages import ShowConfigResponse
from pgo_cli.wire.codec import ok_status
from pgo_cli.wire.gojson import sorted_map

#: Installer values for what the emulator's PgoYaml model does not carry.
INSTALLER_DEFAULTS: dict[str, Any] = {
    "basic_auth": "",
    "password_age_days": "0",
    "service_type": "ClusterIP",
    "disable_replica_start_fail_reinit": False,
    "sync_replication": False,
    "disable_fsgroup": None,
    "audit": False,
    "disable_reconcile_rbac": False,
    "pgo_image_tag": "centos8-4.7.4",
    "backup_storage": "default",
    "pgadmin_storage": "default",
    "openshift": False,
}


def _get(pgo: Any, name: str, default: Any = "") -> Any:
    if hasattr(pgo, name):
        return getattr(pgo, name)
    return INSTALLER_DEFAULTS.get(name, default)


def _storage(spec: dict[str, Any]) -> dict[str, str]:
    """A pgo.yaml ``StorageStruct`` from the emulator's PgStorageSpec-shaped entry."""
    return {
        "AccessMode": str(spec.get("accessmode", "")),
        "Size": str(spec.get("size", "")),
        "StorageType": str(spec.get("storagetype", "")),
        "StorageClass": str(spec.get("storageclass", "")),
        "SupplementalGroups": str(spec.get("supplementalgroups", "")),
        "MatchLabels": str(spec.get("matchLabels", "")),
    }


def pgo_config(pgo: Any) -> dict[str, Any]:
    """``apiserver.Pgo`` as the apiserver encodes it."""
    cluster = {
        "CCPImagePrefix": _get(pgo, "ccp_image_prefix"),
        "CCPImageTag": _get(pgo, "ccp_image_tag"),
        "Policies": _get(pgo, "policies"),
        "Metrics": bool(_get(pgo, "metrics", False)),
        "Badger": bool(_get(pgo, "badger", False)),
        "Port": str(_get(pgo, "port")),
        "PGBadgerPort": str(_get(pgo, "pgbadger_port")),
        "ExporterPort": str(_get(pgo, "exporter_port")),
        "User": _get(pgo, "user"),
        "Database": _get(pgo, "database"),
        "PasswordAgeDays": str(_get(pgo, "password_age_days")),
        "PasswordLength": str(_get(pgo, "password_length")),
        "Replicas": str(_get(pgo, "replicas")),
        "ServiceType": _get(pgo, "service_type"),
        "BackrestPort": int(_get(pgo, "backrest_port", 2022) or 2022),
        "BackrestGCSBucket": _get(pgo, "backrest_gcs_bucket"),
        "BackrestGCSEndpoint": _get(pgo, "backrest_gcs_endpoint"),
        "BackrestGCSKeyType": _get(pgo, "backrest_gcs_key_type"),
        "BackrestS3Bucket": _get(pgo, "backrest_s3_bucket"),
        "BackrestS3Endpoint": _get(pgo, "backrest_s3_endpoint"),
        "BackrestS3Region": _get(pgo, "backrest_s3_region"),
        "BackrestS3URIStyle": _get(pgo, "backrest_s3_uri_style"),
        "BackrestS3VerifyTLS": str(_get(pgo, "backrest_s3_verify_tls")),
        "DisableAutofail": bool(_get(pgo, "disable_autofail", False)),
        "DisableReplicaStartFailReinit": bool(_get(pgo, "disable_replica_start_fail_reinit", False)),
        "PodAntiAffinity": _get(pgo, "pod_anti_affinity"),
        "PodAntiAffinityPgBackRest": _get(pgo, "pod_anti_affinity_pgbackrest"),
        "PodAntiAffinityPgBouncer": _get(pgo, "pod_anti_affinity_pgbouncer"),
        "SyncReplication": bool(_get(pgo, "sync_replication", False)),
        "DefaultInstanceMemory": _get(pgo, "default_instance_memory") or "0",
        "DefaultBackrestMemory": _get(pgo, "default_backrest_memory") or "0",
        "DefaultPgBouncerMemory": _get(pgo, "default_pgbouncer_memory") or "0",
        "DefaultExporterMemory": _get(pgo, "default_exporter_memory") or "0",
        "DisableFSGroup": _get(pgo, "disable_fsgroup", None),
    }
    operator = {
        "Audit": bool(_get(pgo, "audit", False)),
        "ConfigMapWorkerCount": None,
        "ControllerGroupRefreshInterval": None,
        "DisableReconcileRBAC": bool(_get(pgo, "disable_reconcile_rbac", False)),
        "NamespaceRefreshInterval": None,
        "NamespaceWorkerCount": None,
        "PGClusterWorkerCount": None,
        "PGOImagePrefix": _get(pgo, "pgo_image_prefix"),
        "PGOImageTag": _get(pgo, "pgo_image_tag"),
        "PGReplicaWorkerCount": None,
        "PGTaskWorkerCount": None,
    }
    storage = {name: _storage(spec) for name, spec in dict(_get(pgo, "storage", {}) or {}).items()}
    return {
        "BasicAuth": _get(pgo, "basic_auth"),
        "Cluster": cluster,
        "Pgo": operator,
        "PrimaryStorage": _get(pgo, "primary_storage"),
        "WALStorage": _get(pgo, "wal_storage"),
        "BackupStorage": _get(pgo, "backup_storage"),
        "ReplicaStorage": _get(pgo, "replica_storage"),
        "BackrestStorage": _get(pgo, "backrest_storage"),
        "PGAdminStorage": _get(pgo, "pgadmin_storage"),
        "Storage": sorted_map(storage),
        "OpenShift": bool(_get(pgo, "openshift", False)),
    }


def handle_show(request: EmulatorRequest) -> ShowConfigResponse:
    """``ShowConfigHandler``: version and namespace from the query string, then ``apiserver.Pgo``."""
    return ShowConfigResponse(result=pgo_config(request.settings.pgo), status=ok_status())


HANDLERS = {SHOW: handle_show}
