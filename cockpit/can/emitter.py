"""CanEmitter: VSS values in, CAN frames out — the simulated car's side of the bus.

It reads a mapping file backwards (VSS value -> raw DBC value), keeps the last raw value of every
signal of every mapped message (a frame carries them all), and sends each message every DBC
cycle time (``GenMsgCycleTime``) and, a moment after, whenever one of its values changed. Each DBC
signal is driven by the first mapping entry that names it: later entries on the same signal are
other views of it (e.g. VSS SelectedGear and CurrentGear from one gear selector).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import can
import cantools
from cantools.database.can import Message, Signal

from cockpit.vehicle.catalogue import Catalogue, default_catalogue
from cockpit.vehicle.store import Reading, SignalStore, Status

from .mapping import MappingEntry, Value, load_dbc, load_mapping, raw_range

log = logging.getLogger(__name__)

# After a value changes, wait this long before sending, so that the other values a source
# updates in the same batch go out in the same frame.
_COALESCE_S = 0.002
# A message without a DBC cycle time is sent on change only.
_NEVER = math.inf
_LOUD_FAILURES = 3


class _Encoder:
    """One mapping entry read backwards: VSS value -> raw DBC value (None if it cannot be sent)."""

    def __init__(self, entry: MappingEntry, signal: Signal):
        self.signal = signal.name
        self.bounds = raw_range(signal)
        self.reverse: dict[Value, int] | None = None
        if entry.table is not None:
            self.reverse = {}
            for raw, value in entry.table.items():
                if value is not None:
                    self.reverse.setdefault(value, raw)
        self.a = signal.scale * entry.scale
        self.b = signal.offset * entry.scale + entry.offset

    def raw(self, value: Value) -> int | float | None:
        if self.reverse is not None:
            return self.reverse.get(value)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, str):
            return None
        raw = (value - self.b) / self.a
        if self.bounds is None:
            return raw
        raw = round(raw)
        return raw if self.bounds[0] <= raw <= self.bounds[1] else None


class _Outgoing:
    """A message being sent: the latest raw value of each of its signals."""

    def __init__(self, message: Message, entries: list[MappingEntry]):
        self.message = message
        self.cycle_s = message.cycle_time / 1000 if message.cycle_time else _NEVER
        self.raw: dict[str, int | float] = {}
        sna = {e.signal: min(e.sna) for e in entries if e.sna}
        for s in message.signals:
            if s.name in sna:
                self.raw[s.name] = sna[s.name]
            elif s.raw_initial is not None:
                self.raw[s.name] = s.raw_initial
        # Signals that would send a made-up 0 if the frame went out before they got a value.
        self.waiting = {e.signal for e in entries if not e.sna} - set(self.raw)
        self.dirty = False
        self.next_due = 0.0

    def fill(self) -> dict[str, int | float]:
        return {s.name: self.raw.get(s.name, 0) for s in self.message.signals}


class CanEmitter:
    """Encodes the values of a store (or any ``set`` calls) into frames of a DBC and sends them on ``bus``."""

    def __init__(
        self, dbc: Path | str, mapping: Path | str, bus: can.BusABC | None, catalogue: Catalogue | None = None
    ):
        self.bus = bus  # may be given later, before start()
        db = load_dbc(dbc)
        entries = load_mapping(mapping, db, catalogue or default_catalogue())
        by_message: dict[str, list[MappingEntry]] = {}
        for e in entries:
            by_message.setdefault(e.message, []).append(e)
        self._messages = {name: _Outgoing(db.get_message_by_name(name), es) for name, es in by_message.items()}
        self._encoders: dict[str, tuple[_Outgoing, _Encoder]] = {}
        driven: set[tuple[str, str]] = set()
        for e in entries:
            if (e.message, e.signal) in driven:
                continue
            driven.add((e.message, e.signal))
            out = self._messages[e.message]
            self._encoders[e.path] = (out, _Encoder(e, out.message.get_signal_by_name(e.signal)))
        self.paths = frozenset(self._encoders)
        self.sent = 0
        self.failures: Counter[str] = Counter()  # path or message -> values or frames not sent
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def listen(self, store: SignalStore) -> Callable[[], None]:
        """Follow the store's changes; returns the function that stops following."""

        def on_change(path: str, reading: Reading) -> None:
            if reading.status is Status.AVAILABLE:
                self.set(path, reading.value)

        return store.listen(on_change)

    def set(self, path: str, value: Value) -> None:
        """Take a VSS value; its message goes out shortly if that changed what it carries."""
        target = self._encoders.get(path)
        if target is None:
            return
        out, encoder = target
        raw = encoder.raw(value)
        if raw is None:
            self._fail(path, f"{value!r} cannot be encoded into {out.message.name}.{encoder.signal}")
            return
        with self._lock:
            if out.raw.get(encoder.signal) == raw and encoder.signal not in out.waiting:
                return
            out.raw[encoder.signal] = raw
            out.waiting.discard(encoder.signal)
            out.dirty = True
        self._wake.set()

    def send_due(self, now: float) -> float:
        """Send every complete message that changed or whose cycle is due; returns seconds to the next due one."""
        batch = []
        next_due = _NEVER
        with self._lock:
            for out in self._messages.values():
                if not out.waiting and (out.dirty or now >= out.next_due):
                    batch.append((out.message, out.fill()))
                    out.dirty = False
                    out.next_due = now + out.cycle_s
                next_due = min(next_due, out.next_due)
        for message, raw in batch:
            try:
                data = message.encode(raw, scaling=False, strict=False)
                self.bus.send(can.Message(arbitration_id=message.frame_id, data=data,
                                          is_extended_id=message.is_extended_frame))
                self.sent += 1
            except (can.CanError, cantools.Error, ValueError, OverflowError) as exc:  # a bus error or a value
                # the DBC cannot carry: that frame is lost, the emitter goes on
                self._fail(message.name, f"cannot send {message.name}: {exc}")
        return max(0.0, next_due - now)

    def start(self) -> None:
        """Send from a background thread until ``stop``."""
        if self._thread is not None:
            raise RuntimeError("the CAN emitter is already running")
        if self.bus is None:
            raise RuntimeError("the CAN emitter has no bus to send on")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="can-emitter", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stopping.set()
            self._wake.set()
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        timeout = 0.0
        while True:
            woke = self._wake.wait(min(timeout, 1.0))
            if self._stopping.is_set():
                return
            if woke:
                self._wake.clear()
                time.sleep(_COALESCE_S)
            timeout = self.send_due(time.monotonic())

    def _fail(self, key: str, why: str) -> None:
        self.failures[key] += 1
        if self.failures[key] <= _LOUD_FAILURES:
            log.warning("CAN emitter: %s", why)
