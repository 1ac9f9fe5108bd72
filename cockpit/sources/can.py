"""CAN sources: a real bus through a DBC and a mapping file, and the simulated car sent over CAN.

``CanSource`` reads any bus python-can supports (socketcan, pcan, kvaser, vector, virtual, ...) in
its own thread and writes the decoded VSS values into the store. ``CanSimSource`` runs the whole
path in one process: simulated car -> CAN frames of the demo DBC on a private virtual bus ->
decoder -> store, with actuator requests going back to the simulated car.
"""

from __future__ import annotations

import logging
import time
import uuid
import weakref
from pathlib import Path
from typing import Any

import can
from cantools.database.can import Database

from cockpit.can.decoder import EXTENDED, CanDecoder, CanStats
from cockpit.can.emitter import CanEmitter
from cockpit.resources import ASSETS_DIR
from cockpit.vehicle.catalogue import Catalogue
from cockpit.vehicle.store import SignalStore

from .simulator import SimulatorSource
from .worker import Worker

log = logging.getLogger(__name__)

ASSETS = ASSETS_DIR / "can"
DEMO_DBC = ASSETS / "demo-ev.dbc"
DEMO_MAPPING = ASSETS / "demo-ev.yaml"

# recv() wakes at least this often to notice stop() and silent messages.
_RECV_TIMEOUT_S = 0.1
# A message with a DBC cycle time is gone after this many cycles of silence.
_MISSED_CYCLES = 3
# After a bus error (adapter unplugged, interface down), try again after this long.
_RETRY_S = 1.0


class CanSourceError(RuntimeError):
    """The CAN interface cannot be opened."""


class CanSource:
    """Frames from a python-can bus, decoded by a DBC + mapping file, written into the store.

    Liveness: when the whole bus is silent for ``silence_timeout_s``, or a message with a DBC cycle
    time misses three cycles (and at least ``silence_timeout_s``), its signals turn UNAVAILABLE
    until frames come back. Pass ``bus`` to read an already-open bus (it stays open on ``stop``).
    """

    name = "can"

    def __init__(
        self,
        dbc: Path | str | Database,
        mapping: Path | str,
        interface: str = "socketcan",
        channel: str = "can0",
        *,
        bus: can.BusABC | None = None,
        catalogue: Catalogue | None = None,
        silence_timeout_s: float = 1.0,
        **bus_kwargs: Any,
    ):
        self.decoder = CanDecoder(dbc, mapping, catalogue)
        self.stats: CanStats = self.decoder.stats
        self.interface = interface
        self.channel = channel
        self.silence_timeout_s = silence_timeout_s
        self._bus_kwargs = bus_kwargs
        self._given_bus = bus
        self._bus: can.BusABC | None = None
        self._store: SignalStore | None = None
        self._worker = Worker("can-source", "the CAN source")
        # frame key -> (message name, seconds of silence after which it is gone, its VSS paths)
        self._watch = {
            key: (name, max(silence_timeout_s, _MISSED_CYCLES * cycle) if cycle else None, paths)
            for key, (name, cycle, paths) in self.decoder.message_paths().items()
        }

    @property
    def paths(self) -> frozenset[str]:
        return self.decoder.paths

    def start(self, store: SignalStore) -> None:
        self._worker.check_idle()
        if self._given_bus is not None:
            self._bus = self._given_bus
        else:
            try:
                self._bus = can.Bus(interface=self.interface, channel=self.channel, **self._bus_kwargs)
            except (can.CanError, OSError, ValueError, ImportError) as exc:
                raise CanSourceError(f"cannot open CAN interface {self.interface}:{self.channel}: {exc}") from exc
        self._store = store
        self._worker.start(self._run, self._bus, store)

    def stop(self) -> None:
        self._worker.stop()
        if self._bus is not None and self._bus is not self._given_bus:
            self._bus.shutdown()
        self._bus = None
        if self._store is not None:
            self._store.mark_unavailable(self.decoder.paths)
            self._store = None

    def _run(self, bus: can.BusABC, store: SignalStore) -> None:
        try:
            self._read(bus, store)
        except Exception:  # the decoder never raises; this is a bug elsewhere (a store listener?)
            log.exception("the CAN source failed; its signals are now unavailable")
            store.mark_unavailable(self.decoder.paths)

    def _read(self, bus: can.BusABC, store: SignalStore) -> None:
        decode, due = self.decoder.decode, self.decoder.due
        watch = self._watch
        # The throttle runs on the frames' clock (interfaces differ: epoch, adapter uptime...); between
        # frames, that clock is the last frame's time plus the time since it came.
        frame_clock: tuple[float, float] | None = None  # (last frame's timestamp, monotonic time it came)
        last_seen: dict[int, float] = {}  # frame key -> monotonic time
        gone: set[int] = set()  # frame keys whose paths are marked UNAVAILABLE
        last_frame = time.monotonic()
        bus_silent = False
        next_check = last_frame + _RECV_TIMEOUT_S
        stopping = self._worker.stopping
        while not stopping.is_set():
            try:
                msg = bus.recv(timeout=_RECV_TIMEOUT_S)
            except can.CanError as exc:
                log.error("CAN %s:%s: %s; its signals are unavailable until it recovers",
                          self.interface, self.channel, exc)
                store.mark_unavailable(self.decoder.paths)
                bus_silent = True
                stopping.wait(_RETRY_S)
                continue
            now = time.monotonic()
            if msg is not None:
                last_frame = now
                bus_silent = False
                key = msg.arbitration_id | EXTENDED if msg.is_extended_id else msg.arbitration_id
                if key in watch:
                    last_seen[key] = now
                    gone.discard(key)
                if not msg.timestamp:  # an interface that gives none: the receive time
                    msg.timestamp = time.time()
                frame_clock = (msg.timestamp, now)
                values = decode(msg)
            else:
                values = []
            if frame_clock is not None:  # the last value of a burst the throttle held, once its interval passed
                self._deliver(store, due(frame_clock[0] + now - frame_clock[1]))
            if values:
                store.update_many(values, source_ts=msg.timestamp)
            if now >= next_check:
                next_check = now + _RECV_TIMEOUT_S
                if not bus_silent and now - last_frame > self.silence_timeout_s:
                    log.warning("CAN %s:%s silent for %.1f s: its signals are unavailable",
                                self.interface, self.channel, now - last_frame)
                    self._deliver(store, self.decoder.flush())  # the last values first, not after
                    store.mark_unavailable(self.decoder.paths)
                    bus_silent = True
                    gone.update(last_seen)
                for key, seen in last_seen.items():
                    name, timeout, paths = watch[key]
                    if key not in gone and timeout is not None and now - seen > timeout:
                        log.warning("CAN message %s missing for %.1f s: its signals are unavailable", name, now - seen)
                        self._deliver(store, self.decoder.flush())
                        store.mark_unavailable(paths)
                        gone.add(key)

    @staticmethod
    def _deliver(store: SignalStore, held: list[tuple[str, Any, float]]) -> None:
        for path, value, ts in held:
            store.update(path, value, source_ts=ts)


class CanSimSource:
    """The simulated car driving, seen through CAN: simulator -> frames -> virtual bus -> decoder -> store.

    The simulator writes into a private store (the vehicle side); a CanEmitter encodes its changes
    into frames of the demo DBC on a virtual bus channel of this instance alone; a CanSource reads
    them into the real store. Actuator requests made on the real store go to the vehicle side, so
    the new current value comes back over CAN, as in a car.
    """

    name = "can-sim"

    def __init__(
        self,
        cycle: str = "wltc",
        speedup: float = 1.0,
        seed: int = 1,
        *,
        dbc: Path | str = DEMO_DBC,
        mapping: Path | str = DEMO_MAPPING,
    ):
        self.simulator = SimulatorSource(cycle, speedup=speedup, seed=seed)
        self.vehicle = SignalStore()  # the simulated car's own state, before CAN
        self.channel = f"cockpit-can-sim-{uuid.uuid4().hex[:12]}"
        self.can = CanSource(dbc, mapping, "virtual", self.channel)
        self.stats = self.can.stats
        self.emitter = CanEmitter(dbc, mapping, bus=None)
        self.emitter.listen(self.vehicle)
        self._store: SignalStore | None = None
        self._served: weakref.WeakSet[SignalStore] = weakref.WeakSet()

    def start(self, store: SignalStore) -> None:
        if self._store is not None:
            raise RuntimeError("the CAN simulation is already running")
        if store not in self._served:  # a store cannot forget a handler: register once
            store.on_request(lambda path, value: self._forward(store, path, value))
            self._served.add(store)
        self._store = store
        self.can.start(store)  # the reader's bus first: a virtual bus gets only frames sent after it opened
        self.emitter.bus = can.Bus(interface="virtual", channel=self.channel, receive_own_messages=False)
        self.simulator.start(self.vehicle)  # publishes the car's whole state to the emitter at once
        self.emitter.start()  # so that the first frames carry values, not "not available"

    def stop(self) -> None:
        self.simulator.stop()
        self.emitter.stop()
        if self.emitter.bus is not None:
            self.emitter.bus.shutdown()
            self.emitter.bus = None
        self.can.stop()
        self._store = None

    def _forward(self, store: SignalStore, path: str, value: Any) -> None:
        if store is not self._store:
            return
        if path not in self.emitter.paths:
            log.info("%s is not carried on the demo CAN bus; the request will time out", path)
            return
        why = self.vehicle.request(path, value)
        if why is not None:
            log.info("the simulated car refused %s = %r: %s", path, value, why)
