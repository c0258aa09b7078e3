"""``pgo migrate v5`` through the installed ``pgo`` against a real ``pgo-emulator`` over mTLS.

Clusters made with many options; each method's manifest validates against the v5.8.9 CRD schema
and carries the settings; ``-o json`` is the same document; refusals leave stdout empty;
``--execute`` is refused without a terminal and leaves the emulator as the guide requires.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.nouns.migrate.schema import errors
from tests.support.emulator import Emulator
from tests.support.proc import run_pgo
from tests.support.terminal import Terminal

RICH = [
    "--replica-count=2",
    "--cpu=500m",
    "--cpu-limit=1",
    "--memory=1Gi",
    "--memory-limit=2Gi",
    "--label=env=prod",
    "--annotation=team=db",
    "--toleration=zone=east:NoSchedule",
    "--node-label=disk=ssd",
    "--node-affinity-type=required",
    "--pod-anti-affinity=required",
    "--pgbouncer",
    "--pgbouncer-replicas=2",
    "--pgbouncer-service-type=NodePort",
    "--metrics",
    "--sync-replication",
    "--service-type=LoadBalancer",
    "--wal-storage-config=storageos",
    "--wal-storage-size=2Gi",
    "--storage-config=storageos",
    "--pvc-size=5Gi",
    "--pgbackrest-pvc-size=10Gi",
    "--username=appuser",
    "--database=appdb",
    "--password=Hippo-Secret-PW-1",
    "--pgbadger",
]
S3 = [
    "--pgbackrest-storage-type=s3",
    "--pgbackrest-s3-bucket=hippo-bucket",
    "--pgbackrest-s3-endpoint=s3.amazonaws.com",
    "--pgbackrest-s3-region=us-east-1",
    "--pgbackrest-s3-key=AKIA-NEVER-SHOWN",
    "--pgbackrest-s3-key-secret=S3-SECRET-NEVER-SHOWN",
    "--pgbackrest-s3-uri-style=path",
]


def _migrate(env: dict[str, str], *args: str) -> tuple[dict[str, object], str]:
    yaml_run = run_pgo(["migrate", "v5", *args], env)
    assert yaml_run.code == 0, yaml_run.stderr
    json_run = run_pgo(["migrate", "v5", *args, "-o", "json"], env)
    assert json_run.code == 0, json_run.stderr
    document = yaml.safe_load(yaml_run.stdout)
    assert json.loads(json_run.stdout) == document
    assert errors(document) == []
    return document, yaml_run.stderr


def test_each_method_against_the_emulator(emulator: Emulator, tmp_path: Path) -> None:
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo", *RICH], env).code == 0
    assert run_pgo(["create", "cluster", "rhino", "--replica-count=1", *S3], env).code == 0
    assert run_pgo(["create", "user", "hippo", "--username=reporter", "--password=Rep-PW-2"], env).code == 0

    volumes, plan = _migrate(env, "hippo", "--method", "volumes")
    spec = volumes["spec"]
    assert volumes["metadata"] == {"name": "hippo", "namespace": "pgo", "labels": {"env": "prod"}}
    [instance] = spec["instances"]
    assert instance["replicas"] == 3
    assert instance["dataVolumeClaimSpec"]["storageClassName"] == "fast"
    assert instance["dataVolumeClaimSpec"]["resources"]["requests"]["storage"] == "5Gi"
    assert instance["walVolumeClaimSpec"]["resources"]["requests"]["storage"] == "2Gi"
    assert instance["resources"]["limits"] == {"cpu": "1", "memory": "2Gi"}
    assert instance["tolerations"][0]["key"] == "zone"
    assert "requiredDuringSchedulingIgnoredDuringExecution" in instance["affinity"]["nodeAffinity"]
    assert "podAntiAffinity" in instance["affinity"]
    assert spec["dataSource"]["volumes"]["pgDataVolume"] == {"pvcName": "hippo", "directory": "hippo"}
    assert spec["dataSource"]["volumes"]["pgWALVolume"] == {"pvcName": "hippo-wal"}
    assert spec["proxy"]["pgBouncer"]["replicas"] == 2
    assert spec["proxy"]["pgBouncer"]["service"] == {"type": "NodePort"}
    assert spec["monitoring"]["pgmonitor"]["exporter"] is not None
    assert spec["patroni"]["dynamicConfiguration"]["synchronous_mode"] is True
    assert spec["service"] == {"type": "LoadBalancer"}
    assert spec["metadata"]["annotations"] == {"team": "db"}
    assert {"name": "appuser", "databases": ["appdb"]} in spec["users"]
    assert {"name": "reporter"} in spec["users"]
    assert "pgBadger: PGO v5 has no pgBadger sidecar" in plan
    assert "pgo delete cluster hippo --keep-data --keep-backups --no-prompt --wait -n pgo" in plan

    backups, plan = _migrate(env, "rhino", "--method", "backups")
    assert backups["spec"]["dataSource"] == {"postgresCluster": {"repoName": "repo1"}}
    standby, plan = _migrate(env, "rhino", "--method", "standby")
    assert standby["spec"]["standby"] == {"enabled": True, "repoName": "repo1"}
    assert standby["spec"]["backups"]["pgbackrest"]["repos"][0]["s3"] == {
        "bucket": "hippo-bucket",
        "endpoint": "s3.amazonaws.com",
        "region": "us-east-1",
    }
    assert (
        standby["spec"]["backups"]["pgbackrest"]["global"]["repo1-path"]
        == "/backrestrepo/rhino-backrest-shared-repo"
    )
    for secret in ("Hippo-Secret-PW-1", "Rep-PW-2", "AKIA-NEVER-SHOWN", "S3-SECRET-NEVER-SHOWN"):
        for run in (
            run_pgo(["migrate", "v5", name, "--method", m], env)
            for name, m in (("hippo", "volumes"), ("rhino", "standby"))
        ):
            assert secret not in run.stdout + run.stderr

    # refusals: exit 1, nothing on stdout, the Error line says why
    refused = run_pgo(["migrate", "v5", "hippo", "--method", "standby"], env)
    assert (refused.code, refused.stdout) == (1, "")
    assert refused.stderr.startswith("Error: cluster hippo keeps its pgBackRest repository on a PVC")
    missing = run_pgo(["migrate", "v5", "nosuch", "--method", "volumes"], env)
    assert (missing.code, missing.stdout) == (1, "")
    assert missing.stderr.startswith("Error: cluster nosuch not found in namespace pgo")
    bad = run_pgo(["migrate", "v5", "hippo"], env)
    assert (bad.code, bad.stdout) == (2, "")
    assert bad.stderr.startswith("Error: --method is required")

    # --execute: refused without a terminal (nothing changed), then the volumes method's v4 side
    out_file = tmp_path / "hippo-v5.yaml"
    refused = run_pgo(["migrate", "v5", "hippo", "--method", "volumes", "--execute"], env)
    assert (refused.code, refused.stdout) == (2, "")
    assert "standard input is not a terminal" in refused.stderr
    assert (
        len(
            json.loads(run_pgo(["show", "cluster", "hippo", "-o", "json"], env).stdout)["Results"][0][
                "Replicas"
            ]
        )
        == 2
    )
    done = run_pgo(
        ["migrate", "v5", "hippo", "--method", "volumes", "--execute", "--no-prompt", "--out", str(out_file)],
        env,
        timeout=60,
    )
    assert done.code == 0, done.stderr
    assert done.stdout == ""
    assert (
        yaml.safe_load(out_file.read_text())["spec"]["dataSource"]["volumes"]["pgDataVolume"]["pvcName"]
        == "hippo"
    )
    assert "[3/3] pgo delete cluster hippo --keep-data --keep-backups" in done.stderr
    shown = run_pgo(["show", "cluster", "hippo"], env)
    assert shown.stdout == "No clusters found.\n"
    pvcs = run_pgo(["show", "pvc", "hippo", "-o", "json"], env)
    names = sorted(r["PVCName"] for r in json.loads(pvcs.stdout)["Results"])
    assert names == ["hippo", "hippo-pgbr-repo", "hippo-wal"]  # replicas' PVCs gone, data and repo kept

    # backups: a fresh backup, then the cluster deleted keeping its repository only
    done = run_pgo(["migrate", "v5", "rhino", "--method", "backups", "--execute", "--yes"], env, timeout=60)
    assert done.code == 0, done.stderr
    assert run_pgo(["show", "cluster", "rhino"], env).stdout == "No clusters found.\n"
    pvcs = run_pgo(["show", "pvc", "rhino", "-o", "json"], env)
    assert [r["PVCName"] for r in json.loads(pvcs.stdout)["Results"]] == ["rhino-pgbr-repo"]


def test_execute_asks_on_a_terminal(emulator: Emulator, tmp_path: Path) -> None:
    """No: nothing changes (exit 0, Aborting...); yes: the standby method's fresh backup is taken."""
    env = emulator.env()
    assert run_pgo(["create", "cluster", "rhino", *S3], env).code == 0
    before = json.loads(run_pgo(["show", "backup", "rhino", "-o", "json"], env).stdout)

    declined = Terminal(["migrate", "v5", "rhino", "--method", "standby", "--execute"], env)
    declined.expect("WARNING - This will back up rhino into its S3 repository. Proceed? (yes/no): ")
    declined.type("no\n")
    declined.expect("Aborting...")
    code, stdout = declined.finish()
    assert code == 0 and yaml.safe_load(stdout)["spec"]["standby"]["enabled"] is True
    assert json.loads(run_pgo(["show", "backup", "rhino", "-o", "json"], env).stdout) == before

    accepted = Terminal(["migrate", "v5", "rhino", "--method", "standby", "--execute"], env)
    accepted.expect("Proceed? (yes/no): ")
    accepted.type("yes\n")
    code, _ = accepted.finish()
    assert code == 0, accepted.seen
    assert b"[1/1] pgo backup rhino --no-prompt --wait -n pgo" in accepted.seen
    after = json.loads(run_pgo(["show", "backup", "rhino", "-o", "json"], env).stdout)
    assert after != before
    assert (
        run_pgo(["show", "cluster", "rhino", "-o", "name"], env).stdout == "rhino\n"
    )  # standby keeps v4 running


def test_what_the_guide_forbids_is_refused(make_emulator: Callable[..., Emulator]) -> None:
    """A cluster not yet initialized, and a v4 standby: exit 1, stdout empty, the state named."""
    emulator = make_emulator("--ready-delay", "60", "--delete-delay", "0")
    env = emulator.env()
    assert run_pgo(["create", "cluster", "hippo"], env).code == 0
    pending = run_pgo(["migrate", "v5", "hippo", "--method", "volumes"], env)
    assert (pending.code, pending.stdout) == (1, "")
    assert pending.stderr.startswith(
        "Error: cluster hippo is not initialized (state 'pgcluster Created'): the guide requires 'pgcluster Initialized'"
    )
    standby = [
        "create",
        "cluster",
        "follower",
        "--standby",
        "--pgbackrest-repo-path=/backrestrepo/hippo-backrest-shared-repo",
    ]
    assert run_pgo([*standby, *S3], env).code == 0
    refused = run_pgo(["migrate", "v5", "follower", "--method", "standby"], env)
    assert (refused.code, refused.stdout) == (1, "")
    assert refused.stderr.startswith("Error: cluster follower is a v4 standby cluster")
