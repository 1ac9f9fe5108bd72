"""The car's side of fleet statistics: its maintenance summary, once a day and on demand, only
while the driver agrees.

Consent is asked before anything else, every time: while it is off no session is opened, so no
socket is made and no connection tried (tests/test_fleet.py proves it at the socket level). The
session is opened lazily for the first summary after consent, and closed, and the pseudonym
deleted, as soon as consent is found withdrawn — so what was sent before cannot be linked to what
is sent after a new consent.

A summary is put only once the collector's subscription is known (Zenoh's matching status):
a put with nobody listening would be dropped silently. Without a collector within ``wait_s`` it
stays due and is tried again at the next check.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import zenoh

from cockpit.bus.config import BusError

from . import pseudonym
from .summary import Summary

log = logging.getLogger(__name__)

DAY_S = 86_400
CHECK_S = 60.0  # how often consent and the day are looked at
WAIT_S = 5.0  # for the collector's subscription, after the session opens


def send(session: zenoh.Session, summaries: Iterable[Summary], wait_s: float = WAIT_S) -> int:
    """Put ``summaries`` once a subscriber for them is known (waiting at most ``wait_s`` for the
    first); how many were put. Puts block rather than drop when the link is busy."""
    sent = 0
    for summary in summaries:
        publisher = session.declare_publisher(summary.key, congestion_control=zenoh.CongestionControl.BLOCK,
                                              reliability=zenoh.Reliability.RELIABLE)
        try:
            end = time.monotonic() + (wait_s if sent == 0 else 0.0)
            while not publisher.matching_status.matching:
                if time.monotonic() >= end:
                    return sent
                time.sleep(0.01)
            publisher.put(summary.to_bytes())
            sent += 1
        finally:
            publisher.undeclare()
    return sent


class FleetPublisher:
    """``consented()``: whether the driver agrees now (``Consent(folder).agreed("fleet-statistics")``);
    ``open_session()``: a Zenoh session to the collector (called only with consent);
    ``make(vehicle)``: the car's summary today under the pseudonym ``vehicle``, or None when there
    is nothing to say; ``folder``: where the pseudonym is kept (``cockpit.profiles.store.data_dir``)."""

    def __init__(self, consented: Callable[[], bool], open_session: Callable[[], Any],
                 make: Callable[[str], Summary | None], folder: Path, *, period_s: float = DAY_S,
                 check_s: float = CHECK_S, wait_s: float = WAIT_S, clock: Callable[[], float] = time.time):
        self.consented = consented
        self.open_session = open_session
        self.make = make
        self.folder = Path(folder)
        self.period_s = period_s
        self.check_s = check_s
        self.wait_s = wait_s
        self.clock = clock
        self.session: Any = None
        self.last_sent: float | None = None  # clock time of the last summary put
        self.last_result = "not yet"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def publish_now(self) -> str:
        """Send today's summary now, if the driver agrees: "sent", "no consent", "nothing to send"
        or "no collector". Blocks up to ``wait_s`` for the collector: not on the GUI thread."""
        with self._lock:
            self.last_result = self._publish()
            return self.last_result

    def check(self) -> str:
        """What the thread does every ``check_s``: act on a withdrawn consent, send when due."""
        with self._lock:
            if not self.consented():
                self._withdraw()
                return "no consent"
            if self.last_sent is not None and self.clock() - self.last_sent < self.period_s:
                return "not due"
            self.last_result = self._publish()
            return self.last_result

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="fleet-publisher", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop the thread and close the session (the pseudonym stays while consent does)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.wait_s + 5)
        with self._lock:
            self._close_session()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # a failed send must not end the thread: the next check tries again
                log.exception("fleet summary not sent")
            self._stop.wait(self.check_s)

    def _publish(self) -> str:
        if not self.consented():
            self._withdraw()
            return "no consent"
        summary = self.make(pseudonym.current(self.folder))
        if summary is None:
            return "nothing to send"
        if self.session is None:
            try:
                self.session = self.open_session()
            except BusError as exc:  # e.g. an endpoint that does not resolve: tried again at the next check
                log.warning("fleet statistics: %s", exc)
                return "no collector"
        if not self.consented():  # withdrawn meanwhile: what was made is not sent
            self._withdraw()
            return "no consent"
        if not send(self.session, [summary], self.wait_s):
            return "no collector"
        self.last_sent = self.clock()
        return "sent"

    def _withdraw(self) -> None:
        self._close_session()
        if pseudonym.forget(self.folder):
            log.info("fleet statistics: consent withdrawn; the pseudonym is deleted")
        self.last_sent = None

    def _close_session(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            session.close()
