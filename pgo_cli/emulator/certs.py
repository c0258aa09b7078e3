"""The apiserver's default TLS material, made the way pgo's ``tlsutil`` makes it.

A self-signed ECDSA P-256 certificate signed with SHA-384, empty subject, no SAN, ``IsCA``, key
usage digitalSignature + keyEncipherment + keyCertSign, valid for 365 days. Like the real
installer, the client presents this same certificate and key, and the CA file is the certificate.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

CERT_NAME = "server.crt"
KEY_NAME = "server.key"


def _write_private(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only (mode 0600), replacing it atomically."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def generate(days: int = 365) -> tuple[bytes, bytes]:
    """A new (certificate PEM, PKCS#8 key PEM) pair."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc)
    empty = x509.Name([])
    cert = (
        x509.CertificateBuilder()
        .subject_name(empty)
        .issuer_name(empty)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
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
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert_pem, key_pem


def ensure(state_dir: Path) -> tuple[Path, Path]:
    """Create the certificate and key in ``state_dir`` unless both exist; return their paths."""
    cert_path = state_dir / CERT_NAME
    key_path = state_dir / KEY_NAME
    if not (cert_path.is_file() and key_path.is_file()):
        cert_pem, key_pem = generate()
        _write_private(key_path, key_pem)
        tmp = cert_path.with_name(cert_path.name + ".tmp")
        tmp.write_bytes(cert_pem)
        os.replace(tmp, cert_path)
    return cert_path, key_path
