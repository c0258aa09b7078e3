"""pgo_cli's benchmark: start-up, ``--help`` and ``show cluster`` against their floors, in one run.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--quick] [--go PATH] [--out bench/results.json]

What it does, all in one run on this machine:

1. makes a temporary emulator state directory and seeds it through the emulator's own state API
   with 1, 100 and 2,000 clusters (namespaces ``bench1``, ``bench100``, ``bench2000``), then
   starts ``pgo-emulator`` on a free port;
2. saves the emulator's ``/version`` and ``/showclusters --all`` answers, and serves those bytes
   from a replay server (HTTPS, client certificates, the emulator's certificate, one write per
   answer) so that the timings measure the clients and not the emulator's work (its answers are
   written in two pieces and meet a ~40 ms delayed-ACK stall; the ``version_emulator`` row shows
   pgo against the emulator itself, for information);
3. runs whole processes repeatedly, round-robin, and reports medians with min/max of wall-clock
   time (``time.perf_counter`` around spawn and ``os.wait4``) and each child's peak RSS
   (``ru_maxrss`` from ``os.wait4``):

   a. ``pgo version`` vs ``bench/floor_client.py version`` (the same mTLS GET) vs ``curl``;
   b. ``pgo --help`` vs ``bench/bare_typer.py --help``;
   c. ``pgo show cluster --all -o pgo|json|table`` for 1/100/2,000 clusters, and 20,000 (the
      2,000-cluster answer ten times over, renamed: ~72 MB), vs ``floor_client.py show FILE -o …``
      (``json.loads`` of the saved answer, the same lines).

   d. ``pgo show backup all``, ``pgo show user --all``, ``pgo df --all`` and ``pgo status`` (issue
      22's point 2: the other commands whose answer grows with the namespace) at 2,000 clusters
      and, for the three that answer a list, 20,000 (the 2,000-cluster answer ten times over),
      ``-o pgo|json|table``, against the Go client's text and ``-o json`` and the JSON floor.

It also reports issue 15's targets (ratios to the floors, peak RSS against Go pgo's) and how cost
grows from 2,000 to 20,000 clusters (per-cluster time and memory above one cluster).

With ``--go PATH`` (a Go ``pgo`` 4.7.4 client binary) that client runs in the same rounds against
the same replayed answers (``pgo version``, ``pgo show cluster --all`` piped and ``-o json``), its
text is checked against ours (label order aside: Go prints a map in random order), and issue 22's
targets are reported as ratios to it: text at 2,000 clusters within 1.4x Go's wall time and 1.2x
its peak RSS, at 20,000 no slower and no larger, JSON at or below Go on both. Without it, the
ratios to the floors are what is reported. Every series also records the child's CPU time (user +
system), less sensitive than wall time to other work on a shared machine; the load average before
and after the run is in the results.

It checks that pgo and the floor print the same text (pgo and json formats), prints a table of
ratios against the targets of issue 5 and writes everything to ``--out``. It is never run by the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SIZES = (1, 100, 2000)
#: The large answer: the emulator's 2,000 clusters repeated ten times, renamed (~72 MB).
LARGE = 20000
SHOW_SIZES = (*SIZES, LARGE)
FORMATS = ("pgo", "json", "table")

#: Issue 5's targets: (description, ratio limit).
TARGETS = {
    "version": 2.0,
    "help": 1.3,
    "memory2000": 3.0,
}
#: Issue 15's targets for show --all (2,000 and 20,000 clusters): ratio to the floor of the same
#: format, and the whole process's peak RSS in MiB (Go pgo 4.7.4 measured the same way: json
#: 0.55x / 96 MiB, text 1.42x / 55 MiB; the memory limits are for 2,000 clusters).
SHOW_TARGETS = {"json": 0.55, "pgo": 1.30, "table": 1.5}
RSS_TARGETS_MIB = {"json": 96, "pgo": 55, "table": 55}
#: Go pgo 4.7.4 against the same replay (issue 15): median ms and peak RSS MiB, 2,000 clusters.
#: Issue 22's targets, as ratios to the Go client measured in the same run: (wall time, peak RSS).
GO_TARGETS = {
    (2000, "pgo"): (1.4, 1.2),
    (LARGE, "pgo"): (1.0, 1.0),
    (2000, "json"): (1.0, 1.0),
    (LARGE, "json"): (1.0, 1.0),
}
#: The Go client's arguments for each of our formats it has (piped text is its default).
GO_FORMATS: dict[str, list[str]] = {"pgo": [], "json": ["-o", "json"]}
#: Issue 22's point 2: the other commands that read a list as long as the namespace, measured at
#: 2,000 and 20,000 clusters against the Go client (its text and, where it has one, its ``-o json``)
#: and, for ``-o json``, the floor (``json.loads`` of the answer, the document written back). Each
#: entry: the command's words, the answer's list key (None: not a list of clusters, 2,000 only),
#: the Go client's formats.
LIST_COMMANDS: dict[str, tuple[tuple[str, ...], str | None, tuple[str, ...]]] = {
    "backup": (("show", "backup", "all"), "Items", ("pgo",)),
    "user": (("show", "user", "--all"), "Results", ("pgo", "json")),
    "df": (("df", "--all"), "Results", ("pgo", "json")),
    "status": (("status",), None, ("pgo", "json")),
}
LIST_SIZES = (2000, LARGE)
GO_REFERENCE = {
    "pgo": {"pgo_cli_ms": 377, "go_ms": 223, "pgo_cli_mib": 76, "go_mib": 55},
    "json": {"pgo_cli_ms": 785, "go_ms": 306, "pgo_cli_mib": 157, "go_mib": 96},
    "version": {"pgo_cli_ms": 148, "go_ms": 26, "pgo_cli_mib": 32, "go_mib": 26},
}


#: Runs argv, timing spawn to exit; reports seconds, the child's peak RSS (KiB) and exit code.
_LAUNCHER = """
import os, sys, time
argv = sys.argv[1:]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
sys.stderr.write("\\n@@bench %.6f %d %d %.6f\\n" % (elapsed, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime))
"""


@dataclass
class Series:
    """Repeated runs of one command line."""

    name: str
    argv: list[str]
    env: dict[str, str]
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)

    def run_once(self) -> None:
        # The launcher is a tiny separate interpreter: a child's ru_maxrss includes the memory of
        # the process it was spawned from, and this one is large (it seeded the emulator).
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run(
                [PYTHON, "-S", "-c", _LAUNCHER, *self.argv], env=self.env, stdout=sink, stderr=subprocess.PIPE
            )
        err = proc.stderr.decode(errors="replace")
        report = err.rstrip("\n").rpartition("\n")[2]
        if proc.returncode != 0 or not report.startswith("@@bench "):
            raise SystemExit(f"{self.name}: exit {proc.returncode}: {err[:500]}")
        seconds, peak, code, cpu = report.split()[1:]
        if code != "0":
            raise SystemExit(f"{self.name}: exit {code}: {err[:500]}")
        self.seconds.append(float(seconds))
        self.peak_kib.append(int(peak))
        self.cpu_seconds.append(float(cpu))

    def summary(self) -> dict[str, Any]:
        return {
            "argv": self.argv,
            "runs": len(self.seconds),
            "median_s": statistics.median(self.seconds),
            "min_s": min(self.seconds),
            "max_s": max(self.seconds),
            "peak_rss_kib_median": int(statistics.median(self.peak_kib)),
            "peak_rss_kib_max": max(self.peak_kib),
            "cpu_s_median": statistics.median(self.cpu_seconds),
        }


# ------------------------------------------------------------------------------------------ set-up


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(state_dir: Path) -> None:
    """Create the benchmark's clusters through the emulator's state API (no HTTP: seconds, not minutes)."""
    from pgo_cli.emulator.__main__ import prepare_state_dir
    from pgo_cli.emulator.config import Settings
    from pgo_cli.emulator.world import World
    from pgo_cli.nouns.cluster import emulation
    from pgo_cli.nouns.cluster.create_messages import CreateClusterRequest
    from pgo_cli.wire.codec import decode_lenient

    body = create_body()
    state = prepare_state_dir(state_dir, None, None)
    try:
        world = World(state, Settings(state_dir=state_dir, ready_delay=0))
        for size in SIZES:
            namespace = f"bench{size}"
            state.add_namespace(namespace)
            for index in range(size):
                request = decode_lenient(
                    CreateClusterRequest, dict(body, Name=f"db{index:04d}", Namespace=namespace)
                )
                answer = emulation.create(world, request, "admin")
                if answer.status.code != "ok":
                    raise SystemExit(f"seeding failed: {answer.status.msg}")
    finally:
        state.close()


def create_body() -> dict[str, Any]:
    """The body ``pgo create cluster`` sends by default (from its own --dry-run), with a label and a replica."""
    out = subprocess.run(
        [
            *(str(BIN / "pgo"), "create", "cluster", "x", "--replica-count=1", "--label=team=bench"),
            *("--dry-run", "-o", "json", "-n", "pgo", "--apiserver-url", "https://127.0.0.1:1"),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=clean_env(),
    ).stdout
    body: dict[str, Any] = json.loads(out)["body"]
    return body


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without any PGO_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PGO", "DISABLE_TLS", "EXCLUDE_OS"))}
    env["COLUMNS"] = "160"
    env.update(extra or {})
    return env


def start_emulator(state_dir: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [str(BIN / "pgo-emulator"), "--state-dir", str(state_dir), "--port", str(port), "--ready-delay", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline().decode()
    if "listening" not in line:
        proc.kill()
        raise SystemExit(f"pgo-emulator did not start: {line}")
    return proc


def emulator_env(state_dir: Path, port: int) -> dict[str, str]:
    out = subprocess.run(
        [str(BIN / "pgo-emulator"), "env", "--state-dir", str(state_dir), "--port", str(port)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    env: dict[str, str] = {}
    for line in out.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value.strip("'")
    return env


def save_answers(env: dict[str, str], directory: Path) -> dict[int, Path]:
    """The emulator's ``--all`` answer per size, saved byte for byte."""
    sys.path.insert(0, str(BENCH))
    saved_environ = dict(os.environ)
    os.environ.update(env)
    try:
        import floor_client

        conn, headers = floor_client.connect()
        conn.request("GET", "/version", headers=headers)
        version = directory / "version.json"
        version.write_bytes(conn.getresponse().read())
        paths = {0: version}
        for size in SIZES:
            body = {
                "clustername": "",
                "selector": "",
                "ccpimagetag": "",
                "clientversion": "4.7.4",
                "namespace": f"bench{size}",
                "allflag": True,
            }
            conn.request("POST", "/showclusters", body=json.dumps(body).encode(), headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status != 200 or len(json.loads(payload)["Results"]) != size:
                raise SystemExit(f"unexpected /showclusters answer for {size} clusters")
            paths[size] = directory / f"show{size}.json"
            paths[size].write_bytes(payload)
        conn.close()
        paths[LARGE] = directory / f"show{LARGE}.json"
        paths[LARGE].write_bytes(large_answer(paths[2000].read_bytes()))
        return paths
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)


@dataclass
class ListAnswer:
    """A list command's saved answer: where the replay serves it, and the file."""

    path: str
    namespace: str
    file: Path


def save_list_answers(env: dict[str, str], directory: Path) -> dict[tuple[str, int], ListAnswer]:
    """Each list command's answer for 2,000 clusters, asked as pgo asks it (its own ``--dry-run``),
    saved byte for byte; the 20,000-cluster one made from it as for ``show cluster``."""
    from urllib.parse import urlsplit

    sys.path.insert(0, str(BENCH))
    saved_environ = dict(os.environ)
    os.environ.update(env)
    try:
        import floor_client

        conn, headers = floor_client.connect()
        saved: dict[tuple[str, int], ListAnswer] = {}
        for name, (words, list_key, _) in LIST_COMMANDS.items():
            planned = subprocess.run(
                [str(BIN / "pgo"), *words, "-n", "bench2000", "--dry-run", "-o", "json"],
                check=True,
                capture_output=True,
                text=True,
                env=clean_env(env),
            ).stdout
            request = json.loads(planned)
            url = urlsplit(request["url"])
            target = url.path + (f"?{url.query}" if url.query else "")
            body = None if request["body"] is None else json.dumps(request["body"]).encode()
            conn.request(request["method"], target, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status != 200 or json.loads(payload).get("Code") != "ok":
                raise SystemExit(f"unexpected {request['method']} {url.path} answer: {payload[:200]!r}")
            file = directory / f"{name}2000.json"
            file.write_bytes(payload)
            saved[(name, 2000)] = ListAnswer(url.path, "bench2000", file)
            if list_key is not None:
                large = directory / f"{name}{LARGE}.json"
                large.write_bytes(large_answer(payload, list_key))
                saved[(name, LARGE)] = ListAnswer(url.path, f"bench{LARGE}", large)
        conn.close()
        return saved
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)


def large_answer(answer2000: bytes, key: str = "Results") -> bytes:
    """The 2,000-cluster answer ten times over, each copy's names and namespace made unique."""
    answer = json.loads(answer2000)
    results = []
    for copy_index in range(LARGE // 2000):
        text = json.dumps(answer[key], separators=(",", ":"))
        # cluster names (db0000 … db1999) start their strings; other strings keep theirs
        text = re.sub(r'"db(?=[0-9]{4})', f'"c{copy_index}db', text).replace("bench2000", f"bench{LARGE}")
        results.extend(json.loads(text))
    answer[key] = results
    return json.dumps(answer, separators=(",", ":")).encode()


class Replay(ThreadingHTTPServer):
    """Answers each saved request by its path and the namespace asked (in the query string of a
    GET, in the JSON body of a POST); ``/version`` under the namespace ``""``."""

    daemon_threads = True

    def __init__(self, port: int, answers: dict[tuple[str, str], bytes], cert: str, key: str) -> None:
        self.answers = answers
        super().__init__(("127.0.0.1", port), _ReplayHandler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.verify_mode = ssl.CERT_OPTIONAL
        context.load_verify_locations(cafile=cert)
        self.socket = context.wrap_socket(self.socket, server_side=True)


class _ReplayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Replay

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, payload: bytes) -> None:
        # Status line, headers and body in one write: two small writes would meet the client's
        # delayed ACK (Nagle), a ~40 ms stall that is the server's, not the client's.
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        self.wfile.write(head.encode() + payload)
        self.wfile.flush()

    def do_GET(self) -> None:
        from urllib.parse import parse_qs, urlsplit

        url = urlsplit(self.path)
        namespace = parse_qs(url.query).get("namespace", [""])[0]
        self._answer(self.server.answers[(url.path, namespace)])

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        # pgo's requests spell it namespace or Namespace
        namespace = body.get("namespace", body.get("Namespace", ""))
        self._answer(self.server.answers[(urlsplit_path(self.path), namespace)])


def urlsplit_path(target: str) -> str:
    return target.partition("?")[0]


# ------------------------------------------------------------------------------------------ runs


def measure(series: Sequence[Series], reps: int) -> None:
    """Round-robin: each rep runs every series once (slow drifts hit all alike); one warm-up run."""
    for item in series:
        item.run_once()
        item.seconds.clear()
        item.peak_kib.clear()
        item.cpu_seconds.clear()
    for _ in range(reps):
        for item in series:
            item.run_once()


def same_output(a: Series, b: Series, normalize: Callable[[str], Any] = str) -> bool:
    outs = [
        subprocess.run(s.argv, env=s.env, capture_output=True, text=True, check=True).stdout for s in (a, b)
    ]
    return bool(normalize(outs[0]) == normalize(outs[1]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pgo_cli benchmark (issue 5)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a rough figure)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="JSON results file")
    parser.add_argument(
        "--go", metavar="PATH", help="a Go pgo 4.7.4 client: measured alongside, issue 22's ratios to it"
    )
    args = parser.parse_args(argv)
    go = str(Path(args.go).resolve()) if args.go else None
    if go and not os.access(go, os.X_OK):
        raise SystemExit(f"--go {args.go}: not an executable file")
    load_before = os.getloadavg()
    reps_fast, reps_show = (5, 3) if args.quick else (21, 9)
    started = time.perf_counter()
    notes: list[str] = []

    with tempfile.TemporaryDirectory(prefix="pgo-bench-") as tmp:
        tmpdir = Path(tmp)
        state_dir = tmpdir / "state"
        print("seeding the emulator with 1, 100 and 2,000 clusters ...", flush=True)
        seed(state_dir)
        port = free_port()
        emulator = start_emulator(state_dir, port)
        try:
            env = emulator_env(state_dir, port)
            answers = save_answers(env, tmpdir)
            list_answers = save_list_answers(env, tmpdir)
            replay_port = free_port()
            served = {
                (("/showclusters", f"bench{size}") if size else ("/version", "")): path.read_bytes()
                for size, path in answers.items()
            }
            served.update({(a.path, a.namespace): a.file.read_bytes() for a in list_answers.values()})
            replay = Replay(replay_port, served, env["PGO_CA_CERT"], env["PGO_CLIENT_KEY"])
            threading.Thread(target=replay.serve_forever, daemon=True).start()
            results = run_all(tmpdir, env, replay_port, answers, reps_fast, reps_show, notes, go)
            results.update(run_lists(env, replay_port, list_answers, reps_show, notes, go))
            replay.shutdown()
        finally:
            emulator.terminate()
            emulator.wait(10)

    results["notes"] = notes
    results["machine"] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 1),
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "go": go,
    }
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


def run_all(
    tmpdir: Path,
    env: dict[str, str],
    replay_port: int,
    answers: dict[int, Path],
    reps_fast: int,
    reps_show: int,
    notes: list[str],
    go: str | None = None,
) -> dict[str, Any]:
    pgo = str(BIN / "pgo")
    floor = [PYTHON, str(BENCH / "floor_client.py")]
    emu_env = clean_env(env)
    replay_url = f"https://127.0.0.1:{replay_port}"
    replay_env = clean_env({**env, "PGO_APISERVER_URL": replay_url})
    series: dict[str, Series] = {
        "pgo_version": Series("pgo version", [pgo, "version"], replay_env),
        "floor_version": Series("floor version", [*floor, "version"], replay_env),
        "pgo_version_emulator": Series("pgo version (emulator)", [pgo, "version"], emu_env),
        "floor_version_emulator": Series("floor version (emulator)", [*floor, "version"], emu_env),
        "pgo_help": Series("pgo --help", [pgo, "--help"], clean_env()),
        "typer_help": Series(
            "bare typer --help", [PYTHON, str(BENCH / "bare_typer.py"), "--help"], clean_env()
        ),
        "python_baseline": Series("python -c pass", [PYTHON, "-c", "pass"], clean_env()),
    }
    curl = shutil.which("curl")
    if curl:
        pinned = tmpdir / "server-pubkey.pem"
        pinned.write_bytes(public_key_pem(env["PGO_CA_CERT"]))
        user_pass = Path(env["PGOUSER"]).read_text(encoding="utf-8").strip()
        series["curl_version"] = Series(
            "curl /version",
            [
                *(
                    curl,
                    "-sSf",
                    "--insecure",
                    "--pinnedpubkey",
                    str(pinned),
                    "--cert",
                    env["PGO_CLIENT_CERT"],
                ),
                *("--key", env["PGO_CLIENT_KEY"], "-u", user_pass, replay_url + "/version"),
            ],
            replay_env,
        )
    else:
        notes.append("curl is not installed: its row is skipped")
    if go:
        series["go_version"] = Series("go pgo version", [go, "version"], replay_env)
    print("a/b: version and --help ...", flush=True)
    measure(list(series.values()), reps_fast)

    show: dict[str, Series] = {}
    for size in SHOW_SIZES:
        for fmt in FORMATS:
            show[f"pgo_show{size}_{fmt}"] = Series(
                f"pgo show {size} -o {fmt}",
                [pgo, "show", "cluster", "--all", "-o", fmt, "-n", f"bench{size}"],
                replay_env,
            )
            show[f"floor_show{size}_{fmt}"] = Series(
                f"floor show {size} -o {fmt}", [*floor, "show", str(answers[size]), "-o", fmt], replay_env
            )
            if go and fmt in GO_FORMATS:
                # The Go client's text when piped is its default; it has no table.
                show[f"go_show{size}_{fmt}"] = Series(
                    f"go pgo show {size} -o {fmt}",
                    [go, "show", "cluster", "--all", "-n", f"bench{size}", *GO_FORMATS[fmt]],
                    replay_env,
                )
    print("c: show cluster --all (1, 100, 2,000, 20,000 clusters) ...", flush=True)
    for size in SHOW_SIZES:
        group = [s for key, s in show.items() if f"show{size}_" in key]
        reps = {2000: reps_show, LARGE: max(1, reps_show // 3)}.get(size, reps_fast)
        measure(group, reps)
    for size in SHOW_SIZES:
        if not same_output(show[f"pgo_show{size}_pgo"], show[f"floor_show{size}_pgo"]):
            notes.append(f"pgo and the floor print different -o pgo text for {size} clusters")
        if not same_output(show[f"pgo_show{size}_json"], show[f"floor_show{size}_json"], json.loads):
            notes.append(f"pgo and the floor print different -o json documents for {size} clusters")
        if go and not same_output(show[f"pgo_show{size}_pgo"], show[f"go_show{size}_pgo"], _labels_sorted):
            notes.append(f"pgo and the Go client print different text for {size} clusters")
    series.update(show)

    measured = {key: s.summary() for key, s in series.items()}
    med = {key: value["median_s"] for key, value in measured.items()}
    baseline_kib = measured["python_baseline"]["peak_rss_kib_median"]
    ratios: dict[str, dict[str, Any]] = {
        "version": _ratio(med["pgo_version"], med["floor_version"], TARGETS["version"]),
        "help": _ratio(med["pgo_help"], med["typer_help"], TARGETS["help"]),
        "version_emulator": _ratio(med["pgo_version_emulator"], med["floor_version_emulator"], None),
    }
    if "curl_version" in med:
        ratios["version_vs_curl"] = _ratio(med["pgo_version"], med["curl_version"], None)
    memory: dict[str, Any] = {"python_baseline_kib": baseline_kib}
    growth: dict[str, Any] = {}
    for size in SHOW_SIZES:
        response_kib = answers[size].stat().st_size / 1024
        memory[f"response{size}_kib"] = round(response_kib, 1)
        for fmt in FORMATS:
            key = f"show{size}_{fmt}"
            limit = SHOW_TARGETS[fmt] if size in (2000, LARGE) else None
            ratios[key] = _ratio(med[f"pgo_{key}"], med[f"floor_{key}"], limit)
            peak_mib = measured[f"pgo_{key}"]["peak_rss_kib_median"] / 1024
            if size == 2000:
                ratios[f"rss2000_{fmt}_mib"] = {
                    "ratio": round(peak_mib, 1),
                    "target": RSS_TARGETS_MIB[fmt],
                    "met": peak_mib <= RSS_TARGETS_MIB[fmt],
                }
            above = measured[f"pgo_{key}"]["peak_rss_kib_median"] - baseline_kib
            floor_above = measured[f"floor_{key}"]["peak_rss_kib_median"] - baseline_kib
            memory[key] = {
                "pgo_above_baseline_kib": above,
                "floor_above_baseline_kib": floor_above,
                "pgo_over_response": round(above / response_kib, 2),
            }
            if size == 2000:
                ratios[f"memory2000_{fmt}"] = {
                    "ratio": round(above / response_kib, 2),
                    "target": TARGETS["memory2000"],
                    "met": above / response_kib <= TARGETS["memory2000"],
                }
    for fmt in FORMATS:
        # Linear growth: the cost above one cluster, per cluster, at 20,000 vs at 2,000 (1.0 is
        # linear; within 0.7-1.3 counts as linear, allowing for a noisy machine).
        one = measured[f"pgo_show1_{fmt}"]
        small, large = measured[f"pgo_show2000_{fmt}"], measured[f"pgo_show{LARGE}_{fmt}"]
        per_small = (small["median_s"] - one["median_s"]) / 1999
        per_large = (large["median_s"] - one["median_s"]) / (LARGE - 1)
        mem_small = (small["peak_rss_kib_median"] - one["peak_rss_kib_median"]) / 1999
        mem_large = (large["peak_rss_kib_median"] - one["peak_rss_kib_median"]) / (LARGE - 1)
        time_growth = per_large / per_small if per_small > 0 else float("inf")
        mem_growth = mem_large / mem_small if mem_small > 0 else float("inf")
        growth[fmt] = {
            "ms_per_1000_clusters_2000": round(per_small * 1e6, 1),
            "ms_per_1000_clusters_20000": round(per_large * 1e6, 1),
            "mib_per_1000_clusters_2000": round(mem_small * 1000 / 1024, 1),
            "mib_per_1000_clusters_20000": round(mem_large * 1000 / 1024, 1),
            "time_growth": round(time_growth, 2),
            "memory_growth": round(mem_growth, 2),
            "linear": 0.7 <= time_growth <= 1.3 and 0.7 <= mem_growth <= 1.3,
        }
        ratios[f"linear_{fmt}"] = {
            "ratio": round(time_growth, 2),
            "target": 1.3,
            "met": growth[fmt]["linear"],
        }
    results: dict[str, Any] = {
        "ratios": ratios,
        "memory": memory,
        "growth": growth,
        "go_reference": GO_REFERENCE,
        "series": measured,
    }
    if go:
        results["go_ratios"] = go_ratios(measured)
    return results


def run_lists(
    env: dict[str, str],
    replay_port: int,
    answers: dict[tuple[str, int], ListAnswer],
    reps: int,
    notes: list[str],
    go: str | None,
) -> dict[str, Any]:
    """Issue 22's point 2: the list commands, pgo_cli's three formats, the Go client's, the JSON floor.

    Ratios to the Go client use show cluster's targets (text within 1.4x at 2,000 and level at
    20,000, JSON level); without ``--go``, ``-o json`` is compared with its floor.
    """
    pgo = str(BIN / "pgo")
    replay_env = clean_env({**env, "PGO_APISERVER_URL": f"https://127.0.0.1:{replay_port}"})
    series: dict[str, Series] = {}
    for (name, size), answer in answers.items():
        words = LIST_COMMANDS[name][0]
        namespace = ["-n", f"bench{size}"]
        for fmt in FORMATS:
            series[f"pgo_{name}{size}_{fmt}"] = Series(
                f"pgo {' '.join(words)} {size} -o {fmt}", [pgo, *words, *namespace, "-o", fmt], replay_env
            )
        series[f"floor_{name}{size}_json"] = Series(
            f"floor {name} {size} -o json",
            [PYTHON, str(BENCH / "floor_client.py"), "show", str(answer.file), "-o", "json"],
            replay_env,
        )
        if go:
            for fmt in LIST_COMMANDS[name][2]:
                series[f"go_{name}{size}_{fmt}"] = Series(
                    f"go pgo {' '.join(words)} {size} -o {fmt}",
                    [go, *words, *namespace, *GO_FORMATS[fmt]],
                    replay_env,
                )
    for size in LIST_SIZES:
        group = [item for key, item in series.items() if _size_of(key) == size]
        print(f"d: list commands, {size:,} clusters ({len(group)} series) ...", flush=True)
        measure(group, reps if size == 2000 else max(1, reps // 3))
    for name, size in answers:
        ours = series[f"pgo_{name}{size}_json"]
        if not same_output(ours, series[f"floor_{name}{size}_json"], json.loads):
            notes.append(f"pgo {name} -o json and the floor print different documents for {size} clusters")
        if go:
            for fmt in LIST_COMMANDS[name][2]:
                normalize: Callable[[str], Any] = json.loads if fmt == "json" else _map_blocks_sorted
                if not same_output(
                    series[f"pgo_{name}{size}_{fmt}"], series[f"go_{name}{size}_{fmt}"], normalize
                ):
                    notes.append(f"pgo and the Go client print different {name} -o {fmt} for {size} clusters")
    measured = {key: item.summary() for key, item in series.items()}
    ratios: dict[str, Any] = {}
    for name, size in answers:
        for fmt in FORMATS:
            ours = measured[f"pgo_{name}{size}_{fmt}"]
            key = f"{name}{size}_{fmt}"
            if go and fmt in LIST_COMMANDS[name][2]:
                theirs = measured[f"go_{name}{size}_{fmt}"]
                time_limit = 1.4 if (size, fmt) == (2000, "pgo") else 1.0
            elif fmt == "json":
                theirs = measured[f"floor_{name}{size}_json"]
                time_limit = 1.0
            else:
                continue
            time_ratio = ours["median_s"] / theirs["median_s"]
            rss_ratio = ours["peak_rss_kib_median"] / theirs["peak_rss_kib_median"]
            ratios[key] = {
                "against": "go" if go and fmt in LIST_COMMANDS[name][2] else "floor",
                "time": round(time_ratio, 2),
                "time_target": time_limit,
                "cpu": round(ours["cpu_s_median"] / theirs["cpu_s_median"], 2),
                "rss": round(rss_ratio, 2),
                "rss_target": 1.2 if (size, fmt) == (2000, "pgo") else 1.0,
                "met": time_ratio <= time_limit
                and rss_ratio <= (1.2 if (size, fmt) == (2000, "pgo") else 1.0),
            }
    sizes = {
        f"{name}{size}_kib": round(answer.file.stat().st_size / 1024, 1)
        for (name, size), answer in answers.items()
    }
    return {"list_series": measured, "list_ratios": ratios, "list_answers_kib": sizes}


def _size_of(key: str) -> int:
    """The cluster count in a list series' key (``pgo_user2000_json`` → 2000)."""
    digits = "".join(ch for ch in key.rpartition("_")[0] if ch.isdigit())
    return int(digits)


def go_ratios(measured: dict[str, Any]) -> dict[str, Any]:
    """Issue 22's targets: pgo_cli's wall time, CPU time and peak RSS over the Go client's."""
    ratios: dict[str, Any] = {}
    for (size, fmt), (time_limit, rss_limit) in GO_TARGETS.items():
        ours, theirs = measured[f"pgo_show{size}_{fmt}"], measured[f"go_show{size}_{fmt}"]
        time_ratio = ours["median_s"] / theirs["median_s"]
        rss_ratio = ours["peak_rss_kib_median"] / theirs["peak_rss_kib_median"]
        ratios[f"show{size}_{fmt}"] = {
            "time": round(time_ratio, 2),
            "time_target": time_limit,
            "cpu": round(ours["cpu_s_median"] / theirs["cpu_s_median"], 2),
            "rss": round(rss_ratio, 2),
            "rss_target": rss_limit,
            "met": time_ratio <= time_limit and rss_ratio <= rss_limit,
        }
    ours, theirs = measured["pgo_version"], measured["go_version"]
    ratios["version"] = {
        "time": round(ours["median_s"] / theirs["median_s"], 2),
        "time_target": None,
        "cpu": round(ours["cpu_s_median"] / theirs["cpu_s_median"], 2),
        "rss": round(ours["peak_rss_kib_median"] / theirs["peak_rss_kib_median"], 2),
        "rss_target": None,
        "met": None,
    }
    return ratios


def _labels_sorted(text: str) -> list[str]:
    """pgo's text with each ``labels :`` line's pairs sorted (Go prints a map in random order)."""
    lines = []
    for line in text.splitlines():
        head, found, pairs = line.partition("labels : ")
        lines.append(head + found + " ".join(sorted(pairs.split())) if found else line)
    return lines


def _map_blocks_sorted(text: str) -> list[str]:
    """pgo's text with the lines of ``pgo status``'s ``Database Images:`` block sorted: Go prints
    that map (``DbTags``, cmd/pgo/cmd/status.go) in random order."""
    lines = text.splitlines()
    if "Database Images:" in lines:
        start = lines.index("Database Images:") + 1
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        lines[start:end] = sorted(lines[start:end])
    return lines


def _ratio(value: float, floor: float, target: float | None) -> dict[str, Any]:
    ratio = value / floor
    return {"ratio": round(ratio, 2), "target": target, "met": None if target is None else ratio <= target}


def public_key_pem(cert_file: str) -> bytes:
    """The certificate's public key, for curl's --pinnedpubkey (pgo pins the same certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
    return cert.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def report(results: dict[str, Any]) -> None:
    series = results["series"]
    print(f"\n{'command':<34} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}")
    for value in series.values():
        name = " ".join(Path(value["argv"][0]).name if i == 0 else a for i, a in enumerate(value["argv"][:8]))
        print(
            f"{name[:34]:<34} {value['median_s'] * 1000:8.1f}ms {value['min_s'] * 1000:8.1f}ms "
            f"{value['max_s'] * 1000:8.1f}ms {value['peak_rss_kib_median'] / 1024:8.1f}MiB"
        )
    print(f"\n{'ratio (pgo / floor)':<26} {'measured':>9} {'target':>8}  result")
    for key, value in results["ratios"].items():
        target = "-" if value["target"] is None else f"<= {value['target']}"
        verdict = {True: "met", False: "NOT MET", None: "(info)"}[value["met"]]
        unit = "MiB" if key.endswith("_mib") else "x"
        print(f"{key:<26} {value['ratio']:>8.2f}{unit} {target:>8}  {verdict}")
    memory = results["memory"]
    print(
        f"\nresponse sizes: {memory['response1_kib']} KiB, {memory['response100_kib']} KiB, "
        f"{memory['response2000_kib']} KiB, {memory[f'response{LARGE}_kib']} KiB; "
        f"python baseline peak RSS {memory['python_baseline_kib'] / 1024:.1f} MiB"
    )
    print("\ngrowth (cost above 1 cluster, per 1,000 clusters, at 2,000 -> 20,000):")
    for fmt, value in results["growth"].items():
        print(
            f"  {fmt:<6} {value['ms_per_1000_clusters_2000']:7.1f} -> {value['ms_per_1000_clusters_20000']:7.1f} ms"
            f"   {value['mib_per_1000_clusters_2000']:6.1f} -> {value['mib_per_1000_clusters_20000']:6.1f} MiB"
            f"   {'linear' if value['linear'] else 'NOT linear'}"
        )
    if "go_ratios" in results:
        print(
            f"\n{'pgo_cli / Go pgo (issue 22)':<28} {'time':>6} {'target':>7} {'cpu':>6} {'RSS':>6} {'target':>7}  result"
        )
        for key, value in results["go_ratios"].items():
            verdict = {True: "met", False: "NOT MET", None: "(info)"}[value["met"]]
            time_target = "-" if value["time_target"] is None else f"<= {value['time_target']}"
            rss_target = "-" if value["rss_target"] is None else f"<= {value['rss_target']}"
            print(
                f"{key:<28} {value['time']:>5.2f}x {time_target:>7} {value['cpu']:>5.2f}x "
                f"{value['rss']:>5.2f}x {rss_target:>7}  {verdict}"
            )
    if "list_ratios" in results:
        print(
            f"\n{'list commands (pgo_cli / Go or floor)':<38} {'time':>6} {'cpu':>6} {'RSS':>6}  against  result"
        )
        for key, value in results["list_ratios"].items():
            verdict = "met" if value["met"] else "NOT MET"
            print(
                f"{key:<38} {value['time']:>5.2f}x {value['cpu']:>5.2f}x {value['rss']:>5.2f}x  "
                f"{value['against']:<7}  {verdict}"
            )
    machine = results["machine"]
    print(
        f"\nload average (1, 5, 15 min): {machine['load_average_before']} before, {machine['load_average_after']} after"
    )
    for note in results["notes"]:
        print(f"note: {note}")


if __name__ == "__main__":
    sys.exit(main())
