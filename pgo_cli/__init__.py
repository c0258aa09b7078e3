"""pgo_cli: a Python client for the Crunchy PostgreSQL Operator 4.x apiserver.

``from pgo_cli import Client`` gives the scripting API; the ``pgo`` command is a thin layer over it.
Heavy modules are imported lazily so that ``pgo --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pgo_cli.release import PGO_VERSION, __version__

if TYPE_CHECKING:
    from pgo_cli.client import Client as Client

__all__ = ["PGO_VERSION", "Client", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Client":
        from pgo_cli.client import Client

        return Client
    raise AttributeError(f"module 'pgo_cli' has no attribute {name!r}")
