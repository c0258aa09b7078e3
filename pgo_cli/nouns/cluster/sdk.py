"""``client.clusters``: every cluster verb of pgo, typed, built by the same code as the CLI's.

>>> client = Client.from_environment(namespace="pgo")
>>> client.clusters.create("hippo", replica_count=1, labels={"env": "prod"}, wait=True)
>>> [d.pgcluster().spec.name for d in client.clusters.show(all=True)[0].results or []]
>>> client.clusters.scale("hippo", replica_count=2)

:class:`ClusterAPI` gathers the calls of the nouns that act on clusters (``scale``, ``failover``,
``restart``, ``reload``, ``df``, ``upgrade``, ``label``, ``cat``), each defined in its own noun's
``sdk.py``, with create, show, update, delete and test defined here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pgo_cli.cli import programmatic
from pgo_cli.nouns.cat.sdk import CatCalls
from pgo_cli.nouns.cluster import calls, commands, testcluster, update
from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse
from pgo_cli.nouns.cluster.messages import (
    ClusterTestResponse,
    DeleteClusterRequest,
    DeleteClusterResponse,
    ShowClusterRequest,
    ShowClusterResponse,
)
from pgo_cli.nouns.cluster.update_messages import UpdateClusterResponse
from pgo_cli.nouns.df.sdk import DfCalls
from pgo_cli.nouns.failover.sdk import FailoverCalls
from pgo_cli.nouns.label.sdk import LabelCalls
from pgo_cli.nouns.reload.sdk import ReloadCalls
from pgo_cli.nouns.restart.sdk import RestartCalls
from pgo_cli.nouns.scale.sdk import ScaleCalls
from pgo_cli.nouns.upgrade.sdk import UpgradeCalls

#: The create flags whose "not given" differs from their default: None leaves them out.
_EXPLICIT = frozenset({"sync_replication", "pgbackrest_s3_verify_tls"})


class ClusterAPI(
    ScaleCalls, FailoverCalls, RestartCalls, ReloadCalls, DfCalls, UpgradeCalls, LabelCalls, CatCalls
):
    """The cluster calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self,
        name: str,
        *,
        annotations: Mapping[str, str] | Sequence[str] = (),
        annotations_pgbackrest: Mapping[str, str] | Sequence[str] = (),
        annotations_pgbouncer: Mapping[str, str] | Sequence[str] = (),
        annotations_postgres: Mapping[str, str] | Sequence[str] = (),
        ccp_image: str = "",
        ccp_image_tag: str = "",
        ccp_image_prefix: str = "",
        pgo_image_prefix: str = "",
        cpu: str = "",
        cpu_limit: str = "",
        custom_config: str = "",
        database: str = "",
        disable_autofail: bool = False,
        labels: Mapping[str, str] | Sequence[str] = (),
        memory: str = "",
        memory_limit: str = "",
        metrics: bool = False,
        exporter_cpu: str = "",
        exporter_cpu_limit: str = "",
        exporter_memory: str = "",
        exporter_memory_limit: str = "",
        node_affinity_type: Literal["", "preferred", "required"] = "",
        node_label: str = "",
        password: str = "",
        password_length: int = 0,
        password_type: Literal["", "md5", "scram-sha-256"] = "",
        password_superuser: str = "",
        password_replication: str = "",
        pgbackrest_cpu: str = "",
        pgbackrest_cpu_limit: str = "",
        pgbackrest_custom_config: str = "",
        pgbackrest_memory: str = "",
        pgbackrest_memory_limit: str = "",
        pgbackrest_pvc_size: str = "",
        pgbackrest_repo_path: str = "",
        pgbackrest_gcs_bucket: str = "",
        pgbackrest_gcs_endpoint: str = "",
        pgbackrest_gcs_key: str = "",
        pgbackrest_gcs_key_type: Literal["service", "token"] = "service",
        pgbackrest_s3_key: str = "",
        pgbackrest_s3_bucket: str = "",
        pgbackrest_s3_ca_secret: str = "",
        pgbackrest_s3_endpoint: str = "",
        pgbackrest_s3_key_secret: str = "",
        pgbackrest_s3_region: str = "",
        pgbackrest_s3_uri_style: Literal["", "host", "path"] = "",
        pgbackrest_s3_verify_tls: bool | None = None,
        pgbackrest_storage_config: str = "",
        pgbackrest_storage_type: str = "",
        pgbadger: bool = False,
        pgbouncer: bool = False,
        pgbouncer_cpu: str = "",
        pgbouncer_cpu_limit: str = "",
        pgbouncer_memory: str = "",
        pgbouncer_memory_limit: str = "",
        pgbouncer_replicas: int = 0,
        pgbouncer_service_type: Literal["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] = "",
        pgbouncer_tls_secret: str = "",
        replica_storage_config: str = "",
        pod_anti_affinity: Literal["", "required", "preferred", "disabled"] = "",
        pod_anti_affinity_pgbackrest: Literal["", "required", "preferred", "disabled"] = "",
        pod_anti_affinity_pgbouncer: Literal["", "required", "preferred", "disabled"] = "",
        policies: str = "",
        pvc_size: str = "",
        replica_count: int = 0,
        replication_tls_secret: str = "",
        restore_from: str = "",
        restore_from_namespace: str = "",
        restore_opts: str = "",
        secret_from: str = "",
        server_ca_secret: str = "",
        server_tls_secret: str = "",
        service_type: Literal["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] = "",
        show_system_accounts: bool = False,
        storage_config: str = "",
        sync_replication: bool | None = None,
        tls_only: bool = False,
        tolerations: Sequence[str] = (),
        standby: bool = False,
        tablespaces: Sequence[str] = (),
        username: str = "",
        wal_storage_config: str = "",
        wal_storage_size: str = "",
        password_file: str = "",
        password_superuser_file: str = "",
        password_replication_file: str = "",
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> CreateClusterResponse:
        """Create a PostgreSQL cluster (``pgo create cluster NAME``), sending the body pgo sends.

        The options are the flags by their Python names; the values are checked exactly as the
        CLI checks them (:class:`~pgo_cli.errors.UsageError` before anything is sent).
        ``sync_replication`` and ``pgbackrest_s3_verify_tls`` are left out of the request when
        None, as when the flag is not typed. A password not given, nor its ``*_file``, comes from
        the ``PGO_CLUSTER_PASSWORD*`` variable of the client's environment, as in the CLI.
        ``wait=True`` returns when every instance is ready, as ``--wait`` does.
        """
        options: dict[str, Any] = {
            "annotation": annotations,
            "annotation_pgbackrest": annotations_pgbackrest,
            "annotation_pgbouncer": annotations_pgbouncer,
            "annotation_postgres": annotations_postgres,
            "ccp_image": ccp_image,
            "ccp_image_tag": ccp_image_tag,
            "ccp_image_prefix": ccp_image_prefix,
            "pgo_image_prefix": pgo_image_prefix,
            "cpu": cpu,
            "cpu_limit": cpu_limit,
            "custom_config": custom_config,
            "database": database,
            "disable_autofail": disable_autofail,
            "label": labels,
            "memory": memory,
            "memory_limit": memory_limit,
            "metrics": metrics,
            "exporter_cpu": exporter_cpu,
            "exporter_cpu_limit": exporter_cpu_limit,
            "exporter_memory": exporter_memory,
            "exporter_memory_limit": exporter_memory_limit,
            "node_affinity_type": node_affinity_type,
            "node_label": node_label,
            "password": password,
            "password_length": password_length,
            "password_type": password_type,
            "password_superuser": password_superuser,
            "password_replication": password_replication,
            "pgbackrest_cpu": pgbackrest_cpu,
            "pgbackrest_cpu_limit": pgbackrest_cpu_limit,
            "pgbackrest_custom_config": pgbackrest_custom_config,
            "pgbackrest_memory": pgbackrest_memory,
            "pgbackrest_memory_limit": pgbackrest_memory_limit,
            "pgbackrest_pvc_size": pgbackrest_pvc_size,
            "pgbackrest_repo_path": pgbackrest_repo_path,
            "pgbackrest_gcs_bucket": pgbackrest_gcs_bucket,
            "pgbackrest_gcs_endpoint": pgbackrest_gcs_endpoint,
            "pgbackrest_gcs_key": pgbackrest_gcs_key,
            "pgbackrest_gcs_key_type": pgbackrest_gcs_key_type,
            "pgbackrest_s3_key": pgbackrest_s3_key,
            "pgbackrest_s3_bucket": pgbackrest_s3_bucket,
            "pgbackrest_s3_ca_secret": pgbackrest_s3_ca_secret,
            "pgbackrest_s3_endpoint": pgbackrest_s3_endpoint,
            "pgbackrest_s3_key_secret": pgbackrest_s3_key_secret,
            "pgbackrest_s3_region": pgbackrest_s3_region,
            "pgbackrest_s3_uri_style": pgbackrest_s3_uri_style,
            "pgbackrest_s3_verify_tls": pgbackrest_s3_verify_tls,
            "pgbackrest_storage_config": pgbackrest_storage_config,
            "pgbackrest_storage_type": pgbackrest_storage_type,
            "pgbadger": pgbadger,
            "pgbouncer": pgbouncer,
            "pgbouncer_cpu": pgbouncer_cpu,
            "pgbouncer_cpu_limit": pgbouncer_cpu_limit,
            "pgbouncer_memory": pgbouncer_memory,
            "pgbouncer_memory_limit": pgbouncer_memory_limit,
            "pgbouncer_replicas": pgbouncer_replicas,
            "pgbouncer_service_type": pgbouncer_service_type,
            "pgbouncer_tls_secret": pgbouncer_tls_secret,
            "replica_storage_config": replica_storage_config,
            "pod_anti_affinity": pod_anti_affinity,
            "pod_anti_affinity_pgbackrest": pod_anti_affinity_pgbackrest,
            "pod_anti_affinity_pgbouncer": pod_anti_affinity_pgbouncer,
            "policies": policies,
            "pvc_size": pvc_size,
            "replica_count": replica_count,
            "replication_tls_secret": replication_tls_secret,
            "restore_from": restore_from,
            "restore_from_namespace": restore_from_namespace,
            "restore_opts": restore_opts,
            "secret_from": secret_from,
            "server_ca_secret": server_ca_secret,
            "server_tls_secret": server_tls_secret,
            "service_type": service_type,
            "show_system_accounts": show_system_accounts,
            "storage_config": storage_config,
            "sync_replication": sync_replication,
            "tls_only": tls_only,
            "toleration": tolerations,
            "standby": standby,
            "tablespace": tablespaces,
            "username": username,
            "wal_storage_config": wal_storage_config,
            "wal_storage_size": wal_storage_size,
            "password_file": password_file,
            "password_superuser_file": password_superuser_file,
            "password_replication_file": password_replication_file,
        }
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "cluster"),
            [name],
            options,
            CreateClusterResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
            explicit=_EXPLICIT,
        )

    def show(
        self,
        *clusters: str,
        selector: str = "",
        all: bool = False,
        ccp_image_tag: str = "",
        namespace: str | None = None,
    ) -> list[ShowClusterResponse]:
        """Show clusters (``pgo show cluster CLUSTER... | --selector S | --all``): one answer per
        name, or one for ``selector`` or ``all`` (the names are then ignored, as in the CLI).
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "cluster"),
            clusters,
            {"selector": selector, "all": all, "ccp_image_tag": ccp_image_tag},
            ShowClusterResponse,
            namespace=namespace,
        )

    def delete(
        self,
        *clusters: str,
        selector: str = "",
        all: bool = False,
        keep_backups: bool = False,
        keep_data: bool = False,
        wait: bool = False,
        wait_timeout: float | str = "10m",
        namespace: str | None = None,
    ) -> list[DeleteClusterResponse]:
        """Delete clusters (``pgo delete cluster CLUSTER... | --selector S | --all``; no question
        is asked): one answer per request. Data and backups go too unless ``keep_data`` /
        ``keep_backups``. ``wait=True`` returns when the clusters no longer show.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "cluster"),
            clusters,
            {"selector": selector, "all": all, "keep_backups": keep_backups, "keep_data": keep_data},
            DeleteClusterResponse,
            namespace=namespace,
            wait=wait,
            wait_timeout=wait_timeout,
        )

    def update(
        self,
        *clusters: str,
        all: bool = False,
        annotations: Mapping[str, str] | Sequence[str] = (),
        annotations_pgbackrest: Mapping[str, str] | Sequence[str] = (),
        annotations_pgbouncer: Mapping[str, str] | Sequence[str] = (),
        annotations_postgres: Mapping[str, str] | Sequence[str] = (),
        cpu: str = "",
        cpu_limit: str = "",
        disable_autofail: bool = False,
        disable_metrics: bool = False,
        disable_pgbadger: bool = False,
        disable_server_tls: bool = False,
        disable_tls_only: bool = False,
        enable_autofail: bool = False,
        memory: str = "",
        memory_limit: str = "",
        selector: str = "",
        promote_standby: bool = False,
        pgbackrest_cpu: str = "",
        pgbackrest_cpu_limit: str = "",
        pgbackrest_memory: str = "",
        pgbackrest_memory_limit: str = "",
        pgbackrest_pvc_size: str = "",
        pvc_size: str = "",
        wal_pvc_size: str = "",
        exporter_cpu: str = "",
        exporter_cpu_limit: str = "",
        exporter_memory: str = "",
        exporter_memory_limit: str = "",
        enable_metrics: bool = False,
        enable_pgbadger: bool = False,
        exporter_rotate_password: bool = False,
        enable_standby: bool = False,
        enable_tls_only: bool = False,
        replication_tls_secret: str = "",
        service_type: Literal["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] = "",
        startup: bool = False,
        shutdown: bool = False,
        tablespaces: Sequence[str] = (),
        server_ca_secret: str = "",
        server_tls_secret: str = "",
        tolerations: Sequence[str] = (),
        namespace: str | None = None,
    ) -> UpdateClusterResponse:
        """Update PostgreSQL clusters (``pgo update cluster CLUSTER...``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(update.COMMANDS, "update", "cluster"),
            clusters,
            {
                "all": all,
                "annotation": annotations,
                "annotation_pgbackrest": annotations_pgbackrest,
                "annotation_pgbouncer": annotations_pgbouncer,
                "annotation_postgres": annotations_postgres,
                "cpu": cpu,
                "cpu_limit": cpu_limit,
                "disable_autofail": disable_autofail,
                "disable_metrics": disable_metrics,
                "disable_pgbadger": disable_pgbadger,
                "disable_server_tls": disable_server_tls,
                "disable_tls_only": disable_tls_only,
                "enable_autofail": enable_autofail,
                "memory": memory,
                "memory_limit": memory_limit,
                "selector": selector,
                "promote_standby": promote_standby,
                "pgbackrest_cpu": pgbackrest_cpu,
                "pgbackrest_cpu_limit": pgbackrest_cpu_limit,
                "pgbackrest_memory": pgbackrest_memory,
                "pgbackrest_memory_limit": pgbackrest_memory_limit,
                "pgbackrest_pvc_size": pgbackrest_pvc_size,
                "pvc_size": pvc_size,
                "wal_pvc_size": wal_pvc_size,
                "exporter_cpu": exporter_cpu,
                "exporter_cpu_limit": exporter_cpu_limit,
                "exporter_memory": exporter_memory,
                "exporter_memory_limit": exporter_memory_limit,
                "enable_metrics": enable_metrics,
                "enable_pgbadger": enable_pgbadger,
                "exporter_rotate_password": exporter_rotate_password,
                "enable_standby": enable_standby,
                "enable_tls_only": enable_tls_only,
                "replication_tls_secret": replication_tls_secret,
                "service_type": service_type,
                "startup": startup,
                "shutdown": shutdown,
                "tablespace": tablespaces,
                "server_ca_secret": server_ca_secret,
                "server_tls_secret": server_tls_secret,
                "toleration": tolerations,
            },
            UpdateClusterResponse,
            namespace=namespace,
        )

    def test(
        self, *clusters: str, selector: str = "", all: bool = False, namespace: str | None = None
    ) -> list[ClusterTestResponse]:
        """Test that a cluster's instances and services are up (``pgo test CLUSTER...``). One request per
        name; the answers in order.
        """
        return programmatic.calls(
            self._connection,
            programmatic.find(testcluster.COMMANDS, "test"),
            clusters,
            {"selector": selector, "all": all},
            ClusterTestResponse,
            namespace=namespace,
        )

    # The wire calls alone, for callers that build the request themselves.

    def send_create(self, body: Mapping[str, Any]) -> CreateClusterResponse:
        """``POST /clusters`` with a ``CreateClusterRequest`` body (no check is made)."""
        return calls.send_create(self._connection, body)

    def send_show(self, request: ShowClusterRequest) -> ShowClusterResponse:
        """``POST /showclusters`` (a read: retried on transient failures); ``.raw`` is the JSON."""
        return calls.send_show(self._connection, request)

    def send_delete(self, request: DeleteClusterRequest) -> DeleteClusterResponse:
        """``POST /clustersdelete`` (no question is asked)."""
        return calls.send_delete(self._connection, request)
