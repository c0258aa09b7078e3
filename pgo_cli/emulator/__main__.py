"""``pgo-emulator``: run the emulated apiserver, print the client environment, manage users, stop
a running one and reset its state."""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TextIO

from pgo_cli.emulator import certs
from pgo_cli.emulator.config import (
    DEFAULT_PASSWORD,
    DEFAULT_ROLE,
    DEFAULT_USER,
    PGO_VERSION,
    Settings,
    default_state_dir,
)
from pgo_cli.emulator.state import State

PGOUSER_FILE = "pgouser"
#: The pid of the ``serve`` running on a state directory (removed when it stops), for ``stop``
#: and ``reset``.
PID_FILE = "serve.pid"


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _nonneg_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def write_pgouser(state_dir: Path, user: str, password: str) -> Path:
    """Write ``user:password`` (no newline, mode 0600), as the installer does."""
    path = state_dir / PGOUSER_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, f"{user}:{password}".encode())
    finally:
        os.close(fd)
    os.chmod(path, 0o600)
    return path


def prepare_state_dir(state_dir: Path, user: str | None, password: str | None) -> State:
    """Create the state directory, certificate, key, database and pgouser file as needed.

    An explicit ``--user``/``--password`` (re)defines that pgo user with role pgoadmin and writes it
    to the pgouser file; otherwise the existing file (or the default admin) is kept.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(state_dir, 0o700)
    certs.ensure(state_dir)
    st = State(state_dir)
    pgouser = state_dir / PGOUSER_FILE
    if user is not None or password is not None:
        name = user if user is not None else DEFAULT_USER
        secret = password if password is not None else DEFAULT_PASSWORD
        existing = st.get_user(name)
        st.put_user(
            name,
            secret,
            existing.roles if existing else DEFAULT_ROLE,
            existing.namespaces if existing else "",
        )
        write_pgouser(state_dir, name, secret)
    elif not pgouser.exists():
        write_pgouser(state_dir, DEFAULT_USER, DEFAULT_PASSWORD)
    return st


def _add_state_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=None,
        help="state directory (default: $XDG_DATA_HOME/pgo-emulator or ~/.local/share/pgo-emulator)",
    )


def server_bugs() -> dict[str, str]:
    """The names ``--fix-bugs`` takes, with what each fixes (pipeline and nouns' ``BUGS``)."""
    from pgo_cli.emulator.pipeline import known_bugs
    from pgo_cli.index import EMULATOR_MODULES

    return {bug.name: f"{bug.summary} [{bug.source}]" for bug in known_bugs(EMULATOR_MODULES)}


class _Parser(argparse.ArgumentParser):
    """Lists the ``--fix-bugs`` names under the help (worked out only when help is shown)."""

    def format_help(self) -> str:
        if self.prog.split()[-1] not in ("pgo-emulator", "serve"):
            return super().format_help()
        import textwrap

        lines = [
            "pgo 4.7.4 server bugs, reproduced by default (a notice on stderr when a request hits one);",
            "serve --fix-bugs NAME,... (or all) answers as a fixed server would:",
        ]
        for name, text in server_bugs().items():
            lines.extend(textwrap.wrap(text, 100, initial_indent=f"  {name}: ", subsequent_indent="      "))
        self.epilog = "\n".join(lines)
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pgo-emulator``."""
    parser = _Parser(
        prog="pgo-emulator",
        description="A local emulator of the PostgreSQL Operator 4.7.4 apiserver: every route of pgo "
        "4.7.4's commands, over mutual TLS, with its state in a directory.",
        epilog="Run it in the background with 'pgo-emulator &', point pgo at it with 'eval \"$(pgo-emulator env)\"', stop it with 'pgo-emulator stop', and start again from "
        "nothing with 'pgo-emulator reset'.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser(
        "serve",
        help="run the apiserver (the default command)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_serve_options(serve)

    env = sub.add_parser("env", help="print export lines that point the pgo client at the emulator")
    _add_state_dir(env)
    env.add_argument("--host", default="127.0.0.1")
    env.add_argument("--port", type=int, default=8443)
    env.add_argument("--disable-tls", action="store_true", help="print an http:// URL and DISABLE_TLS=true")
    env.add_argument(
        "--context",
        default=None,
        metavar="NAME",
        help="also save these settings as the pgo context NAME and make it current (pgo --context NAME)",
    )

    user = sub.add_parser("user", help="manage pgo users").add_subparsers(dest="action", required=True)
    user_add = user.add_parser("add", help="create or replace a pgo user")
    _add_state_dir(user_add)
    user_add.add_argument("name")
    user_add.add_argument("--password", required=True)
    user_add.add_argument("--roles", default="", help="comma-separated pgo roles")
    user_add.add_argument("--namespaces", default="", help="comma-separated namespaces (empty: all)")

    role = sub.add_parser("role", help="manage pgo roles").add_subparsers(dest="action", required=True)
    role_add = role.add_parser("add", help="create or replace a pgo role")
    _add_state_dir(role_add)
    role_add.add_argument("name")
    role_add.add_argument("--permissions", required=True, help="'*' or comma-separated permission names")

    stop = sub.add_parser("stop", help="stop the emulator serving this state directory")
    _add_state_dir(stop)

    reset = sub.add_parser(
        "reset",
        help="forget everything the emulator holds (clusters, users, roles, namespaces, schedules …); "
        "the certificate and key stay, so the exported variables still hold",
    )
    _add_state_dir(reset)
    reset.add_argument(
        "--all", action="store_true", help="remove the whole state directory, certificate and key included"
    )

    namespace = sub.add_parser("namespace", help="manage watched namespaces").add_subparsers(
        dest="action", required=True
    )
    ns_add = namespace.add_parser("add", help="watch one more namespace")
    _add_state_dir(ns_add)
    ns_add.add_argument("name")
    return parser


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    _add_state_dir(parser)
    parser.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=8443, help="listen port (default 8443; 0 picks a free port)"
    )
    parser.add_argument(
        "--user", default=None, help=f"pgo user written to the pgouser file (default {DEFAULT_USER})"
    )
    parser.add_argument("--password", default=None, help="that user's password (default examplepassword)")
    parser.add_argument("--disable-tls", action="store_true", help="serve plain HTTP")
    parser.add_argument(
        "--apiserver-version", default=PGO_VERSION, help="version claimed and required (default 4.7.4)"
    )
    parser.add_argument(
        "--ready-delay", type=_nonneg_float, default=3.0, help="seconds until new pods are ready"
    )
    parser.add_argument(
        "--delete-delay", type=_nonneg_float, default=1.0, help="seconds until a delete completes"
    )
    parser.add_argument("--namespaces", default=None, help="replace the watched namespaces (comma-separated)")
    parser.add_argument(
        "--namespace-mode",
        choices=("dynamic", "readonly", "disabled"),
        default=None,
        help="the operator's namespace mode (kept in the state; default dynamic)",
    )
    parser.add_argument(
        "--fix-bugs",
        default="",
        metavar="NAME,...",
        help="answer as a fixed server would where pgo 4.7.4's apiserver has a bug (names below; "
        "'all' for every one); by default the emulator reproduces them",
    )
    parser.add_argument(
        "--nsq-port",
        type=int,
        default=None,
        help="port of the event stream (NSQ TCP, for pgo watch; default 14150, left out when that port is "
        "taken; 0 picks a free port)",
    )


def _state_dir(args: argparse.Namespace) -> Path:
    return Path(args.state_dir) if args.state_dir else default_state_dir()


def cmd_env(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the export lines (``out``); notes on ``err``."""
    state_dir = _state_dir(args).resolve()
    prepare_state_dir(state_dir, None, None).close()
    cert = str(state_dir / certs.CERT_NAME)
    scheme = "http" if args.disable_tls else "https"
    host = f"[{args.host}]" if ":" in args.host else args.host
    lines = [
        ("PGO_APISERVER_URL", f"{scheme}://{host}:{args.port}"),
        ("PGO_CA_CERT", cert),
        ("PGO_CLIENT_CERT", cert),
        ("PGO_CLIENT_KEY", str(state_dir / certs.KEY_NAME)),
        ("PGOUSER", str(state_dir / PGOUSER_FILE)),
        ("PGO_NAMESPACE", "pgo"),
    ]
    if args.disable_tls:
        lines.append(("DISABLE_TLS", "true"))
    if args.context:
        from pgo_cli.errors import PgoError
        from pgo_cli.sdk.contexts import save_context, settings_from_environment

        try:
            path = save_context(args.context, settings_from_environment(dict(lines)), use=True)
        except PgoError as error:
            print(f"pgo-emulator: {error.message}", file=err)
            return 2
        print(f"pgo-emulator: saved as context {args.context!r} in {path}", file=err)
    for key, value in lines:
        print(f"export {key}={shlex.quote(value)}", file=out)
    return 0


def running_pid(state_dir: Path) -> int | None:
    """The pid of the ``serve`` running on ``state_dir``, or None (no pid file, or a stale one)."""
    try:
        pid = int((state_dir / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, someone else's
    try:  # a pid reused by another program is not ours to stop
        if b"emulator" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return None
    except OSError:
        pass  # no /proc (macOS): trust the file
    return pid


def cmd_stop(args: argparse.Namespace, err: TextIO) -> int:
    """SIGTERM to the ``serve`` of the state directory; wait until it has gone."""
    state_dir = _state_dir(args).resolve()
    pid = running_pid(state_dir)
    if pid is None:
        print(f"pgo-emulator: no emulator is running on {state_dir}", file=err)
        return 1
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while running_pid(state_dir) == pid and time.monotonic() < deadline:
        time.sleep(0.05)
    if running_pid(state_dir) == pid:
        print(f"pgo-emulator: pid {pid} did not stop within 10 s", file=err)
        return 1
    print(f"pgo-emulator: stopped pid {pid} ({state_dir})", file=err)
    return 0


def cmd_reset(args: argparse.Namespace, err: TextIO) -> int:
    """Delete the state database and pgouser file (``--all``: the whole directory)."""
    import shutil

    state_dir = _state_dir(args).resolve()
    pid = running_pid(state_dir)
    if pid is not None:
        print(
            f"pgo-emulator: pid {pid} is serving {state_dir}; stop it first: pgo-emulator stop"
            + (f" --state-dir {shlex.quote(str(state_dir))}" if args.state_dir else ""),
            file=err,
        )
        return 1
    if not state_dir.exists():
        print(f"pgo-emulator: {state_dir} does not exist: nothing to reset", file=err)
        return 0
    if args.all:
        shutil.rmtree(state_dir)
        print(f"pgo-emulator: removed {state_dir}", file=err)
        return 0
    keep = {certs.CERT_NAME, certs.KEY_NAME}
    for entry in state_dir.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    print(f"pgo-emulator: reset {state_dir} (certificate and key kept)", file=err)
    return 0


def _write_pid(state_dir: Path) -> None:
    (state_dir / PID_FILE).write_text(f"{os.getpid()}\n")


def _remove_pid(state_dir: Path) -> None:
    path = state_dir / PID_FILE
    try:
        if path.read_text().strip() == str(os.getpid()):  # another serve may have taken it over
            path.unlink()
    except OSError:
        pass


def cmd_serve(args: argparse.Namespace, err: TextIO) -> int:
    """Run the server until SIGTERM or SIGINT; ``err`` is its log (notices, tracebacks)."""
    from pgo_cli.emulator.server import EmulatorServer
    from pgo_cli.emulator.world import World

    fixes = _csv(args.fix_bugs)
    known = server_bugs()
    if fixes == ["all"]:
        fixes = list(known)
    unknown = [name for name in fixes if name not in known]
    if unknown:
        print(
            f"pgo-emulator: unknown --fix-bugs name {unknown[0]!r} (known: {', '.join(known)})",
            file=err,
        )
        return 2
    state_dir = _state_dir(args).resolve()
    st = prepare_state_dir(state_dir, args.user, args.password)
    if args.namespaces is not None:
        st.set_namespaces(_csv(args.namespaces))
    settings = Settings(
        state_dir=state_dir,
        host=args.host,
        port=args.port,
        tls=not args.disable_tls,
        version=args.apiserver_version,
        ready_delay=args.ready_delay,
        delete_delay=args.delete_delay,
        fix_bugs=tuple(fixes),
    )
    if args.namespace_mode is not None:
        from pgo_cli.emulator.state import set_namespace_mode

        set_namespace_mode(st, args.namespace_mode)
    try:
        server = EmulatorServer(settings, World(st, settings, log=err))
    except OSError as exc:
        print(
            f"pgo-emulator: cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}",
            file=err,
        )
        st.close()
        return 1
    from pgo_cli.emulator import events

    nsq: events.NsqServer | None = None
    nsq_note = ""
    try:
        port = events.DEFAULT_PORT if args.nsq_port is None else args.nsq_port
        nsq = events.NsqServer(settings.host, port, log=err)
    except OSError as exc:
        if args.nsq_port is not None:  # asked for: as with --port, refuse to start without it
            print(
                f"pgo-emulator: cannot listen on {settings.host}:{args.nsq_port} (events): "
                f"{exc.strerror or exc}",
                file=err,
            )
            server.server_close()
            st.close()
            return 1
        nsq_note = f", no events ({settings.host}:{events.DEFAULT_PORT} is in use)"
    if nsq is not None:
        events.attach(server, nsq.start())
        host = f"[{settings.host}]" if ":" in settings.host else settings.host
        nsq_note = f", events (NSQ) on {host}:{nsq.port}"
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), name="pgo-emulator", daemon=True)
    thread.start()
    _write_pid(state_dir)
    scheme = "https" if settings.tls else "http"
    print(
        f"pgo-emulator {settings.version}: listening on {scheme}://{settings.host}:{server.port} "
        f"(state dir {state_dir}){nsq_note}",
        file=err,
        flush=True,
    )
    while not stop.wait(0.5):
        pass
    if nsq is not None:
        nsq.stop()
    server.shutdown()
    server.server_close()
    st.close()
    _remove_pid(state_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pgo-emulator`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = {"serve", "env", "stop", "reset", "user", "role", "namespace", "-h", "--help"}
    if not args_list or args_list[0] not in commands:
        args_list.insert(0, "serve")
    parser = build_parser()
    args = parser.parse_args(args_list)
    out, err = sys.stdout, sys.stderr
    if args.command == "env":
        return cmd_env(args, out, err)
    if args.command == "stop":
        return cmd_stop(args, err)
    if args.command == "reset":
        return cmd_reset(args, err)
    if args.command in ("user", "role", "namespace"):
        st = prepare_state_dir(_state_dir(args).resolve(), None, None)
        try:
            if args.command == "user":
                st.put_user(
                    args.name, args.password, ",".join(_csv(args.roles)), ",".join(_csv(args.namespaces))
                )
            elif args.command == "role":
                permissions = args.permissions.strip()
                st.put_role(args.name, permissions if permissions == "*" else ",".join(_csv(permissions)))
            else:
                st.add_namespace(args.name)
        finally:
            st.close()
        return 0
    return cmd_serve(args, err)


if __name__ == "__main__":
    sys.exit(main())
