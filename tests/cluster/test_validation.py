"""Every client-side check of ``pgo create cluster``: exit 2, one ``Error:`` line naming the flag
and the bad value, and nothing sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cluster.conftest import Runner

FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

# (arguments after "create cluster", text the Error line must contain)
CASES: list[tuple[list[str], list[str]]] = [
    ([], ["A single cluster name is required"]),
    (["a", "b"], ["A single cluster name is required"]),
    (
        ["hippo", "--pgbouncer", "--pgbouncer-replicas=-1"],
        ["--pgbouncer-replicas", "-1", "one or more replicas"],
    ),
    (["hippo", "--pgbouncer-replicas=2"], ["--pgbouncer-replicas 2: only with --pgbouncer"]),
    (
        ["hippo", "--pgbouncer-service-type=NodePort"],
        ["--pgbouncer-service-type NodePort: only with --pgbouncer"],
    ),
    (["Hippo"], ['"Hippo"', "Cluster name specified is not valid name - must be lowercase alphanumeric"]),
    (
        ["hippo", "--node-affinity-type=required"],
        ["--node-affinity-type", '"required"', "--node-label not set"],
    ),
    (
        ["hippo", "--node-affinity-type=sometimes", "--node-label=a=b"],
        ["--node-affinity-type", 'invalid node affinity type "sometimes". choices are: preferred required'],
    ),
    (["hippo", "--label=a=b=c"], ["--label", 'invalid label: found "a=b=c", should be "key=value"']),
    (["hippo", "--label=nokey"], ["--label", 'found "nokey"']),
    (
        ["hippo", "--label=Env=prod"],
        ["--label", "invalid label: invalid key Env: a lowercase RFC 1123 label"],
    ),
    (["hippo", "--label=a/b/c=v"], ["--label", "invalid label: invalid key for v"]),
    (["hippo", "--label=env=-bad"], ["--label", "invalid label: invalid value -bad: a valid label must be"]),
    (
        ["hippo", "--tablespace=name=a:storageconfig"],
        ["--tablespace", '"name=a:storageconfig"', "Tablespace was not specified in proper format"],
    ),
    (
        ["hippo", "--tablespace=name=a"],
        ["--tablespace", '"name=a"', 'Required tablespace parameter "storageconfig"'],
    ),
    (["hippo", "--tablespace=storageconfig=x"], ["--tablespace", 'Required tablespace parameter "name"']),
    (["hippo", "--annotation=a"], ["--annotation", '"a"', "Annotation was not specified in propert format"]),
    (["hippo", "--annotation-postgres=a=b=c"], ["--annotation-postgres", '"a=b=c"', "propert format"]),
    (["hippo", "--annotation-pgbackrest=x"], ["--annotation-pgbackrest", '"x"']),
    (["hippo", "--annotation-pgbouncer=y"], ["--annotation-pgbouncer", '"y"']),
    (["hippo", "--toleration=a:b:c"], ["--toleration", 'invalid format for toleration: "a:b:c"']),
    (
        ["hippo", "--toleration=a:noschedule"],
        ["--toleration", 'invalid taint effect for toleration: "noschedule"'],
    ),
    (["hippo", "--toleration=a=b=c:NoSchedule"], ["--toleration", 'invalid rule for toleration: "a=b=c"']),
    (
        ["hippo", "--pgbackrest-gcs-key=/nonexistent/key.json"],
        ["--pgbackrest-gcs-key", "could not read GCS Key"],
    ),
    (["hippo", '--label=a=b,"c'], ["--label", "invalid argument"]),
    (["hippo", "--replica-count=two"], ["--replica-count", "two"]),
    (["hippo", "--metrics=maybe"], ["--metrics", "maybe"]),
    (["hippo", "--password=x", "--password-file=/dev/null"], ["--password", "--password-file"]),
]

QUANTITY_FLAGS = [
    "cpu",
    "cpu-limit",
    "memory",
    "memory-limit",
    "pgbackrest-cpu",
    "pgbackrest-cpu-limit",
    "pgbackrest-memory",
    "pgbackrest-memory-limit",
    "exporter-cpu",
    "exporter-cpu-limit",
    "exporter-memory",
    "exporter-memory-limit",
    "pgbouncer-cpu",
    "pgbouncer-cpu-limit",
    "pgbouncer-memory",
    "pgbouncer-memory-limit",
]


def assert_refused(pgo: Runner, argv: list[str], fragments: list[str]) -> None:
    outcome = pgo("create", "cluster", *argv)
    assert outcome.code == 2, (outcome.stdout, outcome.stderr)
    assert outcome.calls == []
    assert outcome.stdout == ""
    (line,) = outcome.error_lines()
    assert outcome.stderr.startswith("Error: ")
    for fragment in fragments:
        assert fragment in line, (fragment, line)


@pytest.mark.parametrize(("argv", "fragments"), CASES, ids=[" ".join(argv) or "no-name" for argv, _ in CASES])
def test_invalid_input_is_refused_before_sending(pgo: Runner, argv: list[str], fragments: list[str]) -> None:
    assert_refused(pgo, argv, fragments)


@pytest.mark.parametrize("flag", QUANTITY_FLAGS)
def test_every_quantity_flag_is_checked(pgo: Runner, flag: str) -> None:
    assert_refused(pgo, ["hippo", f"--{flag}=1GiB"], [f"--{flag}", '"1GiB"', FORMAT])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1K", "unable to parse quantity's suffix"),
        ("1Mi5", "unable to parse quantity's suffix"),
        ("Pi", "numeric"),
    ],
)
def test_quantity_error_texts(pgo: Runner, value: str, message: str) -> None:
    assert_refused(pgo, ["hippo", f"--memory={value}"], [message])


def test_first_failure_in_pgo_order_wins(pgo: Runner) -> None:
    # labels are checked before tolerations, tolerations before quantities
    assert_refused(pgo, ["hippo", "--cpu=x", "--toleration=a:Bad", "--label=Bad=1"], ["--label"])
    assert_refused(pgo, ["hippo", "--cpu=x", "--toleration=a:Bad"], ["--toleration"])


def test_permissive_quantities_are_accepted_like_pgo(pgo: Runner, mock_api: object) -> None:
    outcome = pgo("create", "cluster", "hippo", "--memory=Mi", "--cpu=-1", "--dry-run")
    assert outcome.code == 0, outcome.stderr


def test_removal_tolerations_are_skipped_on_create(pgo: Runner) -> None:
    outcome = pgo("create", "cluster", "hippo", "--toleration=a:Bogus-", "--dry-run", "-o", "json")
    assert outcome.code == 0, outcome.stderr
    assert '"tolerations": []' in outcome.stdout


def test_empty_namespace_is_refused_before_sending(pgo: Runner) -> None:
    outcome = pgo("create", "cluster", "hippo", namespace=None)
    assert outcome.code == 2
    assert outcome.calls == []
    assert "namespace" in outcome.error_lines()[0]


def test_empty_password_file_is_refused(pgo: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    assert_refused(
        pgo, ["hippo", f"--password-superuser-file={empty}"], ["--password-superuser-file", str(empty)]
    )


@pytest.mark.parametrize(
    ("opts", "lines"),
    [
        (
            "--type=time",
            [
                "Error: --restore-opts '--type=time' asks for a --type=time restore without a --target: "
                "pgBackRest would refuse it and the new cluster would never bootstrap",
                "hint: add the time to recover to, e.g. --restore-opts='--type=time --target=\"2021-06-30 "
                "11:59:59+00\"'",
            ],
        ),
        (
            "--type xid",
            [
                "Error: --restore-opts '--type xid' asks for a --type=xid restore without a --target: "
                "pgBackRest would refuse it and the new cluster would never bootstrap",
                "hint: add --target=<the xid to recover to> to --restore-opts",
            ],
        ),
        (
            "--target=2021-06-30",
            [
                "Error: --restore-opts '--target=2021-06-30' has a --target but no --type: pgBackRest takes "
                "a target only with --type time, name, xid or lsn, so the new cluster would never bootstrap",
                "hint: add the matching --type, e.g. --restore-opts='--type=time --target=…'",
            ],
        ),
        (
            "--type=immediate --target=x",
            [
                "Error: --restore-opts '--type=immediate --target=x' has a --target but --type=immediate: "
                "pgBackRest takes a target only with --type time, name, xid or lsn, so the new cluster "
                "would never bootstrap",
                "hint: add the matching --type, e.g. --restore-opts='--type=time --target=…'",
            ],
        ),
    ],
)
def test_a_bootstrap_restore_that_cannot_work_is_refused(pgo: Runner, opts: str, lines: list[str]) -> None:
    """The apiserver checks only the names of --restore-opts; pgBackRest, run by the new cluster's
    bootstrap job, takes --target only with a matching --type and needs one with those types."""
    outcome = pgo("create", "cluster", "rhino", "--restore-from=hippo", f"--restore-opts={opts}")
    assert (outcome.code, outcome.stdout) == (2, "")
    assert outcome.stderr.splitlines() == lines
    assert outcome.calls == []


def test_a_bootstrap_restore_with_type_and_target_is_sent(pgo: Runner) -> None:
    opts = '--type=time --target="2021-06-30 11:59:59+00"'
    outcome = pgo("create", "cluster", "rhino", "--restore-from=hippo", f"--restore-opts={opts}", "--dry-run")
    assert outcome.code == 0, outcome.stderr
    assert "--restore-opts" not in outcome.stderr
