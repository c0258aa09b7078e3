"""Command lines the apiserver would accept but that cannot do what their flags ask (issue 20 §3):
the installed ``pgo`` refuses them with exit 2, one ``Error:`` line and a ``hint:``, and nothing
reaches a running emulator (a relay in front of it counts the connections)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.counting_proxy import CountingProxy
from tests.support.emulator import Emulator, running_with_clusters
from tests.support.proc import run_pgo

REFUSED = [
    ["restore", "hippo", "--pitr-target=2021-06-30 11:59:59+00", "--no-prompt"],
    ["restore", "hippo", "--backup-opts=--type=lsn", "--no-prompt"],
    [
        "restore",
        "hippo",
        "--pitr-target=2021-06-30 11:59:59+00",
        "--backup-opts=--type=immediate",
        "--no-prompt",
    ],
    ["scaledown", "hippo", "--no-prompt"],
    ["backup", "hippo", "--backup-type=pgdump", "--pgbackrest-storage-type=s3"],
    [
        "create",
        "schedule",
        "hippo",
        "--schedule=0 1 * * *",
        "--schedule-type=pgbackrest",
        "--pgbackrest-backup-type=full",
        "--schedule-opts=--type=diff",
    ],
    ["create", "cluster", "rhino", "--restore-from=hippo", "--restore-opts=--type=time"],
    ["create", "cluster", "rhino", "--restore-from=hippo", "--restore-opts=--target=2021-06-30"],
]


@pytest.fixture(scope="module")
def relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Emulator, CountingProxy]]:
    with running_with_clusters(tmp_path_factory.mktemp("refusals")) as emu, CountingProxy(emu.port) as proxy:
        yield emu, proxy


def _env(relay: tuple[Emulator, CountingProxy]) -> dict[str, str]:
    emulator, proxy = relay
    return proxy.env(emulator.env())


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_refused_before_anything_is_sent(relay: tuple[Emulator, CountingProxy], args: list[str]) -> None:
    before = relay[1].connections
    for dry_run in ([], ["--dry-run"]):
        result = run_pgo([*args, *dry_run], _env(relay))
        assert (result.code, result.stdout) == (2, ""), result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 2 and lines[0].startswith("Error: ") and lines[1].startswith("hint: ")
    assert relay[1].connections == before


def test_the_relay_counts(relay: tuple[Emulator, CountingProxy]) -> None:
    """A line that sends goes through the relay, so the counts above can fail."""
    before = relay[1].connections
    assert run_pgo(["version"], _env(relay)).code == 0
    assert relay[1].connections > before
