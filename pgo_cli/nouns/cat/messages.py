"""``pkg/apiservermsgs/catmsgs.go`` (pgo 4.7.4). ``CatRequest`` has no ClientVersion."""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CatRequest:
    """Body of ``POST /cat``: ``Args`` is ``[cluster, path, …]`` as typed."""

    namespace: str = key("Namespace", "")
    args: list[str] | None = key("Args", None)


@dataclass
class CatResponse:
    """Answer of ``POST /cat``: one result, the concatenated files."""

    results: list[str] | None = key("Results", None)
    status: Status = status()
