"""The generic command runner: what every registered command does between parsing and exit.

:func:`build` turns a :class:`~pgo_cli.cli.registry.Command` into a click command; its callback
collects the flags into an :class:`Invocation` and :func:`execute` runs the same steps for every
command:

1. the command's ``plan`` (pure: options → requests; a bad value raises ``UsageError``, exit 2,
   nothing sent);
2. ``--dry-run``: print the requests (curl or JSON) and stop;
3. the question, when the plan has one: never without a terminal (exit 2, nothing sent, unless
   ``--no-prompt``/``--yes``), pgo's warnings first, end of input means no;
4. one request per call, in order; a refused call (``Code: "error"``) is one ``Error:`` line on
   stderr and the others still run (exit 1 at the end); a failure after a write may have been
   sent says so and how to check;
5. output: pgo's text per answer as it arrives, or one JSON document, or the terminal table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO, cast

import click
from typer.core import TyperArgument, TyperCommand

from pgo_cli.cli.flagspec import Flag, given, split_slice
from pgo_cli.cli.io import IO
from pgo_cli.cli.registry import Call, Command, Plan
from pgo_cli.errors import ApiError, ExitCode, PgoError, UsageError

if TYPE_CHECKING:
    from pgo_cli.cli.runtime import Session
    from pgo_cli.sdk.connection import Connection

_CONTEXT = {"help_option_names": ["-h", "--help"]}


@dataclass
class Reply:
    """One answered call: the call, the decoded response and the JSON as it came."""

    call: Call
    response: Any
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Invocation:
    """A parsed command line: flag values, which flags were typed, the arguments, the I/O."""

    command: Command
    io: IO
    values: dict[str, Any]
    typed: frozenset[str]
    args: tuple[str, ...]
    output: str = "pgo"
    #: ``-o wide`` or ``--wide``: the table (when it is the output) with every column.
    wide: bool = False
    _session: Session | None = None

    def value(self, name: str) -> Any:
        """The value of flag ``name`` (its pflag zero value when absent)."""
        flag = self.flag(name)
        raw = self.values.get(flag.dest)
        return flag.zero if raw is None else raw

    def flag(self, name: str) -> Flag:
        for flag in self.command.all_flags():
            if flag.name == name:
                return flag
        raise KeyError(f"{' '.join(self.command.path)} has no flag --{name}")

    def given(self, name: str) -> bool:
        """Whether flag ``name`` was typed (cobra's ``Changed``)."""
        return name in self.typed

    def strings(self, name: str) -> list[str]:
        """A ``stringSlice`` flag's values, split as pflag splits them (one CSV record each)."""
        return split_slice(self.value(name), name)

    @property
    def session(self) -> Session:
        if self._session is None:
            from pgo_cli.cli.runtime import session_for

            self._session = session_for(click.get_current_context())
        return self._session

    def namespace(self) -> str:
        """The namespace to send (refused when empty, before anything is sent)."""
        return self.session.namespace()

    @property
    def client_version(self) -> str:
        return self.session.settings.client_version

    def client(self) -> Connection:
        return self.session.client()


def build(command: Command) -> click.Command:
    """The click command for a registered :class:`Command`."""
    params: list[click.Parameter] = [flag.option() for flag in command.all_flags()]
    if command.args.count != "none":
        params.append(
            TyperArgument(
                param_decls=["args"], nargs=-1, required=False, metavar=f"[{command.args.metavar}]..."
            )
        )

    def callback(**values: Any) -> int:
        ctx = click.get_current_context()
        args = tuple(values.pop("args", ()) or ())
        typed = frozenset(flag.name for flag in command.all_flags() if given(ctx, flag))
        invocation = Invocation(command, IO.system(), values, typed, args)
        return execute(invocation)

    built = TyperCommand(
        name=command.name,
        params=params,
        callback=callback,
        help=command.help,
        short_help=command.summary,
        context_settings=_CONTEXT,
        no_args_is_help=False,
    )
    built.pgo_completes = command.args.completes  # type: ignore[attr-defined]
    return built


def choose_output(invocation: Invocation) -> str:
    """``-o``: as asked, else the table on a terminal (where there is one) and pgo's text otherwise."""
    formats = invocation.command.formats()
    asked = str(invocation.value("output") or "")
    if "wide" in formats:
        invocation.wide = asked == "wide" or bool(invocation.value("wide"))
        if asked == "wide":
            return "table"
    if not asked:
        return "table" if invocation.io.stdout_tty and "table" in formats else "pgo"
    if asked not in formats:
        raise UsageError(
            f"invalid output format {asked!r}: choose one of {', '.join(formats)}",
            hint="-o/--output " + "|".join(formats),
        )
    return asked


def execute(invocation: Invocation) -> int:
    """Run one invocation of a registered command; return its exit code."""
    command = invocation.command
    io = invocation.io
    for flag in command.flags:
        if flag.deprecated and invocation.given(flag.name):
            io.stderr.write(f"Flag --{flag.name} has been deprecated, {flag.deprecated}\n")
    invocation.output = choose_output(invocation)
    wait_timeout = None
    if command.wait is not None and invocation.values.get("wait"):
        from pgo_cli.cli.wait import parse_duration

        wait_timeout = parse_duration(str(invocation.value("wait-timeout")))
    plan = command.plan(invocation)
    if command.client_dry_run and invocation.values.get("dry_run"):
        _dry_run(plan, invocation)
        return ExitCode.OK
    if plan.prompt is not None and not invocation.values.get("no_prompt"):
        from pgo_cli.cli.prompt import confirm, no_terminal

        if not io.stdin_tty:
            raise no_terminal(" ".join(command.path))
        _write_lines(plan.warnings, io)

        if not confirm(plan.prompt, io.stdin, io.stderr):
            io.stderr.write("Aborting...\n")
            return command.declined_exit
    else:
        _write_lines(plan.warnings, io)
    if not plan.calls:
        if plan.nothing is not None:
            io.stdout.write(plan.nothing + "\n")
        return ExitCode.OK
    code, replies = _send(plan, invocation)
    if code != ExitCode.OK or wait_timeout is None or command.wait is None:
        return code
    from pgo_cli.cli.wait import wait_for

    io.stdout.flush()
    waiting = command.wait(invocation, replies)
    return wait_for(waiting.probe, what=waiting.what, check=waiting.check, timeout=wait_timeout, io=io)


def _write_lines(lines: Sequence[str], io: IO) -> None:
    for line in lines:
        io.stderr.write(line + "\n")
    io.stderr.flush()


def _send(plan: Plan, invocation: Invocation) -> tuple[int, list[Reply]]:
    command = invocation.command
    tracked = _Tracked(invocation.io.stdout)
    out = cast(TextIO, tracked)
    client = invocation.client()
    failed = False
    collected: list[Reply] = []
    answered: list[Reply] = []
    problems: list[str] = []
    for call in plan.calls:
        try:
            answer = client.call(call.endpoint, call.request, path=call.path, query=call.query)
        except ApiError as error:
            failed = True
            from pgo_cli.cli.runtime import write_error

            message = command.error_text(error.message) if command.error_text else error.message
            write_error(message, error.hint)
            if command.text_on_error and invocation.output == "pgo" and error.response is not None:
                command.text(Reply(call, error.response), invocation, out)
                out.flush()
            if plan.stop_on_error:
                break
            continue
        except PgoError as error:
            if not call.endpoint.read:
                from pgo_cli.cli.runtime import note_if_sent

                note_if_sent(error, plan.check)
            raise
        reply = Reply(call, answer.response, answer.raw)
        answered.append(reply)
        if command.problems is not None:
            problems.extend(command.problems(reply))
        if invocation.output == "pgo":
            command.text(reply, invocation, out)
            out.flush()
        else:
            collected.append(reply)
    if invocation.output == "json":
        if collected:  # nothing on stdout when every request was refused
            from pgo_cli.output.json_out import merge_answers, write_document

            write_document(merge_answers([reply.raw for reply in collected]), out)
    elif invocation.output == "table" and command.table is not None:
        if collected:
            command.table(collected, invocation, out)
    elif not failed and command.empty_text is not None and not tracked.written:
        out.write(command.empty_text + "\n")
    if problems:
        from pgo_cli.cli.runtime import write_error

        out.flush()
        for problem in problems:
            write_error(problem)
        failed = True
    return (ExitCode.API_ERROR if failed else ExitCode.OK), answered


def _dry_run(plan: Plan, invocation: Invocation) -> None:
    from pgo_cli.output import dry_run
    from pgo_cli.wire import codec

    planned = []
    for call in plan.calls:
        body: Mapping[str, Any] | None = None
        secrets: frozenset[str] = frozenset()
        if call.request is not None:
            if isinstance(call.request, Mapping):
                body = dict(call.request)
            else:
                body = codec.to_wire(call.request)
                secrets = codec.secret_keys(type(call.request))
        target = call.endpoint.target(call.path, call.query)
        planned.append(dry_run.PlannedRequest(call.endpoint.method, target, body, secrets))
    session = invocation.session
    dry_run.write_requests(
        planned, session.settings, invocation.output == "json", invocation.io.stdout, env=session.env
    )


class _Tracked:
    """A text stream that remembers whether anything was written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.written = False

    def write(self, text: str) -> int:
        if text:
            self.written = True
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
