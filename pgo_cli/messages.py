"""Typed apiserver messages (``pkg/apiservermsgs`` of pgo 4.7.4), decoded by Go's rules.

Each message is a dataclass whose fields carry their exact wire key in ``metadata["json"]``.
:func:`decode` fills one from parsed JSON as Go's ``encoding/json`` fills a struct: keys match
case-insensitively, absent keys and ``null`` give zero values, unknown keys are ignored, and a
value of the wrong JSON type is an error (:class:`WireShapeError`). :func:`to_wire` produces the
body the Go client sends, keys in struct order.

``Status`` is embedded without a tag in most responses, so Go *flattens* ``Code`` and ``Msg`` into
the top level; such fields are marked ``flatten``. ``CreateClusterResponse`` nests it as ``status``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, Union

from pgo_cli.gojson import fold_keys

T = TypeVar("T")

OK = "ok"
ERROR = "error"


class WireShapeError(ValueError):
    """A JSON value did not fit the Go type it decodes into."""


def _key(name: str, *, flatten: bool = False) -> dict[str, Any]:
    return {"json": name, "flatten": flatten}


# --------------------------------------------------------------------------------------------
# Envelope and version


@dataclass
class Status:
    """``msgs.Status``: ``Code`` is ``"ok"`` or ``"error"``, ``Msg`` says why."""

    code: str = field(default="", metadata=_key("Code"))
    msg: str = field(default="", metadata=_key("Msg"))

    @property
    def ok(self) -> bool:
        return self.code == OK

    @property
    def is_error(self) -> bool:
        # pgo treats only the exact value "error" as a failure.
        return self.code == ERROR


@dataclass
class VersionResponse:
    """Answer of ``GET /version``."""

    version: str = field(default="", metadata=_key("Version"))
    status: Status = field(default_factory=Status, metadata=_key("Status", flatten=True))


# --------------------------------------------------------------------------------------------
# create cluster


@dataclass
class CreateClusterUser:
    """A PostgreSQL user made by create (note: ``Password`` comes first on the wire)."""

    password: str = field(default="", metadata=_key("Password"))
    username: str = field(default="", metadata=_key("Username"))


@dataclass
class CreateClusterDetail:
    """``CreateClusterDetail``: what create made."""

    database: str = field(default="", metadata=_key("Database"))
    name: str = field(default="", metadata=_key("Name"))
    users: list[CreateClusterUser] | None = field(default=None, metadata=_key("Users"))
    workflow_id: str = field(default="", metadata=_key("WorkflowID"))


@dataclass
class CreateClusterResponse:
    """Answer of ``POST /clusters``; the only response with a nested ``status``."""

    result: CreateClusterDetail = field(default_factory=CreateClusterDetail, metadata=_key("result"))
    status: Status = field(default_factory=Status, metadata=_key("status"))


# --------------------------------------------------------------------------------------------
# show cluster


@dataclass
class ShowClusterRequest:
    """Body of ``POST /showclusters`` (lowercase tags in Go)."""

    clustername: str = field(default="", metadata=_key("clustername"))
    selector: str = field(default="", metadata=_key("selector"))
    ccpimagetag: str = field(default="", metadata=_key("ccpimagetag"))
    clientversion: str = field(default="", metadata=_key("clientversion"))
    namespace: str = field(default="", metadata=_key("namespace"))
    allflag: bool = field(default=False, metadata=_key("allflag"))

    def to_wire(self) -> dict[str, Any]:
        return to_wire(self)


@dataclass
class ShowClusterPVC:
    capacity: str = field(default="", metadata=_key("Capacity"))
    name: str = field(default="", metadata=_key("Name"))


@dataclass
class ShowClusterPod:
    name: str = field(default="", metadata=_key("Name"))
    phase: str = field(default="", metadata=_key("Phase"))
    node_name: str = field(default="", metadata=_key("NodeName"))
    pvc: list[ShowClusterPVC] | None = field(default=None, metadata=_key("PVC"))
    ready_status: str = field(default="", metadata=_key("ReadyStatus"))
    ready: bool = field(default=False, metadata=_key("Ready"))
    primary: bool = field(default=False, metadata=_key("Primary"))
    type: str = field(default="", metadata=_key("Type"))


@dataclass
class ShowClusterService:
    name: str = field(default="", metadata=_key("Name"))
    data: str = field(default="", metadata=_key("Data"))
    cluster_ip: str = field(default="", metadata=_key("ClusterIP"))
    cluster_ports: list[str] | None = field(default=None, metadata=_key("ClusterPorts"))
    external_ip: str = field(default="", metadata=_key("ExternalIP"))
    cluster_name: str = field(default="", metadata=_key("ClusterName"))
    pgbouncer: bool = field(default=False, metadata=_key("Pgbouncer"))
    backrest_repo: bool = field(default=False, metadata=_key("BackrestRepo"))
    pgadmin: bool = field(default=False, metadata=_key("PGAdmin"))


@dataclass
class ShowClusterDeployment:
    name: str = field(default="", metadata=_key("Name"))
    policy_labels: list[str] | None = field(default=None, metadata=_key("PolicyLabels"))


@dataclass
class ShowClusterReplica:
    name: str = field(default="", metadata=_key("Name"))


@dataclass
class PgclusterMetadata:
    """The parts of a Pgcluster's Kubernetes metadata that pgo reads."""

    name: str = field(default="", metadata=_key("name"))
    namespace: str = field(default="", metadata=_key("namespace"))
    labels: dict[str, str] | None = field(default=None, metadata=_key("labels"))
    annotations: dict[str, str] | None = field(default=None, metadata=_key("annotations"))


@dataclass
class PgclusterSpec:
    """The parts of a Pgcluster spec that pgo's renderers read.

    Resource maps hold Kubernetes quantities, which Go decodes from strings or numbers.
    """

    name: str = field(default="", metadata=_key("name"))
    ccpimage: str = field(default="", metadata=_key("ccpimage"))
    ccpimagetag: str = field(default="", metadata=_key("ccpimagetag"))
    replicas: str = field(default="", metadata=_key("replicas"))
    resources: dict[str, str | int | float] | None = field(default=None, metadata=_key("resources"))
    limits: dict[str, str | int | float] | None = field(default=None, metadata=_key("limits"))
    userlabels: dict[str, str] | None = field(default=None, metadata=_key("userlabels"))
    standby: bool = field(default=False, metadata=_key("standby"))


@dataclass
class PgclusterStatus:
    state: str = field(default="", metadata=_key("state"))
    message: str = field(default="", metadata=_key("message"))


@dataclass
class Pgcluster:
    """A typed view of the ``cluster`` object of a show result."""

    metadata: PgclusterMetadata = field(default_factory=PgclusterMetadata, metadata=_key("metadata"))
    spec: PgclusterSpec = field(default_factory=PgclusterSpec, metadata=_key("spec"))
    status: PgclusterStatus = field(default_factory=PgclusterStatus, metadata=_key("status"))


@dataclass
class ShowClusterDetail:
    """One cluster of a show answer. ``cluster`` is the Pgcluster object exactly as sent."""

    cluster: dict[str, Any] | None = field(default=None, metadata=_key("cluster"))
    deployments: list[ShowClusterDeployment] | None = field(default=None, metadata=_key("Deployments"))
    pods: list[ShowClusterPod] | None = field(default=None, metadata=_key("Pods"))
    services: list[ShowClusterService] | None = field(default=None, metadata=_key("Services"))
    replicas: list[ShowClusterReplica] | None = field(default=None, metadata=_key("Replicas"))
    standby: bool = field(default=False, metadata=_key("Standby"))

    def pgcluster(self) -> Pgcluster:
        """Decode ``cluster`` into the typed view (raises :class:`WireShapeError`)."""
        return decode(Pgcluster, self.cluster or {}, path="ShowClusterDetail.cluster")


@dataclass
class ShowClusterResponse:
    """Answer of ``POST /showclusters``. ``raw`` keeps the decoded JSON as the server sent it."""

    results: list[ShowClusterDetail] | None = field(default=None, metadata=_key("Results"))
    status: Status = field(default_factory=Status, metadata=_key("Status", flatten=True))
    raw: dict[str, Any] = field(default_factory=dict, metadata={"skip": True})


# --------------------------------------------------------------------------------------------
# delete cluster


@dataclass
class DeleteClusterRequest:
    """Body of ``POST /clustersdelete`` (Go field names as keys)."""

    clustername: str = field(default="", metadata=_key("Clustername"))
    selector: str = field(default="", metadata=_key("Selector"))
    client_version: str = field(default="", metadata=_key("ClientVersion"))
    namespace: str = field(default="", metadata=_key("Namespace"))
    all_flag: bool = field(default=False, metadata=_key("AllFlag"))
    delete_backups: bool = field(default=False, metadata=_key("DeleteBackups"))
    delete_data: bool = field(default=False, metadata=_key("DeleteData"))

    def to_wire(self) -> dict[str, Any]:
        return to_wire(self)


@dataclass
class DeleteClusterResponse:
    """Answer of ``POST /clustersdelete``."""

    results: list[str] | None = field(default=None, metadata=_key("Results"))
    status: Status = field(default_factory=Status, metadata=_key("Status", flatten=True))


# --------------------------------------------------------------------------------------------
# The codec


def to_wire(message: Any) -> dict[str, Any]:
    """Encode a message dataclass as the Go client would (keys in struct order)."""
    body: dict[str, Any] = {}
    for spec in dataclasses.fields(message):
        if spec.metadata.get("skip"):
            continue
        value = getattr(message, spec.name)
        if spec.metadata.get("flatten"):
            body.update(to_wire(value))
        else:
            body[spec.metadata["json"]] = _encode_value(value)
    return body


def _encode_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_wire(value)
    if isinstance(value, list):
        return [_encode_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode_value(item) for key, item in value.items()}
    return value


def decode(cls: type[T], data: Any, *, path: str | None = None) -> T:
    """Decode parsed JSON into message type ``cls`` by Go's rules."""
    where = path or cls.__name__
    if data is None:
        return cls()
    if not isinstance(data, Mapping):
        raise WireShapeError(f"json: cannot unmarshal {_json_kind(data)} into Go value of type {where}")
    return _decode_folded(cls, fold_keys(data), where)


Converter = Callable[[Any, str], Any]


class _FieldPlan(NamedTuple):
    attribute: str
    folded_key: str
    wire_key: str
    convert: Converter | None  # None: a flattened (embedded) struct
    nested: type | None


_PLANS: dict[type, tuple[_FieldPlan, ...]] = {}


def _plan(cls: type) -> tuple[_FieldPlan, ...]:
    """How to fill each field of ``cls``, worked out once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        steps = []
        for spec in dataclasses.fields(cls):
            if spec.metadata.get("skip"):
                continue
            hint = hints[spec.name]
            key = spec.metadata["json"]
            if spec.metadata.get("flatten"):
                steps.append(_FieldPlan(spec.name, key.casefold(), key, None, hint))
            else:
                steps.append(_FieldPlan(spec.name, key.casefold(), key, _converter(hint), None))
        plan = _PLANS[cls] = tuple(steps)
    return plan


def _decode_folded(cls: type[T], folded: dict[str, Any], where: str) -> T:
    values: dict[str, Any] = {}
    for step in _plan(cls):
        if step.convert is None:
            assert step.nested is not None
            values[step.attribute] = _decode_folded(step.nested, folded, where)
            continue
        raw = folded.get(step.folded_key)
        if raw is not None:
            values[step.attribute] = step.convert(raw, f"{where}.{step.wire_key}")
    return cls(**values)


def _converter(hint: Any) -> Converter:
    """A function checking and converting one JSON value to the Go type ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [_converter(arg) for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0]

        def union(raw: Any, where: str) -> Any:
            first: WireShapeError | None = None
            for option in options:
                try:
                    return option(raw, where)
                except WireShapeError as exc:
                    first = first or exc
            assert first is not None
            raise first

        return union
    if hint is Any:
        return lambda raw, where: raw
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        item = _converter(item_hint)
        item_zero = _zero(item_hint)

        def slice_(raw: Any, where: str) -> Any:
            if not isinstance(raw, list):
                raise _mismatch(raw, where, "slice")
            inner = f"{where}[]"
            return [item_zero() if value is None else item(value, inner) for value in raw]

        return slice_
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        value_of = _converter(value_hint)
        value_zero = _zero(value_hint)

        def map_(raw: Any, where: str) -> Any:
            if not isinstance(raw, Mapping):
                raise _mismatch(raw, where, "map")
            return {
                key: value_zero() if value is None else value_of(value, f"{where}[{key}]")
                for key, value in raw.items()
            }

        return map_
    if dataclasses.is_dataclass(hint):
        struct = typing.cast(type, hint)

        def struct_(raw: Any, where: str) -> Any:
            if not isinstance(raw, Mapping):
                raise _mismatch(raw, where, struct.__name__)
            return _decode_folded(struct, fold_keys(raw), where)

        return struct_
    if hint is bool:

        def bool_(raw: Any, where: str) -> Any:
            if not isinstance(raw, bool):
                raise _mismatch(raw, where, "bool")
            return raw

        return bool_
    if hint is int:

        def int_(raw: Any, where: str) -> Any:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise _mismatch(raw, where, "int")
            if isinstance(raw, float):
                if not raw.is_integer():
                    raise _mismatch(raw, where, "int")
                return int(raw)
            return raw

        return int_
    if hint is float:

        def float_(raw: Any, where: str) -> Any:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise _mismatch(raw, where, "float64")
            return raw

        return float_
    if hint is str:

        def str_(raw: Any, where: str) -> Any:
            if not isinstance(raw, str):
                raise _mismatch(raw, where, "string")
            return raw

        return str_
    raise TypeError(f"unsupported message field type {hint!r}")  # a bug, not input


def _zero(hint: Any) -> Callable[[], Any]:
    """Go's zero value for a ``null`` inside a slice or map."""
    if dataclasses.is_dataclass(hint):
        return typing.cast(Callable[[], Any], hint)
    zeros: dict[Any, Any] = {str: "", bool: False, int: 0, float: 0.0}
    value = zeros.get(hint)
    return lambda: value


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return "null"


def _mismatch(raw: Any, where: str, go_type: str) -> WireShapeError:
    return WireShapeError(
        f"json: cannot unmarshal {_json_kind(raw)} into Go struct field {where} of type {go_type}"
    )
