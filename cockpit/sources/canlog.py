"""Recorded CAN traces as a source: ``candump -L`` logs and the other formats python-can reads
(.asc, .blf, .trc, .csv, .mf4, ...), decoded through the same DBC + mapping as a live bus.

Frames are replayed at the recorded pace, ``speed`` times faster, or with ``speed=0`` as fast as
the machine goes (scripts, tests). Values carry the log's own timestamps as their source time.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import can

from cockpit.can.decoder import CanDecoder, CanStats
from cockpit.vehicle.catalogue import Catalogue
from cockpit.vehicle.store import SignalStore

from .worker import Worker

log = logging.getLogger(__name__)


class CanLogError(ValueError):
    """The log cannot be replayed; the message names the file and the reason."""


class CanLogReplaySource:
    """Replays a CAN log file into the store in a thread; ``finished`` is set when the log ends."""

    name = "can-replay"

    def __init__(
        self,
        log: Path | str,
        dbc: Path | str,
        mapping: Path | str,
        speed: float = 1.0,
        *,
        catalogue: Catalogue | None = None,
    ):
        if not speed >= 0:
            raise ValueError(f"speed must be 0 (as fast as possible) or positive, got {speed}")
        self.log = Path(log)
        self.speed = speed
        self.decoder = CanDecoder(dbc, mapping, catalogue)
        self.stats: CanStats = self.decoder.stats
        self.frames = 0  # frames read from the log so far
        self.error: str | None = None  # why the replay ended early, if it did
        self.finished = threading.Event()
        self._first_frame()  # a missing, unknown or corrupt file fails here, not later in a thread
        self._store: SignalStore | None = None
        self._worker = Worker("can-replay", "the replay")

    def start(self, store: SignalStore) -> None:
        self._worker.check_idle()
        self._store = store
        self.finished.clear()
        self._worker.start(self._run, store)

    def stop(self) -> None:
        self._worker.stop()
        if self._store is not None:
            self._store.mark_unavailable(self.decoder.paths)
            self._store = None

    def _first_frame(self) -> can.Message:
        if not self.log.is_file():
            raise CanLogError(f"{self.log}: no such CAN log file")
        try:
            with can.LogReader(self.log) as reader:
                for msg in reader:
                    return msg
        except Exception as exc:  # each python-can reader fails in its own way on a corrupt file
            raise CanLogError(f"{self.log}: not a readable CAN log: {exc}") from exc
        raise CanLogError(f"{self.log}: the log holds no CAN frames")

    def _run(self, store: SignalStore) -> None:
        decode = self.decoder.decode
        start_wall = time.monotonic()
        start_log: float | None = None
        stopping = self._worker.stopping
        try:
            with can.LogReader(self.log) as reader:
                for msg in reader:
                    if stopping.is_set():
                        return
                    self.frames += 1
                    if self.speed:
                        if start_log is None:
                            start_log = msg.timestamp
                        delay = start_wall + (msg.timestamp - start_log) / self.speed - time.monotonic()
                        if delay > 0 and stopping.wait(delay):
                            return
                    values = decode(msg)
                    if values:
                        store.update_many(values, source_ts=msg.timestamp)
        except Exception as exc:  # a log corrupt halfway: keep what was replayed, say where it broke
            self.error = f"{self.log}: unreadable after frame {self.frames}: {exc}"
            log.error("CAN replay: %s", self.error)
        finally:
            self.finished.set()
