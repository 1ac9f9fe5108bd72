"""SoftwareStore: the Software page — what the maker offers this car, downloading and installing it,
what is installed and going back to its last good version.

Everything the update service does (network, disk, health checks) runs on the store's worker thread;
its progress and results come back to the GUI thread as queued Qt signals, so the GUI thread never
waits and no Python runs in a thread of Qt's. One operation runs at a time. Content that changes the
driving screens (the service's ``needs_park``) installs only in P: while driving its buttons are
locked with the reason, and "when parked" queues it to start by itself once the gear is in P.

States: idle, checking, downloading, installing, done (installed), failed (nothing changed: a check,
download or install that did not get as far as switching), rolledBack (a new version failed its check
after the switch and the car went back to the one before). A rollback the driver asked for that worked
is done: it was what they wanted, and the page says so without a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.updates.bundle import newer
from cockpit.updates.service import Installed, InstallResult, UpdateService
from cockpit.vehicle.driving import GEAR, SPEED, Motion
from cockpit.vehicle.store import SignalStore

from .domain import DomainStore, emit_from_worker, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

MB = 1_000_000
NEEDS_PARK = "Installs when parked — shift to P"
KIND_WORDS = {"theme": "theme", "voice-sentences": "voice sentences", "can-mapping": "CAN mapping",
              "map": "map", "kiosk-tour": "kiosk tour", "cockpit": "software"}
# One bar for the whole update, never going back: the download fills the first DOWNLOAD_SHARE of it,
# then each install phase moves it on to where it says
DOWNLOAD_SHARE = 0.8
PHASE_AT = {"unpacking": 0.82, "checking": 0.86, "switching": 0.92, "verifying": 0.96, "rolling-back": 0.98}
BUSY = ("checking", "downloading", "installing")


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("-", " "))


def title(kind: str, name: str) -> str:
    """"Nordic theme", "Helsinki map", "Cockpit software", "Voice sentences (en)"."""
    if kind == "voice-sentences":  # named for their language
        return f"Voice sentences ({name})"
    words = name.replace("-", " ")
    return f"{words[:1].upper()}{words[1:]} {kind_words(kind)}"


def _newer(version: str, than: str | None) -> bool:
    try:
        return newer(version, than or None)
    except ValueError:  # a service's version that does not parse: offered unless it is the installed one
        return version != than


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if type(exc).__name__ != "UpdateError":  # the service's own errors are meant for the driver; others are bugs
        log.error("update service failed", exc_info=exc)
    return text


@QmlElement
@QmlUncreatable("created by the application")
class SoftwareStore(DomainStore):
    changed = Signal()
    failed = Signal(str)  # a request refused (busy, needs Park): for a toast
    applied = Signal(str)  # a kind was installed or rolled back: the cockpit applies what applies live
    _done = Signal(object, object, object)  # (handler, result, exception) from the worker
    _bytes = Signal(int, int)  # download progress (done, total) from the worker
    _phase = Signal(str)  # an install phase begins (service.PHASES) from the worker

    PATHS = frozenset([GEAR, SPEED])

    def __init__(self, signals: SignalStore, service: UpdateService | None = None, parent: QObject | None = None):
        self._service = service
        self._state = "idle"
        self._checked = False
        self._offers: list[Any] = []
        self._installed: list[Installed] = []
        self._queued: list[tuple[str, str]] = []  # (kind, name) waiting for P, in the order asked
        self._current: Any = None  # the offer being downloaded or installed
        self._rolling_back = ""  # what is being rolled back ("Nordic theme")
        self._progress = 0.0
        self._progress_text = ""
        self._message = ""
        self._closed = False
        super().__init__(signals, parent)
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._bytes.connect(self._downloaded, Qt.ConnectionType.QueuedConnection)
        self._phase.connect(self._phase_began, Qt.ConnectionType.QueuedConnection)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="software-updates")
        if service is not None:
            self._run(lambda: list(service.installed()), self._got_installed, "Could not list what is installed")

    # ----- what QML sees ----------------------------------------------------------------------

    def _parked(self) -> bool:
        return Motion.of(self._signals).parked  # a stale or missing gear counts as not parked (fail safe)

    def _needs_park(self, kind: str) -> bool:
        if self._service is None:
            return True
        try:
            return bool(self._service.needs_park(kind))
        except Exception as exc:  # noqa: BLE001 - a service that cannot say: fail safe
            log.error("needs_park(%r) failed: %s", kind, exc)
            return True

    def compute(self) -> dict[str, Any]:
        parked = self._parked()
        busy = self._state in BUSY
        have = {(i.kind, i.name): i.version for i in self._installed}
        offers = []
        for index, offer in enumerate(self._offers):
            needs_park = self._needs_park(offer.kind)
            offers.append({
                "index": index, "kind": offer.kind, "name": offer.name, "title": title(offer.kind, offer.name),
                "kindWords": kind_words(offer.kind), "version": offer.version, "summary": offer.summary or "",
                "sizeMb": offer.size / MB, "size": _size_words(offer.size), "whyNot": offer.why_not or "",
                "needsPark": needs_park, "lockedReason": NEEDS_PARK if needs_park and not parked else "",
                "queued": (offer.kind, offer.name) in self._queued,
                "installedVersion": have.get((offer.kind, offer.name), ""),
                "inProgress": busy and offer is self._current,
            })
        installed = []
        for item in self._installed:
            needs_park = self._needs_park(item.kind)
            installed.append({
                "kind": item.kind, "name": item.name, "title": title(item.kind, item.name),
                "kindWords": kind_words(item.kind), "version": item.version, "lastGood": item.last_good or "",
                "failure": item.failure or "", "needsPark": needs_park,
                "lockedReason": NEEDS_PARK if needs_park and not parked else "",
            })
        return {"state": self._state, "available": self._service is not None, "checked": self._checked,
                "parked": parked, "busy": busy, "offers": offers, "installed": installed,
                "progress": self._progress, "progressText": self._progress_text, "message": self._message,
                "current": f"{title(self._current.kind, self._current.name)} {self._current.version}"
                if self._current is not None else self._rolling_back if busy else ""}

    state = prop(str, "state", changed)
    available = prop(bool, "available", changed)  # false: no update service in this car or session
    checked = prop(bool, "checked", changed)  # a check has been asked for since start
    parked = prop(bool, "parked", changed)
    busy = prop(bool, "busy", changed)
    offers = prop("QVariantList", "offers", changed)
    installed = prop("QVariantList", "installed", changed)
    progress = prop(float, "progress", changed)  # 0…1: the download, then the install's phases
    progressText = prop(str, "progressText", changed)
    message = prop(str, "message", changed)  # the last outcome, in words
    current = prop(str, "current", changed)  # what is being installed ("Nordic theme 1.2.0") or rolled back

    def apply(self, batch: dict) -> None:
        super().apply(batch)
        self._start_queued()

    # ----- what the page calls ----------------------------------------------------------------

    def _refuse(self, why: str) -> str:
        self.failed.emit(why)
        return why

    def _offer(self, index: int) -> Any:
        return self._offers[index] if 0 <= index < len(self._offers) else None

    @Slot(result=str)
    def check(self) -> str:
        """Ask the maker what is new for this car."""
        if self._service is None:
            return self._refuse("Software updates are not set up on this car")
        if self._v["busy"]:
            return self._refuse("Busy with an update; try again when it is done")
        service = self._service
        self._checked = True
        self._set_state("checking", 0.0, "Checking for updates…")
        self._run(lambda: (list(service.check()), list(service.installed())), self._got_offers,
                  "Could not check for updates")
        return ""

    @Slot(int, result=str)
    def install(self, index: int) -> str:
        """Download and install offer ``index`` now (refused while driving for content that needs P)."""
        offer = self._offer(index)
        if offer is None:
            return self._refuse("That update is no longer offered")
        if offer.why_not:
            return self._refuse(f"{title(offer.kind, offer.name)} {offer.why_not}")
        if self._needs_park(offer.kind) and not self._parked():
            return self._refuse(NEEDS_PARK)
        if self._v["busy"]:
            return self._refuse("Busy with an update; try again when it is done")
        self._start(offer)
        return ""

    @Slot(int, result=str)
    def installWhenParked(self, index: int) -> str:
        """Install offer ``index`` once the gear is in P: at once if it is."""
        offer = self._offer(index)
        if offer is None:
            return self._refuse("That update is no longer offered")
        if offer.why_not:
            return self._refuse(f"{title(offer.kind, offer.name)} {offer.why_not}")
        key = (offer.kind, offer.name)
        if key not in self._queued:
            self._queued.append(key)
        self.refresh()
        self._start_queued()
        return ""

    @Slot(str, str, result=str)
    def rollback(self, kind: str, name: str) -> str:
        """Go back to the last good version of ``kind``/``name``."""
        if self._service is None:
            return self._refuse("Software updates are not set up on this car")
        if self._needs_park(kind) and not self._parked():
            return self._refuse(NEEDS_PARK)
        if self._v["busy"]:
            return self._refuse("Busy with an update; try again when it is done")
        service, what = self._service, title(kind, name)
        self._queued = [q for q in self._queued if q != (kind, name)]
        self._rolling_back = what
        self._set_state("installing", 0.5, f"Going back to the last good {kind_words(kind)}…")

        def work() -> tuple[InstallResult, list[Installed]]:
            return service.rollback(kind, name), list(service.installed())

        self._run(work, lambda r: self._rolled_back(what, r), "Rollback failed")
        return ""

    # ----- the work -----------------------------------------------------------------------------

    def _start_queued(self) -> None:
        if not self._queued or self._v["busy"] or not self._parked() or self._closed:
            return
        kind, name = self._queued.pop(0)
        offer = next((o for o in self._offers if (o.kind, o.name) == (kind, name) and not o.why_not), None)
        if offer is None:
            self.refresh()
            return
        self._start(offer)

    def _start(self, offer: Any) -> None:
        service = self._service
        self._queued = [q for q in self._queued if q != (offer.kind, offer.name)]
        self._current = offer
        self._set_state("downloading", 0.0, _downloaded_words(0, offer.size))
        emit_bytes, emit_phase = self._bytes.emit, self._phase.emit
        last = [-1]

        def progress(done: int, total: int) -> None:  # on the worker thread: a queued signal, at most ~100 of them
            if total > 0 and (done >= total or (done - last[0]) * 100 >= total):
                last[0] = done
                emit_from_worker(emit_bytes, done, total)

        def work() -> tuple[InstallResult, list[Installed]]:
            bundle = service.download(offer, progress=progress)
            emit_from_worker(emit_phase, "unpacking")
            result = service.install(bundle, phase=lambda name: emit_from_worker(emit_phase, name))
            return result, list(service.installed())

        self._run(work, lambda r: self._installed_one(offer, r), "Installation failed")

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], failed: str) -> None:
        """``work()`` on the worker thread; ``done(result)`` back on the GUI thread, or on an exception the
        state "failed" with ``failed``: the reason."""
        emit = self._done.emit

        def job() -> None:
            try:
                result = work()
            except BaseException as exc:  # noqa: BLE001 - whatever it was, the page must leave its busy state
                emit_from_worker(emit, (done, failed), None, exc)
            else:
                emit_from_worker(emit, (done, failed), result, None)

        self._pool.submit(job)

    @Slot(object, object, object)
    def _finish(self, handler: tuple, result: Any, exc: BaseException | None) -> None:
        if self._closed:
            return
        done, failed = handler
        if exc is None:
            try:
                done(result)
            except Exception as error:  # noqa: BLE001 - a malformed result from the service
                exc = error
        if exc is not None:
            why = _reason(exc)
            was = self._was_version()
            self._current = None
            if self._state in BUSY:
                what = "Download failed" if self._state == "downloading" else failed
                self._set_state("failed", 0.0, "", f"{what}" + (f", still on {was}" if was else "") + f": {why}")
            else:  # the first listing at start: nothing was asked, nothing to report but the log
                log.warning("%s: %s", failed, why)
        self._start_queued()

    def _was_version(self) -> str:
        if self._current is None:
            return ""
        return next((i.version for i in self._installed
                     if (i.kind, i.name) == (self._current.kind, self._current.name)), "")

    def _got_installed(self, installed: list[Installed]) -> None:
        self._installed = installed
        self.refresh()

    def _got_offers(self, result: tuple[list, list[Installed]]) -> None:
        offers, self._installed = result
        have = {(i.kind, i.name): i.version for i in self._installed}
        self._offers = [o for o in offers if _newer(o.version, have.get((o.kind, o.name)))]
        n = len(self._offers)
        self._set_state("idle", 0.0, "", "Everything is up to date" if n == 0
                        else f"{n} update{'s' if n > 1 else ''} available")

    def _installed_one(self, offer: Any, result: tuple[InstallResult, list[Installed]]) -> None:
        outcome, self._installed = result
        self._current = None
        what = title(offer.kind, offer.name)
        if outcome.ok:
            self._offers = [o for o in self._offers if o is not offer]
            self._set_state("done", 1.0, "", f"{what} {outcome.version} installed")
            self.applied.emit(outcome.kind)
            return
        where = (f"back on {outcome.version}" if outcome.rolled_back else f"still on {outcome.version}") \
            if outcome.version else "nothing was installed"
        # the outcome first: a long reason is cut at the card's last line, never what the car runs now
        self._set_state("rolledBack" if outcome.rolled_back else "failed", 0.0, "",
                        f"Installation failed, {where}: {outcome.reason}")

    def _rolled_back(self, what: str, result: tuple[InstallResult, list[Installed]]) -> None:
        outcome, self._installed = result
        have = {(i.kind, i.name): i.version for i in self._installed}
        self._offers = [o for o in self._offers if _newer(o.version, have.get((o.kind, o.name)))]
        if outcome.ok:
            self._set_state("done", 0.0, "", f"{what} back on {outcome.version}")
            self.applied.emit(outcome.kind)
        else:
            self._set_state("failed", 0.0, "", f"Rollback failed: {outcome.reason}"
                            + (f"; still on {outcome.version}" if outcome.version else ""))

    @Slot(int, int)
    def _downloaded(self, done: int, total: int) -> None:
        if self._closed or self._state != "downloading":
            return
        self._progress = DOWNLOAD_SHARE * min(1.0, done / total) if total > 0 else 0.0
        self._progress_text = _downloaded_words(done, total)
        self.refresh()

    @Slot(str)
    def _phase_began(self, phase: str) -> None:
        if self._closed or self._state not in ("downloading", "installing") or self._current is None:
            return
        words = kind_words(self._current.kind)
        text = {"unpacking": f"Unpacking the new {words}…", "checking": f"Checking the new {words}…",
                "switching": "Switching…", "verifying": f"Making sure the new {words} works…",
                "rolling-back": "It did not work: going back…"}.get(phase)
        if text is None:
            return
        self._set_state("installing", PHASE_AT[phase], text)

    def _set_state(self, state: str, progress: float, progress_text: str, message: str | None = None) -> None:
        self._state, self._progress, self._progress_text = state, progress, progress_text
        if message is not None:
            self._message = message
        self.refresh()

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def wait(self) -> None:
        """Block until the work asked for so far has run (tests, screenshots); results arrive with the
        next turn of the event loop."""
        self._pool.submit(lambda: None).result()


def _downloaded_words(done: int, total: int) -> str:
    if total < MB / 10:  # a theme is a few kilobytes: "0.0 of 0.0 MB" says nothing
        return f"Downloading {done / 1000:.0f} of {total / 1000:.0f} kB"
    return f"Downloading {done / MB:.1f} of {total / MB:.1f} MB"


def _size_words(size: int) -> str:
    return f"{size / 1000:.0f} kB" if size < MB / 10 else f"{size / MB:.1f} MB"
