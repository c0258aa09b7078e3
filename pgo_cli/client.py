"""``pgo_cli.Client``: the Python API, one typed attribute per pgo noun.

>>> from pgo_cli import Client
>>> client = Client.from_environment(namespace="pgo")   # PGO_APISERVER_URL, PGO_CA_CERT, PGOUSER …
>>> client.version().version
'4.7.4'
>>> client.clusters.scale("hippo", replica_count=2)

The layering, from the bottom up (each layer imports only the ones below it):

* :mod:`pgo_cli.sdk` — the noun-free connection: settings, credentials, TLS, the transport and one
  :meth:`~pgo_cli.sdk.connection.Connection.call` taking an endpoint and a message dataclass;
* :mod:`pgo_cli.cli` — the command model and runner; :mod:`pgo_cli.cli.programmatic` runs a
  registered command's own plan from keyword arguments;
* ``pgo_cli.nouns.<noun>`` — each noun's endpoints, messages, commands and its ``sdk.py`` (the
  typed calls, built on the command's plan);
* this module — :class:`Client` gathers the nouns' typed calls as attributes. Nothing below imports
  it, so the CLI never loads it and each noun is imported on first use of its attribute.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from pgo_cli.sdk.connection import Connection

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pgo_cli.nouns.backup.sdk import BackupAPI
    from pgo_cli.nouns.cluster.sdk import ClusterAPI
    from pgo_cli.nouns.config.sdk import ConfigAPI
    from pgo_cli.nouns.namespace.sdk import NamespaceAPI
    from pgo_cli.nouns.pgadmin.sdk import PgadminAPI
    from pgo_cli.nouns.pgbouncer.sdk import PgbouncerAPI
    from pgo_cli.nouns.pgorole.sdk import PgoroleAPI
    from pgo_cli.nouns.pgouser.sdk import PgouserAPI
    from pgo_cli.nouns.policy.sdk import PolicyAPI
    from pgo_cli.nouns.pvc.sdk import PvcAPI
    from pgo_cli.nouns.schedule.sdk import ScheduleAPI
    from pgo_cli.nouns.status.sdk import StatusAPI
    from pgo_cli.nouns.user.sdk import UserAPI
    from pgo_cli.nouns.version.sdk import VersionAPI
    from pgo_cli.nouns.workflow.sdk import WorkflowAPI
    from pgo_cli.sdk.debuglog import DebugLog
    from pgo_cli.sdk.session import Credentials, Settings


#: The SDK call (``attribute.method`` of :class:`Client`) that sends what each pgo command sends.
SDK_CALLS: dict[tuple[str, ...], str] = {
    ("apply",): "policies.apply",
    ("backup",): "backups.create",
    ("cat",): "clusters.cat",
    ("create", "cluster"): "clusters.create",
    ("create", "namespace"): "namespaces.create",
    ("create", "pgadmin"): "pgadmins.create",
    ("create", "pgbouncer"): "pgbouncers.create",
    ("create", "pgorole"): "pgoroles.create",
    ("create", "pgouser"): "pgousers.create",
    ("create", "policy"): "policies.create",
    ("create", "schedule"): "schedules.create",
    ("create", "user"): "users.create",
    ("delete", "backup"): "backups.delete",
    ("delete", "cluster"): "clusters.delete",
    ("delete", "label"): "clusters.delete_label",
    ("delete", "namespace"): "namespaces.delete",
    ("delete", "pgadmin"): "pgadmins.delete",
    ("delete", "pgbouncer"): "pgbouncers.delete",
    ("delete", "pgorole"): "pgoroles.delete",
    ("delete", "pgouser"): "pgousers.delete",
    ("delete", "policy"): "policies.delete",
    ("delete", "schedule"): "schedules.delete",
    ("delete", "user"): "users.delete",
    ("df",): "clusters.df",
    ("failover",): "clusters.failover",
    ("label",): "clusters.label",
    ("reload",): "clusters.reload",
    ("restart",): "clusters.restart",
    ("restore",): "backups.restore",
    ("scale",): "clusters.scale",
    ("scaledown",): "clusters.scaledown",
    ("show", "backup"): "backups.show",
    ("show", "cluster"): "clusters.show",
    ("show", "config"): "config.show",
    ("show", "namespace"): "namespaces.show",
    ("show", "pgadmin"): "pgadmins.show",
    ("show", "pgbouncer"): "pgbouncers.show",
    ("show", "pgorole"): "pgoroles.show",
    ("show", "pgouser"): "pgousers.show",
    ("show", "policy"): "policies.show",
    ("show", "pvc"): "pvcs.show",
    ("show", "schedule"): "schedules.show",
    ("show", "user"): "users.show",
    ("show", "workflow"): "workflows.show",
    ("status",): "status.show",
    ("test",): "clusters.test",
    ("update", "cluster"): "clusters.update",
    ("update", "namespace"): "namespaces.update",
    ("update", "pgbouncer"): "pgbouncers.update",
    ("update", "pgorole"): "pgoroles.update",
    ("update", "pgouser"): "pgousers.update",
    ("update", "user"): "users.update",
    ("upgrade",): "clusters.upgrade",
    ("version",): "version.show",
}

#: Commands without an SDK call: local ones (contexts, the doctor's diagnosis), the NSQ stream of
#: ``watch``, and the multi-step ones built on the calls above (``migrate v5``, ``support export``).
LOCAL_COMMANDS = frozenset(
    {
        ("context", "add"),
        ("context", "delete"),
        ("context", "list"),
        ("context", "show"),
        ("context", "use"),
        ("doctor",),
        ("migrate", "v5"),
        ("support", "export"),
        ("watch",),
    }
)


class Client(Connection):
    """A connection to one apiserver as one pgouser, with a typed attribute per pgo noun.

    Every call raises a :class:`~pgo_cli.errors.PgoError` subclass on failure; its ``exit_code`` is
    the one ``pgo`` would exit with (2 a bad value, found before anything is sent; 1 the apiserver
    refused; 3 authentication; 4 unreachable; 5 an unusable answer; 6 a ``wait`` that ran out).
    """

    def __init__(
        self,
        settings: Settings,
        credentials: Credentials | None = None,
        *,
        debug: DebugLog | None = None,
        env: Mapping[str, str] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(
            settings, credentials, debug=debug, env=env, server_version=_server_version, warn=warn
        )

    @cached_property
    def clusters(self) -> ClusterAPI:
        """``pgo create|show|update|delete cluster``, ``scale``, ``scaledown``, ``failover``, ``restart``,
        ``reload``, ``test``, ``df``, ``upgrade``, ``label``, ``delete label``, ``cat``."""
        from pgo_cli.nouns.cluster.sdk import ClusterAPI

        return ClusterAPI(self)

    @cached_property
    def backups(self) -> BackupAPI:
        """``pgo backup``, ``show backup``, ``delete backup``, ``restore``."""
        from pgo_cli.nouns.backup.sdk import BackupAPI

        return BackupAPI(self)

    @cached_property
    def schedules(self) -> ScheduleAPI:
        """``pgo create|show|delete schedule``: cron schedules of backups and policies."""
        from pgo_cli.nouns.schedule.sdk import ScheduleAPI

        return ScheduleAPI(self)

    @cached_property
    def users(self) -> UserAPI:
        """``pgo create|show|update|delete user``: PostgreSQL users of clusters."""
        from pgo_cli.nouns.user.sdk import UserAPI

        return UserAPI(self)

    @cached_property
    def policies(self) -> PolicyAPI:
        """``pgo create|show|delete policy``, ``apply``: SQL policies."""
        from pgo_cli.nouns.policy.sdk import PolicyAPI

        return PolicyAPI(self)

    @cached_property
    def pgbouncers(self) -> PgbouncerAPI:
        """``pgo create|show|update|delete pgbouncer``: pgBouncer of clusters."""
        from pgo_cli.nouns.pgbouncer.sdk import PgbouncerAPI

        return PgbouncerAPI(self)

    @cached_property
    def pgadmins(self) -> PgadminAPI:
        """``pgo create|show|delete pgadmin``: pgAdmin of clusters."""
        from pgo_cli.nouns.pgadmin.sdk import PgadminAPI

        return PgadminAPI(self)

    @cached_property
    def namespaces(self) -> NamespaceAPI:
        """``pgo create|show|update|delete namespace``: namespaces the operator watches."""
        from pgo_cli.nouns.namespace.sdk import NamespaceAPI

        return NamespaceAPI(self)

    @cached_property
    def pgousers(self) -> PgouserAPI:
        """``pgo create|show|update|delete pgouser``: operator logins."""
        from pgo_cli.nouns.pgouser.sdk import PgouserAPI

        return PgouserAPI(self)

    @cached_property
    def pgoroles(self) -> PgoroleAPI:
        """``pgo create|show|update|delete pgorole``: sets of operator permissions."""
        from pgo_cli.nouns.pgorole.sdk import PgoroleAPI

        return PgoroleAPI(self)

    @cached_property
    def workflows(self) -> WorkflowAPI:
        """``pgo show workflow``: the parameters of a workflow."""
        from pgo_cli.nouns.workflow.sdk import WorkflowAPI

        return WorkflowAPI(self)

    @cached_property
    def config(self) -> ConfigAPI:
        """``pgo show config``: the operator's configuration."""
        from pgo_cli.nouns.config.sdk import ConfigAPI

        return ConfigAPI(self)

    @cached_property
    def status(self) -> StatusAPI:
        """``pgo status``: namespace-wide cluster status."""
        from pgo_cli.nouns.status.sdk import StatusAPI

        return StatusAPI(self)

    @cached_property
    def pvcs(self) -> PvcAPI:
        """``pgo show pvc``: the PVCs of clusters."""
        from pgo_cli.nouns.pvc.sdk import PvcAPI

        return PvcAPI(self)

    @cached_property
    def version(self) -> VersionAPI:
        """``pgo version``: ``client.version().version`` is the apiserver's version."""
        from pgo_cli.nouns.version.sdk import VersionAPI

        return VersionAPI(self)


def _server_version(connection: Connection) -> str:
    """The apiserver's version, for the hint of a version mismatch (imports the version noun then)."""
    from pgo_cli.nouns.version.sdk import version_number

    return version_number(connection)
