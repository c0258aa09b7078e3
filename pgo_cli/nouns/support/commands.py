"""``pgo support export CLUSTER [--output FILE]``: a ``.tar.gz`` of what support asks for.

kubectl-pgo has ``support export`` for PGO v5; no v4 client does. The archive holds the
cluster's reads (``show cluster``, ``test``, ``df``, ``show pvc``, ``show backup``, ``show user``,
``show pgbouncer``, ``show workflow`` of the cluster's create workflow, ``show config``,
``status``) as the apiserver's JSON, ``pgo doctor -o json``, the client's versions and where each
setting came from, with every secret removed (:mod:`pgo_cli.nouns.support.archive`), and a
``LISTING.txt``. A :class:`~pgo_cli.cli.command.Local` command, like ``doctor``.
"""

from __future__ import annotations

import base64
import time
from typing import TYPE_CHECKING, Any

from pgo_cli.cli.command import Args, Invocation, Local
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError

if TYPE_CHECKING:
    from pgo_cli.cli.io import IO
    from pgo_cli.nouns.support.archive import Read
    from pgo_cli.sdk.connection import Connection

HELP = """Write a .tar.gz of everything a support request about a cluster needs.

The archive holds, as the apiserver's JSON: show cluster, test, df, show pvc, show backup, show
user (system accounts included), show pgbouncer, show workflow (the cluster's create workflow),
show config and status; then pgo doctor -o json, the client's versions and where each
connection setting came from, and LISTING.txt (each file, its size, the command it equals, and
the reads that failed, with why).

Every secret is removed before anything is written: passwords (PostgreSQL users, pgBouncer, the
pgouser), keys and tokens are replaced by '<redacted>' in their fields and wherever else their
values appear. A read that fails is listed, and the others are still made; a cluster that does
not exist is exit 1 and writes nothing.

The archive's name is printed on stdout; on a terminal a progress line shows on stderr.

Examples:

  pgo support export hippo
  pgo support export hippo --output /tmp/hippo-support.tar.gz
"""

EXPORT_FLAGS: tuple[Flag, ...] = (
    Flag(
        "output",
        "string",
        "The archive to write (default: pgo-support-CLUSTER-YYYYmmddTHHMMSSZ.tar.gz here).",
        metavar="FILE",
        completes="file",
    ),
)


def _reads(client: Connection, name: str, namespace: str, workflow: str) -> list[Read]:
    from pgo_cli.nouns.backup.endpoints import SHOW_BACKREST
    from pgo_cli.nouns.cluster.endpoints import SHOW, TEST
    from pgo_cli.nouns.cluster.messages import ClusterTestRequest, ShowClusterRequest
    from pgo_cli.nouns.config.endpoints import SHOW as SHOW_CONFIG
    from pgo_cli.nouns.df.endpoints import DF
    from pgo_cli.nouns.df.messages import DfRequest
    from pgo_cli.nouns.pgbouncer.endpoints import SHOW as SHOW_PGBOUNCER
    from pgo_cli.nouns.pgbouncer.messages import ShowPgBouncerRequest
    from pgo_cli.nouns.pvc.endpoints import SHOW as SHOW_PVC
    from pgo_cli.nouns.pvc.messages import ShowPVCRequest
    from pgo_cli.nouns.status.endpoints import STATUS
    from pgo_cli.nouns.support.archive import Read
    from pgo_cli.nouns.user.endpoints import SHOW as SHOW_USER
    from pgo_cli.nouns.user.messages import ShowUserRequest
    from pgo_cli.nouns.workflow.endpoints import SHOW_WORKFLOW

    v = client.settings.client_version
    n = f"-n {namespace}"

    def raw(endpoint: Any, request: Any = None, **where: Any) -> Any:
        return lambda: client.call(endpoint, request, check_status=False, **where).raw

    query = {"version": v, "namespace": namespace}
    reads = [
        Read(
            "show-cluster.json",
            f"pgo show cluster {name} -o json {n}",
            raw(SHOW, ShowClusterRequest(clustername=name, clientversion=v, namespace=namespace)),
        ),
        Read(
            "test.json",
            f"pgo test {name} -o json {n}",
            raw(TEST, ClusterTestRequest(clustername=name, client_version=v, namespace=namespace)),
        ),
        Read(
            "df.json",
            f"pgo df {name} -o json {n}",
            raw(DF, DfRequest(client_version=v, namespace=namespace, selector=f"name={name}")),
        ),
        Read(
            "show-pvc.json",
            f"pgo show pvc {name} -o json {n}",
            raw(SHOW_PVC, ShowPVCRequest(cluster_name=name, client_version=v, namespace=namespace)),
        ),
        Read(
            "show-backup.json",
            f"pgo show backup {name} -o json {n}",
            raw(
                SHOW_BACKREST,
                path={"name": name},
                query={"version": v, "selector": "", "namespace": namespace},
            ),
        ),
        Read(
            "show-user.json",
            f"pgo show user {name} --show-system-accounts -o json {n}",
            raw(
                SHOW_USER,
                ShowUserRequest(
                    clusters=[name], client_version=v, namespace=namespace, show_system_accounts=True
                ),
            ),
        ),
        Read(
            "show-pgbouncer.json",
            f"pgo show pgbouncer {name} -o json {n}",
            raw(
                SHOW_PGBOUNCER,
                ShowPgBouncerRequest(client_version=v, cluster_names=[name], namespace=namespace),
            ),
        ),
    ]
    if workflow:
        reads.append(
            Read(
                "show-workflow.json",
                f"pgo show workflow {workflow} -o json {n}",
                raw(SHOW_WORKFLOW, path={"id": workflow}, query=query),
            )
        )
    reads += [
        Read("show-config.json", f"pgo show config -o json {n}", raw(SHOW_CONFIG, query=query)),
        Read("status.json", f"pgo status -o json {n}", raw(STATUS, query=query)),
    ]
    return reads


def _progress(io: IO) -> Any:
    def show(done: int, total: int, what: str) -> None:
        if not io.stderr_tty:
            return
        line = f"support export: {done}/{total} {what}" if what else f"support export: {done}/{total} done"
        io.stderr.write("\r\x1b[K" + line + ("\n" if not what else ""))
        io.stderr.flush()

    return show


def _run(invocation: Invocation) -> int:
    from pgo_cli.nouns.cluster import calls
    from pgo_cli.nouns.doctor.checks import Doctor
    from pgo_cli.nouns.doctor.sources import SETTINGS, credentials_origin, layers, origin_of
    from pgo_cli.nouns.support.archive import Archive, Read, client_info
    from pgo_cli.release import PGO_VERSION, __version__

    io = invocation.io
    args = invocation.args
    output = str(invocation.value("output"))
    if len(args) != 1:
        raise UsageError(
            "one cluster name is required" if not args else f"one cluster at a time, not {len(args)}",
            hint="pgo support export CLUSTER [--output FILE]",
        )
    name = args[0]
    session = invocation.session
    namespace = session.namespace()
    client = session.client()
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    root = f"pgo-support-{name}-{stamp}"
    target = output or f"{root}.tar.gz"
    # The cluster must exist: a support archive of a typo helps nobody.
    shown = calls.show(client, name, namespace)
    details = [d for d in shown.results or [] if (d.cluster or {}).get("spec", {}).get("name") == name]
    if not details:
        from pgo_cli.errors import ApiError

        raise ApiError(
            f"cluster {name} not found in namespace {namespace}",
            hint=f"list the clusters with: pgo show cluster --all -n {namespace}",
        )
    labels = ((details[0].cluster or {}).get("spec") or {}).get("userlabels") or {}
    workflow = str(labels.get("workflowid", ""))
    flags = dict(invocation.global_flags)
    archive = Archive(root)
    credentials = client.credentials
    archive.known_secrets.add(credentials.password)
    # The Basic token too, should an answer ever echo a header.
    token = f"{credentials.username}:{credentials.password}".encode()
    archive.known_secrets.add(base64.b64encode(token).decode("ascii"))

    def doctor() -> Any:
        return Doctor(flags, session.env).run().as_json()

    def client_side() -> Any:
        sources = layers(flags, session.env)
        settings = [
            {
                "setting": setting.label,
                "value": str(getattr(session.settings, setting.field)),
                "from": origin_of(setting, session.settings, sources).describe(),
            }
            for setting in SETTINGS
        ]
        settings.append(
            {
                "setting": "pgouser",
                "value": credentials.username,
                "from": credentials_origin(credentials, session.env).describe(),
            }
        )
        return client_info(__version__, session.settings.client_version or PGO_VERSION, settings)

    reads = [
        *_reads(client, name, namespace, workflow),
        Read("doctor.json", f"pgo doctor -o json -n {namespace}", doctor),
        Read("client.json", "pgo version --client; where each setting came from", client_side),
    ]
    archive.collect(reads, _progress(io))
    data = archive.tar()
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise UsageError(
            f"--output {target}: {exc.strerror or exc}", hint="name a file in a directory you can write to"
        ) from None
    io.stdout.write(target + "\n")
    io.stdout.flush()
    missing = [entry.file for entry in archive.entries if entry.data is None]
    if missing:
        io.stderr.write(
            f"warning: some reads failed ({', '.join(missing)}); see LISTING.txt in the archive\n"
        )
    return 0


COMMANDS = [
    Local(
        ("support", "export"),
        "Write a .tar.gz of a cluster's reads for a support request, secrets removed.",
        HELP,
        _run,
        flags=EXPORT_FLAGS,
        args=Args(metavar="CLUSTER", count="one", completes="cluster", own_check=True),
    )
]
