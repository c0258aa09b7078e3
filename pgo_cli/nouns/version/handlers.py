"""The emulator's ``/version`` (``internal/apiserver/versionservice``): no version check, any method."""

from __future__ import annotations

from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.nouns.version.endpoints import VERSION
from pgo_cli.nouns.version.messages import VersionResponse
from pgo_cli.wire.codec import ok_status


def handle_version(request: EmulatorRequest) -> VersionResponse:
    """``VersionHandler``: Authn for ``Version`` (done), then the version the emulator claims."""
    return VersionResponse(version=request.settings.version, status=ok_status("apiserver version"))


HANDLERS = {VERSION: handle_version}
