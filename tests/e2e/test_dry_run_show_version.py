"""``--dry-run`` on ``show cluster`` and ``version`` (issue 20 §5): the installed ``pgo`` prints the
request and nothing reaches a running emulator (counted by a relay in front of it); the printed
curl, run as printed, gets the emulator's answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.support.counting_proxy import CountingProxy
from tests.support.emulator import Emulator, running_with_clusters
from tests.support.proc import run_pgo


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    with running_with_clusters(tmp_path_factory.mktemp("dryshow"), "hippo") as emu:
        yield emu


@pytest.fixture
def proxy(emulator: Emulator) -> Iterator[CountingProxy]:
    with CountingProxy(emulator.port) as relay:
        yield relay


def _through(emulator: Emulator, proxy: CountingProxy) -> dict[str, str]:
    """The emulator's environment with pgo pointed at the relay."""
    return proxy.env(emulator.env())


def test_show_cluster_dry_run_sends_nothing(emulator: Emulator, proxy: CountingProxy) -> None:
    env = _through(emulator, proxy)
    printed = run_pgo(["show", "cluster", "hippo", "--dry-run"], env)
    assert (printed.code, printed.stderr) == (0, "")
    assert "-X POST" in printed.stdout and printed.stdout.rstrip().endswith(f"{proxy.url}/showclusters")
    assert '"clustername":"hippo"' in printed.stdout
    assert proxy.connections == 0
    # The same line without --dry-run goes through the relay: the count above can fail.
    assert run_pgo(["show", "cluster", "hippo"], env).code == 0
    assert proxy.connections > 0


@pytest.mark.parametrize("output", ["json", "yaml"])
def test_show_cluster_dry_run_as_a_document(emulator: Emulator, proxy: CountingProxy, output: str) -> None:
    env = _through(emulator, proxy)
    printed = run_pgo(["show", "cluster", "--all", "--dry-run", "-o", output], env)
    assert (printed.code, printed.stderr) == (0, "")
    import yaml  # the JSON document is YAML too

    document = yaml.safe_load(printed.stdout)
    assert document["method"] == "POST" and document["url"] == f"{proxy.url}/showclusters"
    assert document["body"]["allflag"] is True and document["body"]["namespace"] == "pgo"
    assert proxy.connections == 0


def test_version_dry_run_sends_nothing(emulator: Emulator, proxy: CountingProxy) -> None:
    env = _through(emulator, proxy)
    printed = run_pgo(["version", "--dry-run", "-o", "json"], env)
    assert (printed.code, printed.stderr) == (0, "")
    assert json.loads(printed.stdout) == {"method": "GET", "url": f"{proxy.url}/version", "body": None}
    assert proxy.connections == 0
    assert run_pgo(["version"], env).code == 0
    assert proxy.connections > 0


def test_version_client_dry_run_is_the_client_line(emulator: Emulator, proxy: CountingProxy) -> None:
    """``--client`` never sends; with ``--dry-run`` it prints what it always prints."""
    env = _through(emulator, proxy)
    for output, expected in (("pgo", "pgo client version 4.7.4\n"), ("yaml", "client: 4.7.4\n")):
        printed = run_pgo(["version", "--client", "--dry-run", "-o", output], env)
        assert (printed.code, printed.stdout, printed.stderr) == (0, expected, "")
    assert proxy.connections == 0


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(
    ("args", "check"),
    [
        (
            ["show", "cluster", "hippo"],
            lambda answer: answer["Results"][0]["cluster"]["spec"]["name"] == "hippo",
        ),
        (["version"], lambda answer: answer["Version"] == "4.7.4"),
    ],
    ids=["show cluster", "version"],
)
def test_the_printed_curl_runs(emulator: Emulator, args: list[str], check: object) -> None:
    env = emulator.env()
    printed = run_pgo([*args, "--dry-run"], env)
    assert printed.code == 0, printed.stderr
    completed = subprocess.run(
        ["bash", "-c", printed.stdout], env=env, capture_output=True, text=True, timeout=30
    )
    assert completed.returncode == 0, completed.stderr
    answer = json.loads(completed.stdout)
    assert answer["Code"] == "ok"
    assert callable(check) and check(answer)
