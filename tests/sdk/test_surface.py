"""The SDK's surface follows the registry: a typed call per command, its keywords are the flags.

Checked here once for all nouns, so that a flag added to a command without its SDK keyword (or a
command without its SDK call) fails the suite.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from typing import Any

import pytest

from pgo_cli.cli import programmatic
from pgo_cli.cli.command import Command
from pgo_cli.cli.registry import all_entries
from pgo_cli.client import LOCAL_COMMANDS, SDK_CALLS, Client
from pgo_cli.sdk.session import Settings

#: ``version`` has no SDK keyword: its one flag, ``--client``, answers without asking the server.
HAND_WRITTEN = {("version",)}

#: Flags where pgo tells "not typed" from "typed as the default": their keyword defaults to None.
TRI_STATE = {("create", "cluster"): {"sync_replication", "pgbackrest_s3_verify_tls"}}

ENTRIES = dict((entry.path, entry) for _, entry in all_entries())


def _method(name: str) -> Any:
    attribute, verb = name.split(".")
    return getattr(getattr(Client(Settings()), attribute), verb)


def test_every_command_has_an_sdk_call_or_is_local() -> None:
    assert set(SDK_CALLS) & LOCAL_COMMANDS == set()
    assert sorted(set(ENTRIES) - set(SDK_CALLS) - LOCAL_COMMANDS) == []
    assert sorted((set(SDK_CALLS) | LOCAL_COMMANDS) - set(ENTRIES)) == []


@pytest.mark.parametrize("path", sorted(SDK_CALLS), ids=" ".join)
def test_the_keywords_are_the_flags_with_their_defaults(path: tuple[str, ...]) -> None:
    method = _method(SDK_CALLS[path])
    assert inspect.getdoc(method), f"{SDK_CALLS[path]} has no docstring"
    command = ENTRIES[path]
    if not isinstance(command, Command) or path in HAND_WRITTEN:
        pytest.skip("an SDK call written by hand (tested by its own test)")
    parameters = inspect.signature(method).parameters
    keywords = {
        name: parameter.default
        for name, parameter in parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    expected: dict[str, Any] = {
        programmatic.keyword(flag): (() if flag.kind == "stringSlice" else flag.zero)
        for flag in programmatic.sdk_flags(command)
    }
    expected.update(dict.fromkeys(TRI_STATE.get(path, ()), None))
    expected["namespace"] = None
    if command.wait is not None:
        expected.update(wait=False, wait_timeout="10m")
    if path == ("create", "policy"):
        expected["sql"] = None  # the SQL text itself, which the command line reads from --in-file
    if path in (("failover",), ("restart",), ("scaledown",)):
        keywords.pop("query", None)  # the overloads' switch
        expected.pop("query", None)
    assert keywords == expected


def test_client_attributes_are_explicit_and_lazy() -> None:
    assert "__getattr__" not in vars(Client)
    probe = (
        "import json, sys\n"
        "from pgo_cli import Client\n"
        "from pgo_cli.sdk.session import Settings\n"
        "client = Client(Settings())\n"
        "before = sorted(m for m in sys.modules if m.startswith('pgo_cli.nouns.'))\n"
        "client.backups\n"
        "after = sorted(m for m in sys.modules if m.startswith('pgo_cli.nouns.'))\n"
        "print(json.dumps([before, after]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout)
    assert before == ["pgo_cli.nouns"] or before == []
    # nouns/shared/ is not a noun: it sits below the nouns (test_import_graph checks it)
    assert {name.split(".")[2] for name in after if name.count(".") >= 2} - {"shared"} == {"backup"}


def test_without_a_type_checker_a_wrong_type_is_a_type_error_before_sending() -> None:
    client = Client.from_environment({"PGO_APISERVER_URL": "http://127.0.0.1:9", "PGO_NAMESPACE": "pgo"})
    wrong: dict[str, Any] = {"replica_count": "2"}
    with pytest.raises(TypeError, match="option 'replica_count' takes an int, not str"):
        client.clusters.scale("hippo", **wrong)
    with pytest.raises(TypeError, match="option 'label' takes strings, not int"):
        client.clusters.label("hippo", labels=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="unexpected keyword argument 'replica_cout'"):
        client.clusters.scale("hippo", replica_cout=2)  # type: ignore[call-arg]


def test_the_typed_global_flags_are_the_global_flags() -> None:
    from pgo_cli.sdk.connection import GlobalFlags
    from pgo_cli.sdk.session import FLAG_NAMES

    assert sorted(GlobalFlags.__annotations__) == sorted(name.replace("-", "_") for name in FLAG_NAMES)
