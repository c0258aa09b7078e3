"""``pgo doctor``: check the effective connection step by step, and say what to fix.

A :class:`~pgo_cli.cli.command.Local` command: it is not one request but a sequence of checks
(:mod:`pgo_cli.nouns.doctor.checks`), each printed as it is judged.
"""

from __future__ import annotations

from pgo_cli.cli.command import Invocation, Local
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError

HELP = """Check the connection to the apiserver step by step and say what to fix.

Shows where each setting came from (flag, environment, pgouser file, default), checks the
certificate and key files, that the host resolves and accepts TCP, the TLS handshake and the
server's certificate (expiry, pinned or verified, host name), that the apiserver accepts the client
certificate, the credentials and the Version permission, that client and server versions match,
and that the namespace is watched and the user may use it.

Only reads are sent (the server's version, and a look-up of a cluster that does not exist, or the
namespace's status); the password is sent only to a server whose certificate passed. Each network step
waits at most --timeout seconds (10 by default). Exit status: that of the first failure (2 settings
or files, 3 credentials or permission, 4 unreachable or TLS, 1 refused by the apiserver: version or
namespace, 5 not an apiserver answer), 0 when everything passed (warnings included).
"""

FORMATS = ("pgo", "json", "yaml")

DOCTOR_FLAGS: tuple[Flag, ...] = (
    Flag(
        "output",
        "string",
        "Output format: pgo (one line per step; the default), json (one document for scripts) or yaml "
        "(the same document as YAML).",
        short="o",
        metavar="FORMAT",
        choices=FORMATS,
    ),
)


def _run(invocation: Invocation) -> int:
    from pgo_cli.nouns.doctor.checks import Doctor
    from pgo_cli.nouns.doctor.render import write_json, write_text, write_yaml

    io = invocation.io
    fmt = str(invocation.value("output") or "pgo")
    if fmt not in FORMATS:
        raise UsageError(
            f"invalid output format {fmt!r}: choose one of {', '.join(FORMATS)}",
            hint="-o/--output " + "|".join(FORMATS),
        )
    report = Doctor(dict(invocation.global_flags), io.environ, stderr=io.stderr).run()
    if fmt == "json":
        write_json(report, io.stdout)
    elif fmt == "yaml":
        write_yaml(report, io.stdout)
    else:
        colour = io.stdout_tty and not io.environ.get("NO_COLOR")
        write_text(report, io.stdout, colour=colour)
    io.stdout.flush()
    return report.exit_code


COMMANDS = [
    Local(
        ("doctor",),
        "Check the connection to the apiserver and say what to fix.",
        HELP,
        _run,
        flags=DOCTOR_FLAGS,
    )
]
