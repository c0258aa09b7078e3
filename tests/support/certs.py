"""Certificates for tests, made fresh in a temporary directory.

* :func:`pgo_default_cert` is what the real apiserver generates: self-signed ECDSA P-256, empty
  subject, no SAN, CA:true. The default install uses it as server cert, CA file and client cert.
* :class:`trustme.CA` gives a proper CA with leaf certificates for named hosts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class CertPair:
    cert: Path
    key: Path


def pgo_default_cert(
    directory: Path,
    name: str = "server",
    *,
    common_name: str | None = None,
    days: int = 365,
    not_before_days: int = 0,
) -> CertPair:
    """A self-signed certificate shaped like the apiserver's generated default (or `CN=*`)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)] if common_name else [])
    now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=not_before_days)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA384())
    )
    pair = CertPair(directory / f"{name}.crt", directory / f"{name}.key")
    pair.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pair.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    pair.key.chmod(0o600)
    return pair


def expired_cert(directory: Path, name: str = "expired") -> CertPair:
    """Self-signed, pgo-shaped, but expired yesterday."""
    return pgo_default_cert(directory, name, days=1, not_before_days=2)


def trustme_leaf(ca: trustme.CA, directory: Path, name: str, *hosts: str) -> CertPair:
    """A leaf certificate issued by ``ca`` for ``hosts``, written as PEM files."""
    leaf = ca.issue_cert(*hosts)
    pair = CertPair(directory / f"{name}.crt", directory / f"{name}.key")
    pair.cert.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    pair.key.write_bytes(leaf.private_key_pem.bytes())
    return pair


def write_ca(ca: trustme.CA, directory: Path, name: str = "ca") -> Path:
    path = directory / f"{name}.crt"
    path.write_bytes(ca.cert_pem.bytes())
    return path
