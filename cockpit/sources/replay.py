"""Replay of a JSON Lines recording made by ``cockpit signals record`` (see cockpit/recorder.py).

Each line: ``{"t": seconds since the recording began, "path": VSS path, "value": ...,
"status": "AVAILABLE" | "UNAVAILABLE", "ts": source epoch seconds}``. The file is read as it plays,
one line at a time, so a recording of any length takes little memory; lines play in file order (the
recorder writes them in time order).

A line that cannot be replayed is counted and skipped, and the replay goes on with the next, as the
CAN log replay does: longer than ``MAX_LINE`` bytes (never read whole), not UTF-8, not JSON within
cockpit.documents' bounds (a line of 100,000 ``[`` is refused, not recursed into; no NaN), or not an
object of the shape above. ``stats.summary()`` says how many lines played and how many were skipped
for what, with the first line of each kind. The values themselves are validated by the store like
any other source's.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.documents import DocumentError, parse_json
from cockpit.files import FirstBadLine, InputFileError, open_regular
from cockpit.vehicle.store import SignalStore

from .worker import Worker

log = logging.getLogger(__name__)

MAX_LINE = 64 * 1024  # bytes; the recorder writes one value per line, a few hundred bytes at most
MAX_T = 1_000_000.0  # seconds (eleven days) since the recording began: no recording here runs longer
STATUSES = ("AVAILABLE", "UNAVAILABLE")
_WAIT_STEP_S = 60.0  # a long pause in a recording is waited for in steps (Event.wait has a ceiling)


class RecordingError(ValueError):
    """The recording cannot be used at all (not a readable file, no line that can be replayed)."""


@dataclass(frozen=True, slots=True)
class Entry:
    t: float
    path: str
    value: Any
    available: bool
    ts: float | None


class BadLine(ValueError):
    """Why a line cannot be replayed; ``kind`` groups the reasons in the summary."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


BadLineSink = Callable[[int, BadLine], None]  # (line number, why)


@dataclass
class ReplayStats:
    """What a replay did with the lines of its recording."""

    replayed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # kind of bad line -> how many
    first: dict[str, str] = field(default_factory=dict)  # kind -> "line N: why", its first occurrence

    def bad_line(self, number: int, why: BadLine) -> None:
        self.skipped[why.kind] += 1
        if why.kind not in self.first:
            self.first[why.kind] = f"line {number}: {why}"
            log.warning("replay: skipped %s (further lines of this kind are only counted)", self.first[why.kind])

    def summary(self) -> str:
        total = sum(self.skipped.values())
        kinds = ", ".join(f"{n} × {kind}" for kind, n in self.skipped.most_common())
        lines = [f"lines: {self.replayed} replayed, {total} skipped" + (f" ({kinds})" if kinds else "")]
        lines += [f"  {example}" for example in self.first.values()]
        return "\n".join(lines)


def read_entries(file: Path, bad_line: BadLineSink) -> Iterator[Entry]:
    """The entries of a recording in file order; each line that holds none goes to ``bad_line``."""
    try:
        f = open_regular(file)
    except InputFileError as exc:
        raise RecordingError(str(exc)) from None
    with f:
        number = 0
        while raw := f.readline(MAX_LINE + 1):
            number += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                while (rest := f.readline(MAX_LINE + 1)) and not rest.endswith(b"\n"):
                    pass  # the rest of an over-long line, a piece at a time
                bad_line(number, BadLine("too long", f"longer than {MAX_LINE:,} bytes"))
                continue
            if not raw.strip():
                continue
            try:
                yield _entry(raw)
            except BadLine as why:
                bad_line(number, why)


def _entry(raw: bytes) -> Entry:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadLine("not UTF-8", f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1}") from None
    try:
        row = parse_json(text)
    except DocumentError as exc:
        raise BadLine("not JSON", str(exc).removeprefix("line 1, ")) from None
    if not isinstance(row, dict):
        raise BadLine("not a recording line", "not a JSON object")
    t, path, status, ts = row.get("t"), row.get("path"), row.get("status", "AVAILABLE"), row.get("ts")
    if type(t) not in (int, float) or not 0 <= t <= MAX_T:
        raise BadLine("not a recording line", f"'t' must be seconds from 0 to {MAX_T:,.0f}")
    if not isinstance(path, str) or not path:
        raise BadLine("not a recording line", "'path' must be a VSS path")
    if status not in STATUSES:
        raise BadLine("not a recording line", f"'status' must be {' or '.join(STATUSES)}")
    if status == "AVAILABLE" and "value" not in row:
        raise BadLine("not a recording line", "no 'value'")
    if ts is not None and type(ts) not in (int, float):
        raise BadLine("not a recording line", "'ts' must be epoch seconds")
    return Entry(float(t), path, row.get("value"), status == "AVAILABLE", ts)


class JsonlReplaySource:
    """Plays a recording into the store at recorded speed, ``speed`` times faster, or (0) at once."""

    name = "replay"

    def __init__(self, file: Path, speed: float = 1.0):
        if not (speed >= 0 and math.isfinite(speed)):
            raise ValueError(f"speed must be 0 (as fast as possible) or positive, got {speed}")
        self.file = Path(file)
        self.speed = speed
        self.stats = ReplayStats()
        self.error: str | None = None  # why the replay ended early, if it did
        self.finished = threading.Event()
        self._first_entry()  # a file with nothing to replay fails here, not later in a thread
        self._paths: set[str] = set()  # what the store took from this replay
        self._worker = Worker("replay", "the replay")
        self._store: SignalStore | None = None

    def _first_entry(self) -> None:
        bad = FirstBadLine()
        try:
            for _ in read_entries(self.file, bad):
                return
        except OSError as exc:
            raise RecordingError(f"{self.file}: cannot read it ({exc.strerror or exc})") from None
        if not bad.count:
            raise RecordingError(f"{self.file}: the recording is empty")
        raise RecordingError(f"{self.file}: no line to replay, {bad.count} skipped ({bad.first})")

    def start(self, store: SignalStore) -> None:
        self._worker.check_idle()
        self._store = store
        self.stats = ReplayStats()
        self.finished.clear()
        self._worker.start(self._play, store)

    def stop(self) -> None:
        self._worker.stop()
        if self._store is not None:
            self._store.mark_unavailable(self._paths)
            self._store = None

    def _play(self, store: SignalStore) -> None:
        began = time.monotonic()
        stopping = self._worker.stopping
        try:
            for e in read_entries(self.file, self.stats.bad_line):
                if self.speed:
                    due = began + e.t / self.speed
                    while (wait := due - time.monotonic()) > 0:
                        if stopping.wait(min(wait, _WAIT_STEP_S)):
                            return
                elif stopping.is_set():
                    return
                if e.available:
                    if store.update(e.path, e.value, source_ts=e.ts):
                        self._paths.add(e.path)
                else:
                    store.mark_unavailable([e.path])
                self.stats.replayed += 1
        except (OSError, RecordingError) as exc:  # the disk, or the file gone: keep what was replayed
            self.error = f"{self.file}: unreadable after {self.stats.replayed} lines replayed: {exc}"
            log.error("replay: %s", self.error)
        finally:
            self.finished.set()
