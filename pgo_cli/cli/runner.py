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

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from pgo_cli.cli.command import Call, Command, Invocation, Local, Plan, Reply, TextRenderer, Waiting
from pgo_cli.cli.flagspec import PflagShorthands, given
from pgo_cli.cli.helpview import HelpScreens
from pgo_cli.cli.io import IO
from pgo_cli.cli.runtime import context_io, typed_globals
from pgo_cli.errors import ApiError, ExitCode, PgoError, UsageError

if TYPE_CHECKING:
    from pgo_cli.cli.large import Fetched
    from pgo_cli.sdk.connection import Connection

_CONTEXT = {"help_option_names": ["-h", "--help"]}

#: Set by :func:`pgo_cli.cli.app.plan` on the click context: stop once the plan is made.
PLAN_ONLY_KEY = "pgo.plan_only"


class Planned(Exception):
    """Raised instead of sending when only the plan was asked for (:func:`pgo_cli.cli.app.plan`)."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("planned")
        self.plan = plan


def build(command: Command | Local) -> click.Command:
    """The click command of a registered :class:`Command` or :class:`Local`.

    Its callback is the one place where click's context is read: the typed flags, the global
    flags and the boundary's :class:`IO` become an :class:`Invocation`.
    """
    params: list[click.Parameter] = [flag.option() for flag in command.all_flags()]
    if command.args.count != "none":
        params.append(_argument(command))

    def callback(**values: Any) -> int:
        ctx = click.get_current_context()
        raw = values.pop("args", ())
        args = (raw,) if isinstance(raw, str) else tuple(raw or ())
        typed = frozenset(flag.name for flag in command.all_flags() if given(ctx, flag))
        invocation = Invocation(
            command, context_io(ctx), values, typed, args, global_flags=typed_globals(ctx)
        )
        if isinstance(command, Local):
            return command.run(invocation) or ExitCode.OK
        if ctx.meta.get(PLAN_ONLY_KEY):
            raise Planned(make_plan(invocation))
        return execute(invocation)

    settings: dict[str, Any] = dict(_CONTEXT)
    lenient = isinstance(command, Local) and command.lenient
    if lenient:
        settings["ignore_unknown_options"] = True
    built = (_Lenient if lenient else _Leaf)(
        name=command.name,
        params=params,
        callback=callback,
        help=command.help,
        short_help=command.summary,
        context_settings=settings,
        no_args_is_help=False,
        hidden=isinstance(command, Local) and command.hidden,
    )
    built.pgo_completes = command.args.completes  # type: ignore[attr-defined]
    return built


def _argument(command: Command | Local) -> click.Argument:
    spec = command.args
    shown = {"metavar": spec.usage, "help": _how_many(command)}
    if isinstance(command, Command) or spec.own_check:
        # pgo checks the count itself, with its own messages: the plan (or the command) does it.
        return _Positional(**shown, nargs=-1, required=False)
    kind: Any = click.Choice(spec.choices) if spec.choices else str
    if spec.count in ("one", "optional"):
        return _Positional(**shown, nargs=1, required=spec.count == "one", type=kind)
    return _Positional(**shown, nargs=-1, required=spec.count == "some", type=kind)


def _how_many(command: Command | Local) -> str:
    """How many arguments the command takes, in words (the help's Arguments panel)."""
    count = command.args.count
    first, *rest = command.args.metavar.lower().split()
    if rest and count == "some":  # cat CLUSTER PATH...
        return f"One {first}, then one or more {rest[-1]}s."
    if count == "any":
        names = {flag.name for flag in command.all_flags()}
        instead = [f"--{name}" for name in ("all", "selector") if name in names]
        return "Any number" + (f", or none with {' or '.join(instead)}." if instead else ".")
    return {"one": "Exactly one.", "optional": "At most one.", "some": "One or more."}.get(count, "")


class _Positional(click.Argument):
    """The positional arguments, shown as the user types them (``usage``: ``CLUSTER``,
    ``[NAME]...``) and not under the internal parameter name (``args``) in the help's panel."""

    def __init__(self, *, help: str, **kwargs: Any) -> None:
        super().__init__(param_decls=["args"], **kwargs)
        self.opts = []
        self.help = help  # click's Argument takes no help; helpview reads it from here

    def make_metavar(self, ctx: click.Context) -> str:
        return self.metavar or ""


class _Leaf(PflagShorthands, HelpScreens, click.Command):
    """A leaf command: click's parameters, pgo's help screen (:mod:`pgo_cli.cli.helpview`)."""


class _Lenient(_Leaf):
    """A command whose usage errors (a flag without its value, …) end it silently with exit 0."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.ClickException:
            ctx.exit(0)


def make_plan(invocation: Invocation) -> Plan:
    """The command's plan for ``invocation``: steps 1 and 2 of :func:`execute` (deprecation notes,
    ``-o``, ``--wait-timeout``, the plan); raises :class:`~pgo_cli.errors.UsageError` for bad
    input. Nothing is sent."""
    command = invocation.command
    assert isinstance(command, Command)
    _prepare(invocation, command)
    return command.plan(invocation)


def _prepare(invocation: Invocation, command: Command) -> float | None:
    """Deprecation notes, ``-o`` and ``--wait-timeout`` (in seconds, when ``--wait`` is given)."""
    for flag in command.flags:
        if flag.deprecated and invocation.given(flag.name):
            invocation.io.warn(f"Flag --{flag.name} has been deprecated, {flag.deprecated}")
    invocation.output = choose_output(invocation)
    if command.wait is not None and invocation.values.get("wait"):
        from pgo_cli.cli.wait import parse_duration

        return parse_duration(str(invocation.value("wait-timeout")))
    return None


def choose_output(invocation: Invocation) -> str:
    """``-o``: as asked, else the table on a terminal (where there is one) and pgo's text otherwise."""
    command = invocation.command
    assert isinstance(command, Command)
    formats = command.formats()
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
    assert isinstance(command, Command)
    io = invocation.io
    wait_timeout = _prepare(invocation, command)
    plan = command.plan(invocation)
    if command.client_dry_run and invocation.values.get("dry_run"):
        if plan.calls or plan.nothing is None:
            _dry_run(plan, invocation)
            return ExitCode.OK
        # A plan that sends nothing anyway (``version --client``) prints what it always prints.
        io.stdout.write(plan.nothing + "\n")
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
    waits = command.wait(invocation, replies)
    for waiting in [waits] if isinstance(waits, Waiting) else waits:
        code = (
            wait_for(waiting.probe, what=waiting.what, check=waiting.check, timeout=wait_timeout, io=io)
            or code
        )
    return code


def _write_lines(lines: Sequence[str], io: IO) -> None:
    for line in lines:
        io.stderr.write(line + "\n")
    io.stderr.flush()


def _send(plan: Plan, invocation: Invocation) -> tuple[int, list[Reply]]:
    command = invocation.command
    assert isinstance(command, Command)
    if not command.large_answers:
        return _send_all(plan, invocation, command)
    with _no_cycle_collection():
        return _send_all(plan, invocation, command)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Run without Python's cyclic garbage collector (reference counting still frees everything).

    Decoding and printing a large answer allocates a great many small objects and no cycles; the
    collector would walk them again and again for nothing to free (~120 ms of the ~530 ms of
    ``show cluster --all`` for 2,000 clusters).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _send_all(plan: Plan, invocation: Invocation, command: Command) -> tuple[int, list[Reply]]:
    raw_json = command.large_answers and invocation.output in ("json", "yaml")
    # Large answers are read one element at a time as they are printed (cli/large.py).
    # Not where a problems hook reads every row first (show user's failed rows): each row would
    # be decoded twice.
    lazy = command.large_answers and not raw_json and command.problems is None
    fetched: dict[int, Fetched] = {}
    tracked = _Tracked(invocation.io.stdout)
    out = cast(TextIO, tracked)
    client = invocation.client()
    failed = False
    collected: list[Reply] = []
    answered: list[Reply] = []
    problems: list[str] = []
    for call in plan.calls:
        try:
            if raw_json:
                raw = _raw_answer(client, call)
                # The problems hook reads the typed answer (e.g. a failed row of show user).
                typed = _decode_raw(client, call, raw) if command.problems is not None else None
                reply = Reply(call, typed, raw)
            elif lazy:
                from pgo_cli.cli.large import fetch

                got = fetch(client, call.endpoint, call.request, path=call.path, query=call.query)
                reply = Reply(call, got.response, got.raw)
                fetched[id(reply)] = got
            else:
                answer = client.call(call.endpoint, call.request, path=call.path, query=call.query)
                reply = Reply(call, answer.response, answer.raw)
        except ApiError as error:
            failed = True
            message = command.error_text(error.message) if command.error_text else error.message
            invocation.io.error(message, error.hint)
            if command.text_on_error and invocation.output == "pgo" and error.response is not None:
                command.text(Reply(call, error.response), invocation, out)
                out.flush()
            if plan.stop_on_error:
                break
            continue
        except PgoError as error:
            if not call.endpoint.read:
                from pgo_cli.cli.runtime import note_if_sent

                note_if_sent(error, call.check or plan.check)
            raise
        answered.append(reply)
        if command.problems is not None:
            problems.extend(command.problems(reply))
        if invocation.output in ("pgo", "name"):
            each = command.text if invocation.output == "pgo" else command.names
            assert each is not None
            _render(out, [reply], fetched, client, _each(each, invocation))
            out.flush()
        else:
            collected.append(reply)
    if invocation.output in ("json", "yaml"):
        if collected:  # nothing on stdout when every request was refused
            from pgo_cli.output.json_out import merge_answers, write_document, write_yaml

            if command.document is not None:
                document = command.document(collected, invocation)
            else:
                document = merge_answers([reply.raw for reply in collected])
            (write_yaml if invocation.output == "yaml" else write_document)(document, out)
    elif invocation.output == "table" and command.table is not None:
        table = command.table
        if collected:
            _render(
                out, collected, fetched, client, lambda replies, stream: table(replies, invocation, stream)
            )
    elif not failed and command.empty_text is not None and not tracked.written:
        out.write(command.empty_text + "\n")
    if problems:
        out.flush()
        for problem in problems:
            invocation.io.error(problem)
        failed = True
    return (ExitCode.API_ERROR if failed else ExitCode.OK), answered


def _each(render: TextRenderer, invocation: Invocation) -> Callable[[Sequence[Reply], TextIO], None]:
    def write(replies: Sequence[Reply], stream: TextIO) -> None:
        for reply in replies:
            render(reply, invocation, stream)

    return write


def _render(
    out: TextIO,
    replies: Sequence[Reply],
    fetched: Mapping[int, Fetched],
    client: Connection,
    render: Callable[[Sequence[Reply], TextIO], None],
) -> None:
    """``render`` the replies to ``out``; those read lazily through :func:`pgo_cli.cli.large.rendered`
    (all of it written only once every element has been read, as pgo's decoding of the whole answer)."""
    sources = [fetched.get(id(reply)) for reply in replies]
    if not any(sources):
        render(replies, out)
        return
    from pgo_cli.cli.large import rendered

    answers = [source for source in sources if source is not None]

    def again(responses: Sequence[Any], stream: TextIO) -> None:
        render(
            [Reply(r.call, response, r.raw) for r, response in zip(replies, responses, strict=True)], stream
        )

    out.write(rendered(client, answers, again))


def _raw_answer(client: Connection, call: Call) -> Mapping[str, Any]:
    """The answer to ``call`` as decoded JSON, for ``-o json`` of large answers.

    Only the status and the shape of the answer's lists of structs are checked: the document is
    printed as sent, so the typed decoding of every object (~80 ms for 2,000 clusters) would be
    thrown away.
    """
    from dataclasses import make_dataclass, replace

    from pgo_cli.wire import codec

    status_only = make_dataclass("StatusOnly", [("status", codec.Status, codec.status())])
    answer = client.call(
        replace(call.endpoint, response=status_only),
        call.request,
        path=call.path,
        query=call.query,
        check_status=False,
    )
    codec.check_lists(
        call.endpoint.response, answer.raw, where=f"{call.endpoint.method} {call.endpoint.path}"
    )
    client.raise_for_status(answer.response.status, answer.response)
    return answer.raw


def _decode_raw(client: Connection, call: Call, raw: Mapping[str, Any]) -> Any:
    """The typed response of an answer read by :func:`_raw_answer` (its status already checked)."""
    target = call.endpoint.target(call.path, call.query)
    return client.decode_answer(call.endpoint, target, raw, check_status=False).response


def _dry_run(plan: Plan, invocation: Invocation) -> None:
    from pgo_cli.output import dry_run
    from pgo_cli.wire import codec

    planned = []
    for call in plan.calls:
        body: Mapping[str, Any] | None = None
        secrets: Mapping[str, str] = {}
        if call.request is not None:
            body = codec.to_wire(call.request)
            secrets = codec.secret_variables(type(call.request))
        target = call.endpoint.target(call.path, call.query)
        planned.append(
            dry_run.PlannedRequest(call.endpoint.method, target, body, secrets, dict(call.secret_files))
        )
    session = invocation.session
    dry_run.write_requests(
        planned,
        session.settings,
        invocation.output in ("json", "yaml"),
        invocation.io.stdout,
        env=session.env,
        yaml=invocation.output == "yaml",
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
