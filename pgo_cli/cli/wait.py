"""``--wait``: after an accepted write, poll the apiserver until the operation has visibly finished.

Every pgo write is asynchronous: ``create cluster`` returns while the pods are still Pending. A
command that supports waiting gives a *probe*: a function that makes one read (``show cluster``,
``test``, ``show backup`` …) and says whether the operation is done, has failed, or what is still
pending. :func:`wait_for` calls it with capped backoff until it is done or ``--wait-timeout`` has
passed; each poll obeys ``--timeout`` and is a read, so it is retried as reads are.

On a terminal a live status line (rich) shows what is pending; otherwise one plain line per change
on stderr. stdout keeps the command's own output. Exit codes: 0 done, 1 the operation visibly failed,
:data:`~pgo_cli.errors.ExitCode.WAIT_TIMEOUT` (6) accepted but not finished in time (the hint says
what was pending and how to check), 130 Ctrl-C (the operation continues on the server).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pgo_cli.errors import ApiError, ExitCode, Interrupted, UsageError, WaitFailedError, WaitTimeoutError

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Waiting
    from pgo_cli.cli.io import IO
    from pgo_cli.wire.endpoint import Endpoint

FIRST_PAUSE = 0.5
PAUSE_CAP = 5.0
_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class Progress:
    """What one poll saw: done, failed (with why), or what is still pending."""

    done: bool = False
    failed: str | None = None
    pending: str = ""


#: One poll: a read against the apiserver, judged.
Probe = Callable[[], Progress]


def every_result(
    call: Callable[[], Any], ready: Callable[[Any], bool], name: Callable[[Any], str], what: str
) -> Probe:
    """A probe from one read: done when the answer's ``results`` are all ``ready``.

    ``call`` makes the read (e.g. ``show pgbouncer`` for the clusters of a create), ``name`` names
    a result in the pending text (``hippo has no pgBouncer yet``).
    """

    def probe() -> Progress:
        results = getattr(call(), "results", None) or []
        waiting = [name(result) for result in results if not ready(result)]
        if results and not waiting:
            return Progress(done=True)
        return Progress(
            pending=f"{what} not there yet for {', '.join(waiting)}" if waiting else "nothing shown yet"
        )

    return probe


def listed_by_show(
    invocation: Invocation, show: Endpoint, request_type: type, attribute: str, label: str
) -> Waiting:
    """``create X --wait`` for add-ons: ``show X`` (same names or selector) lists X for every cluster.

    ``request_type`` is the show request (``ClientVersion``, ``ClusterNames``, ``Namespace``,
    ``Selector``), ``attribute`` the result's flag (``has_pgbouncer``), ``label`` its name in text.
    """
    from pgo_cli.cli.command import Waiting

    namespace = invocation.namespace()
    request = request_type(
        client_version=invocation.client_version,
        cluster_names=list(invocation.args),
        namespace=namespace,
        selector=invocation.value("selector"),
    )
    client = invocation.client()
    probe = every_result(
        lambda: client.call(show, request).response,
        lambda result: bool(getattr(result, attribute)),
        lambda result: str(result.cluster_name),
        label,
    )
    noun = show.path.strip("/").split("/")[0]
    shown = " ".join(invocation.args) or f"-s {invocation.value('selector')}"
    return Waiting(probe, f"{shown}: create {noun}", f"pgo show {noun} {shown} -n {namespace}")


def parse_duration(text: str) -> float:
    """Go's ``time.ParseDuration`` for the units people use (``90s``, ``10m``, ``1h30m``), or plain seconds."""
    value = text.strip()
    try:
        seconds = float(value)
    except ValueError:
        position = 0
        seconds = 0.0
        for match in _DURATION.finditer(value):
            if match.start() != position:
                break
            seconds += float(match.group(1)) * _UNITS[match.group(2)]
            position = match.end()
        if position != len(value) or not value:
            raise UsageError(
                f"invalid --wait-timeout {text!r}: expected a duration like 90s, 10m or 1h30m"
            ) from None
    if not seconds > 0:
        raise UsageError(f"invalid --wait-timeout {text!r}: it must be positive")
    return seconds


def wait_for(
    probe: Probe,
    *,
    what: str,
    check: str,
    timeout: float,
    io: IO,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll ``probe`` until done; report progress on ``io.stderr``; return the exit code."""
    from pgo_cli.cli.collector import collect_cycles

    collect_cycles()  # polling may last minutes
    started = clock()
    deadline = started + timeout
    pause = FIRST_PAUSE
    reporter = _Reporter(io, what, started, clock)
    last = Progress(pending="the first poll")
    try:
        while True:
            try:
                last = probe()
            except ApiError as error:
                last = Progress(failed=error.message)
            if last.done:
                reporter.finish(f"{what}: done")
                return ExitCode.OK
            if last.failed is not None:
                reporter.finish(None)
                raise WaitFailedError(f"{what} failed: {last.failed}", hint=f"check with: {check}")
            reporter.show(last.pending)
            remaining = deadline - clock()
            if remaining <= 0:
                reporter.finish(None)
                raise WaitTimeoutError(
                    f"{what}: accepted, but not finished within {_seconds(timeout)}: {last.pending or 'pending'}",
                    hint=f"it may still finish; check with: {check}",
                )
            sleep(min(pause, remaining))
            pause = min(PAUSE_CAP, pause * 2)
    except KeyboardInterrupt:
        reporter.finish(None)
        raise Interrupted(
            "interrupted while waiting", hint=f"the operation goes on on the server; check with: {check}"
        ) from None


def _seconds(value: float) -> str:
    return f"{value:g} s" if value < 120 else f"{value / 60:g} min"


class _Reporter:
    """A live line on a terminal (rich), else one plain line per change of state."""

    def __init__(self, io: IO, what: str, started: float, clock: Callable[[], float]) -> None:
        self.io = io
        self.what = what
        self.started = started
        self.clock = clock
        self.last = ""
        self.status: Any = None
        if io.stderr_tty:
            from rich.console import Console

            console = Console(file=io.stderr, highlight=False)
            self.status = console.status(f"{what}: waiting")
            self.status.start()

    def show(self, pending: str) -> None:
        elapsed = self.clock() - self.started
        if self.status is not None:
            self.status.update(f"{self.what}: {pending} — {elapsed:.0f} s")
            return
        if pending != self.last:
            self.io.stderr.write(f"{self.what}: {pending} ({elapsed:.0f} s)\n")
            self.io.stderr.flush()
            self.last = pending

    def finish(self, line: str | None) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None
        if line is not None:
            self.io.stderr.write(line + "\n")
            self.io.stderr.flush()
