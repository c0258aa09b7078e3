"""The emulator's side of the user routes (``internal/apiserver/userservice/``).

Each cluster has a set of PostgreSQL login roles, kept as one object of kind ``pgroles`` per
cluster: name, password hash (md5 or SCRAM, as PostgreSQL stores them), ``rolvaliduntil`` (none,
``infinity``, ``-infinity`` or a time) and the LOGIN attribute, in creation order (pg_authid's).
The roles are seeded from the user Secrets ``create cluster`` wrote (``<c>-<user>-secret``:
postgres, primaryuser, the standard user; ``<c>-exporter-secret`` for ccp_monitoring when metrics
are on) and every later user Secret joins them, so a user is "managed" exactly when its Secret
exists. A cluster created again under the same name starts from its Secrets again.

SQL failures come back in the row, worded as psql prints them on stderr (``ERROR:  role "x" already
exists`` and a newline), never in the status. The checks and their order are ``userimpl.go``'s.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pgo_cli.emulator import model, selectors, state
from pgo_cli.emulator.model import UPGRADE_ERROR, user_secret_name
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.emulator.world import PASSWORD_CHARS, rfc3339
from pgo_cli.nouns.user.endpoints import CREATE, DELETE, SHOW, UPDATE
from pgo_cli.nouns.user.messages import (
    LOGIN_DISABLE,
    LOGIN_ENABLE,
    CreateUserRequest,
    CreateUserResponse,
    DeleteUserRequest,
    DeleteUserResponse,
    ShowUserRequest,
    ShowUserResponse,
    UpdateUserRequest,
    UpdateUserResponse,
    UserResponseDetail,
)
from pgo_cli.nouns.user.rules import (
    PASSWORD_TYPE_ERROR,
    PASSWORD_TYPES,
    USER_NAME,
    USER_NAME_ERROR,
    is_system_account,
)
from pgo_cli.nouns.user.text import VALID_ALWAYS, VALID_NEVER
from pgo_cli.wire.codec import error_status, ok_status

KIND = "pgroles"
SYSTEM_FORMAT = '"{}" is a system account and cannot be modified.'
NO_TARGET = (
    "either a list of cluster names, a selector, or the all flag needs to be supplied for this comment"
)
STANDBY = "Request rejected, unable to {} users for clusters {}: Action not permitted because standby mode is enabled."
NOT_READY = 'unable to upgrade connection: container not found ("database")'
DAY = 86400

ValidUntil = str | int | None  # None: NULL; "infinity"/"-infinity"; else seconds since the epoch


@dataclass
class Role:
    """One row of ``pg_authid`` that matters here."""

    name: str
    hash: str
    valid_until: ValidUntil = None
    login: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "hash": self.hash, "valid_until": self.valid_until, "login": self.login}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Role:
        return cls(
            str(data["name"]), str(data["hash"]), data.get("valid_until"), bool(data.get("login", True))
        )


# ---------------------------------------------------------------------------------------- helpers


def md5_hash(username: str, password: str) -> str:
    """``MD5Password.Build``: ``md5`` + hex(md5(password + username))."""
    return "md5" + hashlib.md5((password + username).encode(), usedforsecurity=False).hexdigest()


def scram_hash(password: str, salt: bytes, iterations: int = 4096) -> str:
    """``SCRAMPassword.Build``: PostgreSQL's SCRAM-SHA-256 verifier."""
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def iso_timestamp(seconds: int) -> str:
    """A ``timestamptz`` as ``psql -A -t`` prints it with ``datestyle ISO`` in UTC."""
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S+00")


_RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$")


def parse_valid_until(text: str) -> ValidUntil:
    """The stored form of a VALID UNTIL literal the handlers produce."""
    if text in (VALID_ALWAYS, VALID_NEVER):
        return text
    match = _RFC3339.match(text)
    assert match, text
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    moment = datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


def shown_valid_until(value: ValidUntil) -> str:
    """``rolvaliduntil`` as ``psql`` prints it (NULL prints nothing)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return iso_timestamp(int(value))


def expires_within(value: ValidUntil, now: float, days: int) -> bool:
    """``CURRENT_TIMESTAMP + '<days> days'::interval >= rolvaliduntil`` (NULL is never true)."""
    if value is None or value == VALID_ALWAYS:
        return False
    if value == VALID_NEVER:
        return True
    return now + days * DAY >= float(value)


class _Server:
    """What the handlers need of the running emulator: time, randomness, pgo.yaml."""

    def __init__(self, request: EmulatorRequest) -> None:
        self.now: float = request.world.now()
        self.rng = request.world.rng
        pgo = request.settings.pgo
        self.password_length = int(getattr(pgo, "password_length", 0) or 24)
        self.password_age_days = int(getattr(pgo, "password_age_days", 0) or 0)

    def generate(self, length: int) -> str:
        """``util.GeneratePassword``: ASCII 40..125 without backquote and backslash."""
        size = length if length > 0 else self.password_length
        return "".join(self.rng.choice(PASSWORD_CHARS) for _ in range(size))

    def hash(self, username: str, password: str, password_type: str) -> str:
        if password_type in ("scram", "scram-sha-256"):
            salt = bytes(self.rng.randrange(256) for _ in range(16))
            return scram_hash(password, salt)
        return md5_hash(username, password)

    def valid_until(self, days: int) -> str:
        """``generateValidUntilDateString``: the server's default when ``days <= 0``."""
        if days <= 0:
            days = self.password_age_days
            if days <= 0:
                return VALID_ALWAYS
        return rfc3339(int(self.now) + days * DAY)


def _password_type(requested: str, cluster_spec: dict[str, Any]) -> str:
    """The request's type, else the cluster's (``Spec.PasswordType``), else md5."""
    chosen = requested or str(cluster_spec.get("passwordType") or "")
    return chosen if chosen in PASSWORD_TYPES else ""


def _cluster_list(
    conn: Any, namespace: str, names: Sequence[str], selector: str, all_flag: bool, now: float
) -> tuple[list[model.Cluster], str | None]:
    """``getClusterList`` (userimpl.go): all, else the selector's then each name's clusters."""
    if not names and not selector and not all_flag:
        return [], NO_TARGET
    if all_flag:
        return model.list_in(conn, namespace), None
    rows: list[model.Cluster] = []
    if selector:
        try:
            requirements = selectors.parse(selector)
        except selectors.SelectorError as exc:
            return [], str(exc)
        rows = [
            row
            for row in model.list_in(conn, namespace)
            if selectors.matches(requirements, row.effective_labels(now))
        ]
    for name in names:
        row = model.get(conn, namespace, name)
        if row is None:
            return [], f'pgclusters.crunchydata.com "{name}" not found'
        rows.append(row)
    if not rows:
        return [], "no clusters found"
    return rows, None


def _spec(row: model.Cluster) -> dict[str, Any]:
    spec: dict[str, Any] = row.spec
    return spec


def _cluster_name(row: model.Cluster) -> str:
    return str(_spec(row).get("clustername") or row.name)


def _primary_problem(row: model.Cluster, now: float) -> str | None:
    """``util.GetPrimaryPod`` and the exec into it: why SQL cannot run on this cluster now."""
    primaries = row.primaries()
    if not primaries:
        name = _spec(row).get("name") or row.name
        return f'primary pod not found for selector "pg-cluster={name},role=master"'
    if not row.running(primaries[0], now):
        return NOT_READY
    return None


def _standby(rows: Sequence[model.Cluster], verb: str, joiner: str) -> str | None:
    names = [row.name for row in rows if _spec(row).get("standby")]
    return STANDBY.format(verb, joiner.join(names)) if names else None


class Roles:
    """The roles of one cluster, loaded and saved in the caller's transaction."""

    def __init__(self, conn: Any, namespace: str, row: model.Cluster, server: _Server) -> None:
        self.conn, self.namespace, self.row, self.server = conn, namespace, row, server
        stored = state.get_object(conn, KIND, namespace, row.name)
        self.roles: list[Role] = []
        if stored is not None and stored.get("created") == row.created:
            self.roles = [Role.from_json(item) for item in stored.get("roles", [])]
        self._join_secrets()

    def _join_secrets(self) -> None:
        """Every user Secret of the cluster has its role (the cluster's users; managed users)."""
        cluster = self.row.name
        spec = _spec(self.row)
        if spec.get("exporter"):
            name = user_secret_name(cluster, "ccp_monitoring")
            if state.get_secret(self.conn, self.namespace, name) is None:
                password = self.server.generate(0)
                state.put_secret(
                    self.conn,
                    self.namespace,
                    name,
                    cluster,
                    {"kind": "user", "username": "ccp_monitoring", "password": password},
                )
        found: list[tuple[str, str]] = []
        for secret_name in state.secrets_of_cluster(self.conn, self.namespace, cluster):
            data = state.get_secret(self.conn, self.namespace, secret_name) or {}
            username = data.get("username")
            if isinstance(username, str) and user_secret_name(cluster, username) == secret_name:
                found.append((username, str(data.get("password", ""))))
        first = {"postgres": 0, "primaryuser": 1}
        found.sort(key=lambda item: (first.get(item[0], 2), item[0].encode()))
        known = {role.name for role in self.roles}
        password_type = _password_type("", spec)
        for username, password in found:
            if username not in known:
                self.roles.append(Role(username, self.server.hash(username, password, password_type)))
                known.add(username)

    def get(self, name: str) -> Role | None:
        return next((role for role in self.roles if role.name == name), None)

    def save(self) -> None:
        data = {"created": self.row.created, "roles": [role.to_json() for role in self.roles]}
        state.put_object(self.conn, KIND, self.namespace, self.row.name, data)

    def secret_password(self, username: str) -> str:
        data = state.get_secret(self.conn, self.namespace, user_secret_name(self.row.name, username))
        return str((data or {}).get("password") or "")


def _psql_error(text: str) -> str:
    """What ``psql`` writes to stderr for a failed statement (the ErrorMessage pgo passes on)."""
    return f"ERROR:  {text}\n"


# ---------------------------------------------------------------------------------------- create


def handle_create(request: EmulatorRequest) -> CreateUserResponse:
    """``CreateUserHandler``: Authn (done), namespace, version, then ``CreateUser``."""
    body: CreateUserRequest = request.body
    response = CreateUserResponse(results=[], status=ok_status())
    if is_system_account(body.username):
        response.status = error_status(SYSTEM_FORMAT.format(body.username))
        return response
    server = _Server(request)
    with request.state.write() as conn:
        request.world.reconcile(conn, server.now)
        rows, problem = _cluster_list(
            conn, body.namespace, body.clusters or [], body.selector, body.all_flag, server.now
        )
        if problem is None and not USER_NAME.match(body.username):
            problem = USER_NAME_ERROR
        if problem is None and body.password_type not in PASSWORD_TYPES:
            problem = PASSWORD_TYPE_ERROR
        valid_until = server.valid_until(body.password_age_days)
        if problem is None:
            problem = _standby(rows, "create", ",")
        if problem is not None:
            response.status = error_status(problem)
            return response
        assert response.results is not None
        for row in rows:
            result = UserResponseDetail(
                cluster_name=_cluster_name(row), username=body.username, valid_until=valid_until
            )
            response.results.append(result)
            failure = _primary_problem(row, server.now)
            if failure is not None:
                result.error, result.error_message = True, failure
                continue
            annotations = row.annotations
            if annotations.get("is-upgraded") == "false":
                response.results.pop()
                response.status = error_status(_cluster_name(row) + UPGRADE_ERROR)
                return response
            roles = Roles(conn, body.namespace, row, server)
            result.password = body.password or server.generate(body.password_length)
            if roles.get(body.username) is not None:
                result.error = True
                result.error_message = _psql_error(f'role "{body.username}" already exists')
                continue
            password_type = _password_type(body.password_type, _spec(row))
            roles.roles.append(
                Role(
                    body.username,
                    server.hash(body.username, result.password, password_type),
                    parse_valid_until(valid_until),
                )
            )
            roles.save()
            if body.managed_user:
                secret = user_secret_name(row.name, body.username)
                if state.get_secret(conn, body.namespace, secret) is not None:
                    result.error, result.error_message = True, f'secrets "{secret}" already exists'
                    continue
                state.put_secret(
                    conn,
                    body.namespace,
                    secret,
                    row.name,
                    {"kind": "user", "username": body.username, "password": result.password},
                )
    return response


# ---------------------------------------------------------------------------------------- show


def handle_show(request: EmulatorRequest) -> ShowUserResponse:
    """``ShowUserHandler``: Authn ShowSecrets (done), ShowSystemAccounts, version, namespace."""
    body: ShowUserRequest = request.body
    response = ShowUserResponse(results=[], status=ok_status())
    assert response.results is not None
    server = _Server(request)
    with request.state.write() as conn:
        request.world.reconcile(conn, server.now)
        rows, problem = _cluster_list(
            conn, body.namespace, body.clusters or [], body.selector, body.all_flag, server.now
        )
        if problem is not None:
            response.status = error_status(problem)
            return response
        for row in rows:
            failure = _primary_problem(row, server.now)
            if failure is not None:
                response.results.append(UserResponseDetail(error=True, error_message=failure))
                continue
            roles = Roles(conn, body.namespace, row, server)
            roles.save()
            for role in sorted(roles.roles, key=lambda r: r.name.encode()):
                if not role.login:
                    continue
                if body.expired > 0 and not expires_within(role.valid_until, server.now, body.expired):
                    continue
                if not body.show_system_accounts and is_system_account(role.name):
                    continue
                response.results.append(
                    UserResponseDetail(
                        cluster_name=_cluster_name(row),
                        password=roles.secret_password(role.name),
                        username=role.name,
                        valid_until=shown_valid_until(role.valid_until),
                    )
                )
    return response


# ---------------------------------------------------------------------------------------- update


def handle_update(request: EmulatorRequest) -> UpdateUserResponse:
    """``UpdateUserHandler``: Authn (done), version, namespace, then ``UpdateUser``."""
    body: UpdateUserRequest = request.body
    response = UpdateUserResponse(results=[], status=ok_status())
    assert response.results is not None
    problem: str | None = None
    if body.username == "" and body.expired == 0:
        problem = "Either --username or --expired or must be set."
    elif body.username and is_system_account(body.username) and not body.set_system_account_password:
        problem = (
            SYSTEM_FORMAT.format(body.username)
            + ' You can override this with the "--set-system-account-password" flag.'
        )
    elif body.password_type not in PASSWORD_TYPES:
        problem = PASSWORD_TYPE_ERROR
    if problem:
        response.status = error_status(problem)
        return response
    server = _Server(request)
    with request.state.write() as conn:
        request.world.reconcile(conn, server.now)
        rows, problem = _cluster_list(
            conn, body.namespace, body.clusters or [], body.selector, body.all_flag, server.now
        )
        if problem is None:
            problem = _standby(rows, "update", ", ")
        if problem is not None:
            response.status = error_status(problem)
            return response
        for row in rows:
            if body.expired > 0:
                response.results.extend(_rotate_expired(conn, body, row, server))
            else:
                response.results.append(_update_one(conn, body, row, server))
    return response


def _update_one(
    conn: Any, body: UpdateUserRequest, row: model.Cluster, server: _Server
) -> UserResponseDetail:
    """``updateUser``: one ``ALTER ROLE`` on one cluster."""
    result = UserResponseDetail(cluster_name=_cluster_name(row), username=body.username)
    failure = _primary_problem(row, server.now)
    if failure is not None:
        result.error, result.error_message = True, failure
        return result
    changed = bool(body.password or body.rotate_password)
    if changed:
        result.password = body.password or server.generate(body.password_length)
    if body.expire_user:
        result.valid_until = VALID_NEVER
    elif body.password_valid_always:
        result.valid_until = VALID_ALWAYS
    elif body.password_age_days > 0:
        result.valid_until = server.valid_until(body.password_age_days)
    if body.username == "":
        result.error = True
        result.error_message = 'ERROR:  zero-length delimited identifier at or near """"\nLINE 1: ALTER ROLE ""\n                   ^\n'
        return result
    roles = Roles(conn, body.namespace, row, server)
    role = roles.get(body.username)
    if role is None:
        result.error, result.error_message = True, _psql_error(f'role "{body.username}" does not exist')
        return result
    if changed:
        password_type = _password_type(body.password_type, _spec(row))
        role.hash = server.hash(role.name, result.password, password_type)
    if result.valid_until:
        role.valid_until = parse_valid_until(result.valid_until)
    if body.login_state == LOGIN_ENABLE:
        role.login = True
    elif body.login_state == LOGIN_DISABLE:
        role.login = False
    roles.save()
    if changed:
        secret = user_secret_name(row.name, role.name)
        data = state.get_secret(conn, body.namespace, secret)
        if data is not None:
            state.put_secret(conn, body.namespace, secret, row.name, {**data, "password": result.password})
    return result


def _rotate_expired(
    conn: Any, body: UpdateUserRequest, row: model.Cluster, server: _Server
) -> list[UserResponseDetail]:
    """``rotateExpiredPasswords``: a new password for every login role expiring within N days.

    As in pgo, system accounts are not skipped, and neither the user Secrets nor pgAdmin learn
    the new passwords on this path.
    """
    failure = _primary_problem(row, server.now)
    if failure is not None:
        return [UserResponseDetail(cluster_name=_cluster_name(row), error=True, error_message=failure)]
    roles = Roles(conn, body.namespace, row, server)
    valid_until = VALID_ALWAYS if body.password_valid_always else server.valid_until(body.password_age_days)
    password_type = _password_type(body.password_type, _spec(row))
    results = []
    for role in roles.roles:
        if not role.login or not expires_within(role.valid_until, server.now, body.expired):
            continue
        password = body.password or server.generate(body.password_length)
        role.hash = server.hash(role.name, password, password_type)
        role.valid_until = parse_valid_until(valid_until)
        results.append(
            UserResponseDetail(
                cluster_name=_cluster_name(row),
                password=password,
                username=role.name,
                valid_until=valid_until,
            )
        )
    roles.save()
    return results


# ---------------------------------------------------------------------------------------- delete


def handle_delete(request: EmulatorRequest) -> DeleteUserResponse:
    """``DeleteUserHandler``: version, Authn (done first here), namespace, then ``DeleteUser``."""
    body: DeleteUserRequest = request.body
    response = DeleteUserResponse(results=[], status=ok_status())
    assert response.results is not None
    if is_system_account(body.username):
        response.status = error_status(SYSTEM_FORMAT.format(body.username))
        return response
    server = _Server(request)
    with request.state.write() as conn:
        request.world.reconcile(conn, server.now)
        rows, problem = _cluster_list(
            conn, body.namespace, body.clusters or [], body.selector, body.all_flag, server.now
        )
        if problem is not None:
            response.status = error_status(problem)
            return response
        for row in rows:
            result = UserResponseDetail(cluster_name=_cluster_name(row), username=body.username)
            response.results.append(result)
            failure = _primary_problem(row, server.now)
            if failure is not None:
                result.error, result.error_message = True, failure
                continue
            roles = Roles(conn, body.namespace, row, server)
            if body.username == "":
                result.error = True
                result.error_message = (
                    'ERROR:  zero-length delimited identifier at or near """"\n'
                    'LINE 1: DROP OWNED BY "" CASCADE\n                      ^\n'
                )
                continue
            if roles.get(body.username) is None:
                result.error, result.error_message = (
                    True,
                    _psql_error(f'role "{body.username}" does not exist'),
                )
                continue
            roles.roles = [role for role in roles.roles if role.name != body.username]
            roles.save()
            state.delete_secret(conn, body.namespace, user_secret_name(row.name, body.username))
    return response


HANDLERS = {CREATE: handle_create, SHOW: handle_show, UPDATE: handle_update, DELETE: handle_delete}
