"""The completion scripts loaded into real shells: bash always, zsh and fish where installed.

Each test completes a command line and checks the candidates. A ``pgo`` shim first on PATH records
every call, proving that commands and flags complete from static data (no process) while names are
asked from a running emulator: clusters through ``pgo show cluster``, namespaces, pgousers,
pgoroles, policies, schedules and backup labels through ``pgo __complete`` (contexts too, from the
local contexts file).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.completions.conftest import COMPLETIONS, Shim, shell_or_skip
from tests.support.emulator import Emulator
from tests.support.proc import base_env, pgo_executable

PGBACKREST_FLAGS = {
    "--pgbackrest-storage-type",
    "--pgbackrest-s3-bucket",
    "--pgbackrest-pvc-size",
    "--pgbackrest-gcs-key-type",
}

# Stand-ins for zsh's completion builtins: print the candidates (zsh's prefix matching is
# applied by complete_zsh, as zsh would apply it).
_ZSH_STUBS = r"""
compdef() { :; }
compadd() { while [[ $1 == -* ]]; do [[ $1 == -- ]] && { shift; break; }; shift; done; print -l -- "$@"; }
_describe() { print -l -- ${${(P)4}%%:*}; }
_files() { print -- '<files>'; }
_message() { :; }
compset() { [[ $1 == -P ]] && words[CURRENT]=${words[CURRENT]#*=}; }
"""


def _env(shim: Shim, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(base if base is not None else os.environ)
    env["PATH"] = f"{shim.bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def complete_bash(words: list[str], env: dict[str, str]) -> list[str]:
    """Candidates of ``_pgo`` for ``words`` (the last one is under the cursor)."""
    script = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; '
    script += 'COMP_POINT=${#COMP_LINE}; _pgo; printf "%s\\n" "${COMPREPLY[@]}"'
    bash = shell_or_skip("bash")
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", script, "bash", str(COMPLETIONS / "pgo.bash"), *words],
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
        check=True,
    )
    assert result.stderr == ""
    return _lines(result.stdout)


def complete_zsh(words: list[str], env: dict[str, str]) -> list[str]:
    zsh = shell_or_skip("zsh")
    script = _ZSH_STUBS + 'source "$1"; shift; words=("$@"); CURRENT=$#words; _pgo'
    result = subprocess.run(
        [zsh, "-f", "-c", script, "zsh", str(COMPLETIONS / "_pgo"), *words],
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
        check=True,
    )
    assert result.stderr == ""
    prefix = words[-1].partition("=")[2] if words[-1].startswith("--") and "=" in words[-1] else words[-1]
    return [line for line in _lines(result.stdout) if line.startswith(prefix)]


def complete_fish(words: list[str], env: dict[str, str]) -> list[str]:
    fish = shell_or_skip("fish")
    line = " ".join(words)
    result = subprocess.run(
        [
            fish,
            "--no-config",
            "-c",
            f'source "$argv[1]"; complete -C "{line}"',
            str(COMPLETIONS / "pgo.fish"),
        ],
        capture_output=True,
        text=True,
        env={**env, "HOME": env.get("HOME", "/tmp"), "XDG_CONFIG_HOME": env.get("HOME", "/tmp")},
        timeout=20,
        check=True,
    )
    return [entry.split("\t")[0] for entry in _lines(result.stdout)]


COMPLETERS = {"bash": complete_bash, "zsh": complete_zsh, "fish": complete_fish}


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_commands_and_flags_complete_without_starting_pgo(shell: str, shim: Shim) -> None:
    complete = COMPLETERS[shell]
    env = _env(shim)
    assert complete(["pgo", "cr"], env) == ["create"]
    assert complete(["pgo", "create", "cl"], env) == ["cluster"]
    flags = set(complete(["pgo", "create", "cluster", "x", "--pgb"], env))
    assert flags >= PGBACKREST_FLAGS
    assert {
        flag for flag in flags if not flag.startswith(("--pgbackrest", "--pgbadger", "--pgbouncer"))
    } == set()
    assert set(complete(["pgo", "-n", "pgo", "show", "cluster", "-o", ""], env)) == {
        "table",
        "wide",
        "pgo",
        "json",
        "yaml",
        "name",
    }
    assert set(complete(["pgo", "delete", "cluster", "--"], env)) >= {"--keep-data", "--no-prompt", "--yes"}
    assert "--delete-data" not in complete(["pgo", "delete", "cluster", "--de"], env)
    assert shim.calls() == [], "completing commands and flags must not run pgo"


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_cluster_names_come_from_the_server(shell: str, shim: Shim, emulator: Emulator) -> None:
    for name in ("hippo", "heron", "zebra"):
        created = subprocess.run(
            [pgo_executable(), "create", "cluster", name, "-n", "pgo", "-o", "pgo"],
            env=emulator.env(),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert created.returncode == 0, created.stderr
    env = _env(shim, emulator.env())
    complete = COMPLETERS[shell]
    assert sorted(complete(["pgo", "show", "cluster", "h"], env)) == ["heron", "hippo"]
    assert complete(["pgo", "delete", "cluster", "--keep-data", "hi"], env) == ["hippo"]
    calls = shim.calls()
    assert calls, "cluster names must be asked from the server through pgo"
    assert all(call.startswith("show cluster --all -o name") and "--timeout 2" in call for call in calls)


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_cluster_names_use_the_namespace_typed_and_fail_silently(shell: str, shim: Shim) -> None:
    env = _env(shim)
    env["PGO_APISERVER_URL"] = "https://127.0.0.1:9"  # nothing listens there
    complete = COMPLETERS[shell]
    assert complete(["pgo", "show", "cluster", "-n", "team-a", "h"], env) == []
    calls = shim.calls()
    assert len(calls) == 1
    assert "-n team-a" in calls[0]


def test_bash_registers_the_function_and_completes_values_after_equals(shim: Shim) -> None:
    bash = shell_or_skip("bash")
    registered = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", f'source "{COMPLETIONS / "pgo.bash"}"; complete -p pgo'],
        capture_output=True,
        text=True,
        check=True,
    )
    assert registered.stdout.strip() == "complete -F _pgo pgo"
    env = _env(shim)
    # bash splits "--output=j" into "--output", "=", "j" (COMP_WORDBREAKS).
    assert complete_bash(["pgo", "show", "cluster", "--output", "=", "j"], env) == ["json"]
    assert complete_bash(["pgo", "show", "cluster", "--output", "="], env) == [
        "=table",
        "=wide",
        "=pgo",
        "=json",
        "=yaml",
        "=name",
    ]
    assert complete_bash(["pgo", "completion", "z"], env) == ["zsh"]
    files = complete_bash(["pgo", "version", "--pgo-ca-cert", str(COMPLETIONS / "pgo.b")], env)
    assert files == [str(COMPLETIONS / "pgo.bash")]
    assert shim.calls() == []


def test_zsh_file_loads_under_compinit(tmp_path: object) -> None:
    zsh = shell_or_skip("zsh")
    script = (
        f'fpath=("{COMPLETIONS}" $fpath); autoload -U compinit; compinit -u -d "$1/zcompdump"; '
        "print -- $_comps[pgo]"
    )
    result = subprocess.run(
        [zsh, "-f", "-c", script, "zsh", str(tmp_path)], capture_output=True, text=True, timeout=20
    )
    assert result.stdout.strip() == "_pgo", result.stderr


def _pgo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [pgo_executable(), *args], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def _backup_labels(env: dict[str, str], cluster: str) -> set[str]:
    answer = json.loads(_pgo(env, "show", "backup", cluster, "-o", "json").stdout)
    return {
        backup["label"]
        for item in answer["Items"] or []
        for info in item["Info"] or []
        for backup in info["backup"] or []
    }


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_other_names_come_from_pgo___complete(
    shell: str, shim: Shim, emulator: Emulator, tmp_path: Path
) -> None:
    user_env = emulator.env()
    _pgo(user_env, "create", "cluster", "hippo", "-n", "pgo", "-o", "pgo")
    _pgo(
        user_env,
        "create",
        "pgouser",
        "bob",
        "--pgouser-password=Bob-Pa55",
        "--pgouser-roles=pgoadmin",
        "--all-namespaces",
    )
    _pgo(user_env, "create", "pgorole", "viewer", "--permissions=ShowCluster,Version")
    sql = tmp_path / "policy.sql"
    sql.write_text("select 1;\n")
    _pgo(user_env, "create", "policy", "mypolicy", "--in-file", str(sql), "-n", "pgo")
    _pgo(
        user_env,
        "create",
        "schedule",
        "hippo",
        "--schedule=0 1 * * *",
        "--schedule-type=pgbackrest",
        "--pgbackrest-backup-type=full",
        "-n",
        "pgo",
    )
    labels = _backup_labels(user_env, "hippo")
    assert labels, "a new cluster has its first full backup"
    env = _env(shim, user_env)
    complete = COMPLETERS[shell]

    # -n offers the namespaces this pgouser can use; the namespace commands every one listed.
    assert sorted(complete(["pgo", "show", "cluster", "-n", ""], env)) == ["pgo", "pgouser1"]
    assert sorted(complete(["pgo", "delete", "namespace", "kube-"], env)) == [
        "kube-node-lease",
        "kube-public",
        "kube-system",
    ]
    assert sorted(complete(["pgo", "show", "pgouser", ""], env)) == ["admin", "bob"]
    assert complete(["pgo", "delete", "pgouser", "--no-prompt", "b"], env) == ["bob"]
    assert sorted(complete(["pgo", "update", "pgorole", ""], env)) == ["pgoadmin", "viewer"]
    assert complete(["pgo", "show", "policy", "m"], env) == ["mypolicy"]
    assert complete(["pgo", "apply", ""], env) == ["mypolicy"]
    assert complete(["pgo", "create", "schedule", "hippo", "--policy", "my"], env) == ["mypolicy"]
    assert complete(["pgo", "show", "schedule", "--schedule-name", ""], env) == ["hippo-pgbackrest-full"]
    assert set(complete(["pgo", "delete", "backup", "hippo", "--target", ""], env)) == labels
    calls = shim.calls()
    assert calls
    assert all(call.startswith("__complete ") and "--timeout 2" in call for call in calls), calls
    # The cluster typed on the line is passed on: its backup labels are the ones offered.
    assert [call for call in calls if call.startswith("__complete backup")] == [
        "__complete backup --timeout 2 -- hippo"
    ]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_names_complete_after_equals(shell: str, shim: Shim, emulator: Emulator) -> None:
    user_env = emulator.env()
    _pgo(user_env, "create", "cluster", "hippo", "-n", "pgo", "-o", "pgo")
    labels = _backup_labels(user_env, "hippo")
    env = _env(shim, user_env)
    if shell == "bash":  # bash splits "--target=" into "--target", "=" (COMP_WORDBREAKS)
        got = complete_bash(["pgo", "delete", "backup", "hippo", "--target", "="], env)
        assert set(got) == {"=" + label for label in labels}
        got = complete_bash(["pgo", "--namespace", "=", "pgou"], env)
        assert got == ["pgouser1"]
    else:
        assert set(complete_zsh(["pgo", "delete", "backup", "hippo", "--target="], env)) == labels
        assert complete_zsh(["pgo", "--namespace=pgou"], env) == ["pgouser1"]


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_context_names_come_from_the_contexts_file(shell: str, shim: Shim, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _env(shim, base_env(home, XDG_CONFIG_HOME=str(home)))
    for name in ("lab", "prod"):
        _pgo({**env, "PATH": os.environ["PATH"]}, "context", "add", name, "--apiserver-url", "https://h:8443")
    complete = COMPLETERS[shell]
    assert sorted(complete(["pgo", "context", "use", ""], env)) == ["lab", "prod"]
    assert complete(["pgo", "show", "cluster", "--context", "p"], env) == ["prod"]
    assert all(call.startswith("__complete context") for call in shim.calls())


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_other_names_fail_silently(shell: str, shim: Shim) -> None:
    env = _env(shim)
    env["PGO_APISERVER_URL"] = "https://127.0.0.1:9"  # nothing listens there
    complete = COMPLETERS[shell]
    assert complete(["pgo", "show", "pgouser", "-n", "team-a", ""], env) == []
    assert complete(["pgo", "delete", "backup", "hippo", "--target", ""], env) == []
    calls = shim.calls()
    assert len(calls) == 2
    assert calls[0].startswith("__complete pgouser -n team-a")
    assert calls[1].startswith("__complete backup") and calls[1].endswith("-- hippo")


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_flags_of_commands_that_complete_names_start_no_process(shell: str, shim: Shim) -> None:
    complete = COMPLETERS[shell]
    env = _env(shim)
    assert complete(["pgo", "delete", "backup", "hippo", "--ta"], env) == ["--target"]
    assert "--schedule-name" in complete(["pgo", "show", "schedule", "--sch"], env)
    assert "--all" in complete(["pgo", "show", "pgouser", "--a"], env)
    assert shim.calls() == []


@pytest.mark.parametrize("shell", sorted(COMPLETERS))
def test_replica_names_for_failover_and_scaledown_targets(shell: str, shim: Shim, emulator: Emulator) -> None:
    user_env = emulator.env()
    _pgo(user_env, "create", "cluster", "hippo", "--replica-count=2", "-n", "pgo", "-o", "pgo")
    _pgo(user_env, "create", "cluster", "rhino", "--replica-count=1", "-n", "pgo", "-o", "pgo")
    answer = json.loads(_pgo(user_env, "scaledown", "hippo", "--query", "-o", "json").stdout)
    replicas = {replica["Name"] for replica in answer["Results"]}
    assert len(replicas) == 2
    env = _env(shim, user_env)
    complete = COMPLETERS[shell]
    assert set(complete(["pgo", "failover", "hippo", "--target", ""], env)) == replicas
    assert set(complete(["pgo", "scaledown", "hippo", "--no-prompt", "--target", ""], env)) == replicas
    first = sorted(replicas)[0]
    assert complete(["pgo", "failover", "hippo", "--target", first[:-1]], env) == [first]
    calls = [call for call in shim.calls() if call.startswith("__complete replica")]
    # the cluster typed on the line is passed on: hippo's replicas, not rhino's
    assert calls and all(call == "__complete replica --timeout 2 -- hippo" for call in calls), calls
