"""``pgo migrate v5 CLUSTER --method volumes|backups|standby``: the PGO v5 cluster of a v4 one.

Not one request but a sequence of reads (``show cluster``, ``show pvc``, ``show user``, ``show
backup``, ``show config``, ``test``), a pure translation (:mod:`pgo_cli.nouns.migrate.manifest`) and,
with ``--execute``, the v4 side of the method (:mod:`pgo_cli.nouns.migrate.execute`): a
:class:`~pgo_cli.cli.command.Local` command, like ``doctor``.

stdout holds the manifest only (YAML, or JSON with ``-o json``), so ``| kubectl apply -f -`` works;
the steps, warnings and what is not carried go to stderr.
"""

from __future__ import annotations

from pgo_cli.cli.command import NO_PROMPT, Args, Invocation, Local
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.migrate.manifest import METHODS

HELP = """Write the PGO v5 PostgresCluster of a v4 cluster, and the steps to move to it.

Reads the cluster through the apiserver (show cluster, show pvc, show user, show backup, show
config, test) and prints a PostgresCluster manifest (postgres-operator.crunchydata.com/v1beta1) on
stdout, YAML by default or JSON with -o json, ready for 'kubectl apply -f -'. On stderr: the
ordered steps of the method from the operator's v4-to-v5 guide with the exact pgo and kubectl
commands, the guide's warnings that apply, and every setting that has no v5 equivalent, with why.

Methods: volumes (reuse the v4 data and repository volumes: replicas scaled down, cluster deleted
with --keep-data --keep-backups), backups (restore from the v4 pgBackRest repository: a fresh
backup, cluster deleted with --keep-backups), standby (a v5 standby following the v4 cluster's S3
or GCS repository; the v4 cluster keeps running).

--execute performs the v4 side of the method after asking for confirmation (see --no-prompt), waiting for each step and stopping at the first failure. --out
FILE writes the manifest to FILE instead of stdout (it is written before anything is changed).

Refused (exit 1, nothing on stdout): a cluster that does not exist, is not initialized or is a
standby, and the standby method for a repository on a PVC.

Examples:

  pgo migrate v5 hippo --method volumes > hippo-v5.yaml
  pgo migrate v5 hippo --method standby | kubectl apply -f -
  pgo migrate v5 hippo --method backups --out hippo-v5.yaml --execute
"""

MIGRATE_FLAGS: tuple[Flag, ...] = (
    Flag(
        "method",
        "string",
        "The guide's method: volumes, backups or standby (required).",
        metavar="METHOD",
        choices=METHODS,
    ),
    Flag(
        "output",
        "string",
        "The manifest's format: yaml (the default) or json.",
        short="o",
        metavar="FORMAT",
        choices=("yaml", "json"),
    ),
    Flag("out", "string", "Write the manifest to FILE instead of stdout.", metavar="FILE", completes="file"),
    Flag("execute", "bool", "Perform the v4 side of the method (asks first), each step waited for."),
    NO_PROMPT,
    Flag(
        "postgres-version",
        "int",
        "The PostgreSQL major version, when the image tag does not tell it.",
        metavar="N",
    ),
    Flag(
        "wait-timeout",
        "string",
        "How long --execute waits for each step, e.g. 90s, 10m (default 10m).",
        default="10m",
        metavar="DURATION",
    ),
)


def _run(invocation: Invocation) -> int:
    from pgo_cli.cli.wait import parse_duration
    from pgo_cli.nouns.migrate import execute, manifest, render, source, steps

    io = invocation.io
    args = invocation.args
    values = invocation.values
    if len(args) != 1:
        raise UsageError(
            "one cluster name is required" if not args else f"one cluster at a time, not {len(args)}",
            hint="pgo migrate v5 CLUSTER --method volumes|backups|standby",
        )
    name = args[0]
    method = str(values.get("method") or "")
    if method not in METHODS:
        raise UsageError(
            "--method is required: volumes, backups or standby"
            if not method
            else f"invalid --method {method!r}: choose one of volumes, backups, standby",
            hint="see 'pgo migrate v5 --help' for what each method does",
        )
    fmt = str(values.get("output") or "yaml")
    if fmt not in ("yaml", "json"):
        raise UsageError(
            f"invalid output format {fmt!r}: choose one of yaml, json", hint="-o/--output yaml|json"
        )
    out_file = str(values.get("out") or "")
    timeout = parse_duration(str(values.get("wait_timeout") or "10m"))
    executing = bool(values.get("execute"))
    if executing and not values.get("no_prompt") and not io.stdin_tty:
        from pgo_cli.cli.prompt import no_terminal

        raise no_terminal("migrate v5 --execute")
    wanted = values.get("postgres_version") or None
    namespace = invocation.namespace()
    client = invocation.client()
    cluster = source.read(client, name, namespace, lambda shown: manifest.refuse(shown, method))
    migration = manifest.build(cluster, method, int(wanted) if wanted else None)
    text = render.dumps(migration.manifest, fmt)
    if out_file:
        _write(out_file, text)
    else:
        io.stdout.write(text)
        io.stdout.flush()
    header = f"pgo migrate v5: cluster {name} (namespace {namespace}), method {method}"
    if out_file:
        header += f"; manifest written to {out_file}"
    render.write_plan(migration, steps.plan(cluster, method, out_file), header, io.stderr)
    if not executing:
        return 0
    planned = execute.actions(client, cluster, method, timeout, io)
    if not values.get("no_prompt"):
        from pgo_cli.cli.prompt import confirm

        if not confirm(execute.question(cluster, method), io.stdin, io.stderr):
            io.stderr.write("Aborting...\n")
            return 0
    execute.run(planned, io)
    io.stderr.write(
        f"the v4 side of the {method} method is done for {name}; next: the steps without [--execute]\n"
    )
    return 0


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(
            f"--out {path}: {exc.strerror or exc}", hint="name a file in a directory you can write to"
        ) from None


COMMANDS = [
    Local(
        ("migrate", "v5"),
        "Write the PGO v5 PostgresCluster of a v4 cluster and the steps to move to it.",
        HELP,
        _run,
        flags=MIGRATE_FLAGS,
        args=Args(metavar="CLUSTER", count="one", completes="cluster", own_check=True),
    )
]
