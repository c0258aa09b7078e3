"""A registered command run from Python: keyword arguments in, typed answers out.

The typed SDK (``client.clusters.scale("hippo", replica_count=2)``, in each noun's ``sdk.py``)
calls :func:`run` with the command and the options by their flag names in snake_case. :func:`run`
builds the same :class:`~pgo_cli.cli.command.Invocation` the command line would build, runs the
command's own ``plan`` (so the checks, their messages and the request bodies are the CLI's), sends
the calls through the :class:`~pgo_cli.sdk.connection.Connection` and returns the decoded answers.

What differs from the command line, because a Python caller is not a terminal:

* nothing is printed and no question is asked (the SDK call *is* the decision);
* the first refused call raises :class:`~pgo_cli.errors.ApiError` (exit code 1 on ``.exit_code``)
  instead of printing an ``Error:`` line and going on with the next name;
* ``wait=True`` polls as ``--wait`` does and raises :class:`~pgo_cli.errors.WaitTimeoutError`
  (exit code 6) or :class:`~pgo_cli.errors.WaitFailedError` (exit code 1).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pgo_cli.cli.command import Command, Invocation, Plan, Reply, Waiting
from pgo_cli.cli.flagspec import _INT_BOUNDS, Flag
from pgo_cli.cli.io import IO

if TYPE_CHECKING:
    from pgo_cli.cli.wait import Probe
    from pgo_cli.sdk.connection import Connection

T = TypeVar("T")

#: Flags that belong to the terminal, not to the request: the SDK has no parameter for them.
TERMINAL_FLAGS = frozenset({"no-prompt", "output", "wide", "dry-run", "wait", "wait-timeout"})


def find(commands: Sequence[Any], *path: str) -> Command:
    """The registered :class:`Command` of ``path`` among a noun's ``COMMANDS``."""
    for command in commands:
        if isinstance(command, Command) and command.path == path:
            return command
    raise LookupError(f"no registered command {' '.join(path)!r}")


def sdk_flags(command: Command) -> list[Flag]:
    """The flags an SDK call takes as keyword arguments (by :attr:`Flag.dest`).

    pgo's own ``--dry-run`` (``apply``, ``label``: asked of the server) is one of them; ours is not.
    """
    terminal = TERMINAL_FLAGS if command.client_dry_run else TERMINAL_FLAGS - {"dry-run"}
    return [
        flag
        for flag in command.all_flags()
        if flag.name not in terminal and not flag.hidden and not flag.deprecated
    ]


def keyword(flag: Flag) -> str:
    """The SDK's keyword for ``flag``: its Python name, plural for a repeatable one.

    ``--label`` is ``labels=``, ``--annotation-postgres`` ``annotations_postgres=``, ``--target``
    of restart ``targets=``: they take several values (a list, or a mapping for ``key=value``).
    """
    if flag.kind != "stringSlice":
        return flag.dest
    first, _, rest = flag.dest.partition("_")
    return f"{first}s_{rest}" if rest else f"{first}s"


def invocation(
    connection: Connection,
    command: Command,
    args: Sequence[str] = (),
    options: Mapping[str, Any] | None = None,
    *,
    namespace: str | None = None,
    explicit: Collection[str] = (),
) -> Invocation:
    """The :class:`Invocation` the command line would build for ``args`` and ``options``.

    ``options`` are keyed by the flags' Python names (``replica_count``); a value equal to the
    flag's default counts as not typed, except for the flags named in ``explicit`` (where pgo
    tells "not typed" from "typed as the default": None is then "not typed"). Sequences fill ``stringSlice`` flags as repeated flags do
    (an item is split at commas as pflag splits one occurrence), mappings become ``key=value`` items.
    """
    from pgo_cli.cli.runtime import Session

    flags = {flag.dest: flag for flag in command.all_flags()}
    values: dict[str, Any] = {flag.dest: None for flag in flags.values()}
    typed: set[str] = set()
    name = " ".join(command.path)
    for dest, value in (options or {}).items():
        flag = flags.get(dest)
        if flag is None:
            raise TypeError(f"{name}: unexpected option {dest!r}")
        if value is None:
            continue
        converted = convert(flag, value, name)
        values[dest] = converted
        if dest in explicit or (converted != flag.zero and converted != ()):
            typed.add(flag.name)
    if isinstance(args, str):
        raise TypeError(f"{name}: names must be a sequence of strings, not one string")
    settings = connection.settings
    if namespace is not None:
        settings = replace(settings, namespace=namespace)
    # The environment the connection was configured from: some plans read it as pgo does
    # (show namespace adds $PGO_NAMESPACE). Standard input stays the process's (a password file
    # named '-'); nothing is written anywhere and no terminal is assumed.
    streams = replace(
        IO.system(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        environ=connection.environ,
        stdin_tty=False,
        stdout_tty=False,
        stderr_tty=False,
    )
    session = Session(settings, connection.environ, streams, _client=connection)
    return Invocation(
        command, streams, values, frozenset(typed), tuple(args), output="json", _session=session
    )


def plan(invocation: Invocation) -> Plan:
    """The command's own plan: its checks (a :class:`~pgo_cli.errors.UsageError`, nothing sent)."""
    command = invocation.command
    assert isinstance(command, Command)
    return command.plan(invocation)


def run(
    connection: Connection,
    command: Command,
    args: Sequence[str] = (),
    options: Mapping[str, Any] | None = None,
    *,
    namespace: str | None = None,
    wait: bool = False,
    wait_timeout: float | str = "10m",
    planner: Callable[[Invocation], Plan] | None = None,
    explicit: Collection[str] = (),
) -> list[Any]:
    """Plan, send and (with ``wait``) wait: the decoded answer of each call, in order.

    ``planner`` replaces the command's ``plan`` where the SDK takes an input the command line
    cannot (``policies.create(sql=...)``); it must be the code the command's plan itself calls.
    """
    if wait and command.wait is None:
        raise TypeError(f"{' '.join(command.path)} cannot wait")
    timeout = wait_seconds(wait, wait_timeout)
    built = invocation(connection, command, args, options, namespace=namespace, explicit=explicit)
    replies: list[Reply] = []
    for call in (planner or plan)(built).calls:
        answer = connection.call(call.endpoint, call.request, path=call.path, query=call.query)
        replies.append(Reply(call, answer.response, answer.raw))
    if timeout is not None and command.wait is not None and replies:
        waits = command.wait(built, replies)
        for waiting in [waits] if isinstance(waits, Waiting) else waits:
            poll(waiting.probe, waiting.what, waiting.check, timeout)
    return [reply.response for reply in replies]


def call(
    connection: Connection,
    command: Command,
    args: Sequence[str],
    options: Mapping[str, Any],
    response: type[T],
    *,
    namespace: str | None = None,
    wait: bool = False,
    wait_timeout: float | str = "10m",
    planner: Callable[[Invocation], Plan] | None = None,
    explicit: Collection[str] = (),
) -> T:
    """:func:`run` for a command whose plan makes one call: its answer, typed ``response``."""
    answers = run(
        connection,
        command,
        args,
        options,
        namespace=namespace,
        wait=wait,
        wait_timeout=wait_timeout,
        planner=planner,
        explicit=explicit,
    )
    if len(answers) != 1:
        raise RuntimeError(f"{' '.join(command.path)}: expected one answer, got {len(answers)}")
    return cast(T, answers[0])


def calls(
    connection: Connection,
    command: Command,
    args: Sequence[str],
    options: Mapping[str, Any],
    response: type[T],
    *,
    namespace: str | None = None,
    wait: bool = False,
    wait_timeout: float | str = "10m",
) -> list[T]:
    """:func:`run` for a command whose plan makes one call per name: the answers in order."""
    answers = run(
        connection, command, args, options, namespace=namespace, wait=wait, wait_timeout=wait_timeout
    )
    return cast("list[T]", answers)


class NounAPI:
    """The base of each noun's typed calls: holds the connection they are made on."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection


def wait_seconds(wait: bool, wait_timeout: float | str) -> float | None:
    """``wait_timeout`` in seconds when ``wait`` is set (``"10m"`` as ``--wait-timeout`` reads it)."""
    if not wait:
        return None
    from pgo_cli.cli.wait import parse_duration

    if isinstance(wait_timeout, str):
        return parse_duration(wait_timeout)
    if isinstance(wait_timeout, bool) or not wait_timeout > 0:
        from pgo_cli.errors import UsageError

        raise UsageError(f"invalid wait_timeout {wait_timeout!r}: it must be a positive number of seconds")
    return float(wait_timeout)


def poll(probe: Probe, what: str, check: str, timeout: float) -> None:
    """Poll ``probe`` as ``--wait`` does, silently; raise when it fails or runs out of time."""
    from pgo_cli.cli.wait import wait_for

    streams = IO(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO())
    wait_for(probe, what=what, check=check, timeout=timeout, io=streams)


def convert(flag: Flag, value: Any, command: str) -> Any:
    """A Python value as the command line would have delivered it for ``flag``."""
    where = f"{command}: option {flag.dest!r}"
    if flag.kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"{where} takes a bool, not {type(value).__name__}")
        return value
    if flag.kind in ("int", "int32"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{where} takes an int, not {type(value).__name__}")
        low, high = _INT_BOUNDS[flag.kind]
        if not low <= value <= high:
            from pgo_cli.errors import UsageError

            bits = "64" if flag.kind == "int" else "32"
            raise UsageError(
                f'invalid argument "{value}" for "--{flag.name}" flag: '
                f'strconv.ParseInt: parsing "{value}": value out of range (int{bits})'
            )
        return value
    if flag.kind == "stringSlice":
        if isinstance(value, Mapping):
            items = [f"{key}={item}" for key, item in value.items()]
        elif isinstance(value, str):
            items = [value]
        elif isinstance(value, Sequence):
            items = list(value)
        else:
            raise TypeError(f"{where} takes a list of strings, not {type(value).__name__}")
        for item in items:
            if not isinstance(item, str):
                raise TypeError(f"{where} takes strings, not {type(item).__name__}")
        return tuple(items)
    if not isinstance(value, str):
        raise TypeError(f"{where} takes a str, not {type(value).__name__}")
    return value
