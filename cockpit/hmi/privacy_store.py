"""PrivacyStore: the Privacy page — each category of data the car keeps (what, why, how long, for whom,
its size) with Erase, the consents as switches, and "Export my data".

Everything that touches the disk — sizes, erasing, exporting, saving a consent — runs on the store's
worker thread, one thing at a time; results come back to the GUI thread as a queued Qt signal, so the
GUI thread never waits. The export goes to ``<data folder>/exports/<UTC time>/``, the stand-in for a
USB stick, and the page says where and how many files.

While driving, the page stays usable with one exception: agreeing to a purpose waits for P, because
consent must be informed and reading what one agrees to is not for the road. Withdrawing is never
locked (it must be as easy as agreeing, GDPR art. 7(3)), and neither are erasing and exporting: each is
one tap and a confirmation, no reading, and a driver who wants their data gone should not have to stop.
A consent changed elsewhere (``cockpit privacy consent``) is noticed within ``POLL_MS``.

``locked()`` says why the page may do nothing now (the cockpit passes valet mode: a valet must not
export the drivers' profiles, erase them or change what the owner agreed to); the page then shows
the report only, with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.privacy.consent import PURPOSES
from cockpit.privacy.export import Exported, export
from cockpit.privacy.inventory import Inventory
from cockpit.profiles.store import EXPORTS
from cockpit.vehicle.driving import GEAR, SPEED, Motion
from cockpit.vehicle.store import SignalStore

from .domain import DomainStore, emit_from_worker, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

AGREE_WHEN_PARKED = "Agree when parked — read what it means first"
POLL_MS = 5000


def size_words(n: int) -> str:
    """"0 B", "812 B", "24.8 kB", "3.1 MB", "1.2 GB"."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


@QmlElement
@QmlUncreatable("created by the application")
class PrivacyStore(DomainStore):
    changed = Signal()
    failed = Signal(str)  # a request refused (busy, needs P): for a toast
    erased = Signal(str)  # a category was erased: the cockpit reloads what showed it (profiles)
    _done = Signal(object, object, object)  # (handler, result, exception) from the worker
    _polled = Signal(object)  # consent.state() read on the worker

    PATHS = frozenset([GEAR, SPEED])

    def __init__(self, signals: SignalStore, inventory: Inventory | None = None, parent: QObject | None = None,
                 locked: Callable[[], str] = lambda: ""):
        self._inventory = inventory
        self._locked = locked
        self._described: list[dict[str, Any]] = []
        self._consent_state: dict[str, dict[str, Any]] = {}
        self._working = ""  # "", "loading", "consent", "erase", "export"
        self._message = ""
        self._bad = False
        self._export_folder = ""
        self._export_files = 0
        self._closed = False
        self._reload_again = False
        super().__init__(signals, parent)
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._polled.connect(self._got_consents, Qt.ConnectionType.QueuedConnection)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="privacy")
        self._poll = QTimer(self, interval=POLL_MS, timeout=self._notice)
        if inventory is not None:
            self.reload()
            if inventory.consent is not None:
                self._poll.start()

    # ----- what QML sees ----------------------------------------------------------------------

    def compute(self) -> dict[str, Any]:
        parked = Motion.of(self._signals).parked  # a stale or missing gear counts as not parked (fail safe)
        locked = self._locked()
        categories = [{**c, "size": size_words(c["bytes"]),
                       "consentTitle": PURPOSES[c["consent"]].title if c["consent"] else ""}
                      for c in self._described]
        consents = [{"purpose": name, "title": s["title"], "what": s["what"], "recipient": s["recipient"],
                     "agreed": s["agreed"], "changed": s["changed"] or "",
                     "lockedReason": locked or (AGREE_WHEN_PARKED if not s["agreed"] and not parked else "")}
                    for name, s in self._consent_state.items()]
        return {"available": self._inventory is not None, "parked": parked, "lockedReason": locked,
                "categories": categories,
                "consents": consents, "working": self._working, "busy": self._working != "",
                "message": self._message, "bad": self._bad, "exportFolder": self._export_folder,
                "exportFiles": self._export_files,
                "totalSize": size_words(sum(c["bytes"] for c in self._described if c["personal"]))}

    available = prop(bool, "available", changed)  # false: no privacy center in this session
    parked = prop(bool, "parked", changed)
    lockedReason = prop(str, "lockedReason", changed)  # why nothing may be changed now (valet mode); "" when free
    categories = prop("QVariantList", "categories", changed)
    consents = prop("QVariantList", "consents", changed)
    working = prop(str, "working", changed)  # what runs now: loading, consent, erase, export; "" idle
    busy = prop(bool, "busy", changed)
    message = prop(str, "message", changed)  # the last outcome, in words
    bad = prop(bool, "bad", changed)  # the last outcome was a failure
    exportFolder = prop(str, "exportFolder", changed)  # where the last export went, in the data folder ("": none)
    exportFiles = prop(int, "exportFiles", changed)
    totalSize = prop(str, "totalSize", changed)  # everything personal, in words

    # ----- what the page calls ----------------------------------------------------------------

    def _refuse(self, why: str) -> str:
        self.failed.emit(why)
        return why

    def _check(self) -> str:
        if self._inventory is None:
            return self._refuse("The privacy center is not available in this session")
        if locked := self._locked():
            return self._refuse(locked)
        if self._working:
            return self._refuse("Busy; try again when it is done")
        return ""

    @Slot()
    def relock(self) -> None:
        """What ``locked()`` says may have changed (the cockpit calls it when valet mode starts or ends)."""
        self.refresh()

    @Slot()
    def reload(self) -> None:
        """Read the sizes and consents again (the page calls it when shown)."""
        if self._inventory is None:
            return
        if self._working:  # read again once what runs is done
            self._reload_again = True
            return
        self._reload_again = False
        self._start("loading", lambda: None, "Could not read what the car keeps", lambda _: "")

    @Slot(str, bool, result=str)
    def setConsent(self, purpose: str, agreed: bool) -> str:
        """Give or withdraw consent to ``purpose``; agreeing waits for P."""
        if why := self._check():
            return why
        consent = self._inventory.consent
        if consent is None or purpose not in PURPOSES:
            return self._refuse(f"{purpose!r} is not something the car asks consent for")
        if agreed and not self._v["parked"]:
            return self._refuse(AGREE_WHEN_PARKED)
        title = PURPOSES[purpose].title
        self._start("consent", lambda: consent.set(purpose, agreed), "Could not save your choice",
                    lambda _: f"{title}: {'on' if agreed else 'off'}")
        return ""

    @Slot(str, result=str)
    def erase(self, name: str) -> str:
        """Erase category ``name`` (or "all" personal data); the page asked to confirm first."""
        if why := self._check():
            return why
        inventory = self._inventory
        if name == "all":
            what = "All personal data"
        else:
            try:
                category = inventory.get(name)
            except KeyError as exc:
                return self._refuse(exc.args[0])
            if category.erase is None:
                return self._refuse(f"{category.title}: nothing to erase — {category.why_not}")
            what = category.title

        def done(erased: dict[str, int]) -> str:
            self.erased.emit(name)
            n = sum(erased.values())
            return f"{what} erased ({n:,} item{'' if n == 1 else 's'})"

        self._start("erase", lambda: inventory.erase(name), "Erasing failed", done)
        return ""

    @Slot(result=str)
    def exportData(self) -> str:
        """Export everything personal into ``exports/privacy-<UTC time>/`` in the data folder."""
        if why := self._check():
            return why
        inventory = self._inventory
        dest = inventory.folder / EXPORTS / datetime.now(UTC).strftime("privacy-%Y%m%dT%H%M%SZ")

        def work() -> Exported:
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return export(inventory, dest)

        def done(exported: Exported) -> str:
            self._export_folder = str(exported.path.relative_to(inventory.folder))
            self._export_files = len(exported.files)
            return "Your data is exported"

        self._start("export", work, "Export failed", done)
        return ""

    # ----- the work -----------------------------------------------------------------------------

    def _start(self, working: str, work: Callable[[], Any], failed: str, done: Callable[[Any], str]) -> None:
        """``work()`` then a fresh reading of every category, on the worker; back on the GUI thread
        ``done(result)`` gives the message, or on an exception ``failed`` and the reason do."""
        inventory, emit = self._inventory, self._done.emit
        self._working = working
        self.refresh()

        def job() -> None:
            try:
                result = work()
                fresh = ([inventory.describe(c) for c in inventory],
                         inventory.consent.state() if inventory.consent is not None else {})
            except BaseException as exc:  # noqa: BLE001 - whatever it was, the page must leave its busy state
                emit_from_worker(emit, (failed, done), None, exc)
            else:
                emit_from_worker(emit, (failed, done), (result, fresh), None)

        self._pool.submit(job)

    @Slot(object, object, object)
    def _finish(self, handler: tuple, result: Any, exc: BaseException | None) -> None:
        if self._closed:
            return
        failed, done = handler
        self._working = ""
        if exc is None:
            outcome, (self._described, self._consent_state) = result
            if message := done(outcome):
                self._message, self._bad = message, False
        else:
            log.warning("privacy: %s: %s", failed, exc)
            self._message, self._bad = f"{failed}: {str(exc).strip() or type(exc).__name__}", True
            if self._inventory.consent is not None:  # a withdrawal that could not be saved still holds
                self._consent_state = self._inventory.consent.state()
        self.refresh()
        if self._reload_again:
            self.reload()

    def _notice(self) -> None:
        """A consent changed by another process: read again (the read itself is on the worker)."""
        if not self._working and not self._closed:
            consent, emit = self._inventory.consent, self._polled.emit
            self._pool.submit(lambda: emit_from_worker(emit, consent.state()))

    @Slot(object)
    def _got_consents(self, state: dict) -> None:
        if not self._closed and not self._working:
            self._consent_state = state
            self.refresh()

    def close(self) -> None:
        self._closed = True
        self._poll.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def wait(self) -> None:
        """Block until the work asked for so far has run (tests, screenshots); results arrive with the
        next turn of the event loop."""
        self._pool.submit(lambda: None).result()
