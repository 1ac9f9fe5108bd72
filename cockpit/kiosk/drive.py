"""The tour's car: the simulator, restarted at the tour's point of the drive cycle on every loop,
with some signals held by the tour (a low tire on cue, healthy tires otherwise).

``KioskDrive`` is a Source for the Cockpit. It hands the simulator a ``HeldSignals`` in place of
the SignalStore: values the tour holds replace the simulator's own on their way to the store (so a
continuous signal keeps being republished, and never goes stale), everything else passes through.

A restart is the visitor reset of the car: a new simulated car (default climate, units, seat
heating…), fast-forwarded to the tour's starting point in a worker thread (the GUI thread only
renders), then swapped in without the views ever seeing the signals go missing.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from cockpit.sim.scenario import TIRE_LOW_FRACTION, TIRE_PLACARD_KPA
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

from .tour import WHEELS, Drive

log = logging.getLogger(__name__)


def tire_values(wheel: str, kpa: int) -> dict[str, Any]:
    """One tire's pressure and its low flag (FMVSS 138: 25 % or more below placard)."""
    base = WHEELS[wheel]
    return {base + ".Pressure": kpa, base + ".IsPressureLow": kpa <= TIRE_LOW_FRACTION * TIRE_PLACARD_KPA}


HEALTHY_TIRES = {k: v for wheel in WHEELS for k, v in tire_values(wheel, TIRE_PLACARD_KPA).items()}


class HeldSignals:
    """Stands in for the SignalStore towards the simulator; see the module doc."""

    def __init__(self, store: SignalStore):
        self.store = store
        self._held: dict[str, Any] = {}
        self._latest: dict[str, Any] = {}  # the simulator's own value of each held path
        self._handler = None
        self._quiet = False  # while a restart swaps simulators: their "gone" marks are not news
        # Taken around each write into the store, not only around the choice of values: a simulator
        # write in flight must not land after (and undo) a hold made meanwhile on the GUI thread.
        self._lock = threading.RLock()
        store.on_request(self._forward)  # once: a store cannot forget a handler

    # ----- what the simulator calls ---------------------------------------------------------------

    def update_many(self, items, source_ts: float | None = None) -> int:  # noqa: ANN001
        with self._lock:
            held = self._held
            out = []
            for path, value in items:
                if path in held:
                    self._latest[path] = value
                    value = held[path]
                out.append((path, value))
            return self.store.update_many(out, source_ts)

    def update(self, path: str, value: Any, source_ts: float | None = None) -> bool:
        return self.update_many([(path, value)], source_ts) == 1

    def on_request(self, handler) -> None:  # noqa: ANN001
        self._handler = handler  # the current simulator's; the one before it is forgotten

    def mark_unavailable(self, paths=None) -> None:  # noqa: ANN001
        if not self._quiet:
            self.store.mark_unavailable(paths)

    def _forward(self, path: str, value: Any) -> None:
        if self._handler is not None:
            self._handler(path, value)

    # ----- what the tour calls --------------------------------------------------------------------

    def hold(self, values: dict[str, Any]) -> None:
        """Publish ``values`` now and keep them until released."""
        with self._lock:
            self._held = {**self._held, **values}
            self.store.update_many(values.items())

    def release(self, paths=None) -> None:  # noqa: ANN001
        """Let the simulator's own values through again (all held paths by default)."""
        with self._lock:
            paths = list(self._held) if paths is None else [p for p in paths if p in self._held]
            self._held = {p: v for p, v in self._held.items() if p not in paths}
            back = [(p, self._latest[p]) for p in paths if p in self._latest]
            if back:
                self.store.update_many(back)

    def hold_only(self, values: dict[str, Any]) -> None:
        """Hold exactly ``values``, releasing whatever else is held, with no simulator write between."""
        with self._lock:
            self.release([p for p in self._held if p not in values])
            self.hold(values)

    @property
    def held(self) -> dict[str, Any]:
        return dict(self._held)


class KioskDrive(QObject):
    """A Source: the simulator driving the tour's cycle from its starting point, restartable."""

    name = "simulator"
    _prepared = Signal(object, int)  # a fast-forwarded SimulatorSource (None: it failed), from the worker thread
    restarted = Signal()  # a restart is over: a new car is in the store (or the old one goes on, see the log)

    def __init__(self, drive: Drive, speedup: float = 1.0, scripted: frozenset[str] = frozenset(),
                 parent: QObject | None = None):
        super().__init__(parent)
        self.drive = drive
        self.speedup = speedup
        self.scripted = scripted  # signals the tour drives (Tour.scripted_paths)
        self.held: HeldSignals | None = None
        self.source: SimulatorSource | None = None
        self.restarts = 0
        self.start_offset_s = 0.0  # where the first car starts, in seconds into the tour's drive
        self._generation = 0  # a restart asked for while one is being prepared supersedes it
        self._prepared.connect(self._swap)

    def _new_source(self, offset_s: float) -> SimulatorSource:
        source = SimulatorSource(cycle=self.drive.cycle, speedup=self.speedup, seed=self.drive.seed)
        source.sim.leave_to_driver(self.scripted)
        source.sim.advance(self.drive.start_s + offset_s)
        return source

    # ----- Source ---------------------------------------------------------------------------------

    def start(self, store: SignalStore) -> None:
        """The first car is made here, synchronously: the cluster's first frame needs its state."""
        self.held = HeldSignals(store)
        self.held.hold(HEALTHY_TIRES)
        self.source = self._new_source(self.start_offset_s)
        self.source.start(self.held)

    def stop(self) -> None:
        self._generation += 1
        if self.source is not None:
            self.source.stop()
            self.source = None

    # ----- restarts -------------------------------------------------------------------------------

    def restart(self, offset_s: float = 0.0) -> None:
        """A fresh car at ``offset_s`` seconds into the tour's drive; prepared off the GUI thread."""
        self._generation += 1
        generation = self._generation

        def prepare() -> None:
            try:
                source = self._new_source(offset_s)
            except Exception:
                log.exception("the kiosk could not prepare a new simulated drive; the current one goes on")
                source = None
            self._prepared.emit(source, generation)

        threading.Thread(target=prepare, name="kiosk-drive", daemon=True).start()

    def _swap(self, source: SimulatorSource | None, generation: int) -> None:
        if generation != self._generation or self.held is None:
            return  # superseded, or stopped meanwhile
        if source is None:
            self.restarted.emit()  # whoever waits for the car goes on with the current one
            return
        held = self.held
        held._quiet = True
        try:
            if self.source is not None:
                self.source.stop()
            pending = [(p, r.target) for p, r in held.store.snapshot().items() if r.target is not None]
            source.start(held)
            for path, target in pending:  # a request in flight goes to the new car, not into a rollback
                held._forward(path, target)
        finally:
            held._quiet = False
        self.source = source
        self.restarts += 1
        self.restarted.emit()
        log.info("kiosk drive restarted (%s from %g s)", self.drive.cycle, self.drive.start_s)
