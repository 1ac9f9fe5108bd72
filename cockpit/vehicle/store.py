"""SignalStore: the latest value of every signal, with its status, times and actuator target.

Sources write into it from any thread; the per-frame bridge drains what changed through a
``ChangeFeed``; views ask for actuator targets through ``request``. Bad input never raises:
it is rejected with a logged reason, counted, and the previous value stays.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, NamedTuple

from .catalogue import Catalogue, ChangeMode, Kind, default_catalogue

log = logging.getLogger(__name__)

# How long an actuator may take to report its target before the request rolls back.
DEFAULT_ACTUATOR_TIMEOUT_S = 3.0
# In the error of a target rolled back for that reason (any other error is a refusal's reason).
UNCONFIRMED = "not confirmed within the timeout"
# After this many rejections of one path, further ones are logged at debug level only.
_LOUD_REJECTIONS = 5


class Status(IntEnum):
    AVAILABLE = 0  # a fresh, valid value
    STALE = 1  # a continuous signal silent for ~3x its period: the value is old
    UNAVAILABLE = 2  # never received, or its source is gone
    ERROR = 3  # the last value received was invalid and was rejected


class Reading(NamedTuple):
    value: Any = None
    status: Status = Status.UNAVAILABLE
    source_ts: float | None = None  # the source's wall-clock time of the value (epoch seconds)
    recv_ts: float | None = None  # the store's clock when it arrived
    target: Any = None  # actuator target requested and not yet confirmed
    error: str | None = None  # why the last value or request was rejected or rolled back


_MISSING = Reading()

Listener = Callable[[str, Reading], None]
RequestHandler = Callable[[str, Any], None]


class ChangeFeed:
    """The paths changed since the last ``drain``; one per consumer (e.g. the per-frame bridge)."""

    def __init__(self, store: SignalStore):
        self._store = store
        self._dirty: set[str] = set()

    def drain(self) -> dict[str, Reading]:
        """The current reading of every path that changed since the previous drain."""
        return self._store._drain(self)

    def close(self) -> None:
        self._store._close_feed(self)


class SignalStore:
    def __init__(
        self,
        catalogue: Catalogue | None = None,
        clock: Callable[[], float] = time.monotonic,
        actuator_timeout_s: float = DEFAULT_ACTUATOR_TIMEOUT_S,
    ):
        self.catalogue = catalogue or default_catalogue()
        self._specs = {s.path: s for s in self.catalogue}
        self._clock = clock
        self._timeout = actuator_timeout_s
        self._lock = threading.Lock()
        self._readings: dict[str, Reading] = {}
        self._deadlines: dict[str, float] = {}  # path -> when its pending target rolls back
        self._feeds: list[ChangeFeed] = []
        self._listeners: list[Listener] = []
        self._handlers: list[RequestHandler] = []
        self._continuous = [s for s in self.catalogue if s.stale_after_s]
        self.rejections: Counter[str] = Counter()  # path (or unknown path) -> values rejected

    # ----- reading -------------------------------------------------------------------------------

    def get(self, path: str) -> Reading:
        """The current reading; an UNAVAILABLE empty one for a path never received."""
        return self._readings.get(path, _MISSING)

    def value(self, path: str, default: Any = None) -> Any:
        """The last accepted value, or ``default`` when there is none or its source is gone."""
        r = self._readings.get(path)
        return default if r is None or r.status is Status.UNAVAILABLE else r.value

    def now(self) -> float:
        """The store's clock, on which arrival times and staleness are measured: the vehicle's time
        for the views (a simulation's clock for a still picture, a clock a test steps)."""
        return self._clock()

    def snapshot(self) -> dict[str, Reading]:
        with self._lock:
            return dict(self._readings)

    def changes(self) -> ChangeFeed:
        feed = ChangeFeed(self)
        with self._lock:
            self._feeds.append(feed)
        return feed

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(path, reading)`` after every change, on the writer's thread."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    # ----- writing (sources) ---------------------------------------------------------------------

    def update(self, path: str, value: Any, source_ts: float | None = None) -> bool:
        """Store a value reported by a source. Returns False (and logs why) when it is rejected."""
        with self._lock:
            ok, changed = self._apply(path, value, source_ts, self._clock())
        if changed is not None:
            self._notify(path, changed)
        return ok

    def update_many(self, items: Iterable[tuple[str, Any]], source_ts: float | None = None) -> int:
        """Store several values under one lock; returns how many were accepted."""
        now = self._clock()
        done: list[tuple[str, Reading]] = []
        accepted = 0
        with self._lock:
            for path, value in items:
                ok, r = self._apply(path, value, source_ts, now)
                accepted += ok
                if r is not None:
                    done.append((path, r))
        for path, r in done:
            self._notify(path, r)
        return accepted

    def mark_unavailable(self, paths: Iterable[str] | None = None) -> None:
        """The source of these paths (default: all) is gone: keep the values, flag them."""
        done = []
        with self._lock:
            for path in list(self._readings) if paths is None else paths:
                prev = self._readings.get(path)
                if prev is not None and prev.status is not Status.UNAVAILABLE:
                    done.append((path, self._put(path, prev._replace(status=Status.UNAVAILABLE))))
        for path, r in done:
            self._notify(path, r)

    def _apply(self, path: str, value: Any, source_ts: float | None, now: float) -> tuple[bool, Reading | None]:
        """(accepted, the new reading if anything a view shows changed)."""
        spec = self._specs.get(path)
        if spec is None:
            self._reject(path, value, "unknown signal path")
            return False, None
        prev = self._readings.get(path, _MISSING)
        why = spec.check(value)
        if why is not None:
            self._reject(path, value, why)
            if prev.status is Status.ERROR:
                return False, None
            return False, self._put(path, prev._replace(status=Status.ERROR, recv_ts=now, error=why))
        target = prev.target
        if target is not None and target == value:
            target = None
            self._deadlines.pop(path, None)
        ts = time.time() if source_ts is None else source_ts
        if (
            prev.value == value
            and prev.status is Status.AVAILABLE
            and target is prev.target
            and spec.change is not ChangeMode.CONTINUOUS
        ):
            # an on-change signal repeated: refresh liveness without waking any view
            self._readings[path] = prev._replace(recv_ts=now, source_ts=ts)
            return True, None
        return True, self._put(path, Reading(value, Status.AVAILABLE, ts, now, target, None))

    def _put(self, path: str, reading: Reading) -> Reading:
        self._readings[path] = reading
        for feed in self._feeds:
            feed._dirty.add(path)
        return reading

    def _reject(self, path: str, value: Any, why: str) -> None:
        self.rejections[path] += 1
        level = logging.WARNING if self.rejections[path] <= _LOUD_REJECTIONS else logging.DEBUG
        log.log(level, "rejected %r for %s: %s", value, path, why)

    def _notify(self, path: str, reading: Reading) -> None:
        for listener in self._listeners:
            listener(path, reading)

    # ----- actuators (views) -----------------------------------------------------------------------

    def on_request(self, handler: RequestHandler) -> None:
        """Register the source that carries actuator requests to the vehicle."""
        self._handlers.append(handler)

    def request(self, path: str, target: Any, timeout_s: float | None = None) -> str | None:
        """Ask an actuator for ``target``. Returns None when sent, else why it was refused.

        The reading shows the target as pending until a source reports it as the current value;
        after the timeout the target is dropped and the reading carries the error (rollback).
        """
        spec = self._specs.get(path)
        if spec is None:
            why = "unknown signal path"
        elif spec.kind is not Kind.ACTUATOR:
            why = f"{path} is a {spec.kind.value}, not an actuator"
        elif not self._handlers:
            why = "no source accepts actuator requests"
        else:
            why = spec.check(target)
        if why is not None:
            self._reject(path, target, why)
            return why
        now = self._clock()
        with self._lock:
            prev = self._readings.get(path, _MISSING)
            if prev.value == target and prev.status is Status.AVAILABLE:
                r = self._put(path, prev._replace(target=None, error=None))
                self._deadlines.pop(path, None)
            else:
                r = self._put(path, prev._replace(target=target, error=None))
                self._deadlines[path] = now + (self._timeout if timeout_s is None else timeout_s)
        self._notify(path, r)
        if r.target is not None:
            for handler in self._handlers:
                handler(path, target)
        return None

    def refuse(self, path: str, target: Any, why: str) -> None:
        """The vehicle side refused ``target`` (its rules, a gateway's): roll it back now, with the reason."""
        with self._lock:
            r = self._readings.get(path)
            if r is None or r.target != target:
                return  # a newer request replaced it meanwhile: that one is still pending
            self._deadlines.pop(path, None)
            r = self._put(path, r._replace(target=None, error=why))
        log.warning("actuator %s: %r refused: %s", path, target, why)
        self._notify(path, r)

    # ----- time ------------------------------------------------------------------------------------

    def sweep(self) -> None:
        """Turn silent continuous signals STALE and roll back overdue actuator targets.

        Called regularly by whoever drains the store (the per-frame bridge, headless watchers).
        """
        now = self._clock()
        done = []
        with self._lock:
            for spec in self._continuous:
                r = self._readings.get(spec.path)
                if r is not None and r.status is Status.AVAILABLE and now - r.recv_ts > spec.stale_after_s:
                    done.append((spec.path, self._put(spec.path, r._replace(status=Status.STALE))))
            for path, deadline in list(self._deadlines.items()):
                if now >= deadline:
                    del self._deadlines[path]
                    r = self._readings[path]
                    why = f"target {r.target!r} {UNCONFIRMED}; kept {r.value!r}"
                    log.warning("actuator %s: %s", path, why)
                    done.append((path, self._put(path, r._replace(target=None, error=why))))
        for path, r in done:
            self._notify(path, r)

    # ----- feeds -----------------------------------------------------------------------------------

    def _drain(self, feed: ChangeFeed) -> dict[str, Reading]:
        with self._lock:
            dirty, feed._dirty = feed._dirty, set()
            return {p: self._readings[p] for p in dirty}

    def _close_feed(self, feed: ChangeFeed) -> None:
        with self._lock:
            if feed in self._feeds:
                self._feeds.remove(feed)
