"""The car's pseudonym for fleet statistics: 128 random bits, made when the driver first agrees
and kept in the data folder while the consent lasts.

It is drawn from ``secrets``, not derived from the VIN or anything else about the car, so nobody
can compute it. ``forget`` deletes it when consent is withdrawn: the next consent makes a new one,
and the summaries sent before cannot be linked to those sent after.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cockpit.files import InputFileError, read_regular, write_atomically

from .summary import VEHICLE

FILE = "fleet-pseudonym"


def current(folder: Path) -> str:
    """The pseudonym kept in ``folder``; a new one (and the file) when there is none or it is not one."""
    path = Path(folder) / FILE
    try:
        kept = read_regular(path, 64, "the fleet pseudonym").decode("ascii", "replace").strip()
    except (InputFileError, OSError):
        kept = ""
    if VEHICLE.fullmatch(kept):
        return kept
    new = secrets.token_hex(16)
    write_atomically(path, new + "\n")
    path.chmod(0o600)
    return new


def forget(folder: Path) -> bool:
    """Delete the pseudonym; True if there was one."""
    try:
        (Path(folder) / FILE).unlink()
    except FileNotFoundError:
        return False
    return True
