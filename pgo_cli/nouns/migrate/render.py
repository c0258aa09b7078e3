"""The manifest as YAML (PyYAML, imported here only) or JSON, and the plan on stderr."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from pgo_cli.nouns.migrate.manifest import Migration
from pgo_cli.nouns.migrate.steps import Step

#: Strings YAML 1.1 readers (go-yaml v2 under kubectl) take for booleans unless quoted.
_YAML11_BOOLS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})


def dumps(document: Any, fmt: str) -> str:
    """``document`` as ``yaml`` (block style, keys in order) or ``json`` (2-space indent)."""
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def strings(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        if value.lower() in _YAML11_BOOLS:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_str(value)

    Dumper.add_representer(str, strings)
    text: str = yaml.dump(
        document, Dumper=Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1 << 30
    )
    return text


def write_plan(migration: Migration, steps: Sequence[Step], header: str, err: TextIO) -> None:
    """The steps, the warnings and what is not carried, for a person (stderr)."""
    err.write(header + "\n")
    for number, step in enumerate(steps, 1):
        marker = " [--execute]" if step.v4 else ""
        err.write(f"{number:>2}. {step.what}{marker}\n")
        for command in step.commands:
            err.write(f"      {command}\n")
    for warning in migration.warnings:
        err.write(f"warning: {warning}\n")
    if migration.dropped:
        err.write("not carried over:\n")
        for setting, why in migration.dropped:
            err.write(f"  - {setting}: {why}\n")
    err.flush()
