"""``pgo doctor``'s checks, in the order a connection is made.

Only reads are sent: ``GET /version`` and one ``POST /showclusters`` for a cluster name that does
not exist (``GET /status`` when the user may not show clusters), which carries the ClientVersion
and the namespace, so that the apiserver's own version and namespace checks answer. The password
is sent only to a server whose certificate passed the same checks every other command applies
(:mod:`pgo_cli.sdk.tls`); the HTTP requests go through the SDK's transport, so what the doctor
sees is what ``pgo show cluster`` would see.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import os
import socket
import ssl
import stat
import time
from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import urlsplit

from pgo_cli.errors import AuthError, ConfigError, ExitCode, PgoError, ResponseError, TLSError
from pgo_cli.nouns.doctor.sources import (
    BY_FIELD,
    Kind,
    Origin,
    credentials_origin,
    layers,
    origin_of,
)
from pgo_cli.nouns.doctor.steps import Report
from pgo_cli.sdk import tls
from pgo_cli.sdk.session import Credentials, Settings, credentials_env, load_credentials, resolve_settings

#: Seconds each network step may take when no --timeout / PGO_TIMEOUT is given (pgo's 60 is long
#: for a diagnosis of a server that does not answer).
DOCTOR_TIMEOUT = 10.0
#: A certificate expiring within this many days is a warning.
EXPIRY_WARNING_DAYS = 30
#: The cluster the read asks for: a valid name nobody uses, so the answer is an empty list.
PROBE_CLUSTER = "pgo-doctor-probe-nonexistent"
VERSION_MISMATCH = "pgo client and server version mismatch"

UNREACHABLE = int(ExitCode.UNREACHABLE)
USAGE = int(ExitCode.USAGE)
AUTH = int(ExitCode.AUTH)
API = int(ExitCode.API_ERROR)
BAD = int(ExitCode.BAD_RESPONSE)


class Doctor:
    """Runs every check for one set of typed global flags and an environment."""

    def __init__(
        self,
        flags: Mapping[str, Any],
        env: Mapping[str, str],
        *,
        now: datetime.datetime | None = None,
        home: str | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.flags = flags
        #: Where ``--debug`` writes its lines (``pgo`` hands over its stderr).
        self.stderr = stderr
        self.env = env
        self.now = now or datetime.datetime.now(datetime.timezone.utc)
        self.home = home
        self.report = Report()
        self.sources = layers(flags, env)
        self.settings = Settings()
        self.credentials: Credentials | None = None
        self.host = ""
        self.port = 0
        self.scheme = ""
        self.addresses: list[Any] = []
        self.sock: socket.socket | None = None
        self.peer_der: bytes | None = None
        self.client_refusal = ""
        self.server_version: str | None = None

    # ------------------------------------------------------------------------------------ run

    def run(self) -> Report:
        try:
            self.check_settings()
            self.check_files()
            self.check_network()
            self.check_apiserver()
        finally:
            if self.sock is not None:
                with contextlib.suppress(OSError):
                    self.sock.close()
        return self.report

    # ------------------------------------------------------------------------------- settings

    def origin(self, field: str) -> Origin:
        return origin_of(BY_FIELD[field], self.settings, self.sources)

    def _from(self, field: str) -> str:
        origin = self.origin(field)
        return "default" if origin.kind is Kind.DEFAULT and not origin.name else f"from {origin.describe()}"

    def check_settings(self) -> None:
        report = self.report
        timeout_error: PgoError | None = None
        try:
            self.settings = resolve_settings(self.flags, self.env)
        except PgoError as error:  # only the timeout can be invalid
            timeout_error = error
            flags = {k: v for k, v in self.flags.items() if k != "timeout"}
            env = {k: v for k, v in self.env.items() if k != "PGO_TIMEOUT"}
            self.settings = resolve_settings(flags, env)

        try:
            url = self.settings.require_url()
        except ConfigError as error:
            report.failed_with("url", error, provides=["url"])
        else:
            parts = urlsplit(url)
            self.scheme, self.host = parts.scheme, parts.hostname or ""
            self.port = parts.port or (443 if parts.scheme == "https" else 80)
            report.ok("url", f"{url} ({self._from('apiserver_url')})")

        try:
            namespace = self.settings.require_namespace()
        except ConfigError as error:
            report.failed_with("namespace", error, provides=["namespace"])
        else:
            report.ok("namespace", f"{namespace} ({self._from('namespace')})")

        report.ok("client version", f"{self.settings.client_version} ({self._from('client_version')})")

        if timeout_error is not None:
            report.failed_with(
                "timeout", timeout_error, fix="--timeout / PGO_TIMEOUT take a positive number of seconds"
            )
        elif self.origin("timeout").kind is Kind.DEFAULT:
            self.settings = dataclasses.replace(self.settings, timeout=DOCTOR_TIMEOUT)
            report.ok("timeout", f"{DOCTOR_TIMEOUT:g} s per step (the doctor's default; commands wait 60 s)")
        else:
            report.ok("timeout", f"{self.settings.timeout:g} s per step ({self._from('timeout')})")

        self.check_credentials()
        self.check_tls_mode()

    def check_credentials(self) -> None:
        warnings: list[str] = []
        try:
            source = credentials_env(self.settings, self.env)  # a context may name the pgouser
            credentials = load_credentials(source, home=self.home, warn=warnings.append)
        except ConfigError as error:
            self.report.failed_with("credentials", error, provides=["credentials"])
            return
        self.credentials = credentials
        origin = credentials_origin(credentials, self.env)
        detail = f"user {credentials.username} from {origin.describe()} (the password is never shown)"
        if not credentials.password:
            self.report.warning(
                "credentials", detail + ": the password is empty", "put user:password in the pgouser file"
            )
        elif warnings:
            text = warnings[0].removeprefix("Warning: ")
            self.report.warning(
                "credentials", f"{detail}; {text.split('; ')[0]}", f"chmod 600 {credentials.source}"
            )
        else:
            self.report.ok("credentials", detail)

    def check_tls_mode(self) -> None:
        settings, report = self.settings, self.report
        if self.scheme == "http":
            report.warning(
                "tls mode",
                "plain HTTP (an http:// URL): the password and every answer cross the network unencrypted",
                "use an https:// URL unless the apiserver really runs with DISABLE_TLS",
            )
            return
        options = []
        for field in ("disable_tls", "exclude_os_trust", "insecure_skip_tls_verify", "tls_server_name"):
            if getattr(settings, field):
                options.append(f"{BY_FIELD[field].label} {self._from(field)}")
        given = f" ({'; '.join(options)})" if options else ""
        if settings.disable_tls:
            mode = "HTTPS verified against the system trust store only, no client certificate (--disable-tls)"
        else:
            trust = "PGO_CA_CERT" if settings.exclude_os_trust else "PGO_CA_CERT and the system trust store"
            mode = f"mutual TLS; the server's certificate pinned or verified against {trust}"
        if settings.insecure_skip_tls_verify:
            report.warning(
                "tls mode",
                f"the server's certificate is NOT verified{given}: anyone on the path can read and change the traffic",
                "drop --insecure-skip-tls-verify and put the apiserver's certificate or CA in PGO_CA_CERT",
            )
        else:
            report.ok("tls mode", mode + given)

    # ---------------------------------------------------------------------------------- files

    @property
    def mutual_tls(self) -> bool:
        # Without a URL the files are still checked, for the https:// URL that will be given.
        return self.scheme in ("https", "") and not self.settings.disable_tls

    def check_files(self) -> None:
        if not self.mutual_tls:
            return
        self.check_ca_file()
        certificate = self.check_client_cert()
        self.check_client_key(certificate)
        if self.report.is_broken("client-pair") or self.report.is_broken("ca"):
            return
        # The SDK's own loading of the three files: what every command would do with them.
        try:
            tls.build_policy(self.settings, self.host)
        except ConfigError as error:
            self.report.failed_with("tls files", error, provides=["client-pair", "ca"])

    def _read(self, field: str, variable: str, flag: str, what: str, fact: str) -> bytes | None:
        path = getattr(self.settings, field)
        label = BY_FIELD[field].label
        if not path:
            self.report.failed(
                label,
                f"{variable} not specified",
                f"set {variable} or {flag} to the file holding {what}",
                USAGE,
                provides=[fact],
            )
            return None
        where = f"{path} ({self._from(field)})"
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except IsADirectoryError:
            problem = "is a directory, not a file"
        except FileNotFoundError:
            problem = "does not exist"
        except PermissionError:
            problem = "cannot be read (permission denied)"
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror})"
        self.report.failed(
            label,
            f"{where} {problem}",
            f"set {variable} or {flag} to a readable file holding {what}",
            USAGE,
            [fact],
        )
        return None

    def check_ca_file(self) -> None:
        data = self._read(
            "ca_cert", "PGO_CA_CERT", "--pgo-ca-cert", "the apiserver's CA or certificate", "ca"
        )
        if data is None:
            return
        where = f"{self.settings.ca_cert} ({self._from('ca_cert')})"
        certificates = _load_certificates(data)
        if not certificates:
            self.report.failed(
                "ca cert",
                f"{where} holds no PEM certificate",
                "PGO_CA_CERT / --pgo-ca-cert must name the apiserver's CA or certificate (PEM)",
                USAGE,
                ["ca"],
            )
            return
        count = f"{len(certificates)} certificate{'s' if len(certificates) > 1 else ''}"
        expired = [cert for cert in certificates if _not_after(cert) < self.now]
        if expired:
            self.report.warning(
                "ca cert",
                f"{where}: {count}, {len(expired)} of them expired ({_subject(expired[0])}, "
                f"{_not_after(expired[0]):%Y-%m-%d})",
                "replace the expired certificate in PGO_CA_CERT with the apiserver's current one or its CA",
            )
            return
        self.report.ok("ca cert", f"{where}: {count}")

    def check_client_cert(self) -> Any:
        data = self._read(
            "client_cert", "PGO_CLIENT_CERT", "--pgo-client-cert", "the client certificate", "client-pair"
        )
        if data is None:
            return None
        where = f"{self.settings.client_cert} ({self._from('client_cert')})"
        certificates = _load_certificates(data)
        if not certificates:
            self.report.failed(
                "client cert",
                f"{where} holds no PEM certificate",
                "PGO_CLIENT_CERT / --pgo-client-cert must name the client certificate (PEM)",
                USAGE,
                ["client-pair"],
            )
            return None
        cert = certificates[0]
        expiry = _not_after(cert)
        described = f"{where}: {_subject(cert)}, valid until {expiry:%Y-%m-%d}"
        dates = tls.validity_problem(cert, self.now)
        if dates is not None and dates[0] == "expired":
            self.report.failed(
                "client cert",
                f"{described}: expired {(self.now - expiry).days} days ago",
                "the apiserver refuses an expired client certificate: get a new one (on the default install, "
                "the apiserver's renewed pgo.tls certificate) and point PGO_CLIENT_CERT at it",
                USAGE,
                ["client-pair"],
            )
        elif dates is not None:
            self.report.failed(
                "client cert",
                f"{described}: not valid before {_not_before(cert):%Y-%m-%d %H:%M} UTC",
                "check this machine's clock, or wait until the certificate is valid",
                USAGE,
                ["client-pair"],
            )
        elif (expiry - self.now).days < EXPIRY_WARNING_DAYS:
            self.report.warning(
                "client cert",
                f"{described}: expires in {(expiry - self.now).days} days",
                "renew the client certificate before it expires",
            )
        else:
            self.report.ok("client cert", described)
        return cert

    def check_client_key(self, certificate: Any) -> None:
        data = self._read(
            "client_key", "PGO_CLIENT_KEY", "--pgo-client-key", "the client certificate's key", "client-pair"
        )
        if data is None:
            return
        from cryptography.hazmat.primitives import serialization

        where = f"{self.settings.client_key} ({self._from('client_key')})"
        fix = "set PGO_CLIENT_KEY (or --pgo-client-key) to the private key of PGO_CLIENT_CERT (PEM, unencrypted)"
        held = tls.pem_contents(data)
        if held in ("a certificate", "other PEM data", "no PEM data"):
            self.report.failed(
                "client key", f"{where} holds {held}, not a private key", fix, USAGE, ["client-pair"]
            )
            return
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except TypeError:
            self.report.failed(
                "client key", f"{where} is encrypted with a passphrase", fix, USAGE, ["client-pair"]
            )
            return
        except (ValueError, Exception):
            self.report.failed(
                "client key", f"{where} holds no readable PEM private key", fix, USAGE, ["client-pair"]
            )
            return
        kind = _key_kind(key)
        if certificate is None:
            self.report.skipped("client key", f"{where}: {kind}; not matched: the client cert failed")
            return
        spki = serialization.PublicFormat.SubjectPublicKeyInfo
        der = serialization.Encoding.DER
        if key.public_key().public_bytes(der, spki) != certificate.public_key().public_bytes(der, spki):
            self.report.failed(
                "client key",
                f"{where} ({kind}) does not belong to the client certificate {self.settings.client_cert}",
                fix,
                USAGE,
                ["client-pair"],
            )
            return
        mode = _mode(self.settings.client_key)
        if mode is not None and mode & (stat.S_IRWXG | stat.S_IRWXO):
            self.report.warning(
                "client key",
                f"{where}: {kind}, matches the client certificate; readable by group or others (mode {mode:04o})",
                f"chmod 600 {self.settings.client_key}",
            )
            return
        self.report.ok("client key", f"{where}: {kind}, matches the client certificate")

    # -------------------------------------------------------------------------------- network

    def check_network(self) -> None:
        report = self.report
        if report.blocked("resolve", ["url"]):
            for name in ("tcp connect", "tls handshake", "server cert", "trust", "host name"):
                report.blocked(name, ["url"], ["tcp", "tls", "server-trust"])
            return
        self.check_resolve()
        self.check_connect()
        if self.scheme != "https":
            for name in ("tls handshake", "server cert", "trust", "host name"):
                report.skipped(name, "plain HTTP: no TLS")
            return
        self.check_handshake()
        self.check_server_cert()
        self.check_trust()

    def check_resolve(self) -> None:
        host = self.host
        if tls._is_ip(host):
            self.addresses = [host.strip("[]")]
            self.report.ok("resolve", f"{host} is an IP address: nothing to resolve", ["dns"])
            return
        started = time.monotonic()
        try:
            infos = socket.getaddrinfo(host, self.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.report.failed(
                "resolve",
                f"cannot resolve {host}: {reason}",
                f"check the host name in the URL ({self._from('apiserver_url')}) and this machine's DNS",
                UNREACHABLE,
                ["dns"],
            )
            return
        elapsed = _ms(started)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        self.addresses = addresses
        self.report.ok("resolve", f"{host} → {', '.join(addresses[:4])} in {elapsed} ms", ["dns"])

    def check_connect(self) -> None:
        if self.report.blocked("tcp connect", ["dns"], ["tcp"]):
            return
        started = time.monotonic()
        try:
            sock = socket.create_connection((self.host.strip("[]"), self.port), timeout=self.settings.timeout)
        except TimeoutError:
            self.report.failed(
                "tcp connect",
                f"no answer from {self.host}:{self.port} within {self.settings.timeout:g} s",
                "a firewall may drop the connection, or the address is wrong; check the URL's host and port",
                UNREACHABLE,
                ["tcp"],
            )
            return
        except OSError as exc:
            refused = isinstance(exc, ConnectionRefusedError)
            reason = (
                "connection refused: nothing listens there" if refused else (exc.strerror or str(exc)).lower()
            )
            self.report.failed(
                "tcp connect",
                f"{self.host}:{self.port}: {reason}",
                "is the apiserver running, and are the URL's host and port right? "
                "(e.g. kubectl port-forward svc/postgres-operator 8443:8443 -n pgo)",
                UNREACHABLE,
                ["tcp"],
            )
            return
        peer = sock.getpeername()
        self.sock = sock
        self.report.ok("tcp connect", f"{peer[0]}:{peer[1]} in {_ms(started)} ms", ["tcp"])

    def _sni(self) -> str | None:
        return self.settings.tls_server_name or (None if tls._is_ip(self.host) else self.host)

    def _probe_context(self, with_client_cert: bool) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_alpn_protocols(["http/1.1"])
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the certificate is judged in the next steps
        if with_client_cert:
            context.load_cert_chain(self.settings.client_cert, self.settings.client_key)
        return context

    def _client_cert_usable(self) -> bool:
        return self.mutual_tls and not self.report.is_broken("client-pair")

    def check_handshake(self) -> None:
        if self.report.blocked("tls handshake", ["tcp"], ["tls"]):
            return
        assert self.sock is not None
        with_cert = self._client_cert_usable()
        sock, self.sock = self.sock, None
        try:
            started = time.monotonic()
            tls_sock = self._handshake(sock, with_cert)
        except ssl.SSLError as exc:
            text = _ssl_text(exc)
            if with_cert and _is_client_cert_alert(text):
                # The server refused our certificate during the handshake (TLS 1.2): remember it for
                # the client-auth step and look at the server without presenting one.
                self.client_refusal = text
                try:
                    sock = socket.create_connection(
                        (self.host.strip("[]"), self.port), timeout=self.settings.timeout
                    )
                    started = time.monotonic()
                    tls_sock = self._handshake(sock, False)
                except (OSError, ssl.SSLError) as again:
                    self._handshake_failed(again)
                    return
            else:
                self._handshake_failed(exc)
                return
        except OSError as exc:
            self._handshake_failed(exc)
            return
        elapsed = _ms(started)
        with contextlib.closing(tls_sock):
            self.peer_der = tls_sock.getpeercert(binary_form=True)
            cipher = tls_sock.cipher()
            version = tls_sock.version() or "TLS"
        name = cipher[0] if cipher else "unknown cipher"
        self.report.ok("tls handshake", f"{version} {name} in {elapsed} ms", ["tls"])

    def _handshake(self, sock: socket.socket, with_cert: bool) -> ssl.SSLSocket:
        sock.settimeout(self.settings.timeout)
        try:
            return self._probe_context(with_cert).wrap_socket(sock, server_hostname=self._sni())
        except BaseException:
            sock.close()
            raise

    def _handshake_failed(self, exc: BaseException) -> None:
        fix = ""
        if isinstance(exc, (TimeoutError, socket.timeout)):
            detail = f"no TLS handshake from {self.host}:{self.port} within {self.settings.timeout:g} s"
            fix = "the server accepts connections but does not speak TLS: is this the apiserver's port?"
        else:
            text = _ssl_text(exc) if isinstance(exc, ssl.SSLError) else (str(exc) or type(exc).__name__)
            detail = f"TLS handshake with {self.host}:{self.port} failed: {text}"
            lowered = text.lower()
            if (
                "wrong version number" in lowered
                or "record layer failure" in lowered
                or "http request" in lowered
            ):
                fix = "the server speaks plain HTTP: use an http:// URL (and --disable-tls)"
            elif "eof" in lowered or "reset" in lowered:
                fix = "the server hung up during the handshake: is this the apiserver's TLS port?"
            else:
                fix = "the server's TLS set-up is not one pgo can use (TLS 1.2 or later is required)"
        self.report.failed("tls handshake", detail, fix, UNREACHABLE, ["tls"])

    def check_server_cert(self) -> None:
        if self.report.blocked("server cert", ["tls"], ["server-trust"]):
            return
        cert = _load_der(self.peer_der)
        if cert is None:
            self.report.failed(
                "server cert",
                "the server presented no certificate that can be decoded",
                "the apiserver must present an X.509 certificate",
                UNREACHABLE,
                ["server-trust"],
            )
            return
        described = tls.describe_certificate(self.peer_der)
        expiry = _not_after(cert)
        renew = (
            f"renew the apiserver's certificate ({tls.RENEW_SERVER_CERT}) and put the new one in PGO_CA_CERT"
        )
        dates = tls.validity_problem(cert, self.now)
        if dates is not None and dates[0] == "expired":
            self.report.failed(
                "server cert",
                f"{described}: EXPIRED on {expiry:%Y-%m-%d %H:%M} UTC ({_days(self.now - expiry)} ago)",
                renew,
                UNREACHABLE,
                ["server-trust"],
            )
        elif dates is not None:
            self.report.failed(
                "server cert",
                f"{described}: not valid before {_not_before(cert):%Y-%m-%d %H:%M} UTC",
                "check this machine's clock (and the apiserver's)",
                UNREACHABLE,
                ["server-trust"],
            )
        elif (expiry - self.now).days < EXPIRY_WARNING_DAYS:
            self.report.warning(
                "server cert", f"{described}: expires in {_days(expiry - self.now)}", renew + " soon"
            )
        else:
            self.report.ok("server cert", f"{described} ({(expiry - self.now).days} days left)")

    def _verify_policy(self) -> tls.TLSPolicy | None:
        """The SDK's TLS policy with verification on (even under --insecure-skip-tls-verify)."""
        strict = dataclasses.replace(self.settings, insecure_skip_tls_verify=False)
        if self.settings.disable_tls:
            return tls.build_system_policy(strict)
        if self.report.is_broken("ca"):
            return None
        if not self.report.is_broken("client-pair"):
            with contextlib.suppress(ConfigError):
                return tls.build_policy(strict, self.host)
        return _verify_only_policy(strict)

    def check_trust(self) -> None:
        report = self.report
        if report.blocked("trust", ["tls", "ca"], ["server-trust"]):
            report.blocked("host name", ["tls", "ca"])
            return
        policy = self._verify_policy()
        if policy is None:  # pragma: no cover - the CA file was checked above
            report.skipped("trust", "not checked: no CA file")
            return
        insecure = self.settings.insecure_skip_tls_verify
        failed = report.warning if insecure else None
        suffix = " (ignored: --insecure-skip-tls-verify)" if insecure else ""
        trust = _trust_sources(policy, self.settings)
        try:
            sock = socket.create_connection((self.host.strip("[]"), self.port), timeout=self.settings.timeout)
            sock.settimeout(self.settings.timeout)
            with policy.context.wrap_socket(sock, server_hostname=self._sni()) as verified:
                der = verified.getpeercert(binary_form=True)
                if der in policy.pinned:
                    report.ok(
                        "trust", "pinned: the server presented the very certificate held in PGO_CA_CERT"
                    )
                    report.ok("host name", "not needed: the certificate is pinned")
                    return
                report.ok("trust", f"chain verified against {trust}")
                try:
                    policy.check_peer(verified, self.host)
                except tls.PeerRefused as refused:
                    if failed is not None:
                        failed("host name", refused.error.message + suffix, refused.error.hint or "")
                    else:
                        report.failed_with("host name", refused.error, provides=["server-trust"])
                    return
                expected = self.settings.tls_server_name or self.host
                report.ok("host name", f"the certificate names {expected}")
        except ssl.SSLCertVerificationError as exc:
            reason = exc.verify_message or _ssl_text(exc)
            cert = _load_der(self.peer_der)
            issuer = _issuer(cert) if cert is not None else "unknown"
            detail = f"refused: {reason}; issued by {issuer}, which {trust} does not hold or trust"
            if "expired" in reason or "not yet valid" in reason:
                detail = f"refused: {reason}"
            fix = (
                f"put the CA that issued the apiserver's certificate, or that certificate itself (to pin it), "
                f"in {self.settings.ca_cert or 'PGO_CA_CERT'} ({self._from('ca_cert')}); "
                "or (unsafe) --insecure-skip-tls-verify"
            )
            if self.settings.disable_tls:
                fix = "with --disable-tls an https:// URL is verified against the system trust store only"
            if "expired" in reason or "not yet valid" in reason:
                fix = "see server cert: the apiserver's certificate must be renewed (or the clocks fixed)"
            if failed is not None:
                failed("trust", detail + suffix, fix)
                report.skipped("host name", "not checked: the chain did not verify")
            else:
                report.failed("trust", detail, fix, UNREACHABLE, ["server-trust"])
                report.skipped("host name", "not checked: trust failed")
        except (OSError, ssl.SSLError) as exc:
            text = _ssl_text(exc) if isinstance(exc, ssl.SSLError) else str(exc)
            report.failed(
                "trust",
                f"a second handshake to verify the certificate failed: {text}",
                "run the doctor again; the server may limit connections",
                UNREACHABLE,
                ["server-trust"],
            )
            report.skipped("host name", "not checked: trust failed")

    # ------------------------------------------------------------------------------ apiserver

    def check_apiserver(self) -> None:
        report = self.report
        needs = ["url", "tcp", "tls", "server-trust", "credentials"]
        names = ("tls client auth", "basic auth", "permission", "version", "namespace access")
        if any(report.is_broken(fact) for fact in needs):
            culprit = next(report.broken[fact] for fact in needs if report.is_broken(fact))
            reason = f"not checked: {culprit} failed"
            if report.is_broken("server-trust"):
                reason += " (the password is never sent to a server that is not trusted)"
            for name in names:
                report.skipped(name, reason)
            return
        if self.client_refusal:
            report.failed(
                "tls client auth",
                f"the apiserver refused our client certificate during the handshake: {self.client_refusal}",
                "PGO_CLIENT_CERT/PGO_CLIENT_KEY must be a pair the apiserver trusts "
                "(on the default install: the apiserver's own pgo.tls certificate and key)",
                UNREACHABLE,
            )
            for name in names[1:]:
                report.skipped(name, "not checked: tls client auth failed")
            return
        if report.is_broken("client-pair"):
            report.skipped("tls client auth", "not checked: the client certificate or key failed")
            for name in names[1:]:
                report.skipped(name, "not checked: the client certificate or key failed")
            return

        from pgo_cli.nouns.version.endpoints import VERSION
        from pgo_cli.sdk.connection import Connection

        assert self.credentials is not None
        from pgo_cli.sdk.debuglog import DebugLog

        debug = DebugLog(self.stderr) if self.settings.debug else None
        client = Connection(self.settings, self.credentials, env=self.env, debug=debug)
        try:
            self._apiserver_steps(client, VERSION)
        finally:
            client.close()

    def _apiserver_steps(self, client: Any, version_endpoint: Any) -> None:
        report = self.report
        user = self.credentials.username if self.credentials else ""
        started = time.monotonic()
        version_allowed = True
        try:
            answer = client.call(version_endpoint, check_status=False)
        except AuthError as error:
            if error.status == 403 and "Client Certificate" in error.message:
                report.failed_with(
                    "tls client auth",
                    error,
                    fix="the apiserver saw no client certificate: set PGO_CLIENT_CERT and PGO_CLIENT_KEY",
                )
                self._skip_rest("basic auth", "tls client auth")
                return
            report.ok("tls client auth", self._client_auth_detail())
            if error.status == 401:
                source = self.credentials.source if self.credentials else "the pgouser file"
                report.failed(
                    "basic auth",
                    f"the apiserver refused user {user!r}: {error.message}",
                    f"check the user name and password in {source}: they must be those of a pgouser "
                    "(pgo show pgouser, or the pgouser-<name> Secret)",
                    AUTH,
                )
                self._skip_rest("permission", "basic auth")
                return
            report.ok("basic auth", f"user {user} accepted")
            report.failed(
                "permission",
                f"user {user!r} may not use GET /version: {error.message}",
                "give one of the user's pgoroles the Version permission "
                "(pgo update pgorole ROLE --permissions=…,Version)",
                AUTH,
            )
            version_allowed = False
        except TLSError as error:
            report.failed_with("tls client auth", error)
            self._skip_rest("basic auth", "tls client auth")
            return
        except PgoError as error:
            name = "apiserver answer"
            fix = error.hint or ""
            if isinstance(error, ResponseError):
                fix = (
                    fix
                    or "the server at this URL does not answer like a pgo apiserver; check PGO_APISERVER_URL"
                )
            report.failed_with(name, error, fix=fix)
            self._skip_rest("tls client auth", name)
            return
        if version_allowed:
            elapsed = _ms(started)
            report.ok("tls client auth", self._client_auth_detail())
            report.ok("basic auth", f"user {user} accepted")
            version = getattr(answer.response, "version", "")
            status = getattr(answer.response, "status", None)
            if status is not None and status.is_error:
                report.failed(
                    "permission",
                    f"GET /version answered an error: {status.msg}",
                    "the apiserver's log may say more",
                    API,
                )
            else:
                self.server_version = version or None
                report.ok(
                    "permission",
                    f"GET /version allowed: apiserver {version or '(no version)'} in {elapsed} ms",
                )
        self._version_and_namespace(client)

    def _client_auth_detail(self) -> str:
        if self.settings.disable_tls or self.scheme != "https":
            return "no client certificate is presented (--disable-tls)"
        return "the apiserver accepted the TLS session with our client certificate"

    def _skip_rest(self, first: str, culprit: str) -> None:
        names = ["tls client auth", "basic auth", "permission", "version", "namespace access"]
        for name in names[names.index(first) :]:
            self.report.skipped(name, f"not checked: {culprit} failed")

    def _probe(self, client: Any, version: str, namespace: str) -> tuple[str, str] | None:
        """One read carrying ClientVersion and namespace: (route, status message); None if forbidden."""
        from pgo_cli.nouns.cluster.endpoints import SHOW
        from pgo_cli.nouns.cluster.messages import ShowClusterRequest
        from pgo_cli.nouns.status.endpoints import STATUS

        request = ShowClusterRequest(clustername=PROBE_CLUSTER, clientversion=version, namespace=namespace)
        try:
            answer = client.call(SHOW, request, check_status=False)
            route = "POST /showclusters"
        except AuthError as error:
            if error.status != 403:
                raise
            try:
                answer = client.call(
                    STATUS, query={"version": version, "namespace": namespace}, check_status=False
                )
            except AuthError as again:
                if again.status != 403:
                    raise
                return None
            route = "GET /status"
        status = answer.response.status
        return route, (status.msg or "error without a message") if status.is_error else ""

    def _version_and_namespace(self, client: Any) -> None:
        report = self.report
        sent = self.settings.client_version
        namespace = "" if report.is_broken("namespace") else self.settings.namespace
        user = self.credentials.username if self.credentials else ""
        try:
            outcome = self._probe(client, sent, namespace)
        except PgoError as error:
            report.failed_with("version", error)
            report.skipped("namespace access", "not checked: the read failed")
            return
        server = self.server_version
        origin = self.origin("client_version")
        if origin.kind is Kind.DEFAULT:
            fix_version = f"pass --client-version {server or 'VERSION'} (or set PGO_CLIENT_VERSION), or use the pgo release matching the apiserver"
        else:
            fix_version = (
                f"the client version comes from {origin.describe()}: set it to {server or 'the apiserver version'} "
                f"(--client-version {server or 'VERSION'})"
            )
        if outcome is None:
            if server is None:
                report.warning(
                    "version",
                    f"not checked: user {user!r} may use neither GET /version, POST /showclusters nor GET /status",
                    "grant the Version or ShowCluster permission to check it",
                )
            elif server != sent:
                report.failed(
                    "version",
                    f"this client sends {sent}, the apiserver is {server}: it refuses requests with '{VERSION_MISMATCH}'",
                    fix_version,
                    API,
                )
            else:
                report.ok("version", f"client {sent} = apiserver {server}")
            report.warning(
                "namespace access",
                f"not checked: user {user!r} has neither the ShowCluster nor the Status permission",
                "grant ShowCluster to one of the user's pgoroles to check it",
            )
            return
        route, message = outcome
        if message == VERSION_MISMATCH:
            known = f" and the apiserver is {server}" if server else ""
            report.failed(
                "version",
                f"this client sends ClientVersion {sent}{known}: it refuses every request but "
                f"GET /version ({route}: '{VERSION_MISMATCH}')",
                fix_version,
                API,
            )
            if report.blocked("namespace access", ["namespace"]):
                return
            if not server:
                report.skipped("namespace access", "not checked: the apiserver's version is unknown")
                return
            try:  # the namespace check answers only once the version check passes
                outcome = self._probe(client, server, namespace)
            except PgoError as error:
                report.failed_with("namespace access", error)
                return
            if outcome is None:  # pragma: no cover - the first read was allowed
                return
            route, message = outcome
            self._namespace_step(route, message, f" (checked with ClientVersion {server})")
            return
        report.ok("version", f"client {sent} = apiserver {server or '(accepted)'}")
        if report.blocked("namespace access", ["namespace"]):
            return
        self._namespace_step(route, message, "")

    def _namespace_step(self, route: str, message: str, note: str) -> None:
        namespace = self.settings.namespace
        user = self.credentials.username if self.credentials else ""
        if not message:
            self.report.ok("namespace access", f"{namespace} is watched and user {user} may use it{note}")
            return
        if "is not part of the Operator installation" in message:
            fix = (
                f"use a namespace the operator watches (-n/--namespace, PGO_NAMESPACE, now {self._from('namespace')}), "
                f"or have an administrator add it: pgo create namespace {namespace}"
            )
        elif "is not allowed access to namespace" in message:
            fix = (
                f"use one of user {user}'s namespaces, or have an administrator add {namespace} to them: "
                f"pgo update pgouser {user} --pgouser-namespaces=…,{namespace}"
            )
        elif "not found" in message and "pgouser-" in message:
            fix = f"user {user} is not a pgouser of this operator: pgo create pgouser {user} …"
        else:
            fix = "the apiserver refused the namespace; its message says why"
        self.report.failed("namespace access", f"{route}: {message}{note}", fix, API)


# ------------------------------------------------------------------------------------ helpers


def _verify_only_policy(settings: Settings) -> tls.TLSPolicy:
    """:func:`tls.build_policy` without the client certificate (when that pair is broken)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    if not settings.exclude_os_trust:
        tls._load_os_trust(context)
    context.load_verify_locations(cafile=settings.ca_cert)
    with open(settings.ca_cert, "rb") as handle:
        pinned = frozenset(cert.public_bytes(_der()) for cert in _load_certificates(handle.read()))
    return tls.TLSPolicy(
        context=context,
        pinned=pinned,
        server_name=settings.tls_server_name or None,
        insecure=False,
        ca_file=settings.ca_cert,
        exclude_os_trust=settings.exclude_os_trust,
    )


def _trust_sources(policy: tls.TLSPolicy, settings: Settings) -> str:
    if not policy.ca_file:
        return "the system trust store"
    if policy.exclude_os_trust:
        return policy.ca_file
    return f"{policy.ca_file} and the system trust store"


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _load_certificates(data: bytes) -> list[Any]:
    from cryptography import x509

    try:
        return list(x509.load_pem_x509_certificates(data))
    except ValueError:
        return []


def _load_der(der: bytes | None) -> Any:
    if not der:
        return None
    from cryptography import x509

    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def _not_after(cert: Any) -> datetime.datetime:
    value: datetime.datetime = cert.not_valid_after_utc
    return value


def _not_before(cert: Any) -> datetime.datetime:
    value: datetime.datetime = cert.not_valid_before_utc
    return value


def _subject(cert: Any) -> str:
    text: str = cert.subject.rfc4514_string()
    return f"subject {text}" if text else "subject (empty)"


def _issuer(cert: Any) -> str:
    text: str = cert.issuer.rfc4514_string()
    return text or "(empty)"


def _key_kind(key: Any) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return f"RSA {key.key_size}"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return f"ECDSA {key.curve.name}"
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "Ed25519"
    return type(key).__name__


def _mode(path: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _days(delta: datetime.timedelta) -> str:
    return "1 day" if delta.days == 1 else f"{delta.days} days"


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _ssl_text(exc: BaseException) -> str:
    text = getattr(exc, "reason", None) or ""
    full = str(exc) or type(exc).__name__
    return full if not text or text not in full else full.split("] ", 1)[-1].split(" (_ssl")[0]


def _is_client_cert_alert(text: str) -> bool:
    lowered = text.lower()
    return "alert" in lowered and any(
        word in lowered for word in ("certificate", "unknown ca", "access denied")
    )
