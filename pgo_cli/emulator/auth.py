"""Basic authentication and pgo RBAC, as ``Authn``/``BasicAuthCheck``/``BasicAuthzCheck`` do it.

Users are the ``pgouser-<name>`` Secrets (password, comma-separated roles, comma-separated
namespaces with empty meaning all); roles are ``pgorole-<name>`` Secrets (``*`` or a comma list of
permission names).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from pgo_cli.emulator.state import State

MSG_NO_CREDENTIALS = (
    "Not Authorized. Basic Authentication credentials must be provided according to RFC 7617, Section 2."
)
MSG_NOT_AUTHENTICATED = "Not authenticated in apiserver"
MSG_NOT_AUTHORIZED = "Not authorized for this apiserver action"


@dataclass(frozen=True)
class Denied(Exception):
    """An authentication or authorization failure: HTTP status and ``http.Error`` text."""

    status: int
    message: str


def parse_basic(header: str | None) -> tuple[str, str] | None:
    """Go's ``Request.BasicAuth``: (user, password), or None when the header is not usable."""
    prefix = "Basic "
    if header is None or len(header) < len(prefix) or header[: len(prefix)].lower() != prefix.lower():
        return None
    try:
        decoded = base64.b64decode(header[len(prefix) :].encode("ascii"), validate=True).decode(
            "utf-8", errors="surrogateescape"
        )
    except (binascii.Error, UnicodeEncodeError):
        return None
    user, sep, password = decoded.partition(":")
    if not sep:
        return None
    return user, password


def authorized(state: State, username: str, permission: str) -> bool:
    """``BasicAuthzCheck``: every role is looked up in order; a missing role denies at once."""
    user = state.get_user(username)
    if user is None:
        return False
    for role in user.roles.split(","):
        permissions = state.role_permissions(role)
        if permissions is None:
            return False
        permissions = permissions.strip()
        if permissions == "*":
            return True
        if any(p.strip() == permission for p in permissions.split(",")):
            return True
    return False


def authenticate(state: State, header: str | None, permission: str) -> str:
    """``Authn(permission)``: the user name, or raises :class:`Denied`."""
    credentials = parse_basic(header)
    if credentials is None:
        raise Denied(401, MSG_NO_CREDENTIALS)
    username, password = credentials
    user = state.get_user(username)
    if user is None or user.password != password:
        raise Denied(401, MSG_NOT_AUTHENTICATED)
    if not authorized(state, username, permission):
        raise Denied(403, MSG_NOT_AUTHORIZED)
    return username


def namespace_error(state: State, username: str, namespace: str) -> str | None:
    """``GetNamespace``: the status message when ``namespace`` may not be used, else None."""
    if namespace == "":
        return "empty namespace is not valid from pgo clients"
    if not state.is_watched(namespace):
        return f"namespace [{namespace}] is not part of the Operator installation"
    user = state.get_user(username)
    if user is None:
        return (
            f"Error when determining whether user [{username}] is allowed access to namespace "
            f'[{namespace}]: secrets "pgouser-{username}" not found'
        )
    if user.namespaces and namespace not in (n.strip() for n in user.namespaces.split(",")):
        return f"user [{username}] is not allowed access to namespace [{namespace}]"
    return None
