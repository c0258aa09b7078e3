"""Scrubbing secrets from Error lines leaves the apiserver's words whole.

The expected lines are what the Go pgo 4.7.4 client printed for the same command lines against the
same apiserver answers: a one-letter password must not turn ``provided`` into ``<redacted>rovided``,
and the name of a Kubernetes Secret (``--server-tls-secret``, ``--secret-from``) is not a secret.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pgo_cli.sdk import debuglog
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo


@pytest.fixture
def fresh_secrets() -> Iterator[None]:
    debuglog.forget_secrets()
    yield
    debuglog.forget_secrets()


def test_a_short_secret_is_scrubbed_only_where_it_stands_alone(fresh_secrets: None) -> None:
    debuglog.remember_secret("p")
    assert debuglog.scrub('Values must be provided; password "p" refused, p: no') == (
        'Values must be provided; password "<redacted>" refused, <redacted>: no'
    )


def test_a_long_secret_is_scrubbed_wherever_it_occurs(fresh_secrets: None) -> None:
    debuglog.remember_secret("cluster-User-9Zk")
    assert debuglog.scrub("echo xcluster-User-9Zky") == "echo x<redacted>y"


def test_secret_names_are_not_secrets() -> None:
    for key in (
        "TLSSecret",
        "CASecret",
        "ReplicationTLSSecret",
        "PgBouncerTLSSecret",
        "SecretFrom",
        "Secret",
    ):
        assert not debuglog.is_secret_key(key), key
    for key in ("Password", "PasswordSuperuser", "PgouserPassword", "BackrestS3Key", "BackrestS3KeySecret"):
        assert debuglog.is_secret_key(key), key


@pytest.mark.parametrize(
    ("args", "go_line"),
    [
        (
            [
                "create", "cluster", "c7", "--pgbackrest-storage-type=s3", "--pgbackrest-s3-bucket=b",
                "--password=p", "--password-superuser=su",
            ],
            "Error: A configuration setting for AWS S3 storage is missing. Values must be provided for "
            "the S3 bucket, S3 endpoint and S3 region in order to use the 's3' storage type with pgBackRest.",
        ),
        (
            ["create", "cluster", "c10", "--tls-only", "--server-ca-secret=ca", "--server-tls-secret=tls"],
            'Error: secrets "tls" not found',
        ),
        (["create", "cluster", "c16", "--secret-from=c1"], 'Error: no secrets found for "c1"'),
        (
            ["create", "pgouser", "uv", "--pgouser-password=p", "--pgouser-roles=nosuchrole", "--all-namespaces"],
            "Error: nosuchrole pgorole was not found",
        ),
    ],
)  # fmt: skip
def test_the_apiservers_error_line_is_pgos(emulator: Emulator, args: list[str], go_line: str) -> None:
    result = run_pgo([*args, "-n", "pgo"], emulator.env())
    assert result.code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [go_line]
