"""The gateway: publishes a SignalStore on Zenoh and carries displays' actuator requests back to it.

On the bus (keys and payloads in ``cockpit.bus.codec``):

- every change of the store is put on the signal's key (``Vehicle/Speed``), numbered per key;
- a queryable on ``Vehicle/**`` and ``Cockpit/**`` answers the current reading of every matching
  signal, so a display that joins late shows current values at once, not after the next change;
- a queryable on ``cockpit/request/**`` takes actuator requests, applies the car's rules to them
  (``cockpit.bus.policy``) and hands those allowed to ``store.request`` (hence to the gateway's
  source: simulator, CAN...); the reply is empty when the request was passed on, an error naming
  the reason when it was refused; every decision goes to the audit log (``cockpit.bus.audit``);
- a liveliness token ``cockpit/gateway/alive`` lives as long as the gateway's session: displays
  mark their values UNAVAILABLE when it goes and query again when it comes back.

``python -m cockpit.bus.gateway --listen tcp/127.0.0.1:7447`` runs the simulator behind a gateway
until killed (printing ``ready`` once it serves): a small stand-in for ``cockpit gateway``.
"""

from __future__ import annotations

import argparse
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import zenoh

from cockpit.vehicle.catalogue import ChangeMode
from cockpit.vehicle.store import Reading, SignalStore

from .audit import AuditLog
from .codec import (
    GATEWAY_ALIVE_KEY,
    REQUEST_KEYS,
    REQUEST_PREFIX,
    SIGNAL_KEYS,
    PayloadError,
    decode_request,
    encode,
    key_of,
)
from .config import open_session
from .keys import GATEWAY
from .policy import PLAIN_ROLES, RequestPolicy
from .secure import BusKeys, load_keys, request_keys

log = logging.getLogger(__name__)

# The gateway's store is nobody's frame loop: sweep it this often so that silent signals turn
# STALE (in what late joiners are told) and unconfirmed actuator targets roll back.
SWEEP_S = 0.1


class Gateway:
    def __init__(self, store: SignalStore, connect: Sequence[str] = (), listen: Sequence[str] = (), *,
                 keys: BusKeys | None = None, insecure: bool = False, config_file: Path | None = None,
                 policy: RequestPolicy | None = None, audit: AuditLog | None = None):
        """``keys``: secure mode (``cockpit.bus.secure``), the gateway's identity; ``insecure``: plain
        links beyond loopback allowed; ``config_file``: an operator's own Zenoh configuration;
        ``policy``: the car's rules for requests (by default for the key folder's displays, or the
        plain-mode ones); ``audit``: where decisions are recorded (by default in memory only)."""
        self.store = store
        self.policy = policy or RequestPolicy(keys.displays if keys else PLAIN_ROLES)
        self.audit = audit or AuditLog()
        self.connect = tuple(connect)
        self.listen = tuple(listen)
        self.keys = keys
        self.insecure = insecure
        self.config_file = config_file
        self.session: zenoh.Session | None = None
        self._publishers: dict[str, zenoh.Publisher] = {}
        # The last sequence number sent per path; numbers start at the gateway's start time in µs,
        # so that a restarted gateway's samples are newer than anything recorded from the last one.
        self._seq: dict[str, int] = {}
        self._seq_base = 0
        # Guards _publishers and _seq: the store's writers run on several threads, and a sample must
        # leave in the order of its number (a receiver drops one older than what it has).
        self._lock = threading.Lock()
        self._unlisten: Callable[[], None] | None = None
        self._declared: list = []  # queryables and the liveliness token, undeclared on stop
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None

    def start(self) -> None:
        """Open the session and serve; raises BusError if an endpoint cannot be used."""
        if self.session is not None:
            raise RuntimeError("the gateway is already running")
        self.session = open_session(self.connect, self.listen, gateway=True, keys=self.keys, insecure=self.insecure,
                                    config_file=self.config_file)
        self._seq_base = time.time_ns() // 1000
        self._seq.clear()
        self._unlisten = self.store.listen(self._publish)
        self._declared = [self.session.declare_queryable(k, self._answer) for k in SIGNAL_KEYS]
        # In secure mode one queryable per key a display may request: access control lets a display
        # learn of a queryable only within its allowed keys.
        requests = request_keys(self.keys.displays) if self.keys else [REQUEST_KEYS]
        self._declared += [self.session.declare_queryable(k, self._serve_request) for k in requests]
        # Last: a display that sees the token finds everything above in place.
        self._declared.append(self.session.liveliness().declare_token(GATEWAY_ALIVE_KEY))
        self._stopping.clear()
        self._sweeper = threading.Thread(target=self._sweep, name="gateway-sweep", daemon=True)
        self._sweeper.start()

    def stop(self) -> None:
        """Stop publishing and close the session: displays see the gateway go at once."""
        if self.session is None:
            return
        self._stopping.set()
        self._sweeper.join()
        self._unlisten()
        for entity in reversed(self._declared):
            entity.undeclare()
        with self._lock:
            for publisher in self._publishers.values():
                publisher.undeclare()
            self._publishers.clear()
        self.session.close()
        self.session = None
        self._declared = []

    # ----- publishing ------------------------------------------------------------------------------

    def _publish(self, path: str, reading: Reading) -> None:
        # On the writer's thread (simulator, CAN reader, a request): zenoh puts are thread-safe
        # and do not wait for the network.
        with self._lock:
            if self.session is None:
                return
            publisher = self._publishers.get(path)
            if publisher is None:
                # a declared publisher per key skips resolving the key on every put
                publisher = self._publishers[path] = self.session.declare_publisher(
                    key_of(path), priority=self._priority(path))
            seq = self._seq[path] = self._seq.get(path, self._seq_base) + 1
            try:
                publisher.put(encode(path, reading, seq))
            except zenoh.ZError as exc:  # the session closed under a late writer
                log.debug("not published %s: %s", path, exc)

    def _priority(self, path: str) -> zenoh.Priority:
        # A link that cannot keep up drops samples (DROP congestion control: a slow display must
        # never stall the gateway, hence the other displays). A continuous signal lost that way is
        # replaced within its period; an on-change one (a door, a telltale) would stay wrong until
        # it next changes. Sent at a higher priority, it has its own queue, ahead of the flood.
        spec = self.store.catalogue.get(path)
        continuous = spec is None or spec.change is ChangeMode.CONTINUOUS
        return zenoh.Priority.DATA if continuous else zenoh.Priority.DATA_HIGH

    def _answer(self, query: zenoh.Query) -> None:
        with query:
            asked = query.key_expr
            with self._lock:  # each reading with the number of the last sample sent of it
                current = [(path, reading, self._seq.get(path, self._seq_base))
                           for path, reading in self.store.snapshot().items()]
            for path, reading, seq in current:
                key = key_of(path)
                if asked.intersects(key):
                    query.reply(key, encode(path, reading, seq))

    # ----- requests --------------------------------------------------------------------------------

    def _serve_request(self, query: zenoh.Query) -> None:
        # decode (the catalogue's type, range and step) -> the car's rules -> the vehicle's source
        with query:
            key = str(query.key_expr)
            payload = b"" if query.payload is None else query.payload.to_bytes()
            try:
                request = decode_request(key, payload)
            except PayloadError as exc:
                log.warning("refused request %s", str(exc)[:200])
                requester, _, signal = key.removeprefix(REQUEST_PREFIX).partition("/")  # as far as it says
                self.audit.record(requester, signal or key, None, exc.reason)
                query.reply_err(exc.reason)
                return
            why = self.policy.decide(request, self.store)
            if why is None:
                why = self.store.request(request.path, request.value)
            self.audit.record(request.requester, request.path, request.value, why)
            if why is None:
                query.reply(query.key_expr, b"")
            else:
                query.reply_err(why)

    # ----- time ------------------------------------------------------------------------------------

    def _sweep(self) -> None:
        while not self._stopping.wait(SWEEP_S):
            self.store.sweep()


def main(argv: list[str] | None = None) -> None:
    """Simulator + gateway until killed: what multi-process tests run before ``cockpit gateway``."""
    from cockpit.sources.simulator import SimulatorSource

    args = argparse.ArgumentParser(description=main.__doc__)
    args.add_argument("--listen", action="append", default=[], metavar="ENDPOINT")
    args.add_argument("--connect", action="append", default=[], metavar="ENDPOINT")
    args.add_argument("--speedup", type=float, default=1.0, help="simulated seconds per real second")
    args.add_argument("--secure", type=Path, metavar="DIR", help="a folder of bus keys: secure mode")
    opts = args.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    store = SignalStore()
    source = SimulatorSource(speedup=opts.speedup)
    keys = load_keys(opts.secure, GATEWAY) if opts.secure else None
    gateway = Gateway(store, connect=opts.connect, listen=opts.listen, keys=keys)
    gateway.start()
    source.start(store)
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
