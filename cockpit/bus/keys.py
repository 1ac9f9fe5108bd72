"""``cockpit bus keys``: the bus's own certificate authority and a certificate per display.

One folder holds what a car's bus needs:

- ``ca.pem`` — the project CA's certificate: every process trusts exactly this CA (not the system's);
- ``ca.key`` — its private key: only needed to add a display later; keep it off the car;
- ``<name>.pem`` + ``<name>.key`` — each process's certificate and key, the common name being its
  name (``gateway``, ``cluster``, ``center``, ``hud``, and any other display named);
- ``bus.json`` — the displays and their roles (the view whose rights they have), which the gateway
  turns into Zenoh access-control rules.

Each machine gets ``ca.pem``, ``bus.json`` and its own pair. Every file is created 0600 in a 0700
folder, so a key is never readable by anyone else, not even for a moment.

Keys are ECDSA P-256 (short handshakes, supported by Zenoh's TLS, rustls); certificates are valid
for ``days`` (ten years by default: a car lives long, and an expired certificate would leave its
displays dark; rotate by making a new folder).
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .codec import NAME

GATEWAY = "gateway"
ROLES = ("cluster", "center", "hud")  # the views: a display's rights are its view's
MANIFEST = "bus.json"
DEFAULT_DAYS = 3650
# Names the gateway's certificate is valid for, besides those given: this machine.
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


class KeysError(ValueError):
    """Keys cannot be made as asked; the message says why."""


def make_keys(out: Path, displays: Mapping[str, str], hosts: Iterable[str] = (),
              days: int = DEFAULT_DAYS) -> list[Path]:
    """A new CA, the gateway's and each display's certificate and key, and the manifest, in ``out``
    (which must not exist or be empty). ``displays`` maps a name to its role. Returns the files."""
    for name, role in displays.items():
        if not NAME.fullmatch(name) or name == GATEWAY:
            raise KeysError(f"display name {name!r}: lower-case letters, digits and '-', starting with a letter, "
                            f"at most 32 characters, and not '{GATEWAY}'")
        if role not in ROLES:
            raise KeysError(f"display {name!r}: role {role!r} is not one of {', '.join(ROLES)}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KeysError(f"{out}: already exists and is not an empty folder (keys are never overwritten)")
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(out, 0o700)
    now = datetime.datetime.now(datetime.UTC)
    valid = (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=days))
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cockpit bus CA")])
    ca = (_builder(ca_name, ca_name, ca_key.public_key(), valid)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    files = [_write(out / "ca.pem", _pem(ca)), _write(out / "ca.key", _key_pem(ca_key))]
    sans = _sans([*LOCAL_NAMES, *hosts])
    for name in (GATEWAY, *displays):
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        cert = (_builder(subject, ca_name, key.public_key(), valid)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.SubjectAlternativeName(sans if name == GATEWAY else [x509.DNSName(name)]),
                               critical=False)
                # every process is both: the gateway accepts displays, a display may listen too
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                      ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
                .sign(ca_key, hashes.SHA256()))
        files += [_write(out / f"{name}.pem", _pem(cert)), _write(out / f"{name}.key", _key_pem(key))]
    manifest = {"version": 1, "displays": dict(displays)}
    files.append(_write(out / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode()))
    return files


def _builder(subject: x509.Name, issuer: x509.Name, public_key, valid) -> x509.CertificateBuilder:  # noqa: ANN001
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number()).not_valid_before(valid[0]).not_valid_after(valid[1]))


def _sans(hosts: Iterable[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = []
    for host in dict.fromkeys(hosts):
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return names


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _write(path: Path, data: bytes) -> Path:
    # O_EXCL: never through a file (or a link) someone put there; 0600 from the first byte
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return path
