"""The ordered steps of each method of the v4→v5 guide, with the exact commands for one cluster.

From ``docs/content/upgrade/v4tov5/upgrade-method-{1-data-volumes,2-backups,3-standby-cluster}.md``
and ``docs/content/guides/data-migration.md`` (removing the v4 labels) of the Go repository, before
the commit that removed them. ``{v4}`` steps are the ones ``--execute`` performs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgo_cli.nouns.migrate.manifest import REPO, repo_kind, repo_path
from pgo_cli.nouns.migrate.source import V4Cluster


@dataclass(frozen=True)
class Step:
    """One step: what it does and the command(s) that do it; ``v4`` when ``--execute`` runs it."""

    what: str
    commands: tuple[str, ...] = ()
    v4: bool = False


def plan(cluster: V4Cluster, method: str, manifest_file: str = "") -> list[Step]:
    """The steps of ``method`` for ``cluster`` (``manifest_file``: where ``--out`` wrote it)."""
    c, ns = cluster.name, cluster.namespace
    apply = f"kubectl apply -n {ns} -f {manifest_file or c + '-v5.yaml'}"
    if method == "volumes":
        kept = [p for p in (cluster.data_pvc(), cluster.wal_pvc(), f"{c}-pgbr-repo") if p]
        steps = [Step("list the replicas", (f"pgo scaledown {c} --query -n {ns}",))]
        if cluster.replicas:
            steps.append(
                Step(
                    "scale down every replica, so the primary's PVC no longer changes",
                    tuple(
                        f"pgo scaledown {c} --target {r} --no-prompt --wait -n {ns}" for r in cluster.replicas
                    ),
                    v4=True,
                )
            )
        steps += [
            Step(
                "delete the v4 cluster, keeping its data and its backups (without both flags ALL DATA IS LOST)",
                (f"pgo delete cluster {c} --keep-data --keep-backups --no-prompt --wait -n {ns}",),
                v4=True,
            ),
            Step(
                f"check that the PVCs remain: {', '.join(kept)}",
                (f"kubectl get pvc -n {ns} --selector=pg-cluster={c}",),
            ),
            Step(
                "keep the volumes if a PVC is deleted by mistake (once applied, the PostgresCluster owns "
                "them: deleting it deletes them): set their PVs' reclaim policy to Retain",
                tuple(_retain(p, ns) for p in kept),
            ),
            Step("create the v5 cluster from those volumes", (apply,)),
            Step(
                "remove the v4 labels PGO v5 leaves on the PVCs",
                (f"kubectl label pvc -n {ns} {' '.join(kept)} pg-cluster- vendor-",),
            ),
            Step(
                "once the v5 cluster is up, remove the data source",
                (
                    f"kubectl patch postgrescluster {c} -n {ns} --type=json "
                    """-p='[{"op": "remove", "path": "/spec/dataSource/volumes"}]'""",
                ),
            ),
        ]
        return steps
    repo = f"{c}-pgbr-repo"
    secret = _secret_step(cluster, repo_kind(cluster, method))
    if method == "backups":
        steps = [
            Step(
                "take a fresh backup and check that it completed",
                (f"pgo backup {c} --no-prompt --wait -n {ns}", f"pgo show backup {c} -n {ns}"),
                v4=True,
            ),
            Step(
                "delete the v4 cluster, keeping its backups",
                (f"pgo delete cluster {c} --keep-backups --no-prompt --wait -n {ns}",),
                v4=True,
            ),
        ]
        if secret is not None:
            steps.append(secret)
        steps.append(Step("create the v5 cluster, restoring from repo1", (apply,)))
        if repo_kind(cluster, method) == "posix":
            steps += [
                Step(
                    "the PostgresCluster now owns the repository PVC: deleting it deletes the PVC; to go back "
                    "to v4, first release the PVC",
                    (
                        f"kubectl patch postgrescluster {c} -n {ns} --type=json "
                        """-p='[{"op": "remove", "path": "/spec/dataSource/volumes"}]'""",
                        f"kubectl label pvc {repo} -n {ns} postgres-operator.crunchydata.com/cluster- "
                        "postgres-operator.crunchydata.com/pgbackrest-repo- "
                        "postgres-operator.crunchydata.com/pgbackrest-volume- postgres-operator.crunchydata.com/pgbackrest-",
                        f"kubectl patch pvc {repo} -n {ns} --type=json "
                        """-p='[{"op": "remove", "path": "/metadata/ownerReferences"}]'""",
                    ),
                ),
                Step(
                    "keep the volume if the PVC is deleted by mistake: set its PV's reclaim policy to Retain",
                    (_retain(repo, ns),),
                ),
                Step(
                    "remove the v4 labels from the repository PVC",
                    (f"kubectl label pvc {repo} -n {ns} pg-cluster- vendor-",),
                ),
            ]
        return steps
    steps = [
        Step(
            f"take a fresh backup into the {cluster.cloud_repo().upper()} repository {repo_path(cluster)}",
            (f"pgo backup {c} --no-prompt --wait -n {ns}",),
            v4=True,
        )
    ]
    if secret is not None:
        steps.append(secret)
    steps += [
        Step("create the v5 standby cluster, following repo1", (apply,)),
        Step(
            "when satisfied with the standby, shut the v4 cluster down",
            (f"pgo update cluster {c} --shutdown --no-prompt -n {ns}",),
        ),
        Step(
            "promote the v5 cluster",
            (
                f"""kubectl patch postgrescluster {c} -n {ns} --type=merge -p '{{"spec":{{"standby":{{"enabled":false}}}}}}'""",
            ),
        ),
        Step(
            "as a superuser of the v5 cluster, add the replication user v5 manages",
            (
                "CREATE ROLE _crunchyrepl WITH LOGIN REPLICATION;",
                "GRANT EXECUTE ON function pg_catalog.pg_ls_dir(text, boolean, boolean) TO _crunchyrepl;",
                "GRANT EXECUTE ON function pg_catalog.pg_stat_file(text, boolean) TO _crunchyrepl;",
                "GRANT EXECUTE ON function pg_catalog.pg_read_binary_file(text) TO _crunchyrepl;",
                "GRANT EXECUTE ON function pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean) TO _crunchyrepl;",
            ),
        ),
        Step(
            "once the v5 cluster runs and the v4 credentials are recorded, remove the v4 cluster",
            (f"pgo delete cluster {c} -n {ns}",),
        ),
    ]
    return steps


def _retain(pvc: str, namespace: str) -> str:
    """The kubectl command that sets the reclaim policy of ``pvc``'s PV to Retain."""
    return (
        f"kubectl patch pv \"$(kubectl get pvc {pvc} -n {namespace} -o jsonpath='{{.spec.volumeName}}')\" "
        """-p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'"""
    )


def _secret_step(cluster: V4Cluster, kind: str) -> Step | None:
    """The Secret v5 reads a cloud repo1's credentials from (never printed: read from v4's Secret)."""
    if kind not in ("s3", "gcs"):
        return None
    c, ns = cluster.name, cluster.namespace
    v4 = f"{c}-backrest-repo-config"
    lines: tuple[str, ...]
    if kind == "s3":
        lines = (
            f"printf '[global]\\n{REPO}-s3-key=%s\\n{REPO}-s3-key-secret=%s\\n' "
            f"\"$(kubectl get secret {v4} -n {ns} -o jsonpath='{{.data.aws-s3-key}}' | base64 -d)\" "
            f"\"$(kubectl get secret {v4} -n {ns} -o jsonpath='{{.data.aws-s3-key-secret}}' | base64 -d)\" > s3.conf",
            f"kubectl create secret generic {c}-pgbackrest-secret -n {ns} --from-file=s3.conf && rm s3.conf",
        )
    else:
        lines = (
            f"kubectl get secret {v4} -n {ns} -o jsonpath='{{.data.gcs-key}}' | base64 -d > gcs-key.json",
            f"printf '[global]\\n{REPO}-gcs-key=/etc/pgbackrest/conf.d/gcs-key.json\\n' > gcs.conf",
            f"kubectl create secret generic {c}-pgbackrest-secret -n {ns} --from-file=gcs.conf "
            "--from-file=gcs-key.json && rm gcs.conf gcs-key.json",
        )
    return Step(
        f"give v5 the {kind.upper()} credentials of the v4 repository (read from {v4}, never printed)", lines
    )
