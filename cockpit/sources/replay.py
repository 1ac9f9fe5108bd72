"""Replay of a JSON Lines recording made by ``cockpit signals record`` (see cockpit/recorder.py).

Each line: ``{"t": seconds since the recording began, "path": VSS path, "value": ...,
"status": "AVAILABLE" | "UNAVAILABLE", "ts": source epoch seconds}``. Lines that are not valid
JSON objects of that shape are skipped, counted and logged with their line number; the values
themselves are validated by the store like any other source's.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.vehicle.store import SignalStore

from .worker import Worker

log = logging.getLogger(__name__)


class RecordingError(ValueError):
    """The recording cannot be used at all (missing, unreadable, no valid line)."""


@dataclass(frozen=True, slots=True)
class Entry:
    t: float
    path: str
    value: Any
    available: bool
    ts: float | None


def read_recording(file: Path) -> tuple[list[Entry], list[str]]:
    """The valid entries in time order, and a reason for each line skipped."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordingError(f"{file}: cannot read: {exc}") from exc
    entries, skipped = [], []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            t, path, status = row["t"], row["path"], row.get("status", "AVAILABLE")
            if type(t) not in (int, float) or t < 0 or not isinstance(path, str):
                raise ValueError("'t' must be a non-negative number and 'path' a string")
            if status not in ("AVAILABLE", "UNAVAILABLE"):
                raise ValueError(f"unknown status {status!r}")
            if status == "AVAILABLE" and "value" not in row:
                raise ValueError("no 'value'")
            ts = row.get("ts")
            entries.append(Entry(float(t), path, row.get("value"), status == "AVAILABLE",
                                 ts if type(ts) in (int, float) else None))
        except (ValueError, KeyError, TypeError) as exc:
            skipped.append(f"{file.name}:{n}: {exc}")
    if not entries:
        raise RecordingError(f"{file}: no valid line" + (f" ({skipped[0]})" if skipped else ""))
    for reason in skipped[:5]:
        log.warning("skipped %s", reason)
    entries.sort(key=lambda e: e.t)
    return entries, skipped


class JsonlReplaySource:
    """Plays a recording into the store at recorded speed, ``speed`` times faster, or (0) at once."""

    name = "replay"

    def __init__(self, file: Path, speed: float = 1.0):
        if speed < 0:
            raise ValueError(f"speed must be 0 (as fast as possible) or positive, got {speed}")
        self.entries, self.skipped = read_recording(file)
        self.speed = speed
        self.finished = threading.Event()
        self._worker = Worker("replay", "the replay")
        self._store: SignalStore | None = None

    def start(self, store: SignalStore) -> None:
        self._worker.check_idle()
        self._store = store
        self._worker.start(self._play, store)

    def stop(self) -> None:
        self._worker.stop()
        if self._store is not None:
            self._store.mark_unavailable({e.path for e in self.entries})
            self._store = None

    def _play(self, store: SignalStore) -> None:
        began = time.monotonic()
        stopping = self._worker.stopping
        for e in self.entries:
            if self.speed:
                wait = began + e.t / self.speed - time.monotonic()
                if wait > 0 and stopping.wait(wait):
                    return
            elif stopping.is_set():
                return
            if e.available:
                store.update(e.path, e.value, source_ts=e.ts)
            else:
                store.mark_unavailable([e.path])
        self.finished.set()
