"""``pgo create|show|update|delete user``: PostgreSQL users in clusters (``cmd/pgo/cmd/user.go``).

The flags are those of ``create.go``, ``show.go``, ``update.go`` and ``delete.go``; the requests are
``usermsgs.go``'s, sent once each (``cmd/pgo/api/user.go``). Every check pgo makes on the client,
and those pgo's server would make anyway (user name format, system accounts, negative lengths), is
made here before anything is sent: exit 2, one ``Error:`` line. pgo's quirks kept on the wire:
``update user`` sends ``ManagedUser: false`` (it has no ``--managed``), and no cluster name is
``"Clusters": []``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from pgo_cli.cli.command import (
    NO_PROMPT,
    Args,
    Call,
    Command,
    Invocation,
    Plan,
    Reply,
    TableRenderer,
    TextRenderer,
)
from pgo_cli.cli.flagspec import Flag
from pgo_cli.cli.prompt import ARE_YOU_SURE
from pgo_cli.errors import UsageError
from pgo_cli.nouns.user.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.user.messages import (
    LOGIN_DISABLE,
    LOGIN_DO_NOTHING,
    LOGIN_ENABLE,
    CreateUserRequest,
    DeleteUserRequest,
    ShowUserRequest,
    UpdateUserRequest,
    UserResponseDetail,
)
from pgo_cli.nouns.user.rules import (
    PASSWORD_TYPE_ERROR,
    PASSWORD_TYPES,
    USER_NAME,
    USER_NAME_ERROR,
    is_system_account,
)
from pgo_cli.nouns.user.text import HEADINGS, terminal_rows, write_pgo_table
from pgo_cli.wire.gojson import go_quote

# ---------------------------------------------------------------------------------------- flags


def _selector(verb: str) -> Flag:
    return Flag(
        "selector",
        "string",
        f"{verb} on the clusters with these labels, e.g. env=prod.",
        short="s",
        metavar="SELECTOR",
    )


_PASSWORD_FILE = Flag(
    "password-file",
    "string",
    "Read --password from the first line of FILE ('-': standard input), so it stays out of ps and "
    "shell history.",
    completes="file",
    metavar="FILE",
)
_PASSWORD_LENGTH = Flag(
    "password-length",
    "int",
    "Length of a generated password (default: the server's setting, 24).",
    metavar="N",
)
_PASSWORD_TYPE_CHOICES = ("md5", "scram-sha-256")

CREATE_FLAGS = (
    Flag("all", "bool", "Create the user on every cluster of the namespace."),
    Flag("managed", "bool", "Keep the password in a Secret the operator manages (so show user shows it)."),
    Flag(
        "password",
        "string",
        "The password (default: a generated one). A command line is visible to ps and shell history: "
        "see --password-file.",
        metavar="PASSWORD",
    ),
    _PASSWORD_FILE,
    _PASSWORD_LENGTH,
    Flag(
        "password-type",
        "string",
        "Password hashing: md5 or scram-sha-256 (default: the cluster's, else md5).",
        metavar="TYPE",
        choices=_PASSWORD_TYPE_CHOICES,
    ),
    _selector("Create the user"),
    Flag("username", "string", "The name of the new PostgreSQL user (required).", metavar="NAME"),
    Flag(
        "valid-days",
        "int",
        "Days the password stays valid (default: the server's setting; 0 there means for ever).",
        metavar="DAYS",
    ),
)

SHOW_FLAGS = (
    _selector("Show users"),
    Flag("all", "bool", "Show the users of every cluster of the namespace."),
    Flag("expired", "int", "Show only users whose passwords expire within this many days.", metavar="DAYS"),
    Flag(
        "show-system-accounts",
        "bool",
        "Include postgres, primaryuser and the other system accounts (needs ShowSystemAccounts).",
    ),
)

UPDATE_FLAGS = (
    Flag("all", "bool", "Update the user on every cluster of the namespace."),
    Flag("disable-login", "bool", "Forbid the user to log in (NOLOGIN)."),
    Flag("enable-login", "bool", "Allow the user to log in (LOGIN)."),
    Flag(
        "expired",
        "int",
        "Give a new generated password to every user whose password expires within this many days.",
        metavar="DAYS",
    ),
    Flag("expire-user", "bool", "Expire the password now (VALID UNTIL '-infinity')."),
    Flag(
        "valid-days",
        "int",
        "Make the password valid for this many days from now.",
        metavar="DAYS",
    ),
    Flag("username", "string", "The PostgreSQL user to update.", metavar="NAME"),
    Flag(
        "password",
        "string",
        "Set this password (wins over --rotate-password). A command line is visible to ps and shell "
        "history: see --password-file.",
        metavar="PASSWORD",
    ),
    _PASSWORD_FILE,
    _PASSWORD_LENGTH,
    Flag(
        "password-type",
        "string",
        "Password hashing when the password changes: md5 or scram-sha-256 (default: the cluster's).",
        metavar="TYPE",
        choices=_PASSWORD_TYPE_CHOICES,
    ),
    Flag("valid-always", "bool", "The password never expires (wins over --valid-days)."),
    Flag("rotate-password", "bool", "Give the user a new generated password."),
    _selector("Update the user"),
    Flag(
        "set-system-account-password",
        "bool",
        "Allow changing a system account such as postgres or primaryuser.",
    ),
)

DELETE_FLAGS = (
    Flag("all", "bool", "Delete the user from every cluster of the namespace."),
    NO_PROMPT,
    _selector("Delete the user"),
    Flag("username", "string", "The PostgreSQL user to delete (required).", metavar="NAME"),
)

# ---------------------------------------------------------------------------------------- checks


def _password(invocation: Invocation) -> str:
    """``--password``, or the first line of ``--password-file`` (``-``: standard input)."""
    typed: str = invocation.value("password")
    path: str = invocation.value("password-file")
    if not path:
        return typed
    if typed:
        raise UsageError("--password and --password-file were both given: use one")
    from pgo_cli.parsers import read_secret_file

    return read_secret_file(path, "password-file", invocation.io.stdin)


def _check_password_type(invocation: Invocation) -> str:
    password_type: str = invocation.value("password-type")
    if password_type not in PASSWORD_TYPES:
        raise UsageError(PASSWORD_TYPE_ERROR, hint="--password-type md5|scram-sha-256")
    return password_type


def _check_length(invocation: Invocation) -> int:
    length: int = invocation.value("password-length")
    if length < 0:
        # pgo's server would crash on make([]byte, n) and drop the connection.
        raise UsageError(f"--password-length must not be negative (got {length})")
    return length


def _targets(invocation: Invocation) -> list[str]:
    """The cluster names as pgo sends them: always a list, ``[]`` when none was given."""
    return list(invocation.args)


def _has_target(invocation: Invocation) -> bool:
    return bool(invocation.args or invocation.value("selector") or invocation.value("all"))


def _check(targets: Sequence[str], invocation: Invocation) -> str:
    """How to look at the users afterwards."""
    where = (
        " ".join(targets)
        if targets
        else ("--all" if invocation.value("all") else f"-s {invocation.value('selector')}")
    )
    return f"pgo show user {where} -n {invocation.namespace()}"


# ---------------------------------------------------------------------------------------- plans


def plan_create(invocation: Invocation) -> Plan:
    """``createUserCmd`` then ``createUser``: the checks in pgo's order, then one request."""
    if not _has_target(invocation):
        raise UsageError(
            "a cluster name(s), --selector flag, or --all flag is required to create a user.",
            hint="e.g. pgo create user hippo --username=alice --managed",
        )
    username = invocation.value("username").strip()
    if not username:
        raise UsageError("--username is required", hint="e.g. pgo create user hippo --username=alice")
    if is_system_account(username):
        raise UsageError(f"{username} is a system account and cannot be used")
    password_type = _check_password_type(invocation)
    if not USER_NAME.match(username):
        raise UsageError(USER_NAME_ERROR)
    length = _check_length(invocation)
    targets = _targets(invocation)
    namespace = invocation.namespace()
    request = CreateUserRequest(
        all_flag=invocation.value("all"),
        clusters=targets,
        client_version=invocation.client_version,
        managed_user=invocation.value("managed"),
        namespace=namespace,
        password=_password(invocation),
        password_age_days=invocation.value("valid-days"),
        password_length=length,
        password_type=password_type,
        selector=invocation.value("selector"),
        username=username,
    )
    return Plan([Call(CREATE, request, target=username)], check=_check(targets, invocation))


def plan_show(invocation: Invocation) -> Plan:
    """``ShowUserCmd`` then ``showUser``."""
    if not _has_target(invocation):
        raise UsageError(
            "--selector, --all, or cluster name()s required for this command",
            hint="e.g. pgo show user hippo, pgo show user --all",
        )
    request = ShowUserRequest(
        all_flag=invocation.value("all"),
        clusters=_targets(invocation),
        client_version=invocation.client_version,
        expired=invocation.value("expired"),
        namespace=invocation.namespace(),
        selector=invocation.value("selector"),
        show_system_accounts=invocation.value("show-system-accounts"),
    )
    return Plan([Call(SHOW, request)])


def plan_update(invocation: Invocation) -> Plan:
    """``UpdateUserCmd`` then ``updateUser``."""
    if not _has_target(invocation):
        raise UsageError(
            "You must specify a --selector, --all  or a list of clusters.",
            hint="e.g. pgo update user hippo --username=alice --rotate-password",
        )
    username = invocation.value("username").strip()
    expired: int = invocation.value("expired")
    # pgo tests the untrimmed name and lets a negative --expired through; its server then refuses
    # an empty name (or runs ALTER ROLE "" and fails): refuse both here.
    if not username and expired <= 0:
        raise UsageError("You must specify either --username or --expired")
    enable, disable = invocation.value("enable-login"), invocation.value("disable-login")
    if enable and disable:
        raise UsageError("Cannot set --enable-login and --disable-login simultaneously")
    login = LOGIN_ENABLE if enable else LOGIN_DISABLE if disable else LOGIN_DO_NOTHING
    system_ok: bool = invocation.value("set-system-account-password")
    if username and is_system_account(username) and not system_ok:
        raise UsageError(
            f"{username} is a system account and cannot be used. "
            'You can override this with the "--set-system-account-password" flag.'
        )
    password_type = _check_password_type(invocation)
    length = _check_length(invocation)
    targets = _targets(invocation)
    namespace = invocation.namespace()
    request = UpdateUserRequest(
        all_flag=invocation.value("all"),
        client_version=invocation.client_version,
        clusters=targets,
        expired=expired,
        expire_user=invocation.value("expire-user"),
        login_state=login,
        managed_user=False,  # update.go registers no --managed: pgo always sends false
        namespace=namespace,
        password=_password(invocation),
        password_age_days=invocation.value("valid-days"),
        password_length=length,
        password_type=password_type,
        password_valid_always=invocation.value("valid-always"),
        rotate_password=invocation.value("rotate-password"),
        selector=invocation.value("selector"),
        set_system_account_password=system_ok,
        username=username,
    )
    return Plan([Call(UPDATE, request, target=username)], check=_check(targets, invocation))


def plan_delete(invocation: Invocation) -> Plan:
    """``deleteUserCmd`` then ``deleteUser``; pgo asks before checking --username, we check first."""
    if not _has_target(invocation):
        raise UsageError(
            "--all, --selector, or a list of clusters is required for this command",
            hint="e.g. pgo delete user hippo --username=alice",
        )
    username: str = invocation.value("username")  # pgo does not trim it here
    if not username:
        raise UsageError("--username is required", hint="e.g. pgo delete user hippo --username=alice")
    if is_system_account(username):
        raise UsageError(f"{go_quote(username)} is a system account and cannot be modified.")
    targets = _targets(invocation)
    namespace = invocation.namespace()
    request = DeleteUserRequest(
        all_flag=invocation.value("all"),
        client_version=invocation.client_version,
        clusters=targets,
        namespace=namespace,
        selector=invocation.value("selector"),
        username=username,
    )
    return Plan(
        [Call(DELETE, request, target=username)], prompt=ARE_YOU_SURE, check=_check(targets, invocation)
    )


# ---------------------------------------------------------------------------------------- output


def _problems(action: str) -> Callable[[Reply], list[str]]:
    """pgo_cli's exit 1 when a row failed (pgo exits 0): one ``Error:`` line after all the rows,
    in every output format (the runner's ``problems`` hook)."""

    def problems(reply: Reply) -> list[str]:
        results: list[UserResponseDetail] = reply.response.results or []
        # A row is a user of a cluster (show user lists many per cluster): count clusters, not rows.
        failed = list(dict.fromkeys(r.cluster_name or "?" for r in results if r.error))
        if not failed:
            return []
        clusters = dict.fromkeys(r.cluster_name or "?" for r in results)
        return [f"{action} failed on {len(failed)} of {len(clusters)} clusters: {', '.join(failed)}"]

    return problems


def _renderers(empty: str) -> tuple[TextRenderer, TableRenderer]:
    def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
        results: list[UserResponseDetail] = reply.response.results or []
        if not results:
            out.write(empty + "\n")
            return
        write_pgo_table(results, out)

    def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
        from pgo_cli.output.table import write_table

        results = [row for reply in replies for row in (reply.response.results or [])]
        if not results:
            out.write(empty + "\n")
            return
        write_table(HEADINGS, terminal_rows(results), out, width=invocation.io.width)

    return text, table


_CREATE_TEXT, _CREATE_TABLE = _renderers("No users created.")
_SHOW_TEXT, _SHOW_TABLE = _renderers("No users found.")
_UPDATE_TEXT, _UPDATE_TABLE = _renderers("No users updated.")
_DELETE_TEXT, _DELETE_TABLE = _renderers("No users deleted.")

_ARGS = Args("CLUSTER", "any", completes="cluster")

COMMANDS = [
    Command(
        path=("create", "user"),
        summary="Create a PostgreSQL user in clusters.",
        help="""Create a PostgreSQL user (a login role) in each selected cluster.

Without --password a password is generated (--password-length, default 24 characters) and printed. With --managed the operator also keeps it in the Secret <cluster>-<user>-secret, so that show user can print it later. System accounts (postgres, primaryuser, ...) cannot be created.

Examples:

  pgo create user hippo --username=alice --managed
  pgo create user --all --username=reporting --valid-days=90
  pgo create user -s env=prod --username=bob --password-file=- < bob.pw
""",
        flags=CREATE_FLAGS,
        plan=plan_create,
        text=_CREATE_TEXT,
        table=_CREATE_TABLE,
        problems=_problems("create user"),
        args=_ARGS,
        writes=True,
        example=("hippo", "--username=alice"),
    ),
    Command(
        path=("show", "user"),
        summary="Show the PostgreSQL users of clusters.",
        help="""Show the PostgreSQL users that can log in, per cluster: password (for managed users), expiry (never, expired or a time) and status.

System accounts appear only with --show-system-accounts, which needs the ShowSystemAccounts permission besides ShowSecrets.

Examples:

  pgo show user hippo
  pgo show user --all --expired=30
  pgo show user hippo --show-system-accounts -o json
""",
        flags=SHOW_FLAGS,
        plan=plan_show,
        text=_SHOW_TEXT,
        table=_SHOW_TABLE,
        problems=_problems("show user"),
        args=_ARGS,
        large_answers=True,  # ``show user --all``: every cluster's users
    ),
    Command(
        path=("update", "user"),
        summary="Change a PostgreSQL user's password, expiry or login.",
        help="""Change a PostgreSQL user in each selected cluster: set or rotate the password, move or remove its expiry, expire it now, allow or forbid logging in.

With --expired=N instead of --username, every user whose password expires within N days gets a new generated password. A system account can be changed only with --set-system-account-password.

Examples:

  pgo update user hippo --username=alice --rotate-password
  pgo update user hippo --username=alice --password-file=alice.pw --valid-days=30
  pgo update user hippo --username=alice --disable-login
  pgo update user --all --expired=7
""",
        flags=UPDATE_FLAGS,
        plan=plan_update,
        text=_UPDATE_TEXT,
        table=_UPDATE_TABLE,
        problems=_problems("update user"),
        args=_ARGS,
        writes=True,
        example=("hippo", "--username=alice", "--rotate-password"),
    ),
    Command(
        path=("delete", "user"),
        summary="Delete a PostgreSQL user from clusters.",
        help="""Delete a PostgreSQL user from each selected cluster: the objects it owns in every database, the role, and its Secret.

Asks for confirmation first (see --no-prompt).

Examples:

  pgo delete user hippo --username=alice
  pgo delete user --all --username=alice --no-prompt
""",
        flags=DELETE_FLAGS,
        plan=plan_delete,
        text=_DELETE_TEXT,
        table=_DELETE_TABLE,
        problems=_problems("delete user"),
        args=_ARGS,
        writes=True,
        prompts=True,
        example=("hippo", "--username=alice", "--no-prompt"),
    ),
]
