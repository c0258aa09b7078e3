"""``--wait``'s poller: done, visibly failed, timed out (exit 6), Ctrl-C (130), and its durations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pgo_cli.cli.io import IO
from pgo_cli.cli.wait import Progress, parse_duration, wait_for
from pgo_cli.errors import ExitCode, Interrupted, PgoError, UsageError


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def probes(*results: Progress) -> Iterator[Progress]:
    yield from results


def run(results: Iterator[Progress], timeout: float = 60.0) -> tuple[int | PgoError, IO, Clock]:
    io = IO.fake()
    clock = Clock()
    try:
        code: int | PgoError = wait_for(
            lambda: next(results),
            what="hippo: create",
            check="pgo test hippo",
            timeout=timeout,
            io=io,
            clock=clock,
            sleep=clock.sleep,
        )
    except PgoError as error:
        code = error
    return code, io, clock


def test_done_after_pending_polls_with_capped_backoff_and_one_line_per_change() -> None:
    pending = [Progress(pending="0/2 ready")] * 3 + [Progress(pending="1/2 ready")] * 3
    code, io, clock = run(probes(*pending, Progress(done=True)))
    assert code == ExitCode.OK
    assert clock.pauses == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    lines = io.stderr.getvalue().splitlines()  # type: ignore[attr-defined]
    assert [line.split(" (")[0] for line in lines] == [
        "hippo: create: 0/2 ready",
        "hippo: create: 1/2 ready",
        "hippo: create: done",
    ]
    assert io.stdout.getvalue() == ""  # type: ignore[attr-defined]


def test_a_visible_failure_is_exit_1_with_how_to_check() -> None:
    code, _, _ = run(probes(Progress(pending="x"), Progress(failed="cluster hippo is gone")))
    assert isinstance(code, PgoError) and code.exit_code == ExitCode.API_ERROR
    assert code.message == "hippo: create failed: cluster hippo is gone"
    assert code.hint == "check with: pgo test hippo"


def test_not_finished_in_time_is_exit_6_and_says_what_is_pending() -> None:
    code, _, clock = run(iter(lambda: Progress(pending="0/1 instances ready"), None), timeout=3)
    assert isinstance(code, PgoError) and code.exit_code == ExitCode.WAIT_TIMEOUT == 6
    assert "not finished within 3 s: 0/1 instances ready" in code.message
    assert clock.now <= 3


def test_ctrl_c_says_the_operation_continues() -> None:
    def interrupted() -> Iterator[Progress]:
        yield Progress(pending="x")
        raise KeyboardInterrupt

    code, _, _ = run(interrupted())
    assert isinstance(code, Interrupted) and code.exit_code == 130
    assert code.hint is not None and "goes on on the server" in code.hint


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("10m", 600), ("1h30m", 5400), ("2.5", 2.5), ("500ms", 0.5)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "bogus", "10", "-1s", "0", "1x"])
def test_bad_durations_are_usage_errors(text: str) -> None:
    if text == "10":
        assert parse_duration(text) == 10
        return
    with pytest.raises(UsageError):
        parse_duration(text)
