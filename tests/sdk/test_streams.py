"""The SDK writes to no process stream of its own: warnings and ``debug:`` lines go where its
caller says (``pgo`` hands over its stderr), else through :mod:`warnings` and :mod:`logging`."""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

import pytest
import responses

from pgo_cli import Client
from pgo_cli.errors import PgoWarning
from pgo_cli.sdk.debuglog import LOGGER, DebugLog, forget_secrets, remember_secret
from pgo_cli.sdk.session import Settings

URL = "http://apiserver.test:8443"


def _readable_pgouser(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "pgouser"
    path.write_text("admin:s3cret-pw")
    path.chmod(0o644)
    return {"PGOUSER": str(path), "HOME": str(tmp_path)}


def test_a_credentials_warning_goes_to_the_callers_warn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    received: list[str] = []
    client = Client(Settings(apiserver_url=URL), env=_readable_pgouser(tmp_path), warn=received.append)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning through the warnings module would raise here
        assert client.credentials.username == "admin"
    assert len(received) == 1 and "chmod 600" in received[0]
    assert capsys.readouterr() == ("", "")


def test_without_warn_a_credentials_warning_is_a_python_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = Client(Settings(apiserver_url=URL), env=_readable_pgouser(tmp_path))
    with pytest.warns(PgoWarning, match="chmod 600"):
        assert client.credentials.username == "admin"
    assert capsys.readouterr() == ("", "")


@responses.activate
def test_debug_without_a_stream_goes_to_the_pgo_cli_logger(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    responses.get(f"{URL}/version", json={"Version": "4.7.4", "Code": "ok", "Msg": "apiserver version"})
    env = {"PGOUSERNAME": "admin", "PGOUSERPASS": "s3cret-pw", "HOME": str(tmp_path)}
    client = Client(Settings(apiserver_url=URL, debug=True), env=env)
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        assert client.version().version == "4.7.4"
    lines = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    assert any(line.startswith("debug: GET http://apiserver.test:8443/version") for line in lines), lines
    assert not any("s3cret-pw" in line for line in lines)
    assert capsys.readouterr() == ("", "")


def test_a_debug_log_with_a_stream_writes_its_lines_there() -> None:
    stream = io.StringIO()
    remember_secret("hunter2-x")
    try:
        DebugLog(stream).line("sent hunter2-x")
    finally:
        forget_secrets()
    assert stream.getvalue() == "debug: sent <redacted>\n"
