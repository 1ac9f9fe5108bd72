"""The keyring: one random secret per profile, in ``profiles.keyring`` beside the device key.

Erasing a profile removes its secret from here, which is what makes every other copy of the profile
unreadable (``crypto.py`` says why). The file is small and rewritten whole: atomically, owner-only,
and the file it replaces is overwritten in place. Only a writer holding the database's write lock
changes it (``store.py`` sees to that), so two processes never drop each other's secrets; a reader
sees one complete version or the next.

Format: JSON ``{"format": "cockpit.keyring", "secrets": {"<profile id>": "<64 hex digits>"}}``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .crypto import KEY_BYTES, tighten, write_private

FORMAT = "cockpit.keyring"
MAX_BYTES = 1_000_000  # ~10,000 profiles; a larger file is not one of ours
_SECRET = re.compile(f"[0-9a-f]{{{2 * KEY_BYTES}}}")


class KeyringError(Exception):
    """The keyring file is unreadable or not a keyring."""


def read_keyring(path: Path) -> dict[str, bytes] | None:
    """Profile id -> secret; None if there is no keyring file."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyringError(f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise KeyringError(f"larger than {MAX_BYTES} bytes: not a keyring")
    try:
        top = json.loads(data)
    except ValueError:
        top = None
    secrets = top.get("secrets") if isinstance(top, dict) and top.get("format") == FORMAT else None
    if not isinstance(secrets, dict) or not all(isinstance(v, str) and _SECRET.fullmatch(v) for v in secrets.values()):
        raise KeyringError("not a keyring (damaged or replaced)")
    return {pid: bytes.fromhex(v) for pid, v in secrets.items()}


def check_mode(path: Path) -> list[str]:
    """Warnings for a keyring others could read (tightened to 0600)."""
    try:
        return tighten(path, path.stat(), "the keyring")
    except FileNotFoundError:
        return []


def write_keyring(path: Path, secrets: dict[str, bytes]) -> None:
    doc = {"format": FORMAT, "secrets": {pid: s.hex() for pid, s in sorted(secrets.items())}}
    write_private(path, json.dumps(doc).encode(), scrub_old=True)
