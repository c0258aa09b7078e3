"""``pgo context add|use|list|show|delete``: named connection profiles (nothing is sent).

A context holds what the global flags and variables hold (URL, namespace, certificate files,
pgouser file or user name, TLS options, client version, timeout) under a name. ``--context NAME``
or ``PGO_CONTEXT`` selects one for a command, ``pgo context use NAME`` makes one current. Its
settings fill in only what no typed flag and no environment variable gives: flag > environment >
context > pgouser files and defaults.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from pgo_cli.cli.command import Args, Invocation, Local
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.sdk import contexts as store
from pgo_cli.sdk.values import CONTEXT_VARIABLE


def _selected(invocation: Invocation, contexts: store.ContextFile) -> str:
    """The context a command would use now (``--context``, ``PGO_CONTEXT``, the current one)."""
    typed = str(invocation.typed_global("context") or "")
    return typed or invocation.io.environ.get(CONTEXT_VARIABLE, "") or contexts.current


def _name(invocation: Invocation) -> str:
    return invocation.args[0] if invocation.args else ""


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
            "table (default), name (one per line), json or yaml (the same document as YAML).",
            short="o",
            metavar="FORMAT",
            choices=("table", "name", "json", "yaml"),
        ),
    ),
    ("context", "show"): (
        Flag(
            "output",
            "string",
            "text (default), json or yaml (the same document as YAML).",
            short="o",
            metavar="FORMAT",
            choices=("text", "json", "yaml"),
        ),
    ),
    ("context", "delete"): (),
}


def _check_output(value: str, choices: tuple[str, ...]) -> str | None:
    if value and value not in choices:
        raise UsageError(f"invalid output format {value!r}: choose one of {', '.join(choices)}")
    return value or None


def _write_document(document: dict[str, Any], output: str, out: TextIO) -> None:
    """``-o json`` (indented), or ``-o yaml``: the same document as YAML."""
    if output == "yaml":
        from pgo_cli.output.json_out import write_yaml

        write_yaml(document, out)
    else:
        out.write(json.dumps(document, indent=2) + "\n")


# ------------------------------------------------------------------------------------------ add


def _add(invocation: Invocation) -> None:
    io = invocation.io
    env = io.environ
    name = _name(invocation)
    pgouser = str(invocation.value("pgouser"))
    username = str(invocation.value("username"))
    use = bool(invocation.value("use"))
    overwrite = bool(invocation.value("overwrite"))
    typed = dict(invocation.global_flags)
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
    io.stdout.write(f"saved context {name!r} in {path}\n")
    if use:
        io.stdout.write(f"current context is now {name!r}\n")
    if settings.get("username") and not env.get("PGOUSERPASS"):
        io.stderr.write(
            f"Note: context {name!r} names the user {settings['username']!r}; its password is not stored: "
            "set PGOUSERPASS when you use it\n"
        )


_ADD_HELP = (
    "Save the connection settings in force (the global flags typed, else the PGO_* variables) "
    "as the context NAME: URL, namespace, certificate files, pgouser file or user name, "
    "TLS options, client version, timeout. Passwords are never saved. Relative paths are made "
    'absolute.\n\nExample: eval "$(pgo-emulator env)" && pgo context add emu --use'
)


# ------------------------------------------------------------------------------------------ use


def _use(invocation: Invocation) -> None:
    name = _name(invocation)
    none = bool(invocation.value("none"))
    if none == bool(name):
        raise UsageError("give a context NAME or --none", hint="e.g. pgo context use prod")
    path = store.use_context(name, env=invocation.io.environ)
    if name:
        invocation.io.stdout.write(f"current context is now {name!r} (in {path})\n")
    else:
        invocation.io.stdout.write("no current context: the flags, variables and pgouser files alone apply\n")


# ----------------------------------------------------------------------------------------- list


def _list(invocation: Invocation) -> None:
    output = _check_output(str(invocation.value("output")), ("table", "name", "json", "yaml")) or "table"
    io = invocation.io
    contexts = store.load(store.config_file(io.environ))
    selected = _selected(invocation, contexts)
    if output == "name":
        for name in contexts.names():
            io.stdout.write(name + "\n")
        return
    if output in ("json", "yaml"):
        document = {
            "current-context": contexts.current,
            "selected": selected,
            "file": str(contexts.path),
            "contexts": contexts.contexts,
        }
        _write_document(document, output, io.stdout)
        return
    if not contexts.contexts:
        io.stderr.write(f"no contexts yet ({contexts.path}): create one with pgo context add NAME\n")
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
    write_table(("NAME", "SELECTED", "URL", "NAMESPACE", "PGOUSER"), rows, io.stdout)


# ----------------------------------------------------------------------------------------- show


def _show(invocation: Invocation) -> None:
    output = _check_output(str(invocation.value("output")), ("text", "json", "yaml")) or "text"
    io = invocation.io
    env = io.environ
    contexts = store.load(store.config_file(env))
    chosen = _name(invocation) or _selected(invocation, contexts)
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
    overridden.update({key: f"--{key}" for key in invocation.global_flags if key in store.KEYS})
    if output in ("json", "yaml"):
        document = {
            "name": chosen,
            "current": chosen == contexts.current,
            "file": str(contexts.path),
            "settings": body,
            "overridden": {key: overridden[key] for key in store.KEYS if key in overridden},
        }
        _write_document(document, output, io.stdout)
        return
    io.stdout.write(f"context: {chosen}{' (current)' if chosen == contexts.current else ''}\n")
    io.stdout.write(f"file: {contexts.path}\n")
    for key in store.KEYS:
        if key not in body:
            continue
        value = body[key]
        shown = json.dumps(value) if isinstance(value, bool) else str(value)
        note = f"  (overridden by {overridden[key]})" if key in overridden else ""
        io.stdout.write(f"{key}: {shown}{note}\n")
    if io.stdout_tty and overridden:
        io.stderr.write("Note: flags and environment variables win over a context's settings\n")


# --------------------------------------------------------------------------------------- delete


def _delete(invocation: Invocation) -> None:
    name = _name(invocation)
    was_current = store.delete_context(name, env=invocation.io.environ)
    invocation.io.stdout.write(f"deleted context {name!r}\n")
    if was_current:
        invocation.io.stdout.write("it was the current context: no context is current now\n")


_NAME = Args(metavar="NAME", count="one", completes="context")
_OPTIONAL_NAME = Args(metavar="NAME", count="optional", completes="context")

COMMANDS = [
    Local(
        ("context", "add"),
        "Save the connection settings in force as a named context.",
        _ADD_HELP,
        _add,
        flags=FLAGS[("context", "add")],
        args=Args(metavar="NAME", count="one"),
    ),
    Local(
        ("context", "delete"),
        "Delete a context.",
        "Delete the context NAME (the files it names are left alone).",
        _delete,
        flags=FLAGS[("context", "delete")],
        args=_NAME,
    ),
    Local(
        ("context", "list"),
        "List the contexts.",
        "List the contexts; * marks the one a command would use now.",
        _list,
        flags=FLAGS[("context", "list")],
    ),
    Local(
        ("context", "show"),
        "Show a context's settings.",
        "Show a context's settings (default: the one a command would use now), and which of them "
        "a typed flag or an environment variable overrides.",
        _show,
        flags=FLAGS[("context", "show")],
        args=_OPTIONAL_NAME,
    ),
    Local(
        ("context", "use"),
        "Make a context the current one.",
        "Make NAME the current context: commands without --context or PGO_CONTEXT use it.",
        _use,
        flags=FLAGS[("context", "use")],
        args=_OPTIONAL_NAME,
    ),
]
