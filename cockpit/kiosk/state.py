"""What survives a restart of the kiosk (a crash, the watchdog, a power cut): counters, the tour
position, and the PIN back-off (a visitor must not clear it by pulling the plug). Nothing about a
visitor is kept.

A small JSON file, written atomically (temporary file, fsync, rename) by one writer thread: the
GUI thread only renders. A file that cannot be read is set aside (``.bad``) and the kiosk starts
from zero, saying so.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from cockpit.documents import DocumentError, load_json
from cockpit.files import write_atomically

log = logging.getLogger(__name__)

VERSION = 1
MAX_STATE_BYTES = 64 * 1024  # the state is a few hundred bytes


@dataclass
class KioskState:
    starts: int = 0  # kiosk starts (a restart after a crash or the watchdog counts)
    tour_loops: int = 0  # tours played to the end
    visitor_sessions: int = 0  # times a visitor took over from the tour
    idle_resets: int = 0  # resets after a visitor left
    wrong_pins: int = 0  # all time
    pin_failures: int = 0  # in a row, since the last correct PIN or lockout expiry
    lockouts: int = 0  # locks in a row (each doubles the back-off)
    locked_until: float = 0.0  # wall clock (epoch s): survives a restart
    tour_step: int = 0  # the step the tour was at: a restart resumes there

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **asdict(self)}, indent=1, sort_keys=True)


def read_state(file: Path) -> KioskState:
    """The saved state; a fresh one when there is none or it is unreadable (set aside as .bad)."""
    if not os.path.lexists(file):
        return KioskState()
    try:
        data = load_json(file, MAX_STATE_BYTES)  # the path is the kiosk file's: bounded, a FIFO refused
    except DocumentError as exc:
        _set_aside(file, f"unreadable ({exc})")
        return KioskState()
    if not isinstance(data, dict) or data.get("version") != VERSION:
        _set_aside(file, "not a kiosk state file of this version")
        return KioskState()
    state = KioskState()
    for f in fields(KioskState):
        value = data.get(f.name, getattr(state, f.name))
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            _set_aside(file, f"bad value for {f.name}: {value!r}")
            return KioskState()
        setattr(state, f.name, type(getattr(state, f.name))(value))
    return state


def _set_aside(file: Path, why: str) -> None:
    bad = file.with_name(file.name + ".bad")
    log.error("kiosk state %s is %s; kept as %s, starting from zero", file, why, bad.name)
    try:
        os.replace(file, bad)
    except OSError:
        pass


class FileWriter:
    """One background thread writing files atomically; the newest text per file wins."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[Path, str] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="kiosk-writer", daemon=True)
        self._thread.start()
        self.written = 0

    def write(self, file: Path, text: str) -> None:
        self._queue.put((file, text))

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            batch: dict[Path, str] = {}
            done = item is None
            if item is not None:
                batch[item[0]] = item[1]
            while not done:  # coalesce: only the newest text of each file is written
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    done = True
                else:
                    batch[more[0]] = more[1]
            for file, text in batch.items():
                try:
                    write_atomically(file, text)
                    self.written += 1
                except OSError as exc:
                    log.error("could not write %s: %s", file, exc)
            if done:
                return


class StateKeeper:
    """The kiosk's state and its file; ``save()`` queues an atomic write."""

    def __init__(self, file: Path, writer: FileWriter):
        self.file = file
        self.writer = writer
        self.state = read_state(file)

    def save(self) -> None:
        self.writer.write(self.file, self.state.to_json())

    # ----- PIN back-off ---------------------------------------------------------------------------

    def lock_remaining(self, now: float | None = None) -> float:
        return max(0.0, self.state.locked_until - (time.time() if now is None else now))
