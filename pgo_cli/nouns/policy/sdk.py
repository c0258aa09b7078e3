"""The typed SDK calls of SQL policies: each runs the command's own plan (:mod:`pgo_cli.cli.programmatic`)."""

from __future__ import annotations

from functools import partial

from pgo_cli.cli import programmatic
from pgo_cli.errors import UsageError
from pgo_cli.nouns.policy import commands
from pgo_cli.nouns.policy.messages import (
    ApplyPolicyResponse,
    CreatePolicyResponse,
    DeletePolicyResponse,
    ShowPolicyResponse,
)


class PolicyAPI(programmatic.NounAPI):
    """The SQL policies calls of a :class:`~pgo_cli.client.Client`."""

    def create(
        self, name: str, *, sql: str | None = None, in_file: str = "", namespace: str | None = None
    ) -> CreatePolicyResponse:
        """Create a SQL policy (``pgo create policy NAME``) from SQL text (``sql="..."``) or from a
        file (``in_file=PATH``, as ``--in-file``; read and checked as the CLI does).
        """
        if sql is not None and in_file:
            raise UsageError("give the policy's SQL as sql= or in_file=, not both")
        planner = None if sql is None else partial(commands.plan_create_sql, sql=sql)
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "create", "policy"),
            [name],
            {"in_file": in_file},
            CreatePolicyResponse,
            namespace=namespace,
            planner=planner,
        )

    def show(self, *names: str, all: bool = False, namespace: str | None = None) -> list[ShowPolicyResponse]:
        """Show SQL policies (``pgo show policy NAME...``). One request per name; the answers in order."""
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "show", "policy"),
            names,
            {"all": all},
            ShowPolicyResponse,
            namespace=namespace,
        )

    def delete(
        self, *names: str, all: bool = False, namespace: str | None = None
    ) -> list[DeletePolicyResponse]:
        """Delete SQL policies (``pgo delete policy NAME...``). One request per name; the answers in order."""
        return programmatic.calls(
            self._connection,
            programmatic.find(commands.COMMANDS, "delete", "policy"),
            names,
            {"all": all},
            DeletePolicyResponse,
            namespace=namespace,
        )

    def apply(
        self, name: str, *, selector: str = "", dry_run: bool = False, namespace: str | None = None
    ) -> ApplyPolicyResponse:
        """Apply a SQL policy to the clusters a selector picks (``pgo apply NAME``)."""
        return programmatic.call(
            self._connection,
            programmatic.find(commands.COMMANDS, "apply"),
            [name],
            {"selector": selector, "dry_run": dry_run},
            ApplyPolicyResponse,
            namespace=namespace,
        )
