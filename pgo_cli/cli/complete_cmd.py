"""``pgo __complete KIND [CLUSTER]``: the names TAB offers, one per line (hidden, for the scripts).

The completion scripts of :mod:`pgo_cli.cli.completion_gen` run it with the connection flags typed
on the line and ``--timeout 2``. The kinds are the nouns' (their ``COMPLETIONS``, each a
:class:`~pgo_cli.cli.command.Completion`); the generated index names the module of each, so a kind
imports its own noun alone. A server kind is one read-only call of the noun's own endpoint; a local
kind (``context``) asks no server. Whatever goes wrong (no server, refused, a bad flag, an unknown
kind) it prints nothing, on stdout or stderr, and exits 0: a TAB must never print an error into the
command line.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pgo_cli.cli.command import Args, Completion, Invocation, Local
from pgo_cli.index import COMPLETIONS

#: Every kind, in the index's order (:data:`pgo_cli.cli.completion_gen.NAME_KINDS` is the same).
KINDS = tuple(COMPLETIONS)

#: A Kubernetes object name (what a cluster name on the line must be before it goes in a URL path).
_OBJECT_NAME = re.compile(r"[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")
#: What a printed name may be: one shell word.
_WORD = re.compile(r"[^\s]+")


def completion(kind: str) -> Completion | None:
    """The declaration of ``kind`` (imports its noun's module alone), None for an unknown kind."""
    import importlib

    module = COMPLETIONS.get(kind)
    if module is None:
        return None
    declared: list[Completion] = importlib.import_module(module).COMPLETIONS
    return next((item for item in declared if item.kind == kind), None)


def names(
    kind: str, args: Sequence[str], global_flags: Mapping[str, Any], environ: Mapping[str, str]
) -> list[str]:
    """The names of ``kind``, each once, in the order found; errors propagate."""
    declared = completion(kind)
    if declared is None:
        return []
    if declared.needs_cluster and (not args or not _OBJECT_NAME.fullmatch(args[0])):
        return []
    if declared.local is not None:
        found: Iterable[str] = declared.local(environ, args)
    else:
        assert declared.server is not None
        from pgo_cli.sdk.connection import Connection
        from pgo_cli.sdk.debuglog import DebugLog
        from pgo_cli.sdk.session import credentials_env, resolve_settings

        settings = resolve_settings(global_flags, environ)
        # Warnings and --debug lines are dropped: they would print into the command line.
        with Connection(
            settings,
            env=credentials_env(settings, environ),
            debug=DebugLog(io.StringIO()) if settings.debug else None,
            warn=_drop,
        ) as client:
            found = list(declared.server(client, settings, args))
    return list(dict.fromkeys(name for name in found if _WORD.fullmatch(name)))


def _drop(line: str) -> None:
    """A warning nobody sees."""


def _run(invocation: Invocation) -> None:
    if not invocation.args:
        return
    kind, *args = invocation.args
    try:
        # Anything a library writes on stderr by itself (a Python warning, …) is dropped too.
        with contextlib.redirect_stderr(io.StringIO()):
            found = names(kind, args, invocation.global_flags, invocation.io.environ)
    except Exception:  # silent by design: no server, refused, bad settings — no names
        return
    if found:
        invocation.io.stdout.write("\n".join(found) + "\n")


COMMANDS = [
    Local(
        ("__complete",),
        "Names for the shell completion scripts.",
        "Print the names of KIND, one per line, for the shell completion scripts "
        f"({', '.join(KINDS)}); silent on any error, exit 0.",
        _run,
        args=Args(metavar="KIND [CLUSTER]", count="any"),
        hidden=True,
        lenient=True,
    )
]
