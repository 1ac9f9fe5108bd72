"""Recorded CAN traces as a source: ``candump -L`` logs and the other formats python-can reads
(.asc, .blf, .trc, .csv, .mf4, ...), decoded through the same DBC + mapping as a live bus.

Frames are replayed at the recorded pace, ``speed`` times faster, or with ``speed=0`` as fast as
the machine goes (scripts, tests). Values carry the log's own timestamps as their source time: wall
clock times when the log says when it started (candump, the ``date`` of a Vector ASC, PEAK TRC, BLF).

A text log keeps going past a line it cannot read (a comment, a bad id, a cut-off or over-long line,
bytes of no text): the line is counted in ``stats`` as a malformed line and skipped. A binary log
that breaks halfway keeps what was replayed and says in ``error`` where it broke.
"""

from __future__ import annotations

import gzip
import logging
import math
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import can

from cockpit.can.decoder import CanDecoder, CanStats, Reason
from cockpit.files import FirstBadLine
from cockpit.vehicle.catalogue import Catalogue
from cockpit.vehicle.store import SignalStore

from .worker import Worker

log = logging.getLogger(__name__)

# Text formats are read here line by line, each line handed to python-can's reader for its format,
# so that one bad line is skipped instead of ending the log. Vector ASC times are made absolute
# from the file's date line.
_TEXT_FORMATS: dict[str, tuple[str, type[can.io.generic.TextIOMessageReader], dict[str, Any]]] = {
    ".log": ("candump -L", can.CanutilsLogReader, {}),
    ".asc": ("Vector ASC", can.ASCReader, {"relative_timestamp": False}),
    ".trc": ("PEAK TRC", can.TRCReader, {}),
    ".csv": ("python-can CSV", can.CSVReader, {}),
}
# The longest line a text log has reason to hold: a 64-byte CAN FD frame in Vector ASC, with its
# symbolic name and bit timing, takes a few hundred characters.
MAX_LINE = 4096
# A text log's header (ASC date and number base, TRC version and columns, CSV column names) is the
# lines before its first frame; this many are kept to brief the reader that goes on after a bad line.
_MAX_HEADER_LINES = 100
# A log with no frame in this many lines is not a CAN log (and is refused in bounded time).
FIRST_FRAME_WITHIN = 10_000
# At recorded pace, a jump in the log's time bigger than this (a glitch, the car parked for an hour)
# is not waited for: the replay goes on from the next frame.
MAX_GAP_S = 10.0


class CanLogError(ValueError):
    """The log cannot be replayed; the message names the file and the reason."""


BadLine = Callable[[int, str], None]  # (line number, why) of a line that holds no readable frame


def read_frames(path: Path, bad_line: BadLine) -> Iterator[can.Message]:
    """The frames of a CAN log, in file order. Unreadable lines of a text log go to ``bad_line`` and
    are skipped; a binary log raises where it breaks, and CanLogError if it is cut off."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    text = _TEXT_FORMATS.get(Path(name.removesuffix(".gz")).suffix)
    if text is None:  # binary formats, their .gz and python-can's plugins: python-can's reader as it is
        with can.LogReader(path) as reader:
            yield from reader
            if isinstance(reader, can.BLFReader) and not compressed and reader.file_size > path.stat().st_size:
                raise CanLogError(f"cut off: it holds {path.stat().st_size} of the {reader.file_size} bytes "
                                  "its header announces")
        return
    kind, reader_type, options = text
    with gzip.open(path, "rb") if compressed else path.open("rb") as f:
        lines = _Lines(f, bad_line)
        while True:
            try:
                for msg in reader_type(lines, **options):
                    lines.made_frame()
                    if not math.isfinite(msg.timestamp):
                        bad_line(lines.number, f"timestamp {msg.timestamp}")
                        continue
                    yield msg
                return
            except CanLogError:
                raise
            except Exception as exc:  # python-can raises whatever its parsing meets; the line is to blame
                number, line = lines.refused()
                bad_line(number, f"not a {kind} line: {exc}: {line.strip()[:60]!r}")


class _Lines:
    """A text log's lines for one python-can reader after another: each line bounded in length and
    decoded on its own. When a reader fails on a line, the next one is first given the header again
    (the lines before the first frame), so that it knows the format's settings as the first did."""

    def __init__(self, file: BinaryIO, bad_line: BadLine):
        self._file = file
        self._bad_line = bad_line
        self.number = 0  # of the last line read from the file
        self._header: list[tuple[int, str]] = []  # (number, line) before the first frame
        self._in_header = True
        self._again: list[tuple[int, str]] = []  # header lines to hand out before the file's next line
        self._last: tuple[int, str] = (0, "")

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._again:
            self._last = self._again.pop(0)
            return self._last[1]
        while True:
            raw = self._read()
            if not raw:
                raise StopIteration
            self.number += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                while (rest := self._read()) and not rest.endswith(b"\n"):
                    pass
                self._bad_line(self.number, f"longer than {MAX_LINE} bytes")
                continue
            if self._in_header and self.number > FIRST_FRAME_WITHIN:
                raise CanLogError(f"no CAN frame in its first {FIRST_FRAME_WITHIN} lines")
            try:
                line = raw.decode()
            except UnicodeDecodeError:  # Windows tools write their code page ("Mär" in an ASC date)
                line = raw.decode("latin-1")  # never fails: bytes of no text fail in the parser instead
            if not line.strip():
                continue  # blank lines mean nothing in any format (and python-can's TRC reader warns of each)
            self._last = (self.number, line)
            if self._in_header and len(self._header) < _MAX_HEADER_LINES:
                self._header.append(self._last)
            return line

    def _read(self) -> bytes:
        try:
            return self._file.readline(MAX_LINE + 1)
        except (OSError, EOFError, zlib.error) as exc:  # the disk, or a .gz cut off or corrupt: not a line's fault
            raise CanLogError(f"line {self.number + 1}: {exc}") from exc

    def close(self) -> None:
        """A reader closes its file at its end; the file is read_frames' to close."""

    def made_frame(self) -> None:
        """The last line handed out made a frame: the header ends before it."""
        if self._in_header:
            self._in_header = False
            self._drop(self._last)

    def refused(self) -> tuple[int, str]:
        """The reader failed on the last line handed out: that line leaves the header, and the next
        reader gets the header first."""
        self._drop(self._last)
        self._again = list(self._header)
        return self._last

    def _drop(self, line: tuple[int, str]) -> None:
        self._header = [h for h in self._header if h is not line]


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

    def _first_frame(self) -> None:
        if not self.log.is_file():
            raise CanLogError(f"{self.log}: no such CAN log file")
        bad = FirstBadLine()
        try:
            for _ in read_frames(self.log, bad):
                return
        except Exception as exc:  # each python-can reader fails in its own way on a corrupt file
            raise CanLogError(f"{self.log}: not a readable CAN log: {exc}") from exc
        if bad.count:
            raise CanLogError(f"{self.log}: not a readable CAN log: no CAN frame in it, {bad.count} malformed "
                              f"line{'s' if bad.count > 1 else ''} ({bad.first})")
        raise CanLogError(f"{self.log}: the log holds no CAN frames")

    def _bad_line(self, number: int, why: str) -> None:
        self.decoder.bad_frame(self.log.name, Reason.MALFORMED_LINE, f"line {number}: {why}")

    def _run(self, store: SignalStore) -> None:
        decode, due = self.decoder.decode, self.decoder.due
        stopping = self._worker.stopping
        start_wall = start_log = last_log = 0.0
        try:
            for msg in read_frames(self.log, self._bad_line):
                if stopping.is_set():
                    return
                self.frames += 1
                ts = msg.timestamp
                if self.speed:
                    if self.frames == 1 or abs(ts - last_log) > MAX_GAP_S:
                        start_wall, start_log = time.monotonic(), ts
                    last_log = ts
                    delay = start_wall + (ts - start_log) / self.speed - time.monotonic()
                    if delay > 0 and stopping.wait(delay):
                        return
                values = decode(msg)
                for path, value, held_ts in due(ts):  # held back by a throttle: older than this frame
                    store.update(path, value, source_ts=held_ts)
                if values:
                    store.update_many(values, source_ts=ts)
        except Exception as exc:  # a log corrupt halfway: keep what was replayed, say where it broke
            self.error = f"{self.log}: unreadable after frame {self.frames}: {exc}"
            log.error("CAN replay: %s", self.error)
        finally:
            if not stopping.is_set():
                for path, value, held_ts in self.decoder.flush():  # the end of the log lets the last values go
                    store.update(path, value, source_ts=held_ts)
            self.finished.set()
