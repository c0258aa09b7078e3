"""``pgo context add|use|list|show|delete``: named connection profiles (nothing is sent).

A context holds what the global flags and variables hold (URL, namespace, certificate files,
pgouser file or user name, TLS options, client version, timeout) under a name. ``--context NAME``
or ``PGO_CONTEXT`` selects one for a command, ``pgo context use NAME`` makes one current. Its
settings fill in only what no typed flag and no environment variable gives: flag > environment >
context > pgouser files and defaults.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

import click
from typer.core import TyperArgument, TyperCommand

from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.registry import ClickCommand
from pgo_cli.cli.runtime import GLOBALS_KEY, stdout_is_terminal
from pgo_cli.errors import UsageError
from pgo_cli.nouns.context import store
from pgo_cli.sdk.session import CONTEXT_VARIABLE, environment


def _typed_globals() -> dict[str, Any]:
    return dict(click.get_current_context().meta.get(GLOBALS_KEY, {}))


def _selected(env: Mapping[str, str], contexts: store.ContextFile) -> str:
    """The context a command would use now (``--context``, ``PGO_CONTEXT``, the current one)."""
    return str(_typed_globals().get("context") or "") or env.get(CONTEXT_VARIABLE, "") or contexts.current


def _name_argument(required: bool = True) -> click.Argument:
    return TyperArgument(param_decls=["name"], metavar="NAME", required=required, type=str)


#: The flags of each ``pgo context`` command, as data (for ``--help``, completion and the docs).
FLAGS: dict[tuple[str, ...], tuple[Flag, ...]] = {
    ("context", "add"): (
        Flag(
            "pgouser",
            "string",
            "pgouser file (user:password) of this context; default PGOUSER.",
            metavar="FILE",
            completes="file",
        ),
        Flag(
            "username",
            "string",
            "pgouser name of this context (default PGOUSERNAME); its password comes from PGOUSERPASS.",
            metavar="USER",
        ),
        Flag("use", "bool", "Make it the current context."),
        Flag("overwrite", "bool", "Replace a context of that name."),
    ),
    ("context", "use"): (Flag("none", "bool", "Unset the current context."),),
    ("context", "list"): (
        Flag(
            "output",
            "string",
            "table (default), name (one per line) or json.",
            short="o",
            metavar="FORMAT",
            choices=("table", "name", "json"),
        ),
    ),
    ("context", "show"): (
        Flag(
            "output",
            "string",
            "text (default) or json.",
            short="o",
            metavar="FORMAT",
            choices=("text", "json"),
        ),
    ),
    ("context", "delete"): (),
}


def _options(path: tuple[str, ...]) -> list[click.Parameter]:
    return [flag.option() for flag in FLAGS[path]]


def _check_output(value: str, choices: tuple[str, ...]) -> str | None:
    if value and value not in choices:
        raise UsageError(f"invalid output format {value!r}: choose one of {', '.join(choices)}")
    return value or None


# ------------------------------------------------------------------------------------------ add


def _add(name: str, pgouser: str, username: str, use: bool, overwrite: bool) -> None:
    env = environment()
    typed = _typed_globals()
    if typed.get("context"):
        raise UsageError(
            "--context has no meaning for 'pgo context add': it saves the flags and variables given to it",
            hint=f"e.g. pgo context add {name} --apiserver-url https://HOST:8443 -n pgo",
        )
    if pgouser and username:
        raise UsageError("give --pgouser FILE or --username USER, not both")
    flags = {key: value for key, value in typed.items() if key in store.KEYS}
    if pgouser:
        flags["pgouser"] = pgouser
    if username:
        flags["username"] = username
    settings = store.settings_from(flags, env)
    if username:
        settings.pop("pgouser", None)
    if "apiserver-url" not in settings:
        raise UsageError(
            f"context {name!r} needs an apiserver URL: pass --apiserver-url or set PGO_APISERVER_URL",
            hint=f'e.g. pgo context add {name} --apiserver-url https://127.0.0.1:8443 -n pgo, or: eval "$(pgo-emulator env)"',
        )
    path = store.save_context(name, settings, use=use, overwrite=overwrite, env=env)
    sys.stdout.write(f"saved context {name!r} in {path}\n")
    if use:
        sys.stdout.write(f"current context is now {name!r}\n")
    if settings.get("username") and not env.get("PGOUSERPASS"):
        sys.stderr.write(
            f"Note: context {name!r} names the user {settings['username']!r}; its password is not stored: "
            "set PGOUSERPASS when you use it\n"
        )


def add_command() -> click.Command:
    return TyperCommand(
        name="add",
        params=[
            _name_argument(),
            click.Option(
                ["--pgouser"],
                default="",
                metavar="FILE",
                help="pgouser file (user:password) of this context; default PGOUSER.",
            ),
            click.Option(
                ["--username"],
                default="",
                metavar="USER",
                help="pgouser name of this context (default PGOUSERNAME); its password comes from PGOUSERPASS.",
            ),
            click.Option(["--use"], is_flag=True, default=False, help="Make it the current context."),
            click.Option(
                ["--overwrite"], is_flag=True, default=False, help="Replace a context of that name."
            ),
        ],
        callback=_add,
        help=(
            "Save the connection settings in force (the global flags typed, else the PGO_* variables) "
            "as the context NAME: URL, namespace, certificate files, pgouser file or user name, "
            "TLS options, client version, timeout. Passwords are never saved. Relative paths are made "
            'absolute.\n\nExample: eval "$(pgo-emulator env)" && pgo context add emu --use'
        ),
        short_help="Save the connection settings in force as a named context.",
    )


# ------------------------------------------------------------------------------------------ use


def _use(name: str | None, none: bool) -> None:
    if none == bool(name):
        raise UsageError("give a context NAME or --none", hint="e.g. pgo context use prod")
    path = store.use_context(name or "", env=environment())
    if name:
        sys.stdout.write(f"current context is now {name!r} (in {path})\n")
    else:
        sys.stdout.write("no current context: the flags, variables and pgouser files alone apply\n")


def use_command() -> click.Command:
    return TyperCommand(
        name="use",
        params=[_name_argument(required=False), *_options(("context", "use"))],
        callback=_use,
        help="Make NAME the current context: commands without --context or PGO_CONTEXT use it.",
        short_help="Make a context the current one.",
    )


# ----------------------------------------------------------------------------------------- list


def _list(output: str) -> None:
    output = _check_output(output, ("table", "name", "json")) or "table"
    env = environment()
    contexts = store.load(store.config_file(env))
    selected = _selected(env, contexts)
    if output == "name":
        for name in contexts.names():
            sys.stdout.write(name + "\n")
        return
    if output == "json":
        document = {
            "current-context": contexts.current,
            "selected": selected,
            "file": str(contexts.path),
            "contexts": contexts.contexts,
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return
    if not contexts.contexts:
        sys.stderr.write(f"no contexts yet ({contexts.path}): create one with pgo context add NAME\n")
        return
    from pgo_cli.output.table import write_table

    rows = [
        (
            name,
            "*" if name == selected else "",
            str(body.get("apiserver-url", "")),
            str(body.get("namespace", "")),
            str(body.get("pgouser") or body.get("username") or ""),
        )
        for name, body in sorted(contexts.contexts.items())
    ]
    write_table(("NAME", "SELECTED", "URL", "NAMESPACE", "PGOUSER"), rows, sys.stdout)


def list_command() -> click.Command:
    return TyperCommand(
        name="list",
        params=_options(("context", "list")),
        callback=_list,
        help="List the contexts; * marks the one a command would use now.",
        short_help="List the contexts.",
    )


# ----------------------------------------------------------------------------------------- show


def _show(name: str | None, output: str) -> None:
    output = _check_output(output, ("text", "json")) or "text"
    env = environment()
    contexts = store.load(store.config_file(env))
    chosen = name or _selected(env, contexts)
    if not chosen:
        raise UsageError(
            "no context selected: give a NAME, --context or PGO_CONTEXT, or make one current",
            hint=f"known contexts: {', '.join(contexts.names())}"
            if contexts.contexts
            else "pgo context add NAME",
        )
    body = contexts.get(chosen)
    overridden = {
        key: variable
        for key, variable in store.ENVIRONMENT.items()
        if env.get(variable) and key in store.KEYS
    }
    overridden.update({key: f"--{key}" for key in _typed_globals() if key in store.KEYS})
    if output == "json":
        document = {
            "name": chosen,
            "current": chosen == contexts.current,
            "file": str(contexts.path),
            "settings": body,
            "overridden": {key: overridden[key] for key in store.KEYS if key in overridden},
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return
    sys.stdout.write(f"context: {chosen}{' (current)' if chosen == contexts.current else ''}\n")
    sys.stdout.write(f"file: {contexts.path}\n")
    for key in store.KEYS:
        if key not in body:
            continue
        value = body[key]
        shown = json.dumps(value) if isinstance(value, bool) else str(value)
        note = f"  (overridden by {overridden[key]})" if key in overridden else ""
        sys.stdout.write(f"{key}: {shown}{note}\n")
    if stdout_is_terminal() and overridden:
        sys.stderr.write("Note: flags and environment variables win over a context's settings\n")


def show_command() -> click.Command:
    return TyperCommand(
        name="show",
        params=[_name_argument(required=False), *_options(("context", "show"))],
        callback=_show,
        help=(
            "Show a context's settings (default: the one a command would use now), and which of them "
            "a typed flag or an environment variable overrides."
        ),
        short_help="Show a context's settings.",
    )


# --------------------------------------------------------------------------------------- delete


def _delete(name: str) -> None:
    was_current = store.delete_context(name, env=environment())
    sys.stdout.write(f"deleted context {name!r}\n")
    if was_current:
        sys.stdout.write("it was the current context: no context is current now\n")


def delete_command() -> click.Command:
    return TyperCommand(
        name="delete",
        params=[_name_argument(), *_options(("context", "delete"))],
        callback=_delete,
        help="Delete the context NAME (the files it names are left alone).",
        short_help="Delete a context.",
    )


COMMANDS = [
    ClickCommand(
        ("context", "add"), "Save the connection settings in force as a named context.", add_command
    ),
    ClickCommand(("context", "delete"), "Delete a context.", delete_command, completes="context"),
    ClickCommand(("context", "list"), "List the contexts.", list_command),
    ClickCommand(("context", "show"), "Show a context's settings.", show_command, completes="context"),
    ClickCommand(("context", "use"), "Make a context the current one.", use_command, completes="context"),
]
