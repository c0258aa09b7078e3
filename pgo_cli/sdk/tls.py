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
    ca_file = _require_file(settings.ca_cert, "PGO_CA_CERT", "--pgo-ca-cert", "the CA certificate")
    cert_file = _require_file(
        settings.client_cert, "PGO_CLIENT_CERT", "--pgo-client-cert", "the client certificate"
    )
    key_file = _require_file(settings.client_key, "PGO_CLIENT_KEY", "--pgo-client-key", "the client key")

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
        reason = exc.reason or str(exc)
        if "KEY_VALUES_MISMATCH" in str(exc) or reason == "KEY_VALUES_MISMATCH":
            message = f"client certificate {cert_file} and key {key_file} do not belong together"
        else:
            message = f"cannot load the client certificate {cert_file} and key {key_file}: {reason}"
        raise ConfigError(
            message,
            hint="set PGO_CLIENT_CERT and PGO_CLIENT_KEY (or the --pgo-client-* flags) to a matching PEM pair",
        ) from None
    return TLSPolicy(
        context=context,
        pinned=pinned,
        server_name=settings.tls_server_name or None,
        insecure=settings.insecure_skip_tls_verify,
        ca_file=ca_file,
        exclude_os_trust=settings.exclude_os_trust,
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


def _require_file(path: str, variable: str, flag: str, what: str) -> str:
    if not path:
        raise ConfigError(
            f"{variable} not specified", hint=f"set {variable} or {flag} to the file holding {what}"
        )
    try:
        with open(path, "rb"):
            pass
    except IsADirectoryError:
        raise ConfigError(f"{what} {path} is a directory, not a file ({variable})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path} ({variable}): {exc.strerror}") from None
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


def explain_verify_failure(exc: ssl.SSLError, der: bytes | None, policy: TLSPolicy, host: str) -> TLSError:
    """Turn an OpenSSL verification failure into a message saying what would fix it."""
    reason = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or str(exc)
    trust = " or ".join(
        part for part in (policy.ca_file, "" if policy.exclude_os_trust else "the system trust store") if part
    )
    return TLSError(
        f"the server certificate of {host} was refused ({reason}); it presented {describe_certificate(der)}",
        hint=(
            f"its issuer must be in {trust}; to trust this very certificate put it in PGO_CA_CERT, "
            "or (unsafe) pass --insecure-skip-tls-verify"
        ),
        sent=False,
    )


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
