"""Where the running cockpit finds installed content: the active slot of every installed item.

Read-only and forgiving: an item whose state file is missing, unreadable or points at a slot that
is not there is left out, so the cockpit runs on its shipped content, and the log says why once.
The folders come back in a stable order (by item name) and join the shipped ones as the folders
searched first, e.g. ``theme_dirs`` after ``--theme-dir``'s.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cockpit.documents import DocumentError

from .checks import site
from .slots import read_state, updates_dir

log = logging.getLogger(__name__)
_told: set[str] = set()  # reasons already logged: a cockpit asks on every theme switch, the log says it once


def active_slots(kind: str, data_dir: Path | str | None = None) -> list[Path]:
    """The active slot folder of every installed item of ``kind``."""
    root = updates_dir(data_dir) / kind
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:  # nothing of this kind installed (or the folder unreadable: the shipped content serves)
        return []
    found = []
    for folder in folders:
        try:
            active = read_state(folder)["active"]
        except DocumentError as exc:
            _once(f"installed {kind} {folder.name!r} left out, shipped content in use: {exc}")
            continue
        if active is None:
            continue
        slot = folder / active["slot"]
        if not slot.is_dir():
            _once(f"installed {kind} {folder.name!r} left out: slot {active['slot']} is missing")
            continue
        found.append(slot)
    return found


def theme_dirs(data_dir: Path | str | None = None) -> list[Path]:
    """Folders of installed ``*.tokens.json`` themes, to search before the shipped ones."""
    return active_slots("theme", data_dir)


def sentence_dirs(data_dir: Path | str | None = None) -> list[Path]:
    """Installed sentence roots (``<root>/<language>/*.yaml``) for ``IntentMatcher(folders=…)``."""
    return [slot / "sentences" for slot in active_slots("voice-sentences", data_dir)]


def map_files(data_dir: Path | str | None = None) -> list[Path]:
    """Installed OpenStreetMap extracts."""
    return [f for slot in active_slots("map", data_dir) for f in sorted(slot.rglob("*.osm.pbf"))]


def tour_files(data_dir: Path | str | None = None) -> list[Path]:
    """Installed kiosk tours (each slot's ``tour.yaml``)."""
    return [slot / "tour.yaml" for slot in active_slots("kiosk-tour", data_dir) if (slot / "tour.yaml").is_file()]


def mapping_dirs(data_dir: Path | str | None = None) -> list[Path]:
    """Folders of installed CAN databases and their mapping files."""
    return active_slots("can-mapping", data_dir)


def cockpit_site(data_dir: Path | str | None = None) -> Path | None:
    """The installed cockpit to run (the launcher puts it first on PYTHONPATH), or None for the one shipped."""
    slots = active_slots("cockpit", data_dir)
    return site(slots[0]) if slots and site(slots[0]).is_dir() else None


def _once(message: str) -> None:
    if message not in _told:
        _told.add(message)
        log.warning(message)
