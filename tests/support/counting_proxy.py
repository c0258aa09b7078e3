"""A TCP relay in front of a real server that counts the connections made through it.

Put it between ``pgo`` and a running ``pgo-emulator`` (TLS passes through untouched, the
emulator's certificate names 127.0.0.1 whatever the port) to say whether a command reached the
server at all: ``--dry-run`` and refusals before sending must leave :attr:`connections` at 0.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType


@dataclass
class CountingProxy:
    """Relays 127.0.0.1:``port`` to 127.0.0.1:``target`` and counts accepted connections."""

    target: int
    connections: int = 0
    _listener: socket.socket = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def env(self, server_env: Mapping[str, str]) -> dict[str, str]:
        """``server_env`` (e.g. ``Emulator.env()``) with ``pgo`` pointed at the relay instead."""
        return {**server_env, "PGO_APISERVER_URL": self.url}

    def close(self) -> None:
        self._listener.close()

    def __enter__(self) -> CountingProxy:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)
