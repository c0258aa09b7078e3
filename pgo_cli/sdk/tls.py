"""The TLS policy: which server certificates we accept, and the client certificate we present.

pgo 4.7.4 never verifies the server. We do, in this order:

a. **Pinning.** A server presenting exactly a certificate found in ``PGO_CA_CERT`` is accepted.
   That is the default install: a self-signed certificate with no SAN, which no host name can
   match, but which nobody can present without its private key.
b. **Verification.** Otherwise the chain must verify against ``PGO_CA_CERT`` (plus the operating
   system's store unless ``--exclude-os-trust``), and the certificate must name the URL's host,
   or ``--tls-server-name``.
c. Anything else is refused after the handshake, before any HTTP request is written, with a
   message describing what the server presented.
d. ``--insecure-skip-tls-verify`` accepts any certificate (the CLI warns on every run).

The environment cannot change any of this: ``SSL_CERT_FILE``/``SSL_CERT_DIR`` are not consulted
(the OS store is OpenSSL's compiled-in location), and the transport ignores ``REQUESTS_CA_BUNDLE``
and ``CURL_CA_BUNDLE``.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import socket
import ssl
from dataclasses import dataclass
from typing import Any

from pgo_cli.errors import ConfigError, TLSError
from pgo_cli.sdk.session import Settings

_PEM_CERT = re.compile(rb"-----BEGIN CERTIFICATE-----\s+.*?-----END CERTIFICATE-----", re.DOTALL)


class PeerRefused(ssl.SSLCertVerificationError):
    """Raised inside the connection when the server's certificate is refused.

    It subclasses ``ssl.SSLError`` so that urllib3 treats it as a TLS failure; the transport digs
    the :class:`TLSError` it carries back out of requests' wrapping.
    """

    def __init__(self, error: TLSError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass
class TLSPolicy:
    """An SSL context plus the post-handshake check, built once per session."""

    context: ssl.SSLContext
    pinned: frozenset[bytes]
    server_name: str | None
    insecure: bool
    ca_file: str
    exclude_os_trust: bool
    #: The settings the policy was built from: the files' paths and where each came from.
    settings: Settings | None = None

    @property
    def cert_reqs(self) -> str:
        return "CERT_NONE" if self.insecure else "CERT_REQUIRED"

    def check_peer(self, sock: Any, host: str) -> None:
        """Accept or refuse the handshake just completed on ``sock`` (raises :class:`PeerRefused`)."""
        if self.insecure:
            return
        der = sock.getpeercert(binary_form=True)
        if der in self.pinned:
            return
        expected = self.server_name or host
        cert = sock.getpeercert()
        if cert and _matches_hostname(cert, expected):
            return
        raise PeerRefused(
            TLSError(
                f"the server certificate does not match the host name {expected!r}; "
                f"it presented {describe_certificate(der)}",
                hint=(
                    "pass --tls-server-name NAME for a name the certificate holds, put the server's "
                    "own certificate in PGO_CA_CERT to pin it, or (unsafe) --insecure-skip-tls-verify"
                ),
                sent=False,
            )
        )


def build_policy(settings: Settings, host: str) -> TLSPolicy:
    """Load the CA file and the client key pair into an SSL context (errors: exit 2)."""
    ca_file = _require_file(settings, "ca_cert", "PGO_CA_CERT", "--pgo-ca-cert", "the CA certificate")
    cert_file = _require_file(
        settings, "client_cert", "PGO_CLIENT_CERT", "--pgo-client-cert", "the client certificate"
    )
    key_file = _require_file(settings, "client_key", "PGO_CLIENT_KEY", "--pgo-client-key", "the client key")

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])
    context.check_hostname = False  # checked in TLSPolicy.check_peer, after pinning
    pinned = frozenset(_pem_certificates(ca_file))
    if not pinned:
        raise ConfigError(
            f"{ca_file} holds no PEM certificate",
            hint="PGO_CA_CERT / --pgo-ca-cert must name the apiserver's CA or certificate (PEM)",
        )
    if settings.insecure_skip_tls_verify:
        context.verify_mode = ssl.CERT_NONE
    else:
        context.verify_mode = ssl.CERT_REQUIRED
        # Every certificate of the CA file is a trust anchor, even one that is not self-signed.
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        if not settings.exclude_os_trust:
            _load_os_trust(context)
        try:
            context.load_verify_locations(cafile=ca_file)
        except ssl.SSLError as exc:
            raise ConfigError(f"cannot load CA certificates from {ca_file}: {exc.reason or exc}") from None
    try:
        context.load_cert_chain(cert_file, key_file)
    except ssl.SSLError as exc:
        message, fix = _client_pair_problem(settings, exc)
        raise ConfigError(message, hint=f"{DOCTOR_HINT}; {fix}") from None
    return TLSPolicy(
        context=context,
        pinned=pinned,
        server_name=settings.tls_server_name or None,
        insecure=settings.insecure_skip_tls_verify,
        ca_file=ca_file,
        exclude_os_trust=settings.exclude_os_trust,
        settings=settings,
    )


#: The start of the hint of every TLS and connection failure: pgo doctor checks each setting.
DOCTOR_HINT = "run pgo doctor"


def source_of(settings: Settings | None, field: str, variable: str) -> str:
    """Where a setting came from, as the user set it: ``--pgo-client-key`` (a flag),
    ``PGO_CLIENT_KEY`` (a variable), ``context prod`` (``variable`` when it is not known)."""
    origin = settings.origin(field) if settings is not None else "default"
    if origin.startswith(("flag ", "environment ")):
        return origin.split(" ", 1)[1]
    return variable if origin == "default" else origin


def pem_contents(data: bytes) -> str:
    """What a PEM file holds, as a TLS client cares: ``a private key``, ``an encrypted private
    key``, ``a certificate``, ``other PEM data`` or ``no PEM data``."""
    if b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in data or (
        b"PRIVATE KEY-----" in data and b"ENCRYPTED" in data
    ):
        return "an encrypted private key"
    if re.search(rb"-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----", data):
        return "a private key"
    if b"-----BEGIN CERTIFICATE-----" in data:
        return "a certificate"
    return "other PEM data" if b"-----BEGIN " in data else "no PEM data"


def _client_pair_problem(settings: Settings, exc: ssl.SSLError) -> tuple[str, str]:
    """(message, fix) for a client certificate and key OpenSSL would not load together."""
    cert_file, key_file = settings.client_cert, settings.client_key
    cert_from = source_of(settings, "client_cert", "PGO_CLIENT_CERT")
    key_from = source_of(settings, "client_key", "PGO_CLIENT_KEY")
    with open(cert_file, "rb") as handle:
        cert_data = handle.read()
    with open(key_file, "rb") as handle:
        in_key = pem_contents(handle.read())
    pair_fix = f"point {cert_from} and {key_from} at one certificate and its own private key (PEM)"
    if b"-----BEGIN CERTIFICATE-----" not in cert_data:
        in_cert = pem_contents(cert_data)
        return (
            f"the client certificate {cert_file} (from {cert_from}) holds {in_cert}, not a certificate",
            pair_fix,
        )
    if in_key == "a certificate":
        return f"the client key {key_file} (from {key_from}) holds a certificate, not a private key", pair_fix
    if in_key == "an encrypted private key":
        return (
            f"the client key {key_file} (from {key_from}) is encrypted with a passphrase, which pgo cannot ask for",
            f"decrypt it (openssl pkey -in {key_file} -out client.key) and point {key_from} at the result",
        )
    if in_key != "a private key":
        return f"the client key {key_file} (from {key_from}) holds {in_key}, not a private key", pair_fix
    if "KEY_VALUES_MISMATCH" in str(exc) or exc.reason == "KEY_VALUES_MISMATCH":
        return (
            f"the client key {key_file} (from {key_from}) is not the key of the client certificate "
            f"{cert_file} (from {cert_from})",
            pair_fix,
        )
    return (
        f"cannot load the client certificate {cert_file} (from {cert_from}) and key {key_file} (from {key_from}): "
        f"{exc.reason or exc}",
        pair_fix,
    )


def build_system_policy(settings: Settings) -> TLSPolicy:
    """``--disable-tls`` with an ``https://`` URL: what Go's default client does.

    pgo then uses Go's default transport: the server must verify against the operating system's
    store and name the host; no client certificate is presented and PGO_CA_CERT is not read.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])
    context.check_hostname = False  # checked in TLSPolicy.check_peer
    context.verify_mode = ssl.CERT_REQUIRED
    if settings.insecure_skip_tls_verify:
        context.verify_mode = ssl.CERT_NONE
    else:
        _load_os_trust(context)
    return TLSPolicy(
        context=context,
        pinned=frozenset(),
        server_name=settings.tls_server_name or None,
        insecure=settings.insecure_skip_tls_verify,
        ca_file="",
        exclude_os_trust=False,
    )


def _require_file(settings: Settings, field: str, variable: str, flag: str, what: str) -> str:
    path: str = getattr(settings, field)
    if not path:
        raise ConfigError(
            f"{variable} not specified", hint=f"set {variable} or {flag} to the file holding {what}"
        )
    source = source_of(settings, field, variable)
    try:
        with open(path, "rb"):
            pass
    except IsADirectoryError:
        raise ConfigError(f"{what} {path} is a directory, not a file (from {source})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path} (from {source}): {exc.strerror}") from None
    return path


def _pem_certificates(path: str) -> list[bytes]:
    with open(path, "rb") as handle:
        data = handle.read()
    certificates = []
    for block in _PEM_CERT.findall(data):
        try:
            certificates.append(ssl.PEM_cert_to_DER_cert(block.decode("ascii")))
        except (ValueError, UnicodeDecodeError):
            continue
    return certificates


_HASHED_NAME = re.compile(r"^[0-9a-f]{8}\.[0-9]+$")


def _load_os_trust(context: ssl.SSLContext) -> None:
    """Add the operating system's CA store: OpenSSL's compiled-in locations only.

    ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` from the environment are deliberately not consulted. A
    hashed certificate directory is preferred over the bundle file: OpenSSL reads it lazily, only
    when a chain needs it, whereas parsing the bundle costs ~20 ms on every call.
    """
    paths = ssl.get_default_verify_paths()
    cafile = paths.openssl_cafile
    capath = paths.openssl_capath
    if capath and _is_hashed_directory(capath):
        with contextlib.suppress(ssl.SSLError, OSError):
            context.load_verify_locations(capath=capath)
        return
    if cafile and os.path.isfile(cafile):
        with contextlib.suppress(ssl.SSLError, OSError):
            context.load_verify_locations(cafile=cafile)
    # Neither exists: no OS store on this machine, only PGO_CA_CERT is trusted.


def _is_hashed_directory(path: str) -> bool:
    try:
        with os.scandir(path) as entries:
            return any(_HASHED_NAME.match(entry.name) for entry in entries)
    except OSError:
        return False


def _matches_hostname(cert: dict[str, Any], hostname: str) -> bool:
    from urllib3.util.ssl_match_hostname import CertificateError, match_hostname

    try:
        match_hostname(cert, hostname)  # type: ignore[arg-type]
    except (CertificateError, ValueError):
        return False
    return True


# --------------------------------------------------------------------------------------------
# Diagnostics for a refused certificate


def describe_certificate(der: bytes | None) -> str:
    """One line naming a certificate's subject, SANs, issuer and validity."""
    if not der:
        return "no certificate"
    try:
        from cryptography import x509
    except ImportError:  # pragma: no cover - cryptography is a declared dependency
        return "a certificate that could not be decoded"
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return "a certificate that could not be decoded"
    subject = cert.subject.rfc4514_string() or "(empty)"
    issuer = cert.issuer.rfc4514_string() or "(empty)"
    try:
        sans_ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        sans = ", ".join(
            str(name.value) for name in sans_ext if isinstance(name, (x509.DNSName, x509.IPAddress))
        )
    except x509.ExtensionNotFound:
        sans = ""
    expiry = cert.not_valid_after_utc.strftime("%Y-%m-%d")
    return f"subject {subject}, SANs [{sans or 'none'}], issuer {issuer}, valid until {expiry}"


def fetch_peer_certificate(host: str, port: int, policy: TLSPolicy, timeout: float) -> bytes | None:
    """Handshake once more without verification to see what the server presents.

    Used only to explain a refused handshake; no HTTP request is sent on this connection.
    """
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw:
            sni = policy.server_name or (None if _is_ip(host) else host)
            with probe.wrap_socket(raw, server_hostname=sni) as tls:
                return tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError):
        return None


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


#: Where the default install's apiserver certificate is renewed (``pgo doctor`` says it too).
RENEW_SERVER_CERT = (
    "the pgo.tls Secret in the operator's namespace; see "
    "https://github.com/CrunchyData/postgres-operator/issues/3269"
)

#: OpenSSL's verify codes for a server certificate out of its dates or from an unknown issuer.
_EXPIRED, _NOT_YET_VALID = 10, 9
_UNKNOWN_ISSUER = frozenset({2, 18, 19, 20, 21})


def load_certificate(data: bytes) -> Any:
    """The first certificate of PEM (or DER) ``data`` (a ``cryptography`` certificate), or None."""
    from cryptography import x509

    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        return None


def validity_problem(cert: Any, now: datetime.datetime | None = None) -> tuple[str, datetime.datetime] | None:
    """``("expired", not_after)`` or ``("not yet valid", not_before)`` for a certificate out of
    its dates at ``now`` (UTC), else None. The one test of dates of ``pgo doctor`` and the SDK."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if cert.not_valid_after_utc < now:
        return "expired", cert.not_valid_after_utc
    if cert.not_valid_before_utc > now:
        return "not yet valid", cert.not_valid_before_utc
    return None


def _ago(when: datetime.datetime, now: datetime.datetime) -> str:
    days = (now - when).days
    return "today" if days < 1 else "1 day ago" if days == 1 else f"{days} days ago"


def explain_verify_failure(exc: ssl.SSLError, der: bytes | None, policy: TLSPolicy, host: str) -> TLSError:
    """Turn an OpenSSL verification failure into its cause and what would fix it."""
    reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or str(exc)
    code = getattr(exc, "verify_code", 0)
    trust = " or ".join(
        part for part in (policy.ca_file, "" if policy.exclude_os_trust else "the system trust store") if part
    )
    ca_from = source_of(policy.settings, "ca_cert", "PGO_CA_CERT")
    presented = describe_certificate(der)
    cert = load_certificate(der) if der else None
    now = datetime.datetime.now(datetime.timezone.utc)
    problem = validity_problem(cert, now) if cert is not None else None
    refused = f"the server certificate of {host} was refused"
    if code == _EXPIRED or (problem is not None and problem[0] == "expired"):
        when = f" on {problem[1]:%Y-%m-%d} ({_ago(problem[1], now)})" if problem else ""
        message = f"{refused}: it expired{when}; it presented {presented}"
        fix = f"the apiserver needs a renewed certificate ({RENEW_SERVER_CERT})" + (
            f"; then put it, or its CA, in {ca_from}" if policy.ca_file else ""
        )
    elif code == _NOT_YET_VALID or problem is not None:
        when = f" before {problem[1]:%Y-%m-%d %H:%M} UTC" if problem else " yet"
        message = (
            f"{refused}: it is not valid{when} (this machine's clock says {now:%Y-%m-%d %H:%M} UTC); "
            f"it presented {presented}"
        )
        fix = "check this machine's clock (and the apiserver's)"
    elif code in _UNKNOWN_ISSUER:
        trusted = " or ".join(
            part
            for part in (
                f"{policy.ca_file} (from {ca_from})" if policy.ca_file else "",
                "" if policy.exclude_os_trust else "the system trust store",
            )
            if part
        )
        message = f"{refused}: it is not issued by a CA in {trusted} ({reason}); it presented {presented}"
        fix = (
            f"put the apiserver's CA, or its own certificate, in {ca_from}, "
            "or (unsafe) pass --insecure-skip-tls-verify"
            if policy.ca_file
            else "its issuer must be in the system trust store (with --disable-tls PGO_CA_CERT is not read), "
            "or (unsafe) pass --insecure-skip-tls-verify"
        )
    else:
        message = f"{refused} ({reason}); it presented {presented}"
        fix = (
            f"its issuer must be in {trust}; to trust this very certificate put it in {ca_from}, "
            "or (unsafe) pass --insecure-skip-tls-verify"
        )
    return TLSError(message, hint=f"{DOCTOR_HINT}; {fix}", sent=False)


_ALERT = re.compile(r"alert ([a-z0-9 ]+?)(?: \(_ssl|$)")


def explain_client_refusal(text: str, policy: TLSPolicy | None, *, hung_up: bool = False) -> TLSError:
    """The apiserver refused our client certificate (its TLS alert in ``text``, or it hung up
    during the handshake): say why, from the certificate file itself when its dates explain it."""
    settings = policy.settings if policy is not None else None
    cert_file = settings.client_cert if settings is not None else ""
    cert_from = source_of(settings, "client_cert", "PGO_CLIENT_CERT")
    key_from = source_of(settings, "client_key", "PGO_CLIENT_KEY")
    named = (
        f"the client certificate {cert_file} (from {cert_from})" if cert_file else "our client certificate"
    )
    match = _ALERT.search(text.lower())
    alert = match.group(1).strip() if match else ""
    cert = None
    if cert_file:
        with contextlib.suppress(OSError), open(cert_file, "rb") as handle:
            cert = load_certificate(handle.read())
    now = datetime.datetime.now(datetime.timezone.utc)
    problem = validity_problem(cert, now) if cert is not None else None
    renew = f"get a renewed client certificate (on the default install, the apiserver's renewed pgo.tls pair) and point {cert_from} and {key_from} at it"
    trusted = f"point {cert_from} and {key_from} at a pair issued by a CA the apiserver trusts (on the default install, the apiserver's own pgo.tls pair)"
    if problem is not None and problem[0] == "expired":
        message = (
            f"{named} expired on {problem[1]:%Y-%m-%d} ({_ago(problem[1], now)}): the apiserver refuses it"
        )
        fix = renew
    elif problem is not None:
        message = (
            f"{named} is not valid before {problem[1]:%Y-%m-%d %H:%M} UTC (this machine's clock says "
            f"{now:%Y-%m-%d %H:%M} UTC): the apiserver refuses it"
        )
        fix = "check this machine's clock (and the apiserver's), or wait until the certificate is valid"
    elif alert == "certificate expired":
        message = f"the apiserver says {named} or its CA has expired"
        fix = renew
    elif alert == "unknown ca":
        issuer = (cert.issuer.rfc4514_string() or "an empty name") if cert is not None else "unknown"
        message = (
            f"the apiserver does not trust {named}: its issuer ({issuer}) is not a CA the apiserver knows"
        )
        fix = trusted
    elif hung_up or not alert:
        message = f"the apiserver hung up during the TLS handshake: it most likely refused {named}"
        fix = trusted
    else:
        message = f"the apiserver refused {named} during the TLS handshake (its alert: {alert})"
        fix = trusted
    return TLSError(message, hint=f"{DOCTOR_HINT}; {fix}", sent=False)


def speaks_tls(host: str, port: int, timeout: float) -> bool:
    """Whether ``host:port`` answers a TLS handshake (nothing but a ClientHello is sent)."""
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            probe.wrap_socket(raw, server_hostname=None if _is_ip(host) else host),
        ):
            return True
    except ssl.SSLError as exc:
        # A TLS server that wants a client certificate alerts; a plain HTTP one answers text.
        lowered = str(exc).lower()
        return "alert" in lowered and "wrong version" not in lowered
    except OSError:
        return False


def curl_pin(ca_file: str) -> str | None:
    """curl's ``--pinnedpubkey`` value for a default-install CA file, else None.

    When the CA file is one self-signed certificate without SAN (the apiserver's generated
    default), no host name can verify and pgo_cli pins it; curl can do the same with ``--insecure
    --pinnedpubkey``, which still refuses any other key. For other CA files plain ``--cacert``
    verification is right.
    """
    try:
        certificates = _pem_certificates(ca_file)
    except OSError:
        return None
    if len(certificates) != 1:
        return None
    import base64
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        cert = x509.load_der_x509_certificate(certificates[0])
    except ValueError:
        return None
    if cert.issuer != cert.subject:
        return None
    try:
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        return None
    except x509.ExtensionNotFound:
        pass
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return "sha256//" + base64.b64encode(hashlib.sha256(spki).digest()).decode()
