"""The v5.8.9 PostgresCluster schema (tests/data/pgo5, trimmed from the CRD) as a strict validator.

Kubernetes prunes fields a structural schema does not name, silently; here an unknown field is an
error, so a misspelt key in a manifest fails the test instead of vanishing on apply. CEL rules
(``x-kubernetes-validations``) are not evaluated by jsonschema; the ones on the emitted fields
(access modes and a storage request on every claim) are asserted by the tests themselves.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).parents[2] / "data" / "pgo5" / "postgrescluster.v5.8.9.schema.json"


def _strict(node: Any) -> Any:
    if isinstance(node, dict):
        out = {key: _strict(value) for key, value in node.items()}
        if (
            "properties" in out
            and "additionalProperties" not in out
            and not out.get("x-kubernetes-preserve-unknown-fields")
        ):
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


@cache
def _validator() -> Any:
    import jsonschema

    schema = _strict(json.loads(SCHEMA_FILE.read_text()))
    return jsonschema.Draft7Validator(schema)


def errors(manifest: Any) -> list[str]:
    """Every schema violation of ``manifest``, as ``path: message`` lines (empty when valid)."""
    found = sorted(_validator().iter_errors(manifest), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}" for error in found]


def claims(manifest: Any) -> list[dict[str, Any]]:
    """Every volume claim spec of a manifest (the CRD's CEL rules apply to each)."""
    spec = manifest["spec"]
    found = []
    for instance in spec["instances"]:
        found.append(instance["dataVolumeClaimSpec"])
        if "walVolumeClaimSpec" in instance:
            found.append(instance["walVolumeClaimSpec"])
    for repo in spec["backups"]["pgbackrest"]["repos"]:
        if "volume" in repo:
            found.append(repo["volume"]["volumeClaimSpec"])
    return found
