"""The context names TAB offers (``pgo __complete context``): read from the local contexts file,
no server asked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pgo_cli.cli.command import Completion


def contexts(environ: Mapping[str, str], args: Sequence[str]) -> Iterable[str]:
    """The contexts saved in the contexts file."""
    from pgo_cli.sdk.contexts import config_file, load

    return load(config_file(environ)).names()


COMPLETIONS = [Completion("context", local=contexts)]
