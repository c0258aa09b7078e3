"""HTTP to the apiserver: the only module that imports ``requests``.

One ``requests.Session`` per transport: HTTP Basic auth, ``Content-Type: application/json``, JSON
bodies, the TLS policy of :mod:`pgo_cli.sdk.tls`, no redirects followed, and nothing taken from the
environment (``trust_env`` is off, so ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE`` and ``.netrc``
change nothing).

``--timeout`` bounds each whole call, retries included: a watchdog shuts down the sockets of a call
that outlives its deadline, so a server that trickles one byte per second cannot hold us.
Idempotent reads are retried on connection failures and 502/503/504 with capped exponential
backoff inside that deadline; writes are never retried once they may have reached the server.
Every failure becomes a :class:`~pgo_cli.errors.PgoError` whose ``sent`` says whether the
request may have been applied.
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from pgo_cli.errors import ApiError, AuthError, Interrupted, ResponseError, TLSError, TransportError
from pgo_cli.release import __version__
from pgo_cli.sdk import debuglog, tls
from pgo_cli.sdk.debuglog import DebugLog
from pgo_cli.sdk.session import Credentials, Settings
from pgo_cli.wire.gojson import dumps_go, loads_quick

#: Larger answers are refused rather than held in memory without bound.
MAX_RESPONSE_BYTES = 256 * 1024 * 1024
RETRY_STATUSES = frozenset({502, 503, 504})
MAX_ATTEMPTS = 4
BACKOFF_FIRST = 0.25
BACKOFF_CAP = 2.0
_CHUNK = 256 * 1024


@dataclass
class Reply:
    """A 200 answer: its parsed JSON value and its size."""

    status: int
    data: Any
    size: int


class _Deadline:
    """Bounds one call: tracks its sockets and shuts them down when time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.expired = False
        #: set when the current attempt starts writing its request (reset before each attempt)
        self.request_written = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        return max(0.0, self.expires - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                _shutdown(sock)
            self._sockets.append(sock)

    def start(self) -> None:
        self._timer = threading.Timer(self.remaining(), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing to interrupt
        sock.shutdown(socket.SHUT_RDWR)


class Transport:
    """Sends one JSON request at a time to the apiserver and returns the parsed answer."""

    def __init__(self, settings: Settings, credentials: Credentials, debug: DebugLog | None = None) -> None:
        self.settings = settings
        self.base_url = settings.require_url()
        self.credentials = credentials
        self.debug = debug
        # A server may quote our request back (error pages, Msg): never print what we sent secretly.
        debuglog.remember_secret(credentials.password)
        token = f"{credentials.username}:{credentials.password}".encode()
        debuglog.remember_secret(base64.b64encode(token).decode("ascii"))
        parts = urlsplit(self.base_url)
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.scheme = parts.scheme
        self.policy: tls.TLSPolicy | None = None
        if self.scheme == "https":
            # --disable-tls only drops pgo's TLS set-up: an https:// URL is still verified HTTPS.
            if settings.disable_tls:
                self.policy = tls.build_system_policy(settings)
            else:
                self.policy = tls.build_policy(settings, self.host)
        self._deadline: _Deadline | None = None
        self._session = self._build_session()

    # ----------------------------------------------------------------------------- public API

    def url_for(self, path: str) -> str:
        return self.base_url + path

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        idempotent: bool = False,
        content_type: bool = True,
        parse: bool = True,
    ) -> Reply:
        """Send one request (retrying idempotent reads) and return the parsed 200 answer.

        ``path`` is the request target (path and query string) below the base URL. Without
        ``parse`` the answer's ``data`` is its bytes as received (for a reader of large answers
        that decodes them piece by piece).
        """
        deadline = _Deadline(self.settings.timeout)
        self._deadline = deadline
        deadline.start()
        try:
            return self._call_with_retries(method, path, body, idempotent, deadline, content_type, parse)
        except KeyboardInterrupt:
            # Ctrl-C: say whether the request had started to leave, so that a create or delete
            # can tell the user it may have been applied.
            raise Interrupted("interrupted", sent=deadline.request_written) from None
        finally:
            deadline.stop()
            self._deadline = None

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------------------------ internals

    def _call_with_retries(
        self,
        method: str,
        path: str,
        body: Any,
        idempotent: bool,
        deadline: _Deadline,
        content_type: bool,
        parse: bool,
    ) -> Reply:
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(method, path, body, deadline, content_type, parse)
            except (TransportError, ResponseError) as error:
                retryable = isinstance(error, TransportError) and not isinstance(error, TLSError)
                if isinstance(error, ResponseError):
                    retryable = error.status in RETRY_STATUSES
                if not idempotent or not retryable or attempt >= MAX_ATTEMPTS or deadline.expired:
                    raise
                pause = min(BACKOFF_CAP, BACKOFF_FIRST * 2 ** (attempt - 1))
                if deadline.remaining() <= pause:
                    raise
                self._log(f"{error.message}; retrying in {pause:.2f}s (attempt {attempt + 1})")
                time.sleep(pause)

    def _attempt(
        self, method: str, path: str, body: Any, deadline: _Deadline, content_type: bool, parse: bool
    ) -> Reply:
        url = self.url_for(path)
        data = None if body is None else dumps_go(body).encode("utf-8")
        debuglog.remember_body_secrets(body)
        self._log(f"{method} {url}")
        if body is not None and self.debug is not None:
            self.debug.body("request body", body)
        started = time.monotonic()
        deadline.request_written = False
        response = self._send(method, url, data, deadline, content_type)
        try:
            payload = self._read_body(response, deadline, method, url)
        finally:
            response.close()
        elapsed = (time.monotonic() - started) * 1000
        self._log(f"{response.status_code} {response.reason} in {elapsed:.0f} ms, {len(payload)} bytes")
        if self.debug is not None and payload:
            self.debug.body("response body", payload)
        self._check_status(response, payload, method, path)
        if not parse:
            return Reply(response.status_code, payload, len(payload))
        return Reply(response.status_code, parse_json(payload, response.status_code), len(payload))

    def _send(
        self, method: str, url: str, data: bytes | None, deadline: _Deadline, content_type: bool = True
    ) -> requests.Response:
        remaining = deadline.remaining()
        if remaining <= 0:
            # requests refuses a zero timeout with a ValueError; the call's time is simply up.
            raise self._timeout_error(url, sent=False)
        try:
            return self._session.request(
                method,
                url,
                data=data,
                headers={"Content-Type": "application/json"} if content_type else {},
                auth=(self.credentials.username, self.credentials.password),
                timeout=(remaining, remaining),
                allow_redirects=False,
                stream=True,
                verify=True,
                proxies=self._proxies(url),
            )
        except requests.exceptions.RequestException as exc:
            raise self._translate(exc, url, deadline) from None

    def _read_body(self, response: requests.Response, deadline: _Deadline, method: str, url: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.raw.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ResponseError(
                        f"the answer to {method} {url} exceeded {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB; "
                        "refusing to read more",
                        status=response.status_code,
                    )
                chunks.append(chunk)
        except ResponseError:
            raise
        except Exception as exc:  # urllib3 and socket errors while reading the body
            if deadline.expired:
                raise self._timeout_error(url, sent=True) from None
            raise TransportError(
                f"the connection broke while reading the answer to {method} {url}: {_short(exc)}",
                sent=True,
            ) from None
        return b"".join(chunks)

    def _check_status(self, response: requests.Response, payload: bytes, method: str, path: str) -> None:
        status = response.status_code
        if status == 200:
            meant = _AUTHN_TEXTS.get(payload.strip()) if payload.startswith(b"Not ") else None
            if meant is None:
                return
            self._log(
                f"the 200 answer is the apiserver's {meant} text (its handler wrote 200 first): read as {meant}"
            )
            status = meant
        text = _text_snippet(payload)
        detail = f" ({text})" if text else ""
        if status == 400 and text.startswith("Client sent an HTTP request to an HTTPS server"):
            # Go's net/http answers a plain request on its TLS port with this 400.
            url_from = tls.source_of(self.settings, "apiserver_url", "PGO_APISERVER_URL")
            raise ResponseError(
                f"the apiserver at {self.host}:{self.port} speaks HTTPS, but the URL is {self.base_url} "
                f"(from {url_from}) ({text})",
                status=status,
                hint=f"{tls.DOCTOR_HINT}; use https://{self.host}:{self.port}",
            )
        if status == 401:
            raise AuthError(
                f"Authentication Failed: 401{detail}",
                status=status,
                hint=f"check the pgouser credentials (from {self.credentials.source})",
            )
        if status == 403:
            if "Client Certificate" in text:
                hint = "the apiserver wants a client certificate: set PGO_CLIENT_CERT and PGO_CLIENT_KEY"
            else:
                hint = f"user {self.credentials.username!r} lacks the pgo permission for this action"
            raise AuthError(f"Forbidden: 403{detail}", status=status, hint=hint)
        if status == 405:
            message = f"Method {method} for URL {path} is not allowed in the current Operator install: 405"
            if text:
                # A handler's own refusal (e.g. the namespace mode: "Unable to create namespaces: …"),
                # not gorilla/mux's bodiless 405 for a wrong URL.
                raise ApiError(message, hint=f"the apiserver says: {text}")
            raise ResponseError(
                message, status=status, hint="check that PGO_APISERVER_URL is the apiserver's base URL"
            )
        if 300 <= status < 400:
            location = response.headers.get("Location", "")
            raise ResponseError(
                f"the apiserver redirected {method} {path} to {location or '(no location)'} "
                f"with HTTP {status}; redirects are not followed",
                status=status,
                hint="PGO_APISERVER_URL must be the apiserver's base URL, like https://host:8443",
            )
        if status == 404:
            raise ResponseError(
                f"Invalid Status Code: 404{detail}",
                status=status,
                hint="no apiserver route answers here; check PGO_APISERVER_URL",
            )
        if status >= 500:
            raise ResponseError(
                f"the apiserver failed with HTTP {status} {response.reason}{detail}",
                status=status,
                hint="a server-side or proxy failure; the apiserver's log may say more",
            )
        raise ResponseError(f"Invalid Status Code: {status}{detail}", status=status)

    def _translate(
        self, exc: requests.exceptions.RequestException, url: str, deadline: _Deadline
    ) -> Exception:
        refused = _find_cause(exc, tls.PeerRefused)
        if isinstance(refused, tls.PeerRefused):
            return refused.error
        # A failure before the first byte of the request was written (TCP connect, TLS handshake)
        # cannot have reached the apiserver.
        written = deadline.request_written
        if deadline.expired or isinstance(exc, requests.exceptions.Timeout):
            sent = written and not isinstance(exc, requests.exceptions.ConnectTimeout)
            return self._timeout_error(url, sent=sent)
        if isinstance(exc, requests.exceptions.SSLError):
            return self._tls_error(exc, url)
        if isinstance(exc, requests.exceptions.ConnectionError):
            if _find_cause(exc, urllib3.exceptions.NewConnectionError) is not None:
                reason = _connection_reason(exc)
                url_from = tls.source_of(self.settings, "apiserver_url", "PGO_APISERVER_URL")
                return TransportError(
                    f"cannot connect to the apiserver at {self.base_url} (from {url_from}): {reason}",
                    hint=f"{tls.DOCTOR_HINT}; is the apiserver running, and is the URL right?",
                    sent=False,
                )
            return self._plain_http_to_tls(sent=False) or TransportError(
                f"the connection to {url} failed before an answer arrived: {_connection_reason(exc)}",
                hint=tls.DOCTOR_HINT,
                sent=written,
            )
        return TransportError(f"request to {url} failed: {_short(exc)}", sent=None)

    def _tls_error(self, exc: Exception, url: str) -> TLSError:
        verify = _find_cause(exc, ssl.SSLCertVerificationError)
        if isinstance(verify, ssl.SSLCertVerificationError) and self.policy is not None:
            der = tls.fetch_peer_certificate(
                self.host, self.port, self.policy, min(5.0, self.settings.timeout)
            )
            return tls.explain_verify_failure(verify, der, self.policy, self.host)
        text = _short(_find_cause(exc, ssl.SSLError) or exc)
        lowered = text.lower()
        # An alert *received* from the server about certificates means it refused ours (OpenSSL
        # names them e.g. "tlsv1 alert unknown ca", "sslv3 alert bad certificate",
        # "tlsv13 alert certificate required"); our own verdict on its certificate is not an alert.
        peer_refused = "alert" in lowered and any(
            word in lowered for word in ("certificate", "unknown ca", "access denied")
        )
        if peer_refused or ("certificate" in lowered and "bad" in lowered):
            return tls.explain_client_refusal(text, self.policy)
        if "eof occurred in violation of protocol" in lowered or "unexpected eof" in lowered:
            # Under TLS 1.3 a server refusing our client certificate often just hangs up.
            return tls.explain_client_refusal(text, self.policy, hung_up=True)
        url_from = tls.source_of(self.settings, "apiserver_url", "PGO_APISERVER_URL")
        if "wrong version number" in lowered or "record layer failure" in lowered:
            return TLSError(
                f"TLS handshake with {self.host}:{self.port} failed: it answered in plain HTTP, "
                f"but the URL is {self.base_url} (from {url_from})",
                hint=f"{tls.DOCTOR_HINT}; use http://{self.host}:{self.port} with --disable-tls, or the "
                "apiserver's HTTPS port",
                sent=False,
            )
        return TLSError(
            f"TLS handshake with {self.host}:{self.port} failed: {text}", hint=tls.DOCTOR_HINT, sent=False
        )

    def _plain_http_to_tls(self, sent: bool) -> TransportError | None:
        """An http:// URL aimed at the HTTPS apiserver: it hangs up on our plain request. Said so
        when a TLS handshake with the same port succeeds (a probe that sends no request)."""
        if self.scheme != "http" or not tls.speaks_tls(self.host, self.port, min(5.0, self.settings.timeout)):
            return None
        url_from = tls.source_of(self.settings, "apiserver_url", "PGO_APISERVER_URL")
        return TransportError(
            f"the apiserver at {self.host}:{self.port} speaks HTTPS, but the URL is {self.base_url} "
            f"(from {url_from})",
            hint=f"{tls.DOCTOR_HINT}; use https://{self.host}:{self.port}"
            + (" and drop --disable-tls / DISABLE_TLS" if self.settings.disable_tls else ""),
            sent=sent,
        )

    def _timeout_error(self, url: str, *, sent: bool) -> TransportError:
        return TransportError(
            f"no complete answer from {url} within {self.settings.timeout:g} seconds",
            hint="raise the limit with --timeout SECONDS or PGO_TIMEOUT",
            sent=sent,
        )

    def _proxies(self, url: str) -> dict[str, str]:
        # pgo's TLS client never uses a proxy; in --disable-tls mode Go's default transport honours
        # HTTP_PROXY/HTTPS_PROXY/NO_PROXY, and so do we.
        if not self.settings.disable_tls:
            return {}
        return dict(requests.utils.get_environ_proxies(url))

    def _log(self, text: str) -> None:
        if self.debug is not None:
            self.debug.line(text)

    def _build_session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # no REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, .netrc or proxies
        session.headers["User-Agent"] = f"pgo_cli/{__version__}"
        adapter = _PolicyAdapter(self)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    # Called by the connection classes below.
    def _watch(self, sock: Any) -> None:
        if self._deadline is not None and sock is not None:
            self._deadline.watch(sock)

    def _writing(self) -> None:
        if self._deadline is not None:
            self._deadline.request_written = True


class _PolicyAdapter(requests.adapters.HTTPAdapter):
    """Routes connections through classes that apply our TLS policy and deadline."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        transport = self._transport
        policy = transport.policy
        if policy is not None:
            kwargs["ssl_context"] = policy.context
        super().init_poolmanager(*args, **kwargs)

        class WatchedHTTPConnection(HTTPConnection):
            def connect(self) -> None:
                super().connect()
                transport._watch(self.sock)

            def send(self, data: Any) -> None:
                transport._writing()
                super().send(data)

        class WatchedPool(HTTPConnectionPool):
            ConnectionCls = WatchedHTTPConnection

        pools: dict[str, type[HTTPConnectionPool]] = {"http": WatchedPool}
        if policy is not None:
            # Only an https:// URL has a policy; with none there is no https pool at all, so no
            # connection can ever skip the checks below (redirects are not followed).
            pools["https"] = _policy_pool(transport, policy)
        self.poolmanager.pool_classes_by_scheme = pools


def _policy_pool(transport: Transport, policy: tls.TLSPolicy) -> type[HTTPSConnectionPool]:
    """An HTTPS pool whose connections apply ``policy`` and report to ``transport``'s deadline."""

    class PolicyHTTPSConnection(HTTPSConnection):
        def connect(self) -> None:
            # Whatever requests derived from `verify` or the environment, use only our policy.
            self.ca_certs = None
            self.ca_cert_dir = None
            self.ca_cert_data = None
            self.cert_file = None
            self.key_file = None
            self.key_password = None
            self.assert_fingerprint = None
            self.assert_hostname = False  # checked by policy.check_peer, after pinning
            self.cert_reqs = policy.cert_reqs
            self.ssl_context = policy.context
            if policy.server_name:
                self.server_hostname = policy.server_name
            super().connect()
            transport._watch(self.sock)
            policy.check_peer(self.sock, transport.host)

        def send(self, data: Any) -> None:
            transport._writing()
            super().send(data)

    class PolicyPool(HTTPSConnectionPool):
        ConnectionCls = PolicyHTTPSConnection

    return PolicyPool


#: The texts of the apiserver's failed logins (``Authn``'s ``http.Error``, internal/apiserver/root.go)
#: and the status each was meant to carry. The policy handlers write their 200 before they call Authn
#: (internal/apiserver/policyservice/policyservice.go:132,197), so a failed login reaches them as
#: this text under 200; Go's pgo then fails to decode it as JSON. It is the 401/403 it was meant as.
_AUTHN_TEXTS = {
    b"Not authenticated in apiserver": 401,
    b"Not Authorized. Basic Authentication credentials must be provided according to RFC 7617, Section 2.": 401,
    b"Not authorized for this apiserver action": 403,
}


def _find_cause(exc: BaseException | None, kind: type[BaseException]) -> BaseException | None:
    """Search an exception, its causes and its arguments (requests nests urllib3's errors there)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return current
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return None


def _connection_reason(exc: BaseException) -> str:
    for kind in (ConnectionRefusedError, socket.gaierror, ConnectionResetError, OSError):
        found = _find_cause(exc, kind)
        if found is not None:
            if isinstance(found, ConnectionRefusedError):
                return "connection refused"
            if isinstance(found, socket.gaierror):
                return f"unknown host ({found.strerror or found})"
            if isinstance(found, ConnectionResetError):
                return "connection reset by peer"
            if isinstance(found, OSError) and found.strerror:
                return found.strerror.lower()
    return _short(exc)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:300]


def _text_snippet(payload: bytes) -> str:
    """A short, printable first line of an error body (HTML pages reduced to their title)."""
    text = payload[:2048].decode("utf-8", errors="replace")
    lower = text.lower()
    if "<title>" in lower:
        start = lower.index("<title>") + len("<title>")
        end = lower.find("</title>", start)
        text = text[start : end if end > 0 else start + 100]
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    printable = "".join(char if char.isprintable() else "?" for char in line)
    return printable[:200]


def parse_json(payload: bytes, status: int) -> Any:
    """Read the first JSON value of a 200 answer, as Go's json.Decoder does."""
    exact, value = loads_quick(payload)  # orjson, when it reads the answer as json.loads would
    if exact:
        return value
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise ResponseError("the apiserver's answer is not UTF-8 JSON", status=status) from None
    stripped = text.lstrip()
    if not stripped:
        raise ResponseError("the apiserver's answer was empty (EOF)", status=status)
    try:
        value, _ = json.JSONDecoder().raw_decode(stripped)
    except json.JSONDecodeError as exc:
        raise ResponseError(
            f"the apiserver's answer is not valid JSON: {exc.msg} at byte {exc.pos}", status=status
        ) from None
    except RecursionError:
        raise ResponseError("the apiserver's answer is nested too deeply to read", status=status) from None
    return value
