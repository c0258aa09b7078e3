"""``pgo __complete KIND [CLUSTER]``: the names TAB offers, one per line (hidden, for the scripts).

The completion scripts of :mod:`pgo_cli.cli.completion_gen` run it with the connection flags typed
on the line and ``--timeout 2``. Every kind but ``context`` is one read-only call of a noun's own
endpoint and message (what ``pgo show … --all`` sends); ``context`` reads the local contexts file
and asks no server. Whatever goes wrong (no server, refused, a bad flag, an unknown kind) it prints
nothing, on stdout or stderr, and exits 0: a TAB must never print an error into the command line.

Kinds: ``cluster``; ``namespace`` (those the pgouser can use: user and installation access, for
``-n``); ``any-namespace`` (every one the apiserver lists, for the namespace commands);
``pgouser``; ``pgorole``; ``policy``; ``schedule`` (of CLUSTER, else of every cluster);
``backup`` (the pgBackRest backup labels of CLUSTER, required); ``replica`` (the replicas of
CLUSTER, required: what ``scaledown --query`` lists); ``context``.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pgo_cli.cli.command import Args, Invocation, Local

if TYPE_CHECKING:
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings

#: The kinds of :data:`pgo_cli.cli.completion_gen.NAME_KINDS` (not imported: keeps start-up light).
KINDS = (
    "cluster",
    "namespace",
    "any-namespace",
    "pgouser",
    "pgorole",
    "policy",
    "schedule",
    "backup",
    "replica",
    "context",
)

#: A Kubernetes object name (what a cluster name on the line must be before it goes in a URL path).
_OBJECT_NAME = re.compile(r"[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")
#: What a printed name may be: one shell word.
_WORD = re.compile(r"[^\s]+")

Lister = Callable[["Connection", "Settings", Sequence[str]], Iterable[str]]


def _clusters(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.cluster.endpoints import SHOW
    from pgo_cli.nouns.cluster.messages import ShowClusterRequest
    from pgo_cli.nouns.cluster.names import cluster_name

    request = ShowClusterRequest(
        clientversion=settings.client_version, namespace=settings.require_namespace(), allflag=True
    )
    return [cluster_name(detail) for detail in client.call(SHOW, request).response.results or []]


def _namespaces(client: Connection, settings: Settings, *, usable: bool) -> Iterable[str]:
    from pgo_cli.nouns.namespace.endpoints import SHOW
    from pgo_cli.nouns.namespace.messages import ShowNamespaceRequest

    request = ShowNamespaceRequest(args=[], all_flag=True, client_version=settings.client_version)
    results = client.call(SHOW, request).response.results or []
    return [r.namespace for r in results if not usable or (r.user_access and r.installation_access)]


def _usable_namespaces(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    return _namespaces(client, settings, usable=True)


def _any_namespaces(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    return _namespaces(client, settings, usable=False)


def _pgousers(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.pgouser.endpoints import SHOW
    from pgo_cli.nouns.pgouser.messages import ShowPgouserRequest

    request = ShowPgouserRequest(
        namespace=settings.namespace, all_flag=True, client_version=settings.client_version, pgouser_name=[]
    )
    return [info.username for info in client.call(SHOW, request).response.user_info or []]


def _pgoroles(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.pgorole.endpoints import SHOW
    from pgo_cli.nouns.pgorole.messages import ShowPgoroleRequest

    request = ShowPgoroleRequest(
        namespace=settings.namespace, all_flag=True, client_version=settings.client_version, pgorole_name=[]
    )
    return [info.name for info in client.call(SHOW, request).response.role_info or []]


def _policies(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.policy.endpoints import SHOW
    from pgo_cli.nouns.policy.messages import ShowPolicyRequest

    request = ShowPolicyRequest(
        namespace=settings.require_namespace(), all_flag=True, client_version=settings.client_version
    )
    return [item.spec.name for item in client.call(SHOW, request).response.policy_list.items or []]


def _schedules(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.schedule.endpoints import SHOW
    from pgo_cli.nouns.schedule.messages import ScheduleRequest

    # The apiserver reads the cluster name "all" as every cluster of the namespace (getSchedules).
    cluster = args[0] if args else "all"
    request = ScheduleRequest(namespace=settings.require_namespace(), cluster_name=cluster)
    # Each result is a block whose first line is "<name>:" (scheduleservice.go ShowSchedule).
    heads = (text.partition("\n")[0] for text in client.call(SHOW, request).response.results or [])
    return [head[:-1] for head in heads if head.endswith(":")]


def _backups(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.backup.endpoints import SHOW_BACKREST

    if not args or not _OBJECT_NAME.fullmatch(args[0]):
        return []
    query = {"version": settings.client_version, "selector": "", "namespace": settings.require_namespace()}
    response = client.call(SHOW_BACKREST, None, path={"name": args[0]}, query=query).response
    return [
        backup.label
        for item in response.items or []
        for info in item.info or []
        for backup in info.backups or []
    ]


def _replicas(client: Connection, settings: Settings, args: Sequence[str]) -> Iterable[str]:
    from pgo_cli.nouns.scale.endpoints import SCALE_QUERY

    if not args or not _OBJECT_NAME.fullmatch(args[0]):
        return []
    query = {"version": settings.client_version, "namespace": settings.require_namespace()}
    response = client.call(SCALE_QUERY, None, path={"name": args[0]}, query=query).response
    return [replica.name for replica in response.results or []]


_SERVER: dict[str, Lister] = {
    "cluster": _clusters,
    "namespace": _usable_namespaces,
    "any-namespace": _any_namespaces,
    "pgouser": _pgousers,
    "pgorole": _pgoroles,
    "policy": _policies,
    "schedule": _schedules,
    "backup": _backups,
    "replica": _replicas,
}


def names(
    kind: str, args: Sequence[str], global_flags: Mapping[str, Any], environ: Mapping[str, str]
) -> list[str]:
    """The names of ``kind``, each once, in the order found; errors propagate."""
    if kind == "context":
        from pgo_cli.sdk.contexts import config_file, load

        found: Iterable[str] = load(config_file(environ)).names()
    else:
        lister = _SERVER.get(kind)
        if lister is None:
            return []
        from pgo_cli.sdk.connection import Connection
        from pgo_cli.sdk.session import credentials_env, resolve_settings

        settings = resolve_settings(global_flags, environ)
        # Not the session's client: that warns on stderr (about --insecure-skip-tls-verify).
        with Connection(settings, env=credentials_env(settings, environ)) as client:
            found = list(lister(client, settings, args))
    return list(dict.fromkeys(name for name in found if _WORD.fullmatch(name)))


def _run(invocation: Invocation) -> None:
    if not invocation.args:
        return
    kind, *args = invocation.args
    try:
        # Anything a call writes on stderr by itself (a credentials warning, …) is dropped too.
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
