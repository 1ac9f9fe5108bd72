"""The Zenoh bus as a source: a display's store fed by a gateway in another process or machine.

Subscribes to every signal key, and asks the gateway for all current readings whenever it
appears (at start-up, and again after it restarts), so a display that joins late shows current
values at once. Samples carry a number per key (``seq``): one no newer than what this display
has (a replay, or a query reply overtaken by a live sample) is dropped and counted. While the
gateway is gone (its liveliness token vanished: a dead process is noticed at once, a dead link
within the lease, about a second) every value it gave is marked UNAVAILABLE.

Actuator requests from the views travel to the gateway as queries under this display's name; a
refusal's reason comes back and is put on the actuator's reading, so the control that asked says
why.

What a broken or hostile publisher sends costs bounded memory: rejections are counted per known
signal, all unknown keys share one count.

Zenoh calls back on its own threads; the SignalStore is thread-safe.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zenoh

from cockpit.bus.codec import (
    GATEWAY_ALIVE_KEY,
    SIGNAL_KEYS,
    PayloadError,
    decode,
    encode_request,
    request_key,
    signal_path,
)
from cockpit.bus.config import open_session
from cockpit.bus.secure import BusKeys
from cockpit.vehicle.catalogue import Catalogue, default_catalogue
from cockpit.vehicle.store import SignalStore, Status

log = logging.getLogger(__name__)

# One warning per key this often at most: a broken publisher must not flood the log.
REJECT_LOG_INTERVAL_S = 10.0
# How long the gateway has to answer a query (current values, actuator request).
QUERY_TIMEOUT_S = 2.0
# Where rejections of keys that are no known signal are counted: an attacker picks the keys.
UNKNOWN_KEYS = "(not a signal key)"


@dataclass
class BusStats:
    """What a ZenohSource received; read it from any thread (the numbers only grow)."""

    received: int = 0  # readings accepted (live samples and query replies)
    rejected: int = 0  # malformed payloads (bad JSON, unknown key, bad status or value...)
    rejected_by_key: Counter[str] = field(default_factory=Counter)  # signal keys, and UNKNOWN_KEYS
    last_rejection: str | None = None
    replayed: int = 0  # samples no newer than one already here (dropped)
    requests: int = 0  # actuator requests sent to the gateway
    refused: int = 0  # of which the gateway refused (reason logged)
    gateway_lost: int = 0  # times the gateway went away


class ZenohSource:
    name = "zenoh"

    def __init__(self, connect: Sequence[str] = (), listen: Sequence[str] = (), catalogue: Catalogue | None = None,
                 name: str = "center", *, keys: BusKeys | None = None, insecure: bool = False,
                 config_file: Path | None = None):
        """``name``: this display's name, whom the gateway's rules see asking (in secure mode, the
        name of ``keys``, the display's identity); ``insecure``: plain links beyond loopback allowed;
        ``config_file``: an operator's own Zenoh configuration."""
        self.connect = tuple(connect)
        self.listen = tuple(listen)
        self.name = keys.name if keys else name
        self.keys = keys
        self.insecure = insecure
        self.config_file = config_file
        self.catalogue = catalogue or default_catalogue()
        self.stats = BusStats()
        self.session: zenoh.Session | None = None
        self._store: SignalStore | None = None
        self._served: weakref.WeakSet[SignalStore] = weakref.WeakSet()
        self._subscribers: list = []
        # Serialises writes into the store, so that a sample no newer than one already written
        # cannot overwrite it (_seq: the newest sample's number per path).
        self._lock = threading.RLock()
        self._seq: dict[str, int] = {}
        self._paths: set[str] = set()  # what this source wrote: marked UNAVAILABLE when the gateway goes
        self._quiet_until: dict[str, float] = {}
        self.gateway_up = threading.Event()  # set while a gateway is there (its liveliness token is)

    # ----- the Source protocol -----------------------------------------------------------------

    def start(self, store: SignalStore) -> None:
        """Open the session and subscribe; returns at once even if the gateway is not up yet.

        Raises BusError for an endpoint that cannot be used (malformed, port taken).
        """
        if self.session is not None:
            raise RuntimeError("the Zenoh source is already running")
        self.session = open_session(self.connect, self.listen, keys=self.keys, insecure=self.insecure,
                                    config_file=self.config_file)
        if store not in self._served:  # a store cannot forget a handler: register once
            store.on_request(lambda path, value: self._forward(store, path, value))
            self._served.add(store)
        self._store = store
        self._subscribers = [self.session.declare_subscriber(k, self._on_sample) for k in SIGNAL_KEYS]
        # history: a gateway already running is reported at once, which triggers the first query
        self._subscribers.append(
            self.session.liveliness().declare_subscriber(GATEWAY_ALIVE_KEY, self._on_gateway, history=True)
        )

    def stop(self) -> None:
        """Close the session and mark every value it gave UNAVAILABLE."""
        session, self.session = self.session, None  # first: what Zenoh reports while closing is no news
        if session is None:
            return
        for subscriber in self._subscribers:
            subscriber.undeclare()
        self._subscribers = []
        session.close()
        self.gateway_up.clear()
        with self._lock:
            store, self._store = self._store, None
            store.mark_unavailable(self._paths)
            self._seq.clear()

    # ----- incoming ----------------------------------------------------------------------------

    def _on_sample(self, sample: zenoh.Sample) -> None:
        self._apply(str(sample.key_expr), sample.payload.to_bytes(), live=True)

    def _on_reply(self, reply: zenoh.Reply) -> None:
        if reply.ok is not None:
            self._apply(str(reply.ok.key_expr), reply.ok.payload.to_bytes(), live=False)
        else:
            log.warning("the gateway could not give current values: %s", _text(reply.err.payload))

    def _apply(self, key: str, payload: bytes, live: bool) -> None:
        try:
            update = decode(key, payload, self.catalogue)
        except PayloadError as exc:
            self._reject(exc)
            return
        with self._lock:
            store = self._store
            if store is None:
                return
            path = update.path
            if update.seq <= self._seq.get(path, 0):
                # A live one is a replay (or out of order); a query's is the value already here.
                self.stats.replayed += live
                return
            self._seq[path] = update.seq
            self.stats.received += 1
            self._paths.add(path)
            if update.status is Status.AVAILABLE:
                store.update(path, update.value, source_ts=update.ts)
            elif update.status in (Status.UNAVAILABLE, Status.ERROR):
                # The gateway has no trustworthy value: neither has this display. (The store has
                # no way to set ERROR from outside; UNAVAILABLE shows the same dashes.)
                store.mark_unavailable([path])
            # STALE: not a value to show; this store turns a silent signal STALE by itself.

    def _reject(self, exc: PayloadError) -> None:
        now = time.monotonic()
        # Counted per signal, bounded by the catalogue; every other key (an attacker makes up as
        # many as it likes) in one bucket.
        key = exc.key if signal_path(exc.key, self.catalogue) else UNKNOWN_KEYS
        with self._lock:
            self.stats.rejected += 1
            self.stats.rejected_by_key[key] += 1
            self.stats.last_rejection = str(exc)[:200]
            count = self.stats.rejected_by_key[key]
            loud = now >= self._quiet_until.get(key, 0.0)
            if loud:
                self._quiet_until[key] = now + REJECT_LOG_INTERVAL_S
        if loud:
            log.warning("rejected payload %s (%d from %s so far)", str(exc)[:200], count,
                        "keys that are no signal" if key == UNKNOWN_KEYS else "this key")

    def _on_gateway(self, sample: zenoh.Sample) -> None:
        if sample.kind == zenoh.SampleKind.PUT:  # (pyo3 enums are not singletons: no "is")
            log.info("gateway up: asking for current values")
            self.gateway_up.set()
            session = self.session
            if session is None:
                return
            try:
                for key in SIGNAL_KEYS:
                    session.get(key, self._on_reply, timeout=QUERY_TIMEOUT_S)
            except zenoh.ZError:  # stopped meanwhile
                pass
            return
        if self.session is None:
            return  # this display is stopping: its own session's token view went, not the gateway
        log.warning("gateway gone: its values are now UNAVAILABLE")
        self.gateway_up.clear()
        with self._lock:
            self.stats.gateway_lost += 1
            self._seq.clear()  # a restarted gateway numbers from its own start time
            if self._store is not None:
                self._store.mark_unavailable(self._paths)

    # ----- outgoing ----------------------------------------------------------------------------

    def _forward(self, store: SignalStore, path: str, value: Any) -> None:
        # Called where the view asked (the GUI thread): a query with a callback does not block.
        session = self.session
        if store is not self._store or session is None:
            return
        with self._lock:
            self.stats.requests += 1
        answered = []

        def on_reply(reply: zenoh.Reply) -> None:
            answered.append(True)
            if reply.err is not None:
                self._refused(store, path, value, _text(reply.err.payload)[:200])

        def on_done() -> None:
            # No gateway answered: none is there, or access control kept the request from it (a key
            # this display may not ask for never reaches the gateway in secure mode).
            if not answered:
                self._refused(store, path, value, "no answer from the vehicle: not allowed from this display, "
                              "or the gateway is not there")

        try:
            session.get(request_key(self.name, path), zenoh.handlers.Callback(on_reply, on_done),
                        payload=encode_request(value), timeout=QUERY_TIMEOUT_S)
        except zenoh.ZError as exc:
            log.warning("request %s = %r not sent: %s", path, value, exc)

    def _refused(self, store: SignalStore, path: str, value: Any, why: str) -> None:
        with self._lock:
            self.stats.refused += 1
        log.warning("the gateway refused %s = %r: %s", path, value, why)
        store.refuse(path, value, why)


def _text(payload: zenoh.ZBytes) -> str:
    return payload.to_bytes().decode(errors="replace")
