"""Flag reference documentation, generated from the same :class:`Flag` data as the options.

``python -m pgo_cli.cli.flagdocs --write`` rewrites ``docs/flags.md`` and the global-flag table
between the ``<!-- global-flags:begin -->`` / ``end`` markers of ``README.md``; a test fails when
either is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pgo_cli.cli.flagspec import Flag

if TYPE_CHECKING:
    from pgo_cli.cli.command import Command
    from pgo_cli.wire.endpoint import Endpoint

BEGIN = "<!-- global-flags:begin -->"
END = "<!-- global-flags:end -->"
COMMANDS_BEGIN = "<!-- commands:begin -->"
COMMANDS_END = "<!-- commands:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(flag: Flag) -> str:
    value = flag.zero
    if flag.kind == "bool":
        return "`true`" if value else "`false`"
    if flag.kind == "stringSlice":
        return "`[]`"
    if value in ("", None):
        return ""
    return f"`{value}`"


def _names(flag: Flag) -> str:
    names = ", ".join(f"`--{name}`" for name in (flag.name, *flag.extra_names))
    if flag.short:
        names += f", `-{flag.short}`"
    return names


def global_table(flags: Iterable[Flag]) -> str:
    """The README table of the global flags and their environment variables."""
    rows = ["| flag | environment | default | meaning |", "|---|---|---|---|"]
    for flag in flags:
        env = f"`{flag.env}`" if flag.env else ""
        rows.append(f"| {_names(flag)} | {env} | {_default(flag)} | {_cell(flag.help)} |")
    return "\n".join(rows)


def command_table(flags: Iterable[Flag], *, with_fields: bool) -> str:
    """A reference table of one command's flags."""
    if with_fields:
        rows = ["| flag | type | default | request key | rule | meaning |", "|---|---|---|---|---|---|"]
    else:
        rows = ["| flag | type | default | meaning |", "|---|---|---|---|"]
    for flag in flags:
        meaning = _cell(flag.help)
        if flag.deprecated:
            meaning = f"**Deprecated, no effect.** {meaning}"
        if with_fields:
            field = f"`{flag.field}`" if flag.field else ""
            rule = flag.transform or ""
            rows.append(f"| {_names(flag)} | {flag.kind} | {_default(flag)} | {field} | {rule} | {meaning} |")
        else:
            rows.append(f"| {_names(flag)} | {flag.kind} | {_default(flag)} | {meaning} |")
    return "\n".join(rows)


def reference() -> str:
    """The whole of ``docs/flags.md``."""
    from pgo_cli.cli.globals import GLOBAL_FLAGS, ROOT_FLAGS
    from pgo_cli.nouns.cluster import commands as cluster_commands
    from pgo_cli.nouns.cluster import flags as cluster_flags
    from pgo_cli.nouns.version.commands import FLAGS as VERSION_FLAGS

    create = (*cluster_flags.CREATE_FLAGS, *cluster_flags.CREATE_EXTRA_FLAGS)
    parts = [
        "# Flag reference",
        "",
        "Generated from the flag descriptions (`pgo_cli/cli/globals.py`, `pgo_cli/nouns/*/`) by "
        "`python -m pgo_cli.cli.flagdocs --write`; do not edit by hand.",
        "",
        "## Global flags (every command, before or after the subcommand)",
        "",
        global_table(GLOBAL_FLAGS),
        "",
        "## `pgo` (before any subcommand)",
        "",
        command_table(ROOT_FLAGS, with_fields=False),
        "",
        "## `pgo version`",
        "",
        command_table(VERSION_FLAGS, with_fields=False),
        "",
        *_wire(_command(("version",))),
        "## `pgo create cluster NAME`",
        "",
        "`request key` is the `CreateClusterRequest` JSON key the flag fills; `rule` names the "
        "transformation pgo applies on the way (see the README).",
        "",
        command_table(create, with_fields=True),
        "",
        *_wire(_command(("create", "cluster"))),
        "## `pgo show cluster CLUSTER... | --all | -s SELECTOR`",
        "",
        command_table(cluster_commands.SHOW_FLAGS, with_fields=False),
        "",
        *_wire(_command(("show", "cluster"))),
        "## `pgo delete cluster CLUSTER... | --all | -s SELECTOR`",
        "",
        command_table(cluster_commands.DELETE_FLAGS, with_fields=False),
        "",
        *_wire(_command(("delete", "cluster"))),
    ]
    for path, flags in _hand_built():
        parts += [f"## `pgo {' '.join(path)}`", "", command_table(flags, with_fields=False), ""]
    for command in _registered():
        usage = " ".join(command.path)
        if command.args.count != "none":
            usage += f" {command.args.usage}"
        parts += [
            f"## `pgo {usage}`",
            "",
            command.summary,
            "",
            command_table(command.all_flags(), with_fields=False),
            "",
            *_wire(command),
        ]
    return "\n".join(parts)


#: The environment the plans are made in for :func:`routes` (nothing is sent, no file is read).
_PLAN_ENV = {
    "HOME": "/nonexistent",
    "PGO_APISERVER_URL": "https://apiserver.invalid:8443",
    "PGO_NAMESPACE": "pgo",
    "PGOUSERNAME": "user",
    "PGOUSERPASS": "password",
}
#: Flags that change how a request is sent or shown, never which route it goes to.
_NOT_ROUTING = frozenset({"dry-run", "wide", "wait", "no-prompt", "output"})


def routes(command: Command) -> list[tuple[Endpoint, str]]:
    """The routes ``command`` sends to, each with the flag that selects it (``""``: the plain run).

    Found by making the command's own plan (nothing is sent) for its example arguments, then
    with each boolean flag and each choice of a flag with choices, so the list cannot drift from
    what the command does.
    """
    from pgo_cli.cli.app import plan
    from pgo_cli.cli.io import IO

    variants: list[tuple[str, ...]] = [()]
    for flag in command.all_flags():
        if flag.name in _NOT_ROUTING or flag.deprecated or flag.hidden:
            continue
        if flag.kind == "bool":
            variants.append((f"--{flag.name}",))
        variants.extend((f"--{flag.name}={choice}",) for choice in flag.choices)
    found: dict[tuple[str, str], tuple[Endpoint, str]] = {}
    for extra in variants:
        argv = [*command.path, *command.example_args(), *extra]
        try:
            made = plan(argv, io=IO.fake(environ=_PLAN_ENV))
        except Exception:
            continue  # a combination the command refuses (--force without --target …)
        for call in made.calls:
            key = (call.endpoint.method, call.endpoint.path)
            if key not in found or (not extra and found[key][1]):
                found[key] = (call.endpoint, " ".join(extra))
    return sorted(found.values(), key=lambda item: (item[1], item[0].path, item[0].method))


def _wire(command: Command) -> list[str]:
    """The section's "On the wire" lines: what users need not read in ``--help``."""
    lines = []
    for endpoint, selected_by in routes(command):
        line = f"- `{endpoint.method} {endpoint.path}`"
        if selected_by:
            line += f" (with `{selected_by}`)"
        sent = f"`{endpoint.request.__name__}`" if endpoint.request is not None else "no body"
        line += f": sends {sent}, answered with `{endpoint.response.__name__}`"
        line += f"; permission `{endpoint.permission}`" if endpoint.permission else ""
        lines.append(line)
    if not lines:
        return []
    return ["On the wire:", "", *lines, ""]


def _command(path: tuple[str, ...]) -> Command:
    from pgo_cli.cli.command import Command
    from pgo_cli.cli.registry import all_entries

    (found,) = (entry for _, entry in all_entries() if entry.path == path)
    assert isinstance(found, Command)
    return found


def _registered() -> list[Command]:
    from pgo_cli.cli.command import Command
    from pgo_cli.cli.registry import all_entries

    return [
        entry for _, entry in all_entries() if isinstance(entry, Command) and entry.path not in _DOCUMENTED
    ]


#: Commands with a section of their own above.
_DOCUMENTED = {
    ("create", "cluster"),
    ("show", "cluster"),
    ("delete", "cluster"),
    ("version",),
    ("completion",),
}


def _hand_built() -> list[tuple[tuple[str, ...], list[Flag]]]:
    """The local commands (not request plans) with their flags."""
    from pgo_cli.cli.command import Local
    from pgo_cli.cli.registry import all_entries

    return [
        (entry.path, list(entry.flags))
        for _, entry in all_entries()
        if isinstance(entry, Local) and entry.path not in _DOCUMENTED
    ]


def command_list() -> str:
    """The README table of every command: path, what it does, how many flags of its own."""
    from pgo_cli.cli.registry import all_entries

    rows = ["| command | what it does |", "|---|---|"]
    for _, entry in all_entries():
        rows.append(f"| `pgo {' '.join(entry.path)}` | {_cell(entry.summary)} |")
    return "\n".join(rows)


def readme_with_commands(readme: str) -> str:
    """``readme`` with the command table between its markers replaced."""
    start = readme.index(COMMANDS_BEGIN) + len(COMMANDS_BEGIN)
    end = readme.index(COMMANDS_END)
    return readme[:start] + "\n" + command_list() + "\n" + readme[end:]


def readme_with_globals(readme: str) -> str:
    """``readme`` with the global-flag table between its markers replaced."""
    from pgo_cli.cli.globals import GLOBAL_FLAGS

    start = readme.index(BEGIN) + len(BEGIN)
    end = readme.index(END)
    return readme[:start] + "\n" + global_table(GLOBAL_FLAGS) + "\n" + readme[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite docs/flags.md and README.md")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2])
    args = parser.parse_args(argv)
    docs = args.root / "docs" / "flags.md"
    readme = args.root / "README.md"
    if not args.write:
        sys.stdout.write(reference())
        return 0
    docs.parent.mkdir(exist_ok=True)
    docs.write_text(reference())
    text = readme_with_globals(readme.read_text())
    if COMMANDS_BEGIN in text:
        text = readme_with_commands(text)
    readme.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
