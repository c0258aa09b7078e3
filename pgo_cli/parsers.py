"""pgo 4.7.4's parsers and checks for flag values several commands share (create and update cluster,
scale, restore, label, pgbouncer, pgadmin, the password files of user and pgouser).

Each parser accepts exactly what pgo accepts and produces exactly the JSON pgo sends. Where pgo
prints a message and exits, these raise :class:`~pgo_cli.errors.UsageError` (exit 2) with pgo's
message, prefixed by the flag, and with the offending value when pgo's text leaves it out.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable
from typing import TextIO

from pgo_cli.errors import UsageError
from pgo_cli.k8s import QuantityError, parse_quantity, validate_labels
from pgo_cli.wire.gojson import go_quote

__all__ = [
    "QUANTITY_HINT",
    "TAINT_EFFECTS",
    "annotation_group",
    "gcs_key_base64",
    "labels",
    "node_affinity_type",
    "quantity",
    "read_secret_file",
    "tablespaces",
    "tolerations",
]

#: The taint effects a toleration may name (case-sensitive; empty means every effect).
TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute", "")

_TABLESPACE_PARAMS = ("name", "pvcsize", "storageconfig")
_TABLESPACE_REQUIRED = ("name", "storageconfig")


def labels(items: Iterable[str], flag: str = "--label") -> dict[str, str]:
    """``--label key=value`` items → ``UserLabels`` (pgo's ``getLabels``); always a dict, maybe empty.

    Each item splits on every ``=`` into exactly two parts (so ``key=`` is valid); a later key wins.
    The map is then checked with Kubernetes' label rules (:func:`pgo_cli.k8s.validate_labels`).
    """
    result: dict[str, str] = {}
    for item in items:
        parts = item.split("=")
        if len(parts) != 2:
            raise UsageError(
                f'{flag}: invalid label: found {go_quote(item)}, should be "key=value"',
                hint="for example --label env=prod (several: --label env=prod,team=db)",
            )
        result[parts[0]] = parts[1]
    problem = validate_labels(result)
    if problem is not None:
        raise UsageError(f"{flag}: {problem}")
    return result


def annotation_group(items: Iterable[str], flag: str) -> dict[str, str]:
    """One annotation group (pgo's ``setClusterAnnotationGroup``).

    ``key-`` is the removal form (value ``""``), tested first; otherwise ``key=value`` with exactly
    one ``=``.
    """
    group: dict[str, str] = {}
    for item in items:
        if item.endswith("-"):
            group[item[:-1]] = ""
            continue
        parts = item.split("=")
        if len(parts) != 2:
            raise UsageError(
                f"{flag} {go_quote(item)}: Annotation was not specified in propert format "
                "(i.e. key=value), aborting.",
                hint=f"for example {flag} owner=team-db, or {flag} owner- to remove one",
            )
        group[parts[0]] = parts[1]
    return group


def tolerations(
    items: Iterable[str], flag: str = "--toleration", *, remove: bool = False
) -> list[dict[str, str]]:
    """``--toleration`` items → Kubernetes tolerations (pgo's ``getClusterTolerations``,
    ``cmd/pgo/cmd/cluster.go``), for create cluster, update cluster and scale.

    Forms: ``key``, ``key:Effect`` (operator Exists), ``key=value``, ``key=value:Effect`` (Equal).
    An item whose rule or effect ends in ``-`` removes a toleration: without ``remove`` such items
    are skipped (the tolerations to add); with ``remove`` only they are kept, one trailing ``-``
    cut from the rule and from the effect (update's ``tolerationsDelete``). Empty fields are left
    out of each object (Go's ``omitempty``).
    """
    result: list[dict[str, str]] = []
    for item in items:
        rule_effect = item.split(":")
        if len(rule_effect) > 2:
            raise UsageError(
                f"{flag}: invalid format for toleration: {go_quote(item)}",
                hint="use key, key:Effect, key=value or key=value:Effect",
            )
        rule = rule_effect[0]
        effect = rule_effect[1] if len(rule_effect) == 2 else ""
        if (rule.endswith("-") or effect.endswith("-")) != remove:
            continue
        rule = rule.removesuffix("-")
        effect = effect.removesuffix("-")
        if effect not in TAINT_EFFECTS:
            raise UsageError(
                f"{flag} {go_quote(item)}: invalid taint effect for toleration: {go_quote(effect)}",
                hint="the effect is one of NoSchedule, PreferNoSchedule, NoExecute (case-sensitive)",
            )
        key_value = rule.split("=")
        if len(key_value) > 2:
            raise UsageError(f"{flag} {go_quote(item)}: invalid rule for toleration: {go_quote(rule)}")
        toleration: dict[str, str] = {"key": key_value[0]} if key_value[0] else {}
        if len(key_value) == 1:
            toleration["operator"] = "Exists"
        else:
            toleration["operator"] = "Equal"
            if key_value[1]:
                toleration["value"] = key_value[1]
        if effect:
            toleration["effect"] = effect
        result.append(toleration)
    return result


def tablespaces(items: Iterable[str], flag: str = "--tablespace") -> list[dict[str, str]]:
    """``name=ts1:storageconfig=nfs[:pvcsize=10Gi]`` items → ``Tablespaces`` (pgo's ``getTablespaces``).

    Parameter names are case-insensitive, unknown ones are ignored, the last repeat wins, and
    ``name`` and ``storageconfig`` are required (checked in that order).
    """
    result: list[dict[str, str]] = []
    for item in items:
        details: dict[str, str] = {}
        for piece in item.split(":"):
            parts = piece.split("=")
            if len(parts) != 2:
                raise UsageError(
                    f"{flag} {go_quote(item)}: Tablespace was not specified in proper format "
                    '(e.g. "name=tablespacename"), aborting.',
                    hint=f"for example {flag}=name=ts1:storageconfig=nfsstorage:pvcsize=10Gi",
                )
            param = parts[0].lower()
            if param in _TABLESPACE_PARAMS:
                details[param] = parts[1]
        for required in _TABLESPACE_REQUIRED:
            if required not in details:
                raise UsageError(
                    f'{flag} {go_quote(item)}: Required tablespace parameter "{required}" is not found, aborting'
                )
        result.append(
            {
                "Name": details["name"],
                "PVCSize": details.get("pvcsize", ""),
                "StorageConfig": details["storageconfig"],
            }
        )
    return result


def node_affinity_type(affinity_type: str, node_label: str, *, pgo_text: bool = False) -> int:
    """``--node-affinity-type`` → ``NodeAffinityType`` (0 preferred, 1 required; pgo's
    ``getNodeAffinityType``, ``cmd/pgo/cmd/common.go``), for create cluster, scale and restore.

    The messages name the flag and the value; with ``pgo_text`` they are pgo's own words (restore's).
    """
    if affinity_type == "":
        return 0
    if node_label == "":
        if pgo_text:
            raise UsageError(
                "--node-affinity-type set, but --node-label not set", hint="add --node-label=key=value"
            )
        raise UsageError(
            f"--node-affinity-type {go_quote(affinity_type)}: --node-affinity-type set, "
            "but --node-label not set",
            hint="add --node-label key=value",
        )
    if affinity_type in ("preferred", "prefer"):
        return 0
    if affinity_type in ("required", "require"):
        return 1
    invalid = f"invalid node affinity type {go_quote(affinity_type)}. choices are: preferred required"
    if pgo_text:
        raise UsageError(invalid, hint="--node-affinity-type preferred|required")
    raise UsageError(f"--node-affinity-type: {invalid}")


#: The hint for a quantity flag of create cluster.
QUANTITY_HINT = "a Kubernetes quantity: e.g. 500m or 2 for CPU, 512Mi or 1Gi for memory"


def quantity(value: str, flag: str, *, hint: str = QUANTITY_HINT, pgo_text: bool = False) -> str:
    """``value`` when it is empty or a Kubernetes quantity (pgo's ``util.ValidateQuantity``,
    ``cmd/pgo/util/validation.go``), for create and update cluster, pgbouncer and pgadmin.

    ``flag`` is the flag's name (``cpu``). A bad value is a usage error ``--cpu "x": <Go's reason>``,
    or with ``pgo_text`` pgo's own ``"cpu" - <Go's reason>``.
    """
    if value:
        try:
            parse_quantity(value)
        except QuantityError as error:
            message = (
                f'"{flag}" - {error.message}' if pgo_text else f"--{flag} {go_quote(value)}: {error.message}"
            )
            raise UsageError(message, hint=hint) from None
    return value


def gcs_key_base64(path: str, flag: str = "--pgbackrest-gcs-key") -> str:
    """Read the GCS key file and return its standard base64 (pgo sends the file's contents)."""
    if path == "":
        return ""
    absolute = os.path.abspath(path)
    try:
        with open(absolute, "rb") as handle:
            content = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            f"{flag} {go_quote(path)}: could not read GCS Key from file: open {absolute}: {reason.lower()}"
        ) from None
    return base64.b64encode(content).decode("ascii")


def read_secret_file(path: str, flag: str, stdin: TextIO | None) -> str:
    """The first line of ``path`` (``-``: ``stdin``), for ``--FLAG`` (a ``--password-file`` …):
    unreadable or empty is a usage error, nothing sent."""
    try:
        if path == "-":
            line = stdin.readline() if stdin is not None else ""
        else:
            with open(path, encoding="utf-8") as handle:
                line = handle.readline()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError(f"--{flag} {go_quote(path)}: cannot read the password: {reason}") from None
    secret = line.rstrip("\r\n")
    if not secret:
        raise UsageError(
            f"--{flag} {go_quote(path)}: the first line is empty", hint="put the password on line 1"
        )
    return secret
