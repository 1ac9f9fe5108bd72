"""Encryption at rest for driver profiles: AES-256-GCM, a device key file, PIN-derived keys.

Envelope encryption:

- the **device key** (32 random bytes) lives in a file beside the database, readable only by its
  owner (0600), never in the database;
- each profile has its own random **data key**; the profile document is sealed with it;
- each profile also has a random **profile secret**, kept in the keyring (``keyring.py``) beside the
  device key, never in the database. The profile's label (name, key link) and its wrapped data
  key are sealed with keys derived from the device key *and* that secret (``profile_key``);
- the data key is stored **wrapped**: sealed with the profile's wrap key, and for a PIN-protected
  profile first with a key derived from the device key *and* the PIN (scrypt, then HKDF). So neither
  the database alone nor the database plus the key files opens a PIN profile without its PIN;
- every sealed blob carries associated data naming its row and column, so a blob moved to
  another row or column fails authentication like a flipped bit does.

Why a secret per profile (crypto-shredding): erasing a profile destroys its secret. Every copy of
its row the cockpit cannot reach — a database set aside as ``*.corrupt-*``, old WAL frames, free
pages, a flash block the SSD remapped, a backup — then holds ciphertext no key opens. Rotating the
device key on each erase would do the same for rows sealed under it alone, but a PIN profile's key
cannot be rewrapped without its PIN; a destroyable secret per profile needs no PIN to destroy.

A blob is ``version byte (1) | nonce (12) | ciphertext+tag``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
BLOB_VERSION = 1
SALT_BYTES = 16
# scrypt cost for PIN-derived keys: 2**14 x 8 x 128 B = 16 MiB and ~50 ms here, per attempt.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
# The costs this cockpit writes (lower ones: tests, slower head units). The cost is stored beside the
# salt; anything else is refused before scrypt runs — n=2**19 alone takes 512 MiB and seconds.
SCRYPT_COSTS = tuple(2**k for k in range(10, 15))


class CryptoError(Exception):
    """A blob did not authenticate (tampered, corrupt, or the wrong key)."""


class KeyFileError(Exception):
    """The device key file is missing, unreadable or malformed."""


class KdfParamsError(ValueError):
    """Stored PIN-key parameters (salt, scrypt cost) that this cockpit never writes."""


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


def check_kdf(salt: object, n: object) -> None:
    """Refuse PIN-key parameters this cockpit does not write, before any memory is spent on them."""
    if type(n) is not int or n not in SCRYPT_COSTS:
        raise KdfParamsError(f"scrypt cost n={n!r} is not one this cockpit uses "
                             f"(2**{SCRYPT_COSTS[0].bit_length() - 1} to 2**{SCRYPT_COSTS[-1].bit_length() - 1})")
    if type(salt) is not bytes or len(salt) != SALT_BYTES:
        raise KdfParamsError(f"the PIN salt is not {SALT_BYTES} bytes")


def pin_key(device_key: bytes, pin: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """The key wrapping a PIN profile's data key: both the device key and the PIN go into it."""
    check_kdf(salt, n)
    stretched = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES,
                               maxmem=128 * n * SCRYPT_R * 2)
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"cockpit profile pin v1").derive(
        device_key + stretched)


def pin_verifier(device_key: bytes, pin: str, salt: bytes, n: int = SCRYPT_N) -> bytes:
    """A value to compare a PIN against (valet mode) without storing the PIN."""
    return hmac.new(pin_key(device_key, pin, salt, n), b"cockpit valet pin", hashlib.sha256).digest()


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def profile_key(device_key: bytes, secret: bytes, purpose: str, profile_id: str) -> bytes:
    """A key for one profile and one purpose ("label", "wrap"): it needs both the device key and the
    profile's secret from the keyring, so destroying the secret makes it underivable."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"cockpit profile {purpose} v2|{profile_id}".encode()).derive(device_key + secret)


def tries_mac(device_key: bytes, subject: str, failures: int, locked_until: float) -> bytes:
    """Binds a wrong-PIN count and lockout end to what they count for (a profile id, "valet"): edited
    numbers no longer verify. (Putting back an older row whole is a rollback a MAC cannot see.)"""
    key = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"cockpit pin tries v1").derive(device_key)
    return hmac.new(key, subject.encode() + b"|" + struct.pack(">qd", failures, locked_until), hashlib.sha256).digest()


# --- the device key file -----------------------------------------------------------------------


def read_key_file(path: Path) -> tuple[bytes, list[str]]:
    """The key, and warnings (e.g. permissions that were too open and have been tightened)."""
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file: {exc.strerror or exc}") from None
    if len(data) != KEY_BYTES:
        raise KeyFileError(f"{path}: the key file holds {len(data)} bytes, not {KEY_BYTES}: damaged or replaced")
    return data, tighten(path, st, "the key file")


def tighten(path: Path, st: os.stat_result, what: str) -> list[str]:
    """Make a key file owner-only again if it was not; a warning saying so."""
    if not st.st_mode & 0o077:
        return []
    os.chmod(path, 0o600)
    return [f"{path}: {what} was readable by others (mode {st.st_mode & 0o777:o}); "
            "now 0600 — consider erasing and re-creating the profiles"]


def write_private(path: Path, data: bytes, *, scrub_old: bool = False) -> None:
    """Write a file readable only by its owner from the first byte, atomically (a temp file renamed
    over it, the rename made durable): never a half-written key or export.

    ``scrub_old`` (key material): the file replaced is then overwritten with zeros in place, so on a
    disk that writes in place its old blocks no longer hold the key. (An SSD's wear levelling or a
    copy-on-write filesystem may keep the old block anyway: that is what crypto-shredding is for.)"""
    old = _open_to_scrub(path) if scrub_old else None
    try:
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
        if old is not None:  # only now: until the new file is durable, the old one is the key
            os.pwrite(old, bytes(os.fstat(old).st_size), 0)
            os.fsync(old)
    finally:
        if old is not None:
            os.close(old)


def _open_to_scrub(path: Path) -> int | None:
    """The file about to be replaced, if it is ours alone to overwrite (a regular file, one link)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return None
    st = os.fstat(fd)
    if stat.S_ISREG(st.st_mode) and st.st_nlink == 1:
        return fd
    os.close(fd)
    return None
