"""``pgo watch TOPIC``: print the operator's events (its NSQ event stream) as they happen.

No HTTP and no apiserver: like pgo, the command consumes ``TOPIC`` from nsqd at
``--pgo-event-address`` on an ephemeral channel ``tail<6 digits>#ephemeral`` and prints
``<topic> | <body>`` for each message, until Ctrl-C. The configuration pgo reads for every other
command (``PGO_APISERVER_URL``, certificates, pgouser) is not needed.
"""

from __future__ import annotations

import contextlib
import random
import socket
from typing import TextIO

from pgo_cli.cli.command import Args, Invocation, Local
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import Interrupted, ResponseError, TransportError, UsageError
from pgo_cli.wire import nsq

DEFAULT_ADDRESS = "localhost:14150"

FLAGS: tuple[Flag, ...] = (
    Flag(
        "pgo-event-address",
        "string",
        "The address (host:port) where the event stream is.",
        short="a",
        default=DEFAULT_ADDRESS,
        metavar="HOST:PORT",
    ),
)

HELP = (
    "WATCH allows you to watch event information for the postgres-operator. For example:\n\n"
    "  pgo watch --pgo-event-address=localhost:14150  alltopic\n\n"
    "  pgo watch alltopic\n\n"
    'Prints "<topic> | <event JSON>" for each event until Ctrl-C. Topics: alltopic, clustertopic, '
    "backuptopic, policytopic, pgadmintopic, pgbouncertopic, pgotopic, pgousertopic, upgradetopic.\n\n"
    "Needs no apiserver configuration, only the event stream (nsqd; pgo-emulator serves one on its "
    "--nsq-port, default 14150). Exit status: 130 on Ctrl-C, 4 when the stream cannot be reached or "
    "closes the connection, 2 without a topic.\n"
)


def channel_name(rng: random.Random | None = None) -> str:
    """pgo's channel: ``fmt.Sprintf("tail%06d#ephemeral", rand.Int()%999999)``."""
    return f"tail{(rng or random.Random()).randrange(999999):06d}#ephemeral"


def write_message(topic: str, body: bytes, out: TextIO) -> None:
    """``<topic> | <body>`` and a newline, written and flushed at once (pgo writes the raw body)."""
    line = topic.encode("utf-8") + b" | " + body + b"\n"
    out.flush()
    raw = getattr(out, "buffer", None)
    if raw is not None:
        raw.write(line)
        raw.flush()
    else:
        out.write(line.decode("utf-8", "replace"))
        out.flush()


def watch(topic: str, address: str, out: TextIO, channel: str | None = None) -> None:
    """Consume ``topic`` until interrupted (KeyboardInterrupt propagates) or the stream ends."""
    if not nsq.valid_name(topic):
        # go-nsq's NewConsumer refuses it before dialling (pgo: logrus fatal, exit 1).
        raise UsageError("invalid topic name", hint="a topic is 1-64 of a-z A-Z 0-9 . _ -, e.g. alltopic")
    from pgo_cli.cli.collector import collect_cycles

    collect_cycles()  # it runs until interrupted
    try:
        consumer = nsq.Consumer(address, topic, channel or channel_name())
    except ValueError as exc:
        raise UsageError(str(exc), hint="--pgo-event-address HOST:PORT, e.g. localhost:14150") from None
    try:
        try:
            consumer.connect()
        except (OSError, nsq.Closed) as exc:
            raise TransportError(f"cannot connect to the event stream at {address}: {_reason(exc)}") from None
        messages = consumer.messages()
        while True:
            try:
                message = next(messages)
            except StopIteration:
                break
            except nsq.Closed:
                raise TransportError(f"the event stream at {address} closed the connection") from None
            except TimeoutError:
                raise TransportError(f"the event stream at {address} sent nothing for 60s") from None
            except OSError as exc:
                raise TransportError(f"the event stream at {address}: {_reason(exc)}") from None
            # Outside the stream's error handling: a closed stdout (`pgo watch alltopic | head -1`)
            # is not the stream's fault; its BrokenPipeError ends pgo with 141 at the boundary.
            write_message(topic, message.body, out)
        raise TransportError(f"the event stream at {address} closed the connection")
    except nsq.ProtocolError as exc:
        raise ResponseError(f"the event stream at {address}: {exc}", sent=None) from None
    finally:
        consumer.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return exc.strerror or str(exc)
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _run(invocation: Invocation) -> None:
    if not invocation.args:
        raise UsageError("topic is required")
    io = invocation.io
    try:
        # pgo reads args[0] and ignores the rest.
        watch(invocation.args[0], str(invocation.value("pgo-event-address") or DEFAULT_ADDRESS), io.stdout)
    except KeyboardInterrupt:
        # Ctrl-C is how a watch ends: exit 130 with the one line every command prints, not
        # click's blank line before it. On a terminal, start a line after the echoed ^C.
        with contextlib.suppress(OSError, ValueError):
            if io.stderr_tty:
                io.stderr.write("\n")
        raise Interrupted("interrupted") from None


COMMANDS = [
    Local(
        ("watch",),
        "Print watch information for the PostgreSQL Operator.",
        HELP,
        _run,
        flags=FLAGS,
        args=Args(metavar="TOPIC", count="one", own_check=True),
    )
]
