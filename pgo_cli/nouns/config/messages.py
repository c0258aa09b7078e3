"""``pkg/apiservermsgs/configmsgs.go``: ``ShowConfigResponse{Result interface{}, Status}``.

``Result`` is the apiserver's ``config.PgoConfig`` (``internal/config/pgoconfig.go``), which the
client decodes into an ``interface{}``: a plain JSON value here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgo_cli.wire.codec import Status, key, status


@dataclass
class ShowConfigResponse:
    """Answer of ``GET /config``."""

    result: Any = key("Result", None)
    status: Status = status()
