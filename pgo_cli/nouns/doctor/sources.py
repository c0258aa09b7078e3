"""Where each connection setting came from: flag, environment, (context,) pgouser file or default.

The effective values are always the SDK's (:func:`pgo_cli.sdk.session.resolve_settings`); this
module only *explains* them. It walks the same sources in the same order of precedence and reports
the first that holds a value. A source is one :class:`Layer` in :func:`layers`: a future
source such as a named context is one more value of :class:`Kind` and one more layer there
(between the environment and the defaults), with nothing else to change.

When the explanation and the effective value disagree (a source was added to the SDK but not
here), the origin is reported as :attr:`Kind.UNKNOWN` rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pgo_cli.release import PGO_VERSION
from pgo_cli.sdk.session import DEFAULT_TIMEOUT, Credentials, Settings, env_flag


class Kind(str, Enum):
    """The kinds of source a setting can come from, in the words the report prints."""

    FLAG = "flag"
    ENVIRONMENT = "environment"
    PGOUSER_FILE = "pgouser file"
    CONTEXT = "context"
    DEFAULT = "default"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Origin:
    """One setting's source: its kind and the name within it (``--apiserver-url``, ``PGO_CA_CERT``)."""

    kind: Kind
    name: str = ""

    def describe(self) -> str:
        """``environment PGO_CA_CERT``, ``flag --namespace``, ``default``."""
        return f"{self.kind.value} {self.name}".strip()

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind.value, "name": self.name}


@dataclass(frozen=True)
class Setting:
    """A setting of :class:`~pgo_cli.sdk.session.Settings` and the names it has in each source."""

    field: str
    label: str
    flag: str | None = None
    env: str | None = None
    boolean: bool = False
    #: Another setting whose value is used when this one is not set anywhere (client cert → CA).
    fallback: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("apiserver_url", "url", flag="apiserver-url", env="PGO_APISERVER_URL"),
    Setting("namespace", "namespace", flag="namespace", env="PGO_NAMESPACE"),
    Setting("ca_cert", "ca cert", flag="pgo-ca-cert", env="PGO_CA_CERT"),
    Setting("client_cert", "client cert", flag="pgo-client-cert", env="PGO_CLIENT_CERT", fallback="ca_cert"),
    Setting("client_key", "client key", flag="pgo-client-key", env="PGO_CLIENT_KEY"),
    Setting("disable_tls", "disable tls", flag="disable-tls", env="DISABLE_TLS", boolean=True),
    Setting(
        "exclude_os_trust", "exclude os trust", flag="exclude-os-trust", env="EXCLUDE_OS_TRUST", boolean=True
    ),
    Setting(
        "insecure_skip_tls_verify", "insecure skip tls verify", flag="insecure-skip-tls-verify", boolean=True
    ),
    Setting("tls_server_name", "tls server name", flag="tls-server-name"),
    Setting("client_version", "client version", flag="client-version", env="PGO_CLIENT_VERSION"),
    Setting("timeout", "timeout", flag="timeout", env="PGO_TIMEOUT"),
)

BY_FIELD = {setting.field: setting for setting in SETTINGS}

#: What each setting is when no source gives it.
DEFAULTS: dict[str, Any] = {
    "client_version": PGO_VERSION,
    "timeout": DEFAULT_TIMEOUT,
    "disable_tls": False,
    "exclude_os_trust": False,
    "insecure_skip_tls_verify": False,
}


@dataclass(frozen=True)
class Layer:
    """One source of settings: its kind and how it finds a setting's raw value and name."""

    kind: Kind
    lookup: Callable[[Setting], tuple[str, str] | None]


def flag_layer(flags: Mapping[str, Any]) -> Layer:
    """The global flags typed on the command line (by their names with dashes)."""

    def lookup(setting: Setting) -> tuple[str, str] | None:
        if setting.flag is None:
            return None
        value = flags.get(setting.flag)
        if setting.boolean:
            return ("true", f"--{setting.flag}") if value else None
        return (str(value), f"--{setting.flag}") if value else None

    return Layer(Kind.FLAG, lookup)


def env_layer(env: Mapping[str, str]) -> Layer:
    """The environment variables pgo reads."""

    def lookup(setting: Setting) -> tuple[str, str] | None:
        if setting.env is None:
            return None
        if setting.boolean:
            return ("true", setting.env) if env_flag(env, setting.env) else None
        value = env.get(setting.env, "")
        return (value, setting.env) if value else None

    return Layer(Kind.ENVIRONMENT, lookup)


def layers(flags: Mapping[str, Any], env: Mapping[str, str]) -> tuple[Layer, ...]:
    """The sources in order of precedence (first wins); a new source is one more layer here."""
    return (flag_layer(flags), env_layer(env))


def origin_of(setting: Setting, settings: Settings, sources: tuple[Layer, ...]) -> Origin:
    """Where ``setting``'s effective value in ``settings`` came from."""
    effective = getattr(settings, setting.field)
    for layer in sources:
        found = layer.lookup(setting)
        if found is None:
            continue
        raw, name = found
        if _same(setting, raw, effective):
            return Origin(layer.kind, name)
        return Origin(Kind.UNKNOWN, name)
    resolved = settings.origin(setting.field)
    if resolved.startswith("context "):
        # Neither a flag nor a variable set it: the context named by --context / PGO_CONTEXT did.
        return Origin(Kind.CONTEXT, resolved.removeprefix("context "))
    if setting.fallback is not None:
        inner = origin_of(BY_FIELD[setting.fallback], settings, sources)
        if effective == getattr(settings, setting.fallback):
            label = BY_FIELD[setting.fallback].label
            return Origin(Kind.DEFAULT, f"(the {label}, {inner.describe()})")
    default = DEFAULTS.get(setting.field, "")
    return Origin(Kind.DEFAULT) if effective == default else Origin(Kind.UNKNOWN)


def _same(setting: Setting, raw: str, effective: Any) -> bool:
    if setting.boolean:
        return bool(effective) is True
    if setting.field == "timeout":
        try:
            return bool(float(raw) == effective)
        except ValueError:
            return False
    return bool(raw == effective)


def credentials_origin(credentials: Credentials, env: Mapping[str, str]) -> Origin:
    """Where :func:`~pgo_cli.sdk.session.load_credentials` found the pgouser."""
    if credentials.source == "PGOUSERNAME/PGOUSERPASS":
        return Origin(Kind.ENVIRONMENT, "PGOUSERNAME/PGOUSERPASS")
    if env.get("PGOUSER") == credentials.source:
        return Origin(Kind.PGOUSER_FILE, f"{credentials.source} (named by PGOUSER)")
    return Origin(Kind.PGOUSER_FILE, credentials.source)
