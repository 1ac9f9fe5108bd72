"""The simulator as a source: a simulated drive written into a SignalStore.

Either in real time (or ``speedup`` times faster) from a daemon thread with ``start``/``stop``,
or synchronously with ``step``/``run_for``, which simulate any span as fast as the machine can
and give the same values for the same seed: that is how tests and screenshots use it.
"""

from __future__ import annotations

import logging
import queue
import time
import weakref
from typing import Any

from cockpit.sim.cycles import DriveCycle
from cockpit.sim.drive import MAX_STEP_S, DriveSimulation
from cockpit.sim.route_drive import RouteTrack
from cockpit.vehicle.store import SignalStore

from .worker import Worker

log = logging.getLogger(__name__)

# A thread that was held up (debugger, suspended laptop) catches up at most this much wall time,
# so the car does not teleport.
_MAX_CATCH_UP_S = 0.5


class SimulatorSource:
    name = "simulator"

    def __init__(
        self,
        cycle: str | DriveCycle | RouteTrack = "wltc",
        speedup: float = 1.0,
        seed: int = 1,
        tick_s: float = 0.05,
        loop: bool = True,
    ):
        if not speedup > 0:
            raise ValueError(f"speedup must be positive, got {speedup}")
        if not tick_s > 0:
            raise ValueError(f"tick_s must be positive, got {tick_s}")
        self.sim = DriveSimulation(cycle, seed=seed, loop=loop)
        # Staleness is judged on the wall clock: in slow motion, republish more often in sim time.
        self.sim.publish_scale = min(1.0, speedup)
        self.speedup = speedup
        self.tick_s = tick_s
        self._store: SignalStore | None = None
        self._requests: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._served: weakref.WeakSet[SignalStore] = weakref.WeakSet()
        self._worker = Worker("simulator", "the simulator")

    # ----- the Source protocol -----------------------------------------------------------------

    def start(self, store: SignalStore) -> None:
        """Publish the car's current state, then drive in a background thread."""
        self._worker.check_idle()
        self.attach(store)
        self._worker.start(self._run, store)

    def stop(self) -> None:
        """End the thread (if any) and flag everything the simulator published UNAVAILABLE."""
        self._worker.stop()
        if self._store is not None:
            self._store.mark_unavailable(self.sim.published_paths)
            self._store = None

    # ----- synchronous use -----------------------------------------------------------------------

    def attach(self, store: SignalStore) -> None:
        """Write into ``store`` and take its actuator requests; publishes the current state."""
        if self._store is store:
            return
        if self._store is not None:
            raise RuntimeError("the simulator writes into another store; stop() it first")
        if store not in self._served:  # a store cannot forget a handler: register once
            store.on_request(lambda path, value: self._on_request(store, path, value))
            self._served.add(store)
        self._store = store
        store.update_many(self.sim.snapshot())

    def step(self, store: SignalStore, dt: float) -> None:
        """Simulate ``dt`` seconds at once and write the result (attaching to ``store`` if needed)."""
        if self._worker.running:
            raise RuntimeError("step() while the simulator thread runs; stop() it first")
        self.attach(store)
        self._advance(store, dt)

    def run_for(self, store: SignalStore, seconds: float, dt: float = MAX_STEP_S) -> None:
        """Simulate ``seconds`` in steps of ``dt``, publishing after each step, as fast as possible."""
        steps = round(seconds / dt)
        for _ in range(steps):
            self.step(store, dt)
        rest = seconds - steps * dt
        if rest > 1e-9:
            self.step(store, rest)

    # ----- internals ---------------------------------------------------------------------------

    def _on_request(self, store: SignalStore, path: str, value: Any) -> None:
        # Called on the GUI thread: hand the request over; the simulation thread acts on it.
        if store is self._store:
            self._requests.put((path, value))

    def _advance(self, store: SignalStore, dt: float) -> None:
        while True:
            try:
                path, value = self._requests.get_nowait()
            except queue.Empty:
                break
            if not self.sim.request(path, value):
                log.info("simulator does not act on %s = %r; the request will time out", path, value)
        store.update_many(self.sim.advance(dt))

    def _run(self, store: SignalStore) -> None:
        last = time.monotonic()
        try:
            while not self._worker.stopping.wait(self.tick_s):
                now = time.monotonic()
                self._advance(store, min(now - last, _MAX_CATCH_UP_S) * self.speedup)
                last = now
        except Exception:
            log.exception("the simulator failed; its signals are now unavailable")
            store.mark_unavailable(self.sim.published_paths)
