"""The car's health data in one place: the signal history, the daily journal and its summariser.

The display opens ``CarHealth`` once and hands it the SignalStore; the Health page asks it for the
journal's observations and the report (both read SQLite and run the models: call them from a
worker thread). Opening checks the whole history file, which takes a while on a large one, so the
display opens it with ``CarHealth.open_in_background`` and wires the page in ``on_ready``.

Location history is kept only when the driver agreed: ``consent(purpose)`` is asked for
"location-history" at opening and by ``refresh_consent`` (the privacy center calls it after the
driver changed their mind). Without a consent callable nothing needing consent is kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from cockpit.sim.aging import Observations
from cockpit.vehicle.store import SignalStore

from . import report as health_report
from .daily import DailySummary
from .history import History
from .journal import Journal

log = logging.getLogger(__name__)

LOCATION_PURPOSE = "location-history"
Consent = Callable[[str], bool]


def _never(purpose: str) -> bool:
    return False


class CarHealth:
    """History and journal of the data folder ``folder``, recording ``store`` (if given)."""

    def __init__(self, store: SignalStore | None = None, *, folder: Path | str | None = None,
                 consent: Consent = _never, clock: Callable[[], float] = time.time):
        self._consent = consent
        self.history = History(folder, clock=clock)
        try:
            self.journal = Journal(folder)
        except Exception:
            self.history.close()
            raise
        self.summary = DailySummary(self.journal, clock=clock)
        self.refresh_consent()
        self._store: SignalStore | None = None
        if store is not None:
            self.attach(store)

    @classmethod
    def open_in_background(cls, store: SignalStore | None, consent: Consent = _never,
                           on_ready: Callable[[CarHealth | None, str | None], None] = lambda h, e: None,
                           **kw) -> threading.Thread:
        """Open on a thread of its own, then call ``on_ready(health, None)``, or ``on_ready(None,
        why)`` when the journal cannot be opened. ``on_ready`` runs on that thread: a Qt caller
        hands it to the GUI thread (a queued signal). Returns the thread (started)."""
        def run() -> None:
            try:
                health = cls(store, consent=consent, **kw)
            except Exception as exc:  # handed to the caller, in words
                log.error("health: cannot open the car's health data: %s", exc)
                on_ready(None, str(exc))
                return
            on_ready(health, None)

        thread = threading.Thread(target=run, name="health-open", daemon=True)
        thread.start()
        return thread

    def attach(self, store: SignalStore) -> None:
        self._store = store
        self.history.attach(store)
        self.summary.attach(store)

    def refresh_consent(self) -> None:
        """Ask the consent callable again (location history starts or stops at once)."""
        try:
            agreed = bool(self._consent(LOCATION_PURPOSE))
        except Exception:  # a consent store that fails is no consent
            log.exception("health: asking for consent failed; location history stays off")
            agreed = False
        self.history.set_consent("location", agreed)

    def observations(self) -> Observations | None:
        """The journal's days (None: nothing yet). Reads SQLite: call it off the GUI thread."""
        return self.journal.observations()

    def report(self) -> dict | None:
        """Every prediction over the journal (None: nothing yet). Runs the models: off the GUI thread."""
        obs = self.observations()
        return None if obs is None else health_report.report(obs)

    def close(self) -> None:
        """Write the day under way, stop listening and close the history."""
        self.summary.detach()
        self.summary.close_day()
        self.history.close()


class OpeningHealth:
    """The display's handle on ``CarHealth`` while it opens on its own thread (``open_in_background``):
    ``observations`` — the Health page's source, called on the page's worker thread — waits for the
    opening (at most ``wait_s``) and then reads, so the page needs no second path for "not open yet";
    an opening that failed is that read's error, in words."""

    def __init__(self, store: SignalStore | None, consent: Consent = _never, wait_s: float = 60.0, **kw):
        self.wait_s = wait_s
        self.health: CarHealth | None = None
        self.problem: str | None = None
        self._done = threading.Event()
        self._lock = threading.Lock()  # exactly one of _ready and close closes what was opened
        self._closed = False
        CarHealth.open_in_background(store, consent, self._ready, **kw)

    def _ready(self, health: CarHealth | None, problem: str | None) -> None:
        with self._lock:
            self.health, self.problem = health, problem
            self._done.set()
            late = self._closed
        if late and health is not None:  # closed while opening: nothing may keep listening
            health.close()

    def ready(self) -> CarHealth:
        """The opened CarHealth, once the opening is done (it waits: worker threads only)."""
        if not self._done.wait(self.wait_s):
            raise RuntimeError("the car's health data is still being opened")
        if self.health is None:
            raise RuntimeError(f"the car's health data cannot be read: {self.problem}")
        return self.health

    def observations(self) -> Observations | None:
        return self.ready().observations()

    @property
    def history(self) -> Later:
        """The signal history, for a caller that only uses it on a worker thread (the privacy center)."""
        return Later(lambda: self.ready().history)

    @property
    def journal(self) -> Later:
        return Later(lambda: self.ready().journal)

    def refresh_consent(self) -> None:
        if self.health is not None:
            self.health.refresh_consent()

    def close(self) -> None:
        """Close what was opened; an opening still under way closes it when it is done."""
        with self._lock:
            self._closed = True
            health = self.health if self._done.is_set() else None
        if health is not None:
            health.close()


class Later:
    """Stands for ``get()``'s object, which may not exist yet: every attribute asked for waits for it."""

    def __init__(self, get: Callable[[], object]):
        self._get = get

    def __getattr__(self, name: str) -> object:
        return getattr(self._get(), name)
