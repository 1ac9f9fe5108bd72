"""Encryption at rest for driver profiles: AES-256-GCM, a device key file, PIN-derived keys.

Envelope encryption:

- the **device key** (32 random bytes) lives in a file beside the database, readable only by its
  owner (0600), never in the database;
- each profile has its own random **data key**; the profile document is sealed with it;
- the data key is stored **wrapped**: sealed with the device key, or, for a PIN-protected
  profile, with a key derived from the device key *and* the PIN (scrypt, then HKDF). So neither
  the database alone nor the database plus the key file opens a PIN profile without its PIN;
- every sealed blob carries associated data naming its row and column, so a blob moved to
  another row or column fails authentication like a flipped bit does.

A blob is ``version byte (1) | nonce (12) | ciphertext+tag``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
BLOB_VERSION = 1
# scrypt cost for PIN-derived keys: 2**14 x 8 x 128 B = 16 MiB and ~50 ms here, per attempt.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


class CryptoError(Exception):
    """A blob did not authenticate (tampered, corrupt, or the wrong key)."""


class KeyFileError(Exception):
    """The device key file is missing, unreadable or malformed."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return bytes([BLOB_VERSION]) + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if not isinstance(blob, bytes) or len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != BLOB_VERSION:
        raise CryptoError("not a sealed blob of a known version")
    try:
        return AESGCM(key).decrypt(blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:], aad)
    except InvalidTag:
        raise CryptoError("authentication failed") from None


def pin_key(device_key: bytes, pin: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """The key wrapping a PIN profile's data key: both the device key and the PIN go into it."""
    stretched = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES,
                               maxmem=128 * n * SCRYPT_R * 2)
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"cockpit profile pin v1").derive(
        device_key + stretched)


def pin_verifier(device_key: bytes, pin: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """A value to compare a PIN against (valet mode) without storing the PIN."""
    return hmac.new(pin_key(device_key, pin, salt, n), b"cockpit valet pin", hashlib.sha256).digest()


def new_salt() -> bytes:
    return secrets.token_bytes(16)


# --- the device key file -----------------------------------------------------------------------


def read_key_file(path: Path) -> tuple[bytes, list[str]]:
    """The key, and warnings (e.g. permissions that were too open and have been tightened)."""
    warnings = []
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file: {exc.strerror or exc}") from None
    if len(data) != KEY_BYTES:
        raise KeyFileError(f"{path}: the key file holds {len(data)} bytes, not {KEY_BYTES}: damaged or replaced")
    if st.st_mode & 0o077:
        os.chmod(path, 0o600)
        warnings.append(f"{path}: the key file was readable by others (mode {st.st_mode & 0o777:o}); "
                        "now 0600 — consider erasing and re-creating the profiles")
    return data, warnings


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable only by its owner from the first byte, atomically (a temp file renamed
    over it, the rename made durable): never a half-written key or export."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
