"""The one small interface every source implements."""

from __future__ import annotations

from typing import Protocol

from cockpit.vehicle.store import SignalStore


class Source(Protocol):
    """A producer of vehicle signals (simulator, CAN, replay, Zenoh, ...).

    ``start`` begins writing into the store (from the source's own thread if it blocks or
    does heavy work: the GUI thread only renders) and registers for actuator requests with
    ``store.on_request`` when the source can act on the vehicle. ``stop`` ends it and marks
    its signals UNAVAILABLE.
    """

    name: str

    def start(self, store: SignalStore) -> None: ...

    def stop(self) -> None: ...
