"""The command model: what a pgo command is, as data, and what it is handed when it runs.

A noun's ``commands`` module lists its leaf commands in ``COMMANDS``. Two shapes:

* :class:`Command` — a *request plan*: the path (``("update", "cluster")``), the flags (pflag
  semantics, as :class:`~pgo_cli.cli.flagspec.Flag` data), the positional arguments and what they
  complete, a pure ``plan`` function from the parsed :class:`Invocation` to the :class:`Call` (s)
  to send, pgo's text renderer, an optional terminal table, and whether the command writes and
  asks first. :mod:`pgo_cli.cli.runner` runs every one the same way.
* :class:`Local` — a command that is not a request plan (``doctor``, ``watch``, ``context …``,
  ``completion``): flags and arguments as data too, and a ``run`` function that receives the
  :class:`Invocation` (with its :class:`~pgo_cli.cli.io.IO`) and returns the exit code.

A noun's ``COMPLETIONS`` lists the kinds of name TAB offers from it (:class:`Completion`).

Discovery and the generated index are :mod:`pgo_cli.cli.registry`; running is
:mod:`pgo_cli.cli.runner`; ``--wait`` is :mod:`pgo_cli.cli.wait`. This module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from pgo_cli.cli.flagspec import Flag, split_slice
from pgo_cli.cli.prompt import NO_PROMPT_HELP
from pgo_cli.wire.endpoint import Endpoint

if TYPE_CHECKING:
    from pgo_cli.cli.io import IO
    from pgo_cli.cli.runtime import Session
    from pgo_cli.sdk.connection import Connection
    from pgo_cli.sdk.session import Settings

#: The flag every prompting command carries (pgo's ``--no-prompt``; ``--yes`` as an alias).
NO_PROMPT = Flag("no-prompt", "bool", NO_PROMPT_HELP, extra_names=("yes",))

#: pgo's ``--no-prompt`` on a command that never asks (pgo accepts it there; so do we).
NO_PROMPT_IGNORED = Flag("no-prompt", "bool", "Accepted, as pgo accepts it; this command never asks.")

#: Added to every command whose pgo flags have no ``--output``.
OUTPUT = Flag(
    "output",
    "string",
    "Output: pgo (pgo's text; the default when piped), json (one JSON document), yaml (the same document "
    "as YAML), table (terminal default, where the command has one), wide (the table with every column).",
    short="o",
    metavar="FORMAT",
)

#: Added to every command that has a terminal table (kubectl's ``-o wide`` as a flag).
WIDE = Flag("wide", "bool", "On a terminal, the table with every column (the same as -o wide).")

#: Added to every command that sends something, unless pgo itself has a ``--dry-run``.
DRY_RUN = Flag(
    "dry-run", "bool", "Send nothing: print the request(s) as curl commands (or JSON with -o json)."
)


#: The flags of every command that can wait.
WAIT_FLAGS = (
    Flag("wait", "bool", "After the request is accepted, wait until the operation has visibly finished."),
    Flag(
        "wait-timeout",
        "string",
        "How long --wait waits in all, e.g. 90s, 10m, 1h (default 10m).",
        default="10m",
        metavar="DURATION",
    ),
)


@dataclass(frozen=True)
class Args:
    """The positional arguments of a command.

    ``count``: ``"any"`` (zero or more), ``"some"`` (at least one), ``"one"`` (exactly one),
    ``"optional"`` (zero or one), ``"none"``. ``completes`` names what TAB offers (``cluster``).
    A :class:`Command` checks the count in its plan (pgo's own messages); a :class:`Local` has
    click check it, and ``choices`` too, unless ``own_check`` (it checks them itself, with its
    own messages, as pgo does for ``watch``: the usage line still shows ``count``).
    """

    metavar: str = "NAME"
    count: str = "any"
    completes: str | None = None
    choices: tuple[str, ...] = ()
    own_check: bool = False

    @property
    def nargs(self) -> int:
        return {"any": -1, "some": -1, "one": 1, "optional": 1, "none": 0}[self.count]

    @property
    def usage(self) -> str:
        """As the help shows them: ``CLUSTER``, ``[CLUSTER]``, ``CLUSTER...``, ``[CLUSTER]...``."""
        words = self.metavar
        shown = {"one": words, "optional": f"[{words}]", "some": f"{words}...", "any": f"[{words}]..."}
        return shown.get(self.count, "")


@dataclass
class Call:
    """One request of a plan: the endpoint, its body (a message dataclass), path and query values."""

    endpoint: Endpoint
    request: Any = None
    path: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    #: What this call acts on (a cluster name …), for the caller's renderers and hints.
    target: str = ""
    #: How to check whether this call, if it may have reached the server, was carried out
    #: (default: the plan's ``check``).
    check: str | None = None
    #: Secret body keys the command read from a file → that file (``--dry-run``'s curl command
    #: reads the file itself instead of printing the secret).
    secret_files: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    """What a command will do, worked out before anything is sent.

    ``prompt`` is pgo's question (None: none is asked), ``warnings`` are the lines pgo prints before
    it; ``check`` tells the user how to see whether a write that may have reached the server was
    applied. With ``stop_on_error`` the calls stop at the first refused one (pgo's ``scale``).
    """

    calls: list[Call]
    prompt: str | None = None
    warnings: Sequence[str] = ()
    check: str | None = None
    stop_on_error: bool = False
    #: Lines written to stdout when the plan has no call at all (pgo's ``No clusters found.``).
    nothing: str | None = None


@dataclass(frozen=True)
class Waiting:
    """What ``--wait`` polls: the probe, what the operation is, and how to check it by hand."""

    probe: Callable[[], Any]
    what: str
    check: str


TextRenderer = Callable[["Reply", "Invocation", TextIO], None]
TableRenderer = Callable[[Sequence["Reply"], "Invocation", TextIO], None]


@dataclass(frozen=True)
class Command:
    """One leaf command of pgo, described as data."""

    path: tuple[str, ...]
    summary: str
    help: str
    flags: tuple[Flag, ...]
    plan: Callable[[Invocation], Plan]
    text: TextRenderer
    args: Args = Args(count="none")
    table: TableRenderer | None = None
    writes: bool = False
    #: Whether the command can ask (the plan decides when); needs :data:`NO_PROMPT` in ``flags``.
    prompts: bool = False
    #: pgo's own ``--dry-run`` (sent to the server) replaces ours on ``apply`` and ``label``.
    client_dry_run: bool = True
    #: Render refused answers too, after their Error line (pgo prints ``reload``'s Results anyway).
    text_on_error: bool = False
    #: Exit status when the user answers no (pgo exits 2 for scale and scaledown).
    declined_exit: int = 0
    #: Written after the answers when every call succeeded and the text renderer wrote nothing.
    empty_text: str | None = None
    #: Rewrites a refusal's ``Msg`` before it is printed (pgo's ``failover`` strips ``Error: ``).
    error_text: Callable[[str], str] | None = None
    #: The failures inside an accepted answer (per-cluster rows with ``Error: true`` …): each is
    #: one ``Error:`` line on stderr after the output, and the command exits 1, in every format.
    problems: Callable[[Reply], Sequence[str]] | None = None
    #: ``--wait``: given the invocation and the accepted answers, the probe that polls until the
    #: operation has visibly finished, what it is (``hippo: create``) and how to check by hand.
    #: Several waits (one per deleted selection …) run one after the other.
    wait: Callable[[Invocation, Sequence[Reply]], Waiting | Sequence[Waiting]] | None = None
    #: Arguments after the path for a typical run that sends requests (the cross-cutting test
    #: matrices run it); by default a cluster name when the command takes names, plus
    #: ``--no-prompt`` when it prompts.
    example: tuple[str, ...] | None = None
    #: ``-o name``: writes the names of one answer, one per line (``show cluster``); None: no
    #: ``-o name``.
    names: TextRenderer | None = None
    #: Answers may hold thousands of objects (``show cluster --all``): ``-o json`` passes them
    #: through as they came, without the typed decoding (only the status and the shape of the
    #: lists are checked), and they are decoded and printed without the cyclic garbage collector.
    large_answers: bool = False
    #: ``-o json``: the document made of the answers (default: the answers merged as they came).
    document: Callable[[Sequence[Reply], Invocation], Any] | None = None

    @property
    def name(self) -> str:
        return self.path[-1]

    def all_flags(self) -> tuple[Flag, ...]:
        """pgo's flags plus the ones every command of this kind gets (``-o``, ``--dry-run``)."""
        names = {flag.name for flag in self.flags}
        extra: list[Flag] = []
        if "output" not in names:
            extra.append(OUTPUT)
        if self.table is not None and "wide" not in names:
            extra.append(WIDE)
        if self.client_dry_run and "dry-run" not in names:
            extra.append(DRY_RUN)
        if self.wait is not None:
            extra.extend(flag for flag in WAIT_FLAGS if flag.name not in names)
        return (*self.flags, *extra)

    def example_args(self) -> tuple[str, ...]:
        """``example``, or the default one (see there)."""
        if self.example is not None:
            return self.example
        args: tuple[str, ...] = ("hippo",) if self.args.count != "none" else ()
        return (*args, "--no-prompt") if self.prompts else args

    def formats(self) -> tuple[str, ...]:
        """The ``-o`` values this command accepts."""
        table = ("table", "wide") if self.table is not None else ()
        names = ("name",) if self.names is not None else ()
        return (*table, "pgo", "json", "yaml", *names)


@dataclass(frozen=True)
class Local:
    """A command that is not a request plan: it runs itself with the :class:`Invocation` it is given.

    ``run`` returns the exit code (None: 0) and raises :class:`~pgo_cli.errors.PgoError` for the
    boundary to report. It writes only to ``invocation.io``.
    """

    path: tuple[str, ...]
    summary: str
    help: str
    run: Callable[[Invocation], int | None]
    flags: tuple[Flag, ...] = ()
    args: Args = Args(count="none")
    #: Left out of ``--help`` listings (``pgo __complete``).
    hidden: bool = False
    #: A usage error ends the command silently with exit 0, unknown flags are ignored
    #: (``pgo __complete``: a TAB must never print an error into the command line).
    lenient: bool = False

    @property
    def name(self) -> str:
        return self.path[-1]

    def all_flags(self) -> tuple[Flag, ...]:
        return self.flags


Entry = Command | Local

#: Lists names from the apiserver: the connection, its settings and the positional arguments
#: after the kind (``pgo __complete backup -- hippo``: ``["hippo"]``) give the names.
ServerLister = Callable[["Connection", "Settings", Sequence[str]], Iterable[str]]
#: Lists names without a server: the environment and the positional arguments give the names.
LocalLister = Callable[[Mapping[str, str], Sequence[str]], Iterable[str]]


@dataclass(frozen=True)
class Completion:
    """A kind of name that TAB offers (a flag's or arguments' ``completes``), as data.

    A noun lists its kinds in ``COMPLETIONS`` (any module of the noun; by convention
    ``completion.py``); the generated index maps each kind to its module, so ``pgo __complete
    KIND`` (:mod:`pgo_cli.cli.complete_cmd`) imports that noun alone. Exactly one lister:
    ``server`` makes one read-only call; ``local`` asks no server. With ``needs_cluster`` the names
    belong to the cluster named first after the kind: without a valid Kubernetes object name
    there, there are no names and nothing is asked.
    """

    kind: str
    server: ServerLister | None = None
    local: LocalLister | None = None
    needs_cluster: bool = False

    def __post_init__(self) -> None:
        if (self.server is None) == (self.local is None):
            raise ValueError(f"completion {self.kind!r}: give exactly one of server= and local=")


@dataclass
class Reply:
    """One answered call: the call, the decoded response and the JSON as it came."""

    call: Call
    response: Any
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Invocation:
    """A parsed command line: flag values, which flags were typed, the arguments, the I/O.

    ``global_flags`` holds the global flags that were typed (``apiserver-url`` → value); the
    session (settings and client) is resolved from them and ``io.environ`` on first use.
    """

    command: Command | Local
    io: IO
    values: dict[str, Any]
    typed: frozenset[str]
    args: tuple[str, ...]
    output: str = "pgo"
    #: ``-o wide`` or ``--wide``: the table (when it is the output) with every column.
    wide: bool = False
    global_flags: Mapping[str, Any] = field(default_factory=dict)
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

    def typed_global(self, name: str) -> Any:
        """A global flag's value if it was typed on the line, else None (no environment)."""
        return self.global_flags.get(name)

    @property
    def session(self) -> Session:
        if self._session is None:
            from pgo_cli.cli.runtime import Session

            self._session = Session.resolve(self.global_flags, self.io)
        return self._session

    def namespace(self) -> str:
        """The namespace to send (refused when empty, before anything is sent)."""
        return self.session.namespace()

    @property
    def client_version(self) -> str:
        return self.session.settings.client_version

    def client(self) -> Connection:
        return self.session.client()
