"""``create|show|delete policy`` and ``apply`` (``cmd/pgo/cmd/policy.go``, ``create.go``, ``show.go``, ``delete.go``).

* ``create policy NAME --in-file FILE``: the file is read here, before anything is sent; a missing
  or unreadable file is a usage error (pgo prints it and exits 0).
* ``show policy NAME…`` / ``--all``: one request per name (``Policyname: ""`` with ``--all``).
* ``delete policy NAME…`` / ``--all``: asks first; one request per name (``all`` with ``--all``).
* ``apply POLICY --selector S [--dry-run]``: pgo's ``--dry-run`` is sent to the server (it lists the
  clusters without labelling them), so this command has no client-side dry run.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import NO_PROMPT, Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.policy.endpoints import APPLY, CREATE, DELETE, SHOW
from pgo_cli.nouns.policy.messages import (
    ApplyPolicyRequest,
    ApplyPolicyResponse,
    CreatePolicyRequest,
    DeletePolicyRequest,
    ShowPolicyRequest,
    ShowPolicyResponse,
)
from pgo_cli.nouns.shared.results import write_results

NO_POLICIES = "No policies found."
NO_CLUSTERS = "No clusters found."
DRY_RUN_HEADER = "The label would have been applied on the following:"

# --------------------------------------------------------------------------------------------
# create policy


def read_policy_file(path: str) -> str:
    """The SQL of ``--in-file`` (``getPolicyString``: ``ioutil.ReadFile``), with Go's error text."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise UsageError(f"--in-file: read {path}: is a directory") from None
    except OSError as exc:
        reason = exc.strerror or errno.errorcode.get(exc.errno or 0, "error")
        raise UsageError(
            f"--in-file: open {path}: {reason[:1].lower()}{reason[1:]}",
            hint="give the path of a readable SQL file, e.g. --in-file=/tmp/mypolicy.sql",
        ) from None
    # Go's string(buf) keeps the bytes; json.Marshal then turns invalid UTF-8 into U+FFFD.
    return data.decode("utf-8", errors="replace")


def plan_create(invocation: Invocation) -> Plan:
    """``createPolicyCmd``: ``--in-file`` first, then the name; only the first name is used."""
    in_file = invocation.value("in-file")
    if not in_file:
        raise UsageError(
            "The --in-file is required to create a policy.",
            hint="e.g. pgo create policy mypolicy --in-file=/tmp/mypolicy.sql",
        )
    if not invocation.args:
        raise UsageError(
            "A policy name is required for this command.",
            hint="e.g. pgo create policy mypolicy --in-file=/tmp/mypolicy.sql",
        )
    return plan_create_sql(invocation, read_policy_file(in_file))


def plan_create_sql(invocation: Invocation, sql: str) -> Plan:
    """The request of ``create policy NAME`` for SQL text (read from ``--in-file`` by the CLI)."""
    if not invocation.args or not invocation.args[0]:
        raise UsageError(
            "A policy name is required for this command.",
            hint="e.g. pgo create policy mypolicy --in-file=/tmp/mypolicy.sql",
        )
    name = invocation.args[0]
    request = CreatePolicyRequest(
        name=name,
        sql=sql,
        namespace=invocation.namespace(),
        client_version=invocation.client_version,
    )
    return Plan([Call(CREATE, request, target=name)], check=f"pgo show policy {name}")


def text_create(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``Created policy.``"""
    out.write("Created policy.\n")


# --------------------------------------------------------------------------------------------
# show policy


def plan_show(invocation: Invocation) -> Plan:
    """``showPolicy``: one request per name; ``--all`` without names sends one with an empty name."""
    all_flag = bool(invocation.value("all"))
    names: Sequence[str] = invocation.args
    if not names and not all_flag:
        raise UsageError(
            "Policy name(s) or --all required for this command.",
            hint="e.g. pgo show policy mypolicy, pgo show policy --all",
        )
    if not names:
        names = ("",)
    namespace = invocation.namespace()
    calls = [
        Call(
            SHOW,
            ShowPolicyRequest(
                selector="",
                namespace=namespace,
                all_flag=all_flag,
                client_version=invocation.client_version,
                policyname=name,
            ),
            target=name,
        )
        for name in names
    ]
    # pgo exits at the first refused answer (os.Exit(2)): the later names are not asked for.
    return Plan(calls, stop_on_error=True)


def text_show(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's block per policy: a blank line, ``policy : <name>``, ``\\tstatus : …``, ``\\tsql : …``."""
    response: ShowPolicyResponse = reply.response
    items = response.policy_list.items or []
    if not items:
        out.write(NO_POLICIES + "\n")
        return
    for policy in items:
        out.write("\n")
        out.write(f"policy : {policy.spec.name}\n")
        out.write(f"\tstatus : {policy.spec.status}\n")
        out.write(f"\tsql : {policy.spec.sql}\n")


def table_show(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: one row per policy, its SQL on as many lines as it has."""
    from pgo_cli.output.table import write_table

    rows = []
    seen: set[str] = set()
    for reply in replies:
        response: ShowPolicyResponse = reply.response
        for policy in response.policy_list.items or []:
            if policy.spec.name in seen:  # --all with names lists everything once per name
                continue
            seen.add(policy.spec.name)
            state = str((policy.status or {}).get("state", ""))
            rows.append((policy.spec.name, state, policy.spec.sql.rstrip("\n")))
    if not rows:
        out.write(NO_POLICIES + "\n")
        return
    write_table(("POLICY", "STATE", "SQL"), rows, out, width=invocation.io.width)


# --------------------------------------------------------------------------------------------
# delete policy


def plan_delete(invocation: Invocation) -> Plan:
    """``deletePolicy``: asks first; one request per name, just ``all`` with ``--all``."""
    all_flag = bool(invocation.value("all"))
    names: Sequence[str] = invocation.args
    if not names and not all_flag:
        raise UsageError(
            "A policy name or --all is required for this command.",
            hint="e.g. pgo delete policy mypolicy, pgo delete policy --all",
        )
    if all_flag:
        names = ("all",)
    namespace = invocation.namespace()
    calls = [
        Call(
            DELETE,
            DeletePolicyRequest(
                selector="",
                namespace=namespace,
                all_flag=all_flag,
                client_version=invocation.client_version,
                policy_name=name,
            ),
            target=name,
        )
        for name in names
    ]
    return Plan(calls, prompt=ARE_YOU_SURE, check=f"pgo show policy --all -n {namespace}")


# --------------------------------------------------------------------------------------------
# apply


def plan_apply(invocation: Invocation) -> Plan:
    """``applyCmd``: a selector and a policy name are required; only the first name is used."""
    selector = invocation.value("selector")
    if not selector:
        raise UsageError(
            "Selector is required to apply a policy.",
            hint="e.g. pgo apply mypolicy --selector=name=hippo",
        )
    if not invocation.args:
        raise UsageError(
            "You must specify the name of a policy to apply.",
            hint="e.g. pgo apply mypolicy --selector=name=hippo",
        )
    name = invocation.args[0]
    request = ApplyPolicyRequest(
        name=name,
        selector=selector,
        dry_run=bool(invocation.value("dry-run")),
        namespace=invocation.namespace(),
        client_version=invocation.client_version,
    )
    return Plan([Call(APPLY, request, target=name)], check=f"pgo show cluster --selector={selector}")


def text_apply(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``Applied policy on <deployment>`` each (after pgo's dry-run header), or ``No clusters found.``"""
    response: ApplyPolicyResponse = reply.response
    if invocation.value("dry-run"):  # pgo prints it before it looks at the answer's Code
        out.write(DRY_RUN_HEADER + "\n")
    if response.status.is_error:
        return  # the runner wrote the Error line (text_on_error)
    names = response.name or []
    if not names:
        out.write(NO_CLUSTERS + "\n")
        return
    for name in names:
        out.write(f"Applied policy on {name}\n")


# --------------------------------------------------------------------------------------------

ALL_SHOW = Flag("all", "bool", "Show every policy of the namespace.")
ALL_DELETE = Flag("all", "bool", "Delete every policy of the namespace.")

COMMANDS = [
    Command(
        path=("create", "policy"),
        summary="Create a SQL policy from a file.",
        help="""Create a SQL policy: a named piece of SQL that `pgo apply` runs on clusters.

The file given with --in-file is read before anything is sent; a missing or unreadable file stops
the command (exit 2). Only the first name is used.

Examples:

  pgo create policy mypolicy --in-file=/tmp/mypolicy.sql
""",
        flags=(
            Flag(
                "in-file",
                "string",
                "The SQL file of the policy.",
                short="i",
                metavar="FILE",
                completes="file",
            ),
        ),
        plan=plan_create,
        text=text_create,
        args=Args("POLICY", "one"),
        writes=True,
        example=("mypolicy", "--in-file", "/dev/null"),
    ),
    Command(
        path=("show", "policy"),
        summary="Show SQL policies.",
        help="""Show SQL policies: name, status and SQL.

One request is sent per name; --all shows every policy of the namespace.

Examples:

  pgo show policy mypolicy
  pgo show policy --all -o json
""",
        flags=(ALL_SHOW,),
        plan=plan_show,
        text=text_show,
        table=table_show,
        args=Args("POLICY", "any", completes="policy"),
    ),
    Command(
        path=("delete", "policy"),
        summary="Delete SQL policies.",
        help="""Delete SQL policies by name, or every policy of the namespace with --all.

Asks for confirmation first (see --no-prompt).

Examples:

  pgo delete policy mypolicy
  pgo delete policy --all --no-prompt
""",
        flags=(ALL_DELETE, NO_PROMPT),
        plan=plan_delete,
        text=write_results,
        args=Args("POLICY", "any", completes="policy"),
        writes=True,
        prompts=True,
    ),
    Command(
        path=("apply",),
        summary="Apply a SQL policy to the clusters a selector picks.",
        help="""Run a policy's SQL on each cluster the selector picks and label the cluster with it
(`<policy>=pgpolicy`, listed by `pgo show cluster`).

--dry-run is pgo's: the server lists the clusters the policy would be applied to and changes
nothing.

Examples:

  pgo apply mypolicy --selector=name=hippo
  pgo apply mypolicy --selector=env=prod --dry-run
""",
        flags=(
            Flag(
                "selector",
                "string",
                "The clusters to apply the policy to, e.g. name=hippo.",
                short="s",
                metavar="SELECTOR",
            ),
            Flag(
                "dry-run",
                "bool",
                "Ask the server which clusters the policy would be applied to, without applying it.",
            ),
        ),
        plan=plan_apply,
        text=text_apply,
        args=Args("POLICY", "one", completes="policy"),
        writes=True,
        text_on_error=True,
        example=("mypolicy", "--selector", "name=hippo"),
        client_dry_run=False,
    ),
]
