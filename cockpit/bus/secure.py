"""Secure mode (``--secure DIR``): Zenoh's own mutual TLS and access control, set up from a key folder.

Nothing here signs or checks a message itself: Zenoh does, with its TLS links and its access
control. This module checks the folder ``cockpit bus keys`` made (so a wrong file is a clear error
at start, not a silent failure to connect) and writes the two parts of the Zenoh configuration:

- **TLS**: every link ``tls/``, both ends presenting a certificate of the bus's CA (mutual TLS);
  a peer without one, or with one from another CA, never completes a handshake.
- **Access control** (default deny), subjects matched by certificate common name:
  the gateway may put vehicle keys, reply and hold the liveliness token ``cockpit/gateway/alive``;
  displays may subscribe and ask for current values; a display may query only the request keys
  of the actuators its role may ask for (``cockpit.bus.policy.requestable``), under its own name,
  so the gateway knows who asks. Each display accepts vehicle keys, replies and the token from the
  gateway's certificate only.

The name a request carries is therefore proved by the certificate; the gateway's rules
(``cockpit.bus.policy``) decide on the value.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from cockpit.documents import DocumentError, load_json
from cockpit.files import InputFileError, read_regular

from .codec import GATEWAY_ALIVE_KEY, NAME, REQUEST_PREFIX, SIGNAL_KEYS, request_key
from .keys import GATEWAY, MANIFEST, ROLES

MAX_PEM = 64 * 1024  # a certificate or key is about 1 kB
# What a display asks the gateway for, and what it receives from it.
_READ = [*SIGNAL_KEYS, GATEWAY_ALIVE_KEY]
_ASKS = ["declare_subscriber", "query", "liveliness_query", "declare_liveliness_subscriber"]
_ANSWERS = ["put", "reply", "liveliness_token", "declare_queryable"]


class SecureError(ValueError):
    """A key folder that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class BusKeys:
    """One process's identity on the bus: its certificate and key, the CA, and who the displays are."""

    folder: Path
    name: str  # GATEWAY or a display's name: the certificate's common name
    displays: dict[str, str]  # display name -> role

    @property
    def ca(self) -> Path:
        return self.folder / "ca.pem"

    @property
    def cert(self) -> Path:
        return self.folder / f"{self.name}.pem"

    @property
    def key(self) -> Path:
        return self.folder / f"{self.name}.key"

    @property
    def role(self) -> str:
        return GATEWAY if self.name == GATEWAY else self.displays[self.name]


def load_keys(folder: Path, name: str) -> BusKeys:
    """The identity ``name`` in ``folder``, after checking everything Zenoh will rely on."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SecureError(f"{folder}: not a folder of bus keys (make one with 'cockpit bus keys --out {folder}')")
    displays = _manifest(folder / MANIFEST)
    if name != GATEWAY and name not in displays:
        raise SecureError(f"{folder}: no display named {name!r} (it has {', '.join(displays) or 'none'}; "
                          "add one with 'cockpit bus keys --display NAME')")
    keys = BusKeys(folder, name, displays)
    ca = _certificate(keys.ca)
    if not _is_ca(ca):
        raise SecureError(f"{keys.ca}: not a CA certificate")
    cert = _certificate(keys.cert)
    common = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    if common != [name]:
        raise SecureError(f"{keys.cert}: made for {', '.join(map(repr, common)) or 'no name'}, not {name!r}")
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        raise SecureError(f"{keys.cert}: not issued by the CA in {keys.ca}") from None
    now = datetime.datetime.now(datetime.UTC)
    for path, c in ((keys.ca, ca), (keys.cert, cert)):
        if not c.not_valid_before_utc <= now <= c.not_valid_after_utc:
            raise SecureError(f"{path}: valid from {c.not_valid_before_utc:%Y-%m-%d} to "
                              f"{c.not_valid_after_utc:%Y-%m-%d}, not today ({now:%Y-%m-%d})")
    _check_private_key(keys.key, cert)
    return keys


def tls_settings(keys: BusKeys) -> dict[str, Any]:
    """``transport/link/tls``: mutual TLS with this identity, trusting the bus's CA only.

    Name verification is off on purpose: a display may reach the gateway by any address, and what
    identifies the gateway is its certificate's common name, which every display's access control
    requires of whatever sends it vehicle values."""
    return {"root_ca_certificate": str(keys.ca), "enable_mtls": True, "verify_name_on_connect": False,
            "listen_certificate": str(keys.cert), "listen_private_key": str(keys.key),
            "connect_certificate": str(keys.cert), "connect_private_key": str(keys.key)}


def access_control(keys: BusKeys) -> dict[str, Any]:
    """``access_control`` for this identity: default deny, then what its role needs."""
    if keys.name == GATEWAY:
        rules, policies = _gateway_rules(keys.displays)
        subjects = [{"id": name, "cert_common_names": [name]} for name in keys.displays]
    else:
        own = f"{REQUEST_PREFIX}{keys.name}/**"
        rules = [{"id": "from-gateway", "permission": "allow", "flows": ["ingress"], "messages": _ANSWERS,
                  "key_exprs": [*_READ, own]},
                 {"id": "to-gateway", "permission": "allow", "flows": ["egress"], "messages": _ASKS,
                  "key_exprs": [*_READ, own]}]
        subjects = [{"id": GATEWAY, "cert_common_names": [GATEWAY]}]
        policies = [{"rules": ["from-gateway", "to-gateway"], "subjects": [GATEWAY]}]
    return {"enabled": True, "default_permission": "deny", "rules": rules, "subjects": subjects, "policies": policies}


def request_keys(displays: dict[str, str]) -> list[str]:
    """Every request key some display may use: the gateway declares a queryable on each (a broader
    one would be outside every display's allowed keys, and Zenoh would not tell them of it)."""
    from .policy import requestable

    return [request_key(name, path) for name, role in displays.items() for path in requestable(role)]


def _gateway_rules(displays: dict[str, str]) -> tuple[list[dict], list[dict]]:
    rules = [{"id": "displays-ask", "permission": "allow", "flows": ["ingress"], "messages": _ASKS, "key_exprs": _READ},
             {"id": "gateway-answers", "permission": "allow", "flows": ["egress"], "messages": _ANSWERS,
              "key_exprs": _READ}]
    policies = [{"rules": ["displays-ask", "gateway-answers"], "subjects": list(displays)}]
    for name, role in displays.items():
        keys = request_keys({name: role})
        if keys:  # the cluster and the HUD ask for nothing
            rules.append({"id": f"{name}-requests", "permission": "allow", "flows": ["ingress", "egress"],
                          "messages": ["query", "reply", "declare_queryable"], "key_exprs": keys})
            policies.append({"rules": [f"{name}-requests"], "subjects": [name]})
    return rules, policies


def _manifest(path: Path) -> dict[str, str]:
    try:
        doc = load_json(path, limit=MAX_PEM)
    except (DocumentError, InputFileError) as exc:
        raise SecureError(f"{path}: {exc}") from None
    displays = doc.get("displays") if isinstance(doc, dict) and doc.get("version") == 1 else None
    if not isinstance(displays, dict):
        raise SecureError(f"{path}: not a bus manifest (version 1 with a 'displays' object)")
    for name, role in displays.items():
        if not NAME.fullmatch(name) or name == GATEWAY or role not in ROLES:
            raise SecureError(f"{path}: display {name!r} with role {role!r}: a name is lower-case letters, digits "
                              f"and '-', a role one of {', '.join(ROLES)}")
    return displays


def _read(path: Path, what: str) -> bytes:
    try:
        return read_regular(path, MAX_PEM, what)
    except InputFileError as exc:
        raise SecureError(str(exc)) from None


def _certificate(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(_read(path, "a certificate"))
    except ValueError as exc:
        raise SecureError(f"{path}: not a PEM certificate ({exc})") from None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _check_private_key(path: Path, cert: x509.Certificate) -> None:
    data = _read(path, "a private key")
    mode = os.stat(path).st_mode & 0o777
    if mode & 0o077:
        raise SecureError(f"{path}: readable by others (mode {mode:o}): a private key must be 600 (chmod 600 {path})")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise SecureError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo) != \
            cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        raise SecureError(f"{path}: not the key of {path.with_suffix('.pem')}")
