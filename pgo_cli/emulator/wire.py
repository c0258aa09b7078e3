"""Go ``encoding/json`` on the wire: decoding request bodies into typed zero-valued records, and
encoding responses exactly as ``json.NewEncoder(w).Encode`` does.

Decoding rules (Go 1.15/1.16): each object key, in order, is matched to a field by exact name first,
then case-insensitively; a later key for the same field overwrites an earlier one; unknown keys are
ignored; ``null`` leaves the zero value; a value of the wrong type leaves that field at its zero
value while the other fields are still filled; a body that is not valid JSON fills nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Union

from pgo_cli.wire.gojson import encode_go, fold_key

# A field kind is one of the strings below, a nested struct schema, or ("slice", kind).
# "string", "bool", "int", "map" (map[string]string), "ptrbool" (*bool, null = None),
# "ptrint" (*int64).
Kind = Union[str, "Schema", tuple[str, Any]]
Schema = Sequence[tuple[str, Any]]


def _fold(text: str) -> str:
    return fold_key(text)  # the one Go key-matching rule (strings.EqualFold)


def _schema(kind: Kind) -> Schema:
    assert not isinstance(kind, str)
    return kind  # type: ignore[return-value]


def _is_slice(kind: Kind) -> bool:
    return isinstance(kind, tuple) and len(kind) == 2 and kind[0] == "slice"


def zero(kind: Kind) -> Any:
    """Go's zero value for a kind (nil maps, slices and pointers are None)."""
    if kind == "string":
        return ""
    if kind == "bool":
        return False
    if kind == "int":
        return 0
    if isinstance(kind, str) or _is_slice(kind):
        return None
    return {name: zero(sub) for name, sub in _schema(kind)}


def _decode_value(kind: Kind, raw: Any) -> tuple[bool, Any]:
    """Decode one JSON value; returns (ok, value). ``ok`` False means keep the zero value."""
    if raw is None:
        return False, None
    if kind == "string":
        return (True, raw) if isinstance(raw, str) else (False, None)
    if kind in ("bool", "ptrbool"):
        return (True, raw) if isinstance(raw, bool) else (False, None)
    if kind in ("int", "ptrint"):
        ok = isinstance(raw, int) and not isinstance(raw, bool) and -(2**63) <= raw < 2**63
        return (True, raw) if ok else (False, None)
    if kind == "map":
        if not isinstance(raw, dict):
            return False, None
        # A wrong-typed element still creates its key with the zero value.
        return True, {k: (v if isinstance(v, str) else "") for k, v in raw.items()}
    if _is_slice(kind):
        if not isinstance(raw, list):
            return False, None
        elem = kind[1]
        items = []
        for item in raw:
            ok, value = _decode_value(elem, item)
            items.append(value if ok else zero(elem))
        return True, items
    if isinstance(raw, dict):
        return True, decode_struct(_schema(kind), raw)
    return False, None


def decode_struct(schema: Schema, obj: dict[str, Any]) -> dict[str, Any]:
    """Fill a record for ``schema`` from a decoded JSON object, key by key as Go does."""
    result = {name: zero(kind) for name, kind in schema}
    kinds = dict(schema)
    folded: dict[str, str] = {}
    for name, _kind in schema:
        folded.setdefault(_fold(name), name)
    for key, raw in obj.items():
        found = key if key in kinds else folded.get(_fold(key))
        if found is None:
            continue
        name = found
        kind = kinds[name]
        if raw is None and (kind in ("ptrbool", "ptrint", "map") or _is_slice(kind)):
            result[name] = None
            continue
        ok, value = _decode_value(kind, raw)
        if ok:
            result[name] = value
    return result


def decode_body(schema: Schema, body: bytes) -> dict[str, Any]:
    """``_ = json.NewDecoder(r.Body).Decode(&request)``: errors leave zero values."""
    try:
        text = body.decode("utf-8", errors="replace")
        obj, _end = json.JSONDecoder().raw_decode(text.lstrip(" \t\r\n"))
    except ValueError:
        obj = None
    if not isinstance(obj, dict):
        return decode_struct(schema, {})
    return decode_struct(schema, obj)


# --------------------------------------------------------------------------------- encoding


def encode(value: Any) -> bytes:
    """``json.NewEncoder(w).Encode(value)`` (the project's one Go encoder; callers sort maps)."""
    return encode_go(value)


def sorted_map(mapping: dict[str, Any] | None) -> dict[str, Any] | None:
    """A Go map as the encoder writes it: keys sorted byte-wise."""
    if mapping is None:
        return None
    return {k: mapping[k] for k in sorted(mapping, key=lambda k: k.encode("utf-8"))}


# --------------------------------------------------------------------------------- request types

TABLESPACE: Schema = (("Name", "string"), ("PVCSize", "string"), ("StorageConfig", "string"))
TOLERATION: Schema = (
    ("key", "string"),
    ("operator", "string"),
    ("value", "string"),
    ("effect", "string"),
    ("tolerationSeconds", "ptrint"),
)
DATA_SOURCE: Schema = (("namespace", "string"), ("restoreFrom", "string"), ("restoreOpts", "string"))
ANNOTATIONS: Schema = (("backrest", "map"), ("global", "map"), ("pgBouncer", "map"), ("postgres", "map"))

_S = "string"
CREATE_CLUSTER_REQUEST: Schema = (
    ("Name", _S),
    ("Namespace", _S),
    ("NodeAffinityType", "int"),
    ("NodeLabel", _S),
    ("PasswordLength", "int"),
    ("PasswordSuperuser", _S),
    ("PasswordReplication", _S),
    ("Password", _S),
    ("SecretFrom", _S),
    ("UserLabels", "map"),
    ("Tablespaces", ("slice", TABLESPACE)),
    ("Policies", _S),
    ("CCPImage", _S),
    ("CCPImageTag", _S),
    ("CCPImagePrefix", _S),
    ("PGOImagePrefix", _S),
    ("ReplicaCount", "int"),
    ("ServiceType", _S),
    ("MetricsFlag", "bool"),
    ("ExporterCPULimit", _S),
    ("ExporterCPURequest", _S),
    ("ExporterMemoryLimit", _S),
    ("ExporterMemoryRequest", _S),
    ("BadgerFlag", "bool"),
    ("AutofailFlag", "bool"),
    ("ArchiveFlag", "bool"),
    ("BackrestStorageType", _S),
    ("PgbouncerFlag", "bool"),
    ("PgBouncerReplicas", "int"),
    ("PgBouncerServiceType", _S),
    ("PgBouncerTLSSecret", _S),
    ("CustomConfig", _S),
    ("StorageConfig", _S),
    ("WALStorageConfig", _S),
    ("ReplicaStorageConfig", _S),
    ("ClientVersion", _S),
    ("PasswordType", _S),
    ("PodAntiAffinity", _S),
    ("PodAntiAffinityPgBackRest", _S),
    ("PodAntiAffinityPgBouncer", _S),
    ("SyncReplication", "ptrbool"),
    ("BackrestConfig", _S),
    ("BackrestGCSBucket", _S),
    ("BackrestGCSEndpoint", _S),
    ("BackrestGCSKey", _S),
    ("BackrestGCSKeyType", _S),
    ("BackrestS3Key", _S),
    ("BackrestS3KeySecret", _S),
    ("BackrestS3Bucket", _S),
    ("BackrestS3Region", _S),
    ("BackrestS3Endpoint", _S),
    ("BackrestS3URIStyle", _S),
    ("BackrestS3VerifyTLS", "int"),
    ("Standby", "bool"),
    ("BackrestRepoPath", _S),
    ("PVCSize", _S),
    ("BackrestPVCSize", _S),
    ("WALPVCSize", _S),
    ("Username", _S),
    ("ShowSystemAccounts", "bool"),
    ("Database", _S),
    ("TLSOnly", "bool"),
    ("TLSSecret", _S),
    ("CASecret", _S),
    ("ReplicationTLSSecret", _S),
    ("CPULimit", _S),
    ("CPURequest", _S),
    ("MemoryLimit", _S),
    ("MemoryRequest", _S),
    ("PgBouncerCPULimit", _S),
    ("PgBouncerCPURequest", _S),
    ("PgBouncerMemoryLimit", _S),
    ("PgBouncerMemoryRequest", _S),
    ("BackrestCPULimit", _S),
    ("BackrestCPURequest", _S),
    ("BackrestMemoryLimit", _S),
    ("BackrestMemoryRequest", _S),
    ("BackrestStorageConfig", _S),
    ("BackrestS3CASecretName", _S),
    ("PGDataSource", DATA_SOURCE),
    ("annotations", ANNOTATIONS),
    ("tolerations", ("slice", TOLERATION)),
)

SHOW_CLUSTER_REQUEST: Schema = (
    ("clustername", _S),
    ("selector", _S),
    ("ccpimagetag", _S),
    ("clientversion", _S),
    ("namespace", _S),
    ("allflag", "bool"),
)

DELETE_CLUSTER_REQUEST: Schema = (
    ("Clustername", _S),
    ("Selector", _S),
    ("ClientVersion", _S),
    ("Namespace", _S),
    ("AllFlag", "bool"),
    ("DeleteBackups", "bool"),
    ("DeleteData", "bool"),
)
