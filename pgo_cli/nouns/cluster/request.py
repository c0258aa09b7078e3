"""The ``CreateClusterRequest`` body, built from the flag table exactly as pgo 4.7.4 builds it.

:data:`BODY_TEMPLATE` lists the 82 top-level keys in Go's struct order with the values pgo sends
when no flag is given, as the message description declares them. :func:`build_create_body` fills it from the flag values: each flag of
:data:`~pgo_cli.nouns.cluster.flags.CREATE_FLAGS` names its key (``field``) and its rule
(``transform``). Checks run in pgo's order and the first failure raises
:class:`~pgo_cli.errors.UsageError` (exit 2); nothing has been sent at that point.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from pgo_cli import parsers
from pgo_cli.cli.flagspec import Flag, split_slice
from pgo_cli.errors import UsageError
from pgo_cli.nouns.cluster.create_messages import CreateClusterRequest
from pgo_cli.nouns.cluster.flags import CREATE_FLAGS, QUANTITY_CHECK_ORDER, SECRETS, create_flag
from pgo_cli.nouns.cluster.messages import to_wire
from pgo_cli.wire.gojson import go_quote

__all__ = [
    "BODY_TEMPLATE",
    "CreateInput",
    "build_create_body",
    "check_cluster_name",
    "create_request",
    "zero_body",
]

#: Every key of ``CreateClusterRequest`` in wire order, with the value pgo sends by default
#: (derived from the message description, :class:`~pgo_cli.nouns.cluster.create_messages.CreateClusterRequest`).
BODY_TEMPLATE: tuple[tuple[str, Any], ...] = tuple(to_wire(CreateClusterRequest()).items())

#: The client-side cluster-name rule of pgo (looser than the server's DNS-1035 check).
_NAME_RULE = re.compile(r"[a-z0-9.\-]+")

# pgo's helpers run in this order; a flag's transform decides which step fills it.
_STEP_ORDER = (
    "node_affinity_type",
    "labels",
    "tablespaces",
    "annotations",
    "tolerations",
    "tri_state",
    "verify_tls_enum",
    "file_base64",
    "quantity",
)


def zero_body() -> dict[str, Any]:
    """A fresh copy of :data:`BODY_TEMPLATE` as a dict."""
    return {key: copy.deepcopy(value) for key, value in BODY_TEMPLATE}


@dataclass
class CreateInput:
    """What the command line gave: flag values by flag name, and which flags were typed."""

    name: str
    namespace: str
    client_version: str
    values: Mapping[str, Any]
    typed: Collection[str] = field(default_factory=frozenset)
    environ: Mapping[str, str] = field(default_factory=dict)
    stdin: TextIO | None = None

    def value(self, flag: Flag) -> Any:
        raw = self.values.get(flag.dest, flag.zero)
        return flag.zero if raw is None else raw


def check_cluster_name(args: Collection[str], values: Mapping[str, Any]) -> str:
    """pgo's argument checks (§4.1), in order; returns the one cluster name."""
    if len(args) != 1:
        raise UsageError(
            "A single cluster name is required for this command.",
            hint=f"got {len(args)} names; usage: pgo create cluster NAME [flags]",
        )
    replicas = values.get("pgbouncer_replicas") or 0
    if values.get("pgbouncer") and replicas < 0:
        raise UsageError(
            f"--pgbouncer-replicas {replicas}: You must specify one or more replicas for pgBouncer."
        )
    if not values.get("pgbouncer"):
        # The apiserver reads both only with PgbouncerFlag (clusterimpl.go getClusterParams).
        for flag, given in (
            ("--pgbouncer-replicas", replicas),
            ("--pgbouncer-service-type", values.get("pgbouncer_service_type")),
        ):
            if given:
                raise UsageError(
                    f"{flag} {given}: only with --pgbouncer (without it the apiserver ignores it and "
                    "makes no pgBouncer)",
                    hint=f"add --pgbouncer, or leave out {flag} (pgo create pgbouncer adds one later)",
                )
    (name,) = args
    if _NAME_RULE.fullmatch(name) is None:
        raise UsageError(
            f"cluster name {go_quote(name)}: Cluster name specified is not valid name - must be lowercase "
            "alphanumeric",
            hint="use lowercase letters, digits and '-', starting with a letter, e.g. hippo",
        )
    return name


def build_create_body(request: CreateInput) -> dict[str, Any]:
    """The body pgo 4.7.4 sends for this command line; raises UsageError on the first bad value."""
    body = zero_body()
    body["Name"] = request.name
    body["Namespace"] = request.namespace
    body["ClientVersion"] = request.client_version

    # pflag splits stringSlice values while parsing, before any of pgo's own checks.
    slices = {
        flag.name: split_slice(request.value(flag), flag.name)
        for flag in CREATE_FLAGS
        if flag.kind == "stringSlice"
    }
    for flag in CREATE_FLAGS:
        if flag.transform in (None, "invert", "secret"):
            value = request.value(flag)
            _store(body, flag, (not value) if flag.transform == "invert" else value)

    for step in _STEP_ORDER:
        for flag in CREATE_FLAGS if step != "quantity" else _quantity_flags():
            if flag.transform == step:
                _STEPS[step](body, flag, request, slices)

    if body["SyncReplication"] is True and body["ReplicaCount"] < 1:
        body["ReplicaCount"] = 1
    _apply_secret_sources(body, request)
    return body


def create_request(request: CreateInput) -> CreateClusterRequest:
    """The typed ``CreateClusterRequest`` pgo 4.7.4 sends for this command line (see
    :func:`build_create_body`, whose body it holds key for key)."""
    from pgo_cli.wire import codec

    return codec.decode(CreateClusterRequest, build_create_body(request))


def _quantity_flags() -> list[Flag]:
    return [create_flag(name) for name in QUANTITY_CHECK_ORDER]


def _store(body: dict[str, Any], flag: Flag, value: Any) -> None:
    path = (flag.field or "").split(".")
    target = body
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


Step = Callable[[dict[str, Any], Flag, CreateInput, Mapping[str, list[str]]], None]


def _node_affinity(
    body: dict[str, Any], flag: Flag, request: CreateInput, _: Mapping[str, list[str]]
) -> None:
    node_label = request.value(create_flag("node-label"))
    _store(body, flag, parsers.node_affinity_type(request.value(flag), node_label))


def _labels(body: dict[str, Any], flag: Flag, _: CreateInput, slices: Mapping[str, list[str]]) -> None:
    _store(body, flag, parsers.labels(slices[flag.name], f"--{flag.name}"))


def _tablespaces(body: dict[str, Any], flag: Flag, _: CreateInput, slices: Mapping[str, list[str]]) -> None:
    _store(body, flag, parsers.tablespaces(slices[flag.name], f"--{flag.name}"))


# pgo fills the annotation groups global, postgres, backrest, pgBouncer: the first error wins.
_ANNOTATION_ORDER = ("annotation", "annotation-postgres", "annotation-pgbackrest", "annotation-pgbouncer")


def _annotations(body: dict[str, Any], flag: Flag, _: CreateInput, slices: Mapping[str, list[str]]) -> None:
    if flag.name != _ANNOTATION_ORDER[0]:
        return  # all four groups are handled together, in pgo's order
    for name in _ANNOTATION_ORDER:
        group_flag = create_flag(name)
        _store(body, group_flag, parsers.annotation_group(slices[name], f"--{name}"))


def _tolerations(body: dict[str, Any], flag: Flag, _: CreateInput, slices: Mapping[str, list[str]]) -> None:
    _store(body, flag, parsers.tolerations(slices[flag.name], f"--{flag.name}"))


def _tri_state(body: dict[str, Any], flag: Flag, request: CreateInput, _: Mapping[str, list[str]]) -> None:
    _store(body, flag, bool(request.value(flag)) if flag.name in request.typed else None)


def _verify_tls_enum(
    body: dict[str, Any], flag: Flag, request: CreateInput, _: Mapping[str, list[str]]
) -> None:
    if flag.name not in request.typed:
        _store(body, flag, 0)
    else:
        _store(body, flag, 1 if request.value(flag) else 2)


def _file_base64(body: dict[str, Any], flag: Flag, request: CreateInput, _: Mapping[str, list[str]]) -> None:
    _store(body, flag, parsers.gcs_key_base64(request.value(flag), f"--{flag.name}"))


def _quantity(body: dict[str, Any], flag: Flag, request: CreateInput, _: Mapping[str, list[str]]) -> None:
    _store(body, flag, parsers.quantity(request.value(flag), flag.name))


_STEPS: dict[str, Step] = {
    "node_affinity_type": _node_affinity,
    "labels": _labels,
    "tablespaces": _tablespaces,
    "annotations": _annotations,
    "tolerations": _tolerations,
    "tri_state": _tri_state,
    "verify_tls_enum": _verify_tls_enum,
    "file_base64": _file_base64,
    "quantity": _quantity,
}


def _apply_secret_sources(body: dict[str, Any], request: CreateInput) -> None:
    """Passwords from ``--password-file`` and friends, else from the environment (pgo_cli's own)."""
    for source in SECRETS:
        flag = create_flag(source.flag)
        typed_value = request.value(flag)
        file_flag_dest = source.file_flag.replace("-", "_")
        path = request.values.get(file_flag_dest) or ""
        if typed_value and path:
            raise UsageError(
                f"--{source.flag} and --{source.file_flag} were both given: use one",
            )
        if path:
            _store(body, flag, parsers.read_secret_file(path, source.file_flag, request.stdin))
        elif not typed_value and request.environ.get(source.env):
            _store(body, flag, request.environ[source.env])
