"""``--dry-run``: the requests that would be sent, as curl commands or as JSON.

The curl form follows the apiserver's REST docs (``--cacert``, ``--key``, ``--cert``, basic auth,
a JSON body) with the session's certificate paths. Credentials are never printed: basic auth reads
them where pgo would (:func:`curl_user`: ``"$PGOUSERNAME:$PGOUSERPASS"``, or the pgouser file
itself), a secret of the body (as its message declares it, with
``secret=``) becomes a reference to its variable (``PGO_CLUSTER_PASSWORD`` …), and one the command
read from a file (a GCS key) is read from that file by the curl command itself. In JSON form those
values are replaced by ``"********"``.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from pgo_cli.sdk.session import Settings
from pgo_cli.sdk.tls import curl_pin
from pgo_cli.wire.gojson import dumps_go, dumps_go_indent

__all__ = ["MASK", "PlannedRequest", "curl_command", "write_requests"]

#: What a secret looks like in the JSON form of a dry run.
MASK = "********"


@dataclass(frozen=True)
class PlannedRequest:
    """A request that a dry run shows instead of sending."""

    method: str
    path: str
    body: Mapping[str, Any] | None
    #: Body keys holding secrets → the variable a curl command reads each from.
    secrets: Mapping[str, str] = field(default_factory=dict)
    #: Secret body keys the command read from a file → that file (base64-encoded by the curl command).
    files: Mapping[str, str] = field(default_factory=dict)


def _masked(request: PlannedRequest) -> dict[str, Any] | None:
    if request.body is None:
        return None
    copy = dict(request.body)
    for key in (*request.secrets, *request.files):
        if copy.get(key):
            copy[key] = MASK
    return copy


#: ``-u`` when the credentials come from PGOUSERNAME/PGOUSERPASS (or cannot be found).
ENV_USER = '"$PGOUSERNAME:$PGOUSERPASS"'


def curl_user(settings: Settings, env: Mapping[str, str]) -> str:
    """curl's ``-u`` argument for this session's credentials, without the password.

    From variables: ``"$PGOUSERNAME:$PGOUSERPASS"``. From a pgouser file (``PGOUSER``, a
    context's file, ``~/.pgouser``, ``/etc/pgo/pgouser``): the command reads the file itself,
    ``user:password`` on one line (pgo trims the line's end, so does ``tr``). A context's user
    name with ``PGOUSERPASS``: the name, and the password from the variable.
    """
    import os

    from pgo_cli.errors import PgoError
    from pgo_cli.sdk.session import credentials_env, load_credentials

    try:
        found = load_credentials(credentials_env(settings, env))
    except PgoError:
        return ENV_USER  # the real command would stop here; the dry run shows what to set
    if found.path:
        return f"\"$(tr -d '\\r\\n' < {shlex.quote(os.path.abspath(found.path))})\""
    if env.get("PGOUSERNAME") == found.username:
        return ENV_USER
    return shlex.quote(f"{found.username}:") + '"$PGOUSERPASS"'


def _quote_path(path: str, variable: str) -> str:
    return shlex.quote(path) if path else f'"${variable}"'


def curl_command(request: PlannedRequest, settings: Settings, user: str = ENV_USER) -> str:
    """A ready-to-run curl command for ``request`` (no secret in it); ``user`` is ``-u``'s argument."""
    body = dict(request.body or {})
    shell_values: dict[str, str] = {}
    notes: list[str] = []
    for key, variable in request.secrets.items():
        if body.get(key) and key not in request.files:
            token = f"@@{key}@@"
            body[key] = token
            shell_values[token] = f'"${variable}"'
            notes.append(f"# {key} is read from ${variable}: export it before running this command")
    for key, path in request.files.items():
        if body.get(key):
            token = f"@@{key}@@"
            body[key] = token
            shell_values[token] = f"\"$(base64 < {shlex.quote(path)} | tr -d '\\n')\""
    text = dumps_go(body)
    quoted = shlex.quote(text)
    for token, shell in shell_values.items():
        # Close the single-quoted JSON, splice in the double-quoted shell value, reopen.
        quoted = quoted.replace(token, f"'{shell}'")
    url = settings.require_url() + request.path
    lines = [*notes]
    first = "curl"
    if not settings.disable_tls:
        client_cert = settings.client_cert or settings.ca_cert
        first += (
            f" --cacert {_quote_path(settings.ca_cert, 'PGO_CA_CERT')}"
            f" --key {_quote_path(settings.client_key, 'PGO_CLIENT_KEY')}"
            f" --cert {_quote_path(client_cert, 'PGO_CLIENT_CERT')}"
        )
        pin = None if settings.insecure_skip_tls_verify else curl_pin(settings.ca_cert)
        if settings.insecure_skip_tls_verify:
            first += " --insecure"
        elif pin is not None:
            # The default install's certificate names no host; pin its key as pgo_cli does.
            first += f" --insecure --pinnedpubkey {shlex.quote(pin)}"
    lines.append(first + " \\")
    if request.body is None:
        lines.append(f"  -u {user} \\")
        lines.append(f"  -X {request.method} \\")
    else:
        lines.append(f'  -u {user} -H "Content-Type: application/json" \\')
        lines.append(f"  -X {request.method} --data {quoted} \\")
    lines.append(f"  {shlex.quote(url)}")
    return "\n".join(lines) + "\n"


def write_requests(
    requests: Sequence[PlannedRequest],
    settings: Settings,
    as_json: bool,
    out: TextIO,
    env: Mapping[str, str] | None = None,
    *,
    yaml: bool = False,
) -> None:
    """Print the planned requests: curl commands, or JSON (one object, or a list for several), as
    YAML with ``yaml``.

    ``env`` is the environment the credentials are found in (see :func:`curl_user`).
    """
    if as_json:
        documents = [
            {
                "method": request.method,
                "url": settings.require_url() + request.path,
                "body": _masked(request),
            }
            for request in requests
        ]
        document = documents[0] if len(documents) == 1 else documents
        if yaml:
            from pgo_cli.output.json_out import write_yaml

            write_yaml(document, out)
        else:
            out.write(dumps_go_indent(document) + "\n")
        return
    user = curl_user(settings, env) if env is not None else ENV_USER
    out.write("\n".join(curl_command(request, settings, user) for request in requests))
