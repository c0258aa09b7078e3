"""A tour of the Python API: a dozen pgo nouns driven from a script, type-checked by mypy --strict.

Run it against pgo-emulator (or a real operator) with the same environment as ``pgo``:

    eval "$(pgo-emulator env)" && python examples/sdk_tour.py
"""

from __future__ import annotations

import sys

from pgo_cli import Client
from pgo_cli.errors import ApiError, PgoError, UsageError


def tour(client: Client) -> None:
    print("apiserver", client.version().version)
    print("namespaces", [ns.namespace for ns in client.namespaces.show(all=True).results or []])
    print("pgoroles", [role.name for role in client.pgoroles.show(all=True).role_info or []])
    print("config: primary storage", client.config.show().result["PrimaryStorage"])

    created = client.clusters.create("hippo", replica_count=1, labels={"env": "demo"}, wait=True)
    print("created", created.result.name, "workflow", created.result.workflow_id)
    print("workflow", client.workflows.show(created.result.workflow_id).results.parameters)

    client.clusters.scale("hippo", replica_count=1, wait=True)
    client.clusters.label("hippo", labels={"team": "db"})
    [tested] = client.clusters.test("hippo")
    print("test", [(r.cluster_name, [i.available for i in r.instances or []]) for r in tested.results or []])
    for shown in client.clusters.show(selector="env=demo"):  # the labels given at creation
        print("shown", [detail.pgcluster().spec.name for detail in shown.results or []])

    client.backups.create("hippo", backup_type="pgbackrest", backup_opts="--type=full", wait=True)
    [backups] = client.backups.show("hippo")
    print("backup sets", len(backups.items or []))
    client.schedules.create(
        "hippo", schedule="*/5 * * * *", schedule_type="pgbackrest", pgbackrest_backup_type="full"
    )
    print("schedules", client.schedules.show("hippo").results)

    users = client.users.create("hippo", username="alice", managed=True)
    print("user", [(row.username, row.cluster_name) for row in users.results or []])
    client.policies.create("pol1", sql="create table if not exists audit (id int);")
    print("applied", client.policies.apply("pol1", selector="name=hippo").name)
    client.pgbouncers.create("hippo", wait=True)
    print("pgbouncer", [r.cluster_name for r in client.pgbouncers.show("hippo").results or []])
    [pvcs] = client.pvcs.show("hippo")
    print("pvcs", [r.pvc_name for r in pvcs.results or []])
    print("status: databases", client.status.show().result.num_databases)

    try:
        client.clusters.create("rhino", memory="lots")
    except UsageError as refused:  # checked as the CLI checks, nothing sent
        print("refused before sending:", refused.message, "exit", int(refused.exit_code))

    client.schedules.delete("hippo")
    client.pgbouncers.delete("hippo")
    client.policies.delete("pol1")
    client.clusters.delete("hippo", wait=True)


def main() -> int:
    try:
        with Client.from_environment() as client:
            tour(client)
    except ApiError as error:  # the apiserver said Code "error": .message is its Msg
        print(f"Error: {error.message}", file=sys.stderr)
        return int(error.exit_code)
    except PgoError as error:  # any other failure, with the exit code pgo would use
        print(f"Error: {error.message}", file=sys.stderr)
        return int(error.exit_code)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
