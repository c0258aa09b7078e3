"""``support export`` when a read fails after the cluster was found (listed, archive still written)
and on Ctrl-C (nothing written, exit 130); against a faked apiserver."""

from __future__ import annotations

import re
import tarfile
from pathlib import Path
from typing import Any

import pytest
import responses

from tests.nouns.migrate.test_failures import _fake
from tests.support.registry import URL, Runner

_ANY = re.compile(re.escape(URL) + r"/.*")


def _answer(request: Any) -> tuple[int, dict[str, str], str]:
    if str(request.url).startswith(URL + "/df"):
        return 502, {}, "bad gateway"
    return _fake(request)


def test_a_failed_read_is_listed_and_the_archive_written(
    run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path
) -> None:
    for method in ("GET", "POST"):
        mock_api.add_callback(method, _ANY, callback=_answer)
    target = tmp_path / "a.tar.gz"
    outcome = run_cli("support", "export", "hippo", "--output", str(target), "--timeout", "1")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == f"{target}\n"
    assert "warning: some reads failed (df.json); see LISTING.txt in the archive" in outcome.stderr
    with tarfile.open(target) as tar:
        names = {m.name.split("/", 1)[1] for m in tar.getmembers()}
        listing = next(
            tar.extractfile(m).read().decode() for m in tar.getmembers() if m.name.endswith("LISTING.txt")
        )  # type: ignore[union-attr]
    assert "df.json" not in names and "show-pvc.json" in names
    [line] = [line for line in listing.splitlines() if line.startswith("df.json")]
    assert "MISSING" in line and "pgo df hippo -o json -n pgo" in line and "502" in line


def test_ctrl_c_writes_nothing(
    run_cli: Runner, mock_api: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pgo_cli.errors import Interrupted
    from pgo_cli.sdk.transport import Transport

    real = Transport.call
    calls: list[str] = []

    def interrupt_third(self: Transport, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        if len(calls) == 3:
            raise Interrupted("interrupted")
        return real(self, method, path, *args, **kwargs)

    for method in ("GET", "POST"):
        mock_api.add_callback(method, _ANY, callback=_fake)
    monkeypatch.setattr(Transport, "call", interrupt_third)
    target = tmp_path / "a.tar.gz"
    outcome = run_cli("support", "export", "hippo", "--output", str(target))
    assert (outcome.code, outcome.stdout) == (130, "")
    assert outcome.error_lines() == ["Error: interrupted"]
    assert not target.exists()
