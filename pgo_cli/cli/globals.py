"""The global flags: accepted before and after any subcommand, like cobra's persistent flags."""

from __future__ import annotations

from pgo_cli.cli.flagspec import Flag

PANEL = "Global flags"

GLOBAL_FLAGS: tuple[Flag, ...] = (
    Flag(
        "namespace",
        "string",
        "Namespace the request is for (env PGO_NAMESPACE).",
        short="n",
        env="PGO_NAMESPACE",
        completes="namespace",
        panel=PANEL,
    ),
    Flag(
        "apiserver-url",
        "string",
        "Base URL of the pgo apiserver, e.g. https://127.0.0.1:8443 (env PGO_APISERVER_URL).",
        env="PGO_APISERVER_URL",
        metavar="URL",
        panel=PANEL,
    ),
    Flag(
        "pgo-ca-cert",
        "string",
        "CA certificate (PEM) that the apiserver's certificate must chain to, "
        "or the apiserver's own certificate to pin it (env PGO_CA_CERT).",
        env="PGO_CA_CERT",
        metavar="FILE",
        completes="file",
        panel=PANEL,
    ),
    Flag(
        "pgo-client-cert",
        "string",
        "Client certificate (PEM) presented to the apiserver (env PGO_CLIENT_CERT; defaults to PGO_CA_CERT).",
        env="PGO_CLIENT_CERT",
        metavar="FILE",
        completes="file",
        panel=PANEL,
    ),
    Flag(
        "pgo-client-key",
        "string",
        "Private key of the client certificate (env PGO_CLIENT_KEY).",
        env="PGO_CLIENT_KEY",
        metavar="FILE",
        completes="file",
        panel=PANEL,
    ),
    Flag(
        "disable-tls",
        "bool",
        "Talk plain HTTP to an apiserver run with DISABLE_TLS (env DISABLE_TLS).",
        env="DISABLE_TLS",
        panel=PANEL,
    ),
    Flag(
        "exclude-os-trust",
        "bool",
        "Trust only PGO_CA_CERT, not the operating system's CA store (env EXCLUDE_OS_TRUST).",
        env="EXCLUDE_OS_TRUST",
        panel=PANEL,
    ),
    Flag(
        "insecure-skip-tls-verify",
        "bool",
        "Do not verify the apiserver's certificate (unsafe; warns on every run).",
        panel=PANEL,
    ),
    Flag(
        "tls-server-name",
        "string",
        "Host name the apiserver's certificate must hold, when it differs from the URL's host.",
        metavar="NAME",
        panel=PANEL,
    ),
    Flag(
        "client-version",
        "string",
        "pgo version sent as ClientVersion in requests (env PGO_CLIENT_VERSION).",
        default="",
        env="PGO_CLIENT_VERSION",
        metavar="VERSION",
        panel=PANEL,
    ),
    Flag(
        "timeout",
        "string",
        "Seconds one command may wait for the apiserver, retries included (env PGO_TIMEOUT; default 60).",
        env="PGO_TIMEOUT",
        metavar="SECONDS",
        panel=PANEL,
    ),
    Flag("debug", "bool", "Log requests and answers to stderr (secrets redacted).", panel=PANEL),
    Flag(
        "context",
        "string",
        "Named connection profile from the contexts file (env PGO_CONTEXT; see 'pgo context'); "
        "typed flags and environment variables still win over its settings.",
        env="PGO_CONTEXT",
        metavar="NAME",
        completes="context",
        panel=PANEL,
    ),
)

#: Flags of ``pgo`` itself only (not of its subcommands).
ROOT_FLAGS: tuple[Flag, ...] = (
    Flag(
        "version",
        "bool",
        "Print the client version and exit (the line 'pgo version --client' prints).",
    ),
)
