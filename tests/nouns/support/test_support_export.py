"""``pgo support export`` through the installed ``pgo`` against a real ``pgo-emulator`` over mTLS:
every read listed is in the archive, and no password, key or token is, anywhere in it."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.terminal import Terminal

SECRETS = {
    "--password": "User-Pw-Hippo-1",
    "--password-superuser": "Super-Pw-Hippo-2",
    "--password-replication": "Repl-Pw-Hippo-3",
    "--pgbackrest-s3-key": "AKIA-KEY-HIPPO-4",
    "--pgbackrest-s3-key-secret": "S3-Secret-Hippo-5",
}
FILES = {
    "LISTING.txt",
    "show-cluster.json",
    "test.json",
    "df.json",
    "show-pvc.json",
    "show-backup.json",
    "show-user.json",
    "show-pgbouncer.json",
    "show-workflow.json",
    "show-config.json",
    "status.json",
    "doctor.json",
    "client.json",
}


def _extract(archive: Path, into: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        assert all(m.isfile() and not m.name.startswith(("/", "..")) for m in members)
        return {m.name: tar.extractfile(m).read() for m in members}  # type: ignore[union-attr]


def test_the_archive_holds_every_read_and_no_secret(emulator: Emulator, tmp_path: Path) -> None:
    env = emulator.env()
    create = [
        "create",
        "cluster",
        "hippo",
        "--pgbouncer",
        "--replica-count=1",
        "--pgbackrest-storage-type=posix,s3",
    ]
    create += ["--pgbackrest-s3-bucket=b", "--pgbackrest-s3-endpoint=e", "--pgbackrest-s3-region=r"]
    create += [f"{flag}={value}" for flag, value in SECRETS.items()]
    assert run_pgo(create, env).code == 0
    assert run_pgo(["create", "user", "hippo", "--username=bob", "--password=Bob-Pw-Hippo-6"], env).code == 0
    bouncer = json.loads(run_pgo(["show", "pgbouncer", "hippo", "-o", "json"], env).stdout)
    secrets = [*SECRETS.values(), "Bob-Pw-Hippo-6", bouncer["Results"][0]["Password"], "examplepassword"]
    assert len(bouncer["Results"][0]["Password"]) >= 8

    target = tmp_path / "out.tar.gz"
    result = run_pgo(["support", "export", "hippo", "--output", str(target)], env)
    assert result.code == 0, result.stderr
    assert result.stdout == f"{target}\n"
    assert result.stderr == ""  # no progress line without a terminal
    files = _extract(target, tmp_path)
    roots = {name.split("/", 1)[0] for name in files}
    assert len(roots) == 1 and roots.pop().startswith("pgo-support-hippo-")
    assert {name.split("/", 1)[1] for name in files} == FILES
    by_name = {name.split("/", 1)[1]: body for name, body in files.items()}
    for name, body in by_name.items():
        for secret in secrets:
            assert secret.encode() not in body, f"{secret} in {name}"
    listing = by_name["LISTING.txt"].decode()
    for name in FILES - {"LISTING.txt"}:
        assert name in listing
    assert "pgo show user hippo --show-system-accounts -o json -n pgo" in listing
    assert "MISSING" not in listing
    cluster = json.loads(by_name["show-cluster.json"])
    assert cluster["Results"][0]["cluster"]["spec"]["name"] == "hippo"
    users = json.loads(by_name["show-user.json"])["Results"]
    assert {u["Username"] for u in users} >= {"bob", "postgres", "primaryuser", "testuser"}
    assert {u["Password"] for u in users} <= {"<redacted>", ""}
    assert json.loads(by_name["show-pgbouncer.json"])["Results"][0]["Password"] == "<redacted>"
    assert json.loads(by_name["show-config.json"])["Result"]["Cluster"]["PasswordLength"] == "24"
    doctor = json.loads(by_name["doctor.json"])
    assert doctor["exit_code"] == 0 and doctor["steps"]
    client = json.loads(by_name["client.json"])
    assert client["client_version"] == "4.7.4"
    settings = {s["setting"]: s["from"] for s in client["settings"]}
    assert settings["url"] == "environment PGO_APISERVER_URL"
    assert settings["namespace"] == "environment PGO_NAMESPACE"
    assert json.loads(by_name["show-workflow.json"])["Code"] == "ok"

    # a cluster that does not exist: exit 1, the error names it, nothing written
    nothing = tmp_path / "none.tar.gz"
    missing = run_pgo(["support", "export", "nosuch", "--output", str(nothing)], env)
    assert (missing.code, missing.stdout) == (1, "")
    assert missing.stderr.startswith("Error: cluster nosuch not found in namespace pgo")
    assert not nothing.exists()

    # on a terminal: a progress line
    terminal = Terminal(["support", "export", "hippo", "--output", str(tmp_path / "tty.tar.gz")], env)
    code, stdout = terminal.finish()
    assert code == 0 and stdout.endswith("tty.tar.gz\n")
    assert b"support export: 2/12 pgo df hippo -o json -n pgo" in terminal.seen
    assert b"support export: 12/12 done" in terminal.seen
