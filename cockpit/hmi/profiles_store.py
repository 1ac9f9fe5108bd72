"""ProfilesStore: who is driving — the profile picker, PIN entry, guest and valet mode — and the
one place a profile's settings reach the live cockpit.

Applying goes through the stores a driver's own taps go through: units and theme through the
SettingsStore, climate presets through the ClimateStore, the cluster layout and valet banner
through the ClusterStore; seat, mirrors and steering column are actuator requests that wait
until the car is parked (``cockpit.profiles.apply``). Disk work (SQLite, scrypt) runs on the
ProfileService's worker thread; results come back to the GUI thread as queued signals, so the GUI
thread never waits for the disk. Without a service (tests of other views, harnesses) there is
only an in-memory guest.

While a profile is active, what the driver changes (units, theme, climate, seat…) is written
back to it a moment later — once the car has confirmed what the profile itself asked for, so a
switch never copies one driver's settings into another's profile. Nothing is written back in
valet mode.
"""

from __future__ import annotations

import copy
import logging
import secrets
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.profiles.apply import (
    BINDINGS,
    BY_PATH,
    COMFORT,
    HARDWARE,
    KEY_IDENTITY,
    join_labels,
    waiting_message,
)
from cockpit.profiles.schema import ProfileFormatError, default_profile, describe, validate_key_fob
from cockpit.profiles.service import ProfileService
from cockpit.profiles.store import (
    LockedOut,
    LogHeld,
    Profile,
    ProfileDatabase,
    ProfileError,
    ProfileSummary,
    WrongPin,
)
from cockpit.vehicle.driving import GEAR, SPEED, driving_state
from cockpit.vehicle.store import UNCONFIRMED, SignalStore, Status

from .cluster_store import ClusterStore
from .domain import DomainStore, prop
from .settings_store import SettingsStore

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

VALET_SPEED_KMH = 80.0  # valet mode warns above this on the cluster
SAVE_DELAY_MS = 1500  # changes are written back this long after the last one (a burst is one save)
GUEST_NAME = "Guest"


def _guest(display: dict[str, str] | None = None) -> Profile:
    return Profile(secrets.token_hex(16), default_profile(GUEST_NAME, display), None, True, False,
                   secrets.token_bytes(32))


def _erased(erase: Callable[[], Any]) -> str:
    """Run an erase: "" if it all went, else why its last step waits — a reader holds the database's
    log. The profile is gone and its key destroyed either way, so the screen moves on and says so."""
    try:
        erase()
    except LogHeld as exc:
        return str(exc)
    return ""


@QmlElement
@QmlUncreatable("created by the application")
class ProfilesStore(DomainStore):
    changed = Signal()
    notice = Signal(str)  # for the driver, informational (a toast)
    failed = Signal(str)  # for the driver, something did not happen (a toast)
    _done = Signal(object, object)  # (handlers, future): a worker result, delivered on the GUI thread

    def __init__(self, signals: SignalStore, settings: SettingsStore, cluster: ClusterStore,
                 service: ProfileService | None = None, parent: QObject | None = None, *,
                 set_language: Callable[[str], None] | None = None, valet_speed_kmh: float = VALET_SPEED_KMH,
                 clock: Callable[[], float] = time.time, defaults: dict[str, str] | None = None):
        self._settings, self._cluster = settings, cluster
        self._service = service
        self._set_language = set_language
        self._valet_speed_kmh = valet_speed_kmh
        self._clock = clock
        self._summaries: list[ProfileSummary] = []
        self._defaults = defaults  # a guest's display settings: the car's (its variant's units, language, theme)
        self._active: Profile = _guest(defaults)
        self._available = False
        self._problem = "" if service else "Profiles are not stored in this session"
        self._valet = False
        self._prompt = ""  # "" | "profile" | "valetStart" | "valetEnd"
        self._prompt_for: ProfileSummary | None = None
        self._pin_error = ""
        self._locked_until = 0.0
        self._pending_hw: dict[str, Any] = {}
        self._pending_labels: list[str] = []
        self._busy = 0
        self._last_fob: str | None = None
        self._moved = False
        self._expected: dict[str, Any] = {}  # path -> the value the active profile asked the car for
        self._armed: set[str] = set()  # paths the car has confirmed since the switch: changes now are the driver's
        self._theme_armed = False
        self._closed = False
        self._errors: dict[str, str] = {}  # path -> the rollback already reported to the driver
        super().__init__(signals, parent)
        self._paths = self._paths | frozenset(self._capture_paths())
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS, timeout=self._save_now)
        self._lock_timer = QTimer(self, interval=1000, timeout=self._tick_lockout)
        settings.changed.connect(self._settings_changed)
        # Until a driver is identified the car keeps the settings it has: the guest shown then is
        # not applied (choosing Guest applies its defaults).
        if service is not None:
            self._busy += 1
            self._call(self._startup_work, self._started, self._start_failed)

    PATHS = frozenset([GEAR, SPEED, KEY_IDENTITY])

    # ----- what QML sees ----------------------------------------------------------------------

    def compute(self) -> dict[str, Any]:
        doc = self._active.doc
        hidden = self._valet
        active_id = self._active.id
        now = self._clock()
        profiles = [
            {"id": s.id, "name": s.name, "initial": s.initial, "locked": s.has_pin, "active": s.id == active_id,
             "lockedOut": s.locked_until > now}
            for s in self._summaries if not s.guest
        ]
        privacy = [] if hidden else describe(doc)
        if not hidden:
            privacy.insert(1, {"key": "protection", "section": "Key and PIN",
                               "detail": ("linked to a key" if self._active.key_fob else "no key")
                               + (" · PIN" if self._active.has_pin else " · no PIN"), "personal": False})
        gear, speed = self._signals.value(GEAR), self._signals.value(SPEED)
        state = driving_state(gear, speed)
        return {
            "profiles": profiles,
            "activeId": active_id,
            "activeName": GUEST_NAME if self._active.guest else ("" if hidden else self._active.name),
            "activeInitial": "" if hidden else doc["name"][:1].upper(),
            "guest": self._active.guest,
            "hasPin": self._active.has_pin,
            "valet": self._valet,
            "valetSpeedLimit": self.units.speed(self._valet_speed_kmh),
            "speedUnit": self.units.speed_unit(),
            "pinPrompt": self._prompt,
            "pinTitle": self._pin_title(),
            "pinError": self._pin_error,
            "pinLockedOut": self._locked_until > now,
            "pendingHardware": waiting_message(self._pending_labels) if self._pending_hw else "",
            "problem": self._problem,
            "available": self._available,
            "busy": self._busy > 0,
            "privacy": privacy,
            "drivingState": state,
            "parked": state == "parked",
            # for the stores that use them (navigation, phone, media, voice): nothing personal in valet mode
            "places": [] if hidden else [dict(p, key=k) for k, p in doc["places"].items() if p],
            "contacts": [] if hidden else list(doc["contacts"]),
            "mediaFavourites": [] if hidden else list(doc["media"]["favourites"]),
            "recentDestinations": [] if hidden else list(doc["history"]["destinations"]),
            "voiceEnabled": doc["voice"]["enabled"],
            "speechRate": doc["voice"]["speechRate"],
            "language": doc["display"]["language"],
            "driveMode": doc["driveMode"],
            "ambientColor": doc["ambientLight"]["color"],
            "clusterLayout": doc["display"]["clusterLayout"],
        }

    def _pin_title(self) -> str:
        if self._prompt == "profile" and self._prompt_for is not None:
            return f"PIN for {self._prompt_for.name}"
        return {"valetStart": "Choose a valet PIN", "valetEnd": "Valet PIN to leave valet mode"}.get(self._prompt, "")

    def _update(self) -> None:
        new = self.compute()
        if new != self._v:
            self._v = new
            self.changed.emit()

    profiles = prop("QVariantList", "profiles", changed)
    activeId = prop(str, "activeId", changed)
    activeName = prop(str, "activeName", changed)
    activeInitial = prop(str, "activeInitial", changed)
    guest = prop(bool, "guest", changed)
    hasPin = prop(bool, "hasPin", changed)
    valet = prop(bool, "valet", changed)
    valetSpeedLimit = prop(float, "valetSpeedLimit", changed)
    speedUnit = prop(str, "speedUnit", changed)
    pinPrompt = prop(str, "pinPrompt", changed)
    pinTitle = prop(str, "pinTitle", changed)
    pinError = prop(str, "pinError", changed)
    pinLockedOut = prop(bool, "pinLockedOut", changed)
    pendingHardware = prop(str, "pendingHardware", changed)
    problem = prop(str, "problem", changed)
    available = prop(bool, "available", changed)
    busy = prop(bool, "busy", changed)
    privacy = prop("QVariantList", "privacy", changed)
    drivingState = prop(str, "drivingState", changed)
    parked = prop(bool, "parked", changed)
    places = prop("QVariantList", "places", changed)
    contacts = prop("QVariantList", "contacts", changed)
    mediaFavourites = prop("QVariantList", "mediaFavourites", changed)
    recentDestinations = prop("QVariantList", "recentDestinations", changed)
    voiceEnabled = prop(bool, "voiceEnabled", changed)
    speechRate = prop(float, "speechRate", changed)
    language = prop(str, "language", changed)
    driveMode = prop(str, "driveMode", changed)
    ambientColor = prop(str, "ambientColor", changed)
    clusterLayout = prop(str, "clusterLayout", changed)

    # ----- the worker -------------------------------------------------------------------------

    def _call(self, work: Callable[[ProfileDatabase], Any], done: Callable[[Any], None] | None = None,
              error: Callable[[ProfileError], None] | None = None) -> None:
        if self._service is None or self._closed:
            return
        future = self._service.call(work)
        future.add_done_callback(lambda f: self._done.emit((done, error), f))

    @Slot(object, object)
    def _finish(self, handlers: tuple, future: Future) -> None:
        if self._closed:
            return
        done, error = handlers
        try:
            result = future.result()
        except ProfileError as exc:
            if error is not None:
                error(exc)
            else:
                self.failed.emit(str(exc)[:1].upper() + str(exc)[1:])
            self._update()
            return
        except Exception as exc:  # a bug, not the driver's doing: say so and keep running
            log.exception("profiles: unexpected error")
            if error is not None:
                error(ProfileError(f"unexpected error ({exc})"))
            else:
                self.failed.emit(f"Profiles: unexpected error ({exc})")
            self._update()
            return
        if done is not None:
            done(result)
        self._update()

    def wait_idle(self) -> None:
        """Block until queued disk work is done and its results are delivered (tests, shutdown)."""
        from PySide6.QtCore import QCoreApplication

        if self._service is not None and not self._closed:
            self._service.wait()
        QCoreApplication.processEvents()

    @staticmethod
    def _startup_work(db: ProfileDatabase) -> tuple:
        report = db.report
        if db._conn is None:
            return report, False, [], False, 0
        wiped = db.wipe_guests()  # a guest from a drive that ended without the app stopping cleanly
        return report, True, db.summaries(), db.valet_active(), wiped

    def _started(self, result: tuple) -> None:
        report, available, summaries, valet, wiped = result
        self._busy -= 1
        self._available = available
        self._summaries = summaries
        if report.problems:
            self._problem = " ".join(report.problems) + " Driving as Guest."
            self.failed.emit(report.problems[0])
        if wiped:
            log.info("profiles: wiped %d guest profile(s) left from an earlier drive", wiped)
        if valet:
            self._set_valet(True)
        self._identify(self._signals.value(KEY_IDENTITY))

    def _start_failed(self, exc: ProfileError) -> None:
        self._busy = max(0, self._busy - 1)
        self._problem = f"Profiles could not be read: {exc}. Driving as Guest."
        self.failed.emit(self._problem)

    def _reload(self, db: ProfileDatabase) -> list[ProfileSummary]:
        return db.summaries()

    def _set_summaries(self, summaries: list[ProfileSummary]) -> None:
        self._summaries = summaries

    # ----- selecting ----------------------------------------------------------------------------

    @Slot(str)
    def select(self, ident: str) -> None:
        """Switch to a profile (by id or name); a PIN profile asks for its PIN first."""
        if self._valet:
            self.failed.emit("Valet mode: leave it with the valet PIN first")
            return
        summary = next((s for s in self._summaries if ident in (s.id, s.name)), None)
        if summary is None:
            self.failed.emit(f"No profile named {ident!r}")
            return
        if summary.id == self._active.id:
            return
        if summary.has_pin:
            self._open_prompt("profile", summary)
            return
        self._busy += 1
        self._call(lambda db: db.unlock(summary.id), self._unlocked, self._unlock_failed)

    def switch_by_name(self, name: str) -> str:
        """For the voice assistant: '' when switching (or asking for the PIN), else why not."""
        wanted = name.strip().casefold()
        if self._valet:
            return "valet mode is on"
        if wanted == GUEST_NAME.casefold():
            self.useGuest()
            return ""
        summary = next((s for s in self._summaries if not s.guest and s.name.casefold() == wanted), None)
        if summary is None:
            return f"there is no profile called {name}"
        self.select(summary.id)
        return ""

    @Slot()
    def useGuest(self) -> None:
        if self._valet:
            self.failed.emit("Valet mode: leave it with the valet PIN first")
            return
        if not self._active.guest or not self._expected:  # the start-up guest was never applied
            self._activate(self._active if self._active.guest else _guest(self._defaults))

    def start_over(self, prepare: Callable[[ProfileDatabase], Any] | None = None, driver: str = GUEST_NAME) -> None:
        """Someone new in the car (the kiosk's next visitor): the last person's unsaved changes, PIN
        prompt and guest data are dropped and a fresh guest is applied; then ``prepare`` runs on the
        database (the kiosk rebuilds its demo drivers there), the profiles and valet mode are read
        back, and ``driver`` is selected if it is not the guest."""
        self._save_timer.stop()
        self._close_prompt()
        self._activate(_guest(self._defaults), announce=False)
        if self._service is None:
            self._set_valet(False)
            return

        def work(db: ProfileDatabase) -> tuple[list[ProfileSummary], bool]:
            db.wipe_guests()
            if prepare is not None:
                prepare(db)
            return db.summaries(), db.valet_active()

        def done(result: tuple[list[ProfileSummary], bool]) -> None:
            self._summaries, valet = result
            if valet != self._valet:
                self._set_valet(valet)
            if driver != GUEST_NAME:
                self.switch_by_name(driver)

        self._call(work, done)

    def _unlocked(self, profile: Profile) -> None:
        self._busy = max(0, self._busy - 1)
        self._close_prompt()
        self._activate(profile)

    def _unlock_failed(self, exc: ProfileError) -> None:
        self._busy = max(0, self._busy - 1)
        if isinstance(exc, LockedOut):
            self._locked_until = self._clock() + exc.seconds_left
            self._pin_error = self._lockout_text()
            self._lock_timer.start()
        elif isinstance(exc, WrongPin):
            self._pin_error = f"Wrong PIN — {exc.tries_left} {'try' if exc.tries_left == 1 else 'tries'} left"
        elif self._prompt:
            self._pin_error = str(exc)[:1].upper() + str(exc)[1:]
        else:
            self.failed.emit(str(exc)[:1].upper() + str(exc)[1:])
        self._call(self._reload, self._set_summaries)

    def _lockout_text(self) -> str:
        left = max(0, int(self._locked_until - self._clock() + 0.999))
        return f"Too many wrong PINs — try again in {left // 60}:{left % 60:02d}"

    def _tick_lockout(self) -> None:
        if self._locked_until <= self._clock():
            self._lock_timer.stop()
            self._locked_until = 0.0
            if self._pin_error.startswith("Too many"):
                self._pin_error = ""
        elif self._pin_error.startswith("Too many"):
            self._pin_error = self._lockout_text()
        self._update()

    # ----- PIN entry ----------------------------------------------------------------------------

    def _open_prompt(self, kind: str, summary: ProfileSummary | None = None) -> None:
        self._prompt, self._prompt_for = kind, summary
        self._pin_error = ""
        self._locked_until = 0.0
        if summary is not None and summary.locked_until > self._clock():
            self._locked_until = summary.locked_until
            self._pin_error = self._lockout_text()
            self._lock_timer.start()
        self._update()

    def _close_prompt(self) -> None:
        self._prompt, self._prompt_for, self._pin_error, self._locked_until = "", None, "", 0.0
        self._lock_timer.stop()

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        """The PIN pad's four digits, for whatever asked for them (pinPrompt)."""
        if self._locked_until > self._clock():
            self._pin_error = self._lockout_text()
            self._update()
            return
        if self._prompt == "profile" and self._prompt_for is not None:
            target = self._prompt_for.id
            self._busy += 1
            self._call(lambda db: db.unlock(target, pin), self._unlocked, self._unlock_failed)
        elif self._prompt == "valetStart":
            self.startValet(pin)
        elif self._prompt == "valetEnd":
            self.endValet(pin)

    @Slot()
    def cancelPin(self) -> None:
        self._close_prompt()
        self._update()

    # ----- valet mode ----------------------------------------------------------------------------

    @Slot()
    def requestValet(self) -> None:
        """Ask for the PIN that will end valet mode (the PIN pad calls startValet)."""
        if not self._valet:
            self._open_prompt("valetStart")

    @Slot()
    def requestEndValet(self) -> None:
        if self._valet:
            self._open_prompt("valetEnd")

    @Slot(str)
    def startValet(self, pin: str) -> None:
        if self._valet:
            return
        if len(pin) != 4 or not pin.isdigit():
            self._pin_error = "A PIN is 4 digits"
            self._update()
            return
        self._change_valet(True, lambda db: db.start_valet(pin))

    @Slot(str)
    def endValet(self, pin: str) -> None:
        if not self._valet:
            return
        self._change_valet(False, lambda db: db.end_valet(pin))

    def _change_valet(self, on: bool, work: Callable[[ProfileDatabase], None]) -> None:
        """Valet mode on or off once the database has taken the PIN (wrong PIN: the pad says so)."""
        if self._service is None:  # nothing to persist: valet lasts as long as this session
            self._close_prompt()
            self._set_valet(on)
            return
        self._busy += 1

        def done(_: None) -> None:
            self._busy = max(0, self._busy - 1)
            self._close_prompt()
            self._set_valet(on)

        self._call(work, done, self._unlock_failed)

    def _set_valet(self, on: bool) -> None:
        self._valet = on
        self._push_cluster()
        self.notice.emit("Valet mode on: personal data hidden" if on else "Valet mode off")
        self._update()

    def _push_cluster(self) -> None:
        layout = self._active.doc["display"]["clusterLayout"]
        self._cluster.set_driver(valet=self._valet, speed_cap_kmh=self._valet_speed_kmh if self._valet else 0.0,
                                 layout="" if layout == "theme" else layout)

    # ----- applying -------------------------------------------------------------------------------

    def _activate(self, profile: Profile, announce: bool = True) -> None:
        """Make ``profile`` the active one and send its settings to the car."""
        if self._save_timer.isActive():  # the outgoing profile's last changes are not lost
            self._save_timer.stop()
            self._save_now()
        previous = self._active
        self._active = profile
        if previous.guest and previous.id != profile.id and self._service is not None:
            self._call(lambda db: db.wipe_guests())
        self._call(lambda db: db.set_active(None if profile.guest else profile.id))
        doc = profile.doc
        self._expected, self._armed, self._theme_armed = {}, set(), False
        refusals: list[str] = []

        def sent(why: str | None, label: str) -> None:
            if why:
                refusals.append(f"{label}: {why}")

        display = doc["display"]  # the screens' own settings; the car's are the table's (profiles/apply.py)
        if self._settings.property("theme") != display["theme"]:
            self._settings.setTheme(display["theme"])
        self._theme_armed = self._settings.property("theme") == display["theme"]
        if self._set_language is not None:
            self._set_language(display["language"])
        self._push_cluster()
        for b in COMFORT:
            self._expected[b.path] = b.get(doc)
            sent(self.request(b.path, b.get(doc)), b.label)
        for b in HARDWARE:
            self._expected[b.path] = b.get(doc)
        self._pending_hw = {b.path: b.get(doc) for b in HARDWARE}
        self._pending_labels = [b.label for b in HARDWARE]
        if self._is_parked():
            refusals += self._move_hardware()
            if announce:
                self.notice.emit(f"{GUEST_NAME if profile.guest else profile.name}: settings applied")
        elif announce:
            self.notice.emit(f"{'Guest' if profile.guest else profile.name}: "
                             + waiting_message(self._pending_labels)[:1].upper()
                             + waiting_message(self._pending_labels)[1:])
        if refusals:
            self.failed.emit("Not applied — " + "; ".join(dict.fromkeys(refusals)))
        self._capture_check()  # what already matches is confirmed now
        self._update()

    def _is_parked(self) -> bool:
        return driving_state(self._signals.value(GEAR), self._signals.value(SPEED)) == "parked"

    def _move_hardware(self) -> list[str]:
        refusals = []
        labels = dict(zip([b.path for b in HARDWARE], [b.label for b in HARDWARE], strict=True))
        for path, value in self._pending_hw.items():
            if why := self.request(path, value):
                refusals.append(f"{labels[path]}: {why}")
        self._pending_hw, self._pending_labels = {}, []
        return refusals

    # ----- reacting to the car ---------------------------------------------------------------------

    def apply(self, batch: dict) -> None:
        super().apply(batch)
        if self._paths.isdisjoint(batch):
            return
        state = driving_state(self._signals.value(GEAR), self._signals.value(SPEED))
        if state == "moving":
            self._moved = True
        elif state == "parked":
            if self._pending_hw:
                refusals = self._move_hardware()
                self.notice.emit("Parked: moving the seat, mirrors and steering wheel to your positions")
                if refusals:
                    self.failed.emit("Not applied — " + "; ".join(dict.fromkeys(refusals)))
            if self._moved:
                self._moved = False
                self._end_of_drive()
        if KEY_IDENTITY in batch:
            self._identify(self._signals.value(KEY_IDENTITY))
        self._report_rollbacks(batch)
        self._capture_check(batch)
        self._update()

    def _report_rollbacks(self, batch: dict) -> None:
        """Seat, mirrors, drive mode…: a target the car did not confirm in time, or refused (with its
        reason: a gateway's rules), is said once."""
        failed, refused = [], []
        for b in (b for b in BINDINGS if not b.on_screen):
            r = batch.get(b.path)
            if r is None:
                continue
            if r.error and self._errors.get(b.path) != r.error:
                self._errors[b.path] = r.error
                if UNCONFIRMED in r.error:
                    failed.append(b.label)
                else:
                    refused.append(r.error)
            elif not r.error:
                self._errors.pop(b.path, None)
        if failed:
            self.failed.emit(f"{join_labels(failed)}: not confirmed by the car, left as they were")
        if refused:
            self.failed.emit("Not applied — " + "; ".join(dict.fromkeys(refused)))

    def _identify(self, fob: Any) -> None:
        """A key fob the car has detected selects its profile (once per key presented)."""
        if not isinstance(fob, str) or not fob or fob == self._last_fob or not self._available:
            return
        self._last_fob = fob
        try:
            validate_key_fob(fob)  # no profile can be linked to it: said once, escaped (the car sent garbage)
        except ProfileFormatError as exc:
            log.warning("profiles: the car reported a key no profile can have: %s", exc)
            return
        summary = next((s for s in self._summaries if s.key_fob == fob and not s.guest), None)
        if summary is None or summary.id == self._active.id or self._valet:
            return
        log.info("profiles: key %s selects a profile", "…" + fob[-2:])
        self.select(summary.id)

    def _end_of_drive(self) -> None:
        """Parked after driving: a guest's data does not outlive the drive."""
        if self._active.guest and self._service is not None:
            self._save_timer.stop()
            self._call(lambda db: db.wipe_guests())
            self._active = _guest(self._defaults)  # fresh and not applied: the next driver picks their own
            self._expected, self._armed = {}, set()
            self.notice.emit("End of drive: guest data erased")

    # ----- writing the driver's changes back -------------------------------------------------------

    def _capture_paths(self) -> list[str]:
        return [b.path for b in BINDINGS]

    def _capture_check(self, batch: dict | None = None) -> None:
        changed = False
        for path, expected in self._expected.items():
            if batch is not None and path not in batch:
                continue
            r = self._signals.get(path)
            if r.status is not Status.AVAILABLE or r.target is not None or r.error:
                continue
            if path not in self._armed:
                if r.value == expected:
                    self._armed.add(path)
                continue
            if r.value != expected and not self._valet and path not in self._pending_hw:
                if self._remember(path, r.value):
                    self._expected[path] = r.value
                    changed = True
        if changed:
            self._save_timer.start()

    def _remember(self, path: str, value: Any) -> bool:
        doc = copy.deepcopy(self._active.doc)
        BY_PATH[path].put(doc, value)
        from cockpit.profiles.schema import validate

        try:
            self._active.doc = validate(doc)
        except ProfileFormatError as exc:  # the car reports something a profile cannot hold: keep the old
            log.info("profiles: not remembering %s=%r: %s", path, value, exc)
            return False
        return True

    def _settings_changed(self) -> None:
        theme = self._settings.property("theme")
        wanted = self._active.doc["display"]["theme"]
        if not self._theme_armed:
            self._theme_armed = theme == wanted
            return
        if theme and theme != wanted and not self._valet:
            self._active.doc["display"]["theme"] = theme
            self._save_timer.start()
            self._update()

    def _save_now(self) -> None:
        snapshot = copy.deepcopy(self._active)
        self._call(lambda db: db.save(snapshot, create=snapshot.guest))

    # ----- privacy: export and erase ------------------------------------------------------------------

    @Slot(str)
    def exportProfile(self, ident: str) -> None:
        """Export the active profile to the data folder's exports/ (readable JSON)."""
        if not self._check_own(ident, "export"):
            return
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_now()
        snapshot = copy.deepcopy(self._active)
        self._busy += 1

        def exported(path: Any) -> None:
            self._busy = max(0, self._busy - 1)
            self.notice.emit(f"Exported to {path}")

        self._call(lambda db: db.export_to_folder(snapshot.id, profile=snapshot), exported, self._op_failed)

    @Slot(str)
    def eraseProfile(self, ident: str) -> None:
        """Erase the active profile from the car (the view has asked the driver to confirm)."""
        if not self._check_own(ident, "erase"):
            return
        self._save_timer.stop()
        target = self._active
        self._busy += 1

        def erased(result: tuple[list[ProfileSummary], str]) -> None:
            self._summaries, held = result
            self._busy = max(0, self._busy - 1)
            self._activate(_guest(self._defaults), announce=False)
            self._say_erased(held, f"{'Guest data' if target.guest else target.name} erased from this car")

        def work(db: ProfileDatabase) -> tuple[list[ProfileSummary], str]:
            held = ""
            if not target.guest or any(s.id == target.id for s in db.summaries()):
                held = _erased(lambda: db.erase(target.id))
            return db.summaries(), held

        self._call(work, erased, self._op_failed)

    @Slot()
    def eraseAll(self) -> None:
        """Erase every profile, the valet PIN and recovery copies (the view has asked to confirm)."""
        if self._valet:
            self.failed.emit("Valet mode: leave it with the valet PIN first")
            return
        if self._service is None:
            self._activate(_guest(self._defaults), announce=False)
            return
        self._save_timer.stop()
        self._busy += 1

        def erased(held: str) -> None:
            self._busy = max(0, self._busy - 1)
            self._summaries = []
            self._activate(_guest(self._defaults), announce=False)
            self._say_erased(held, "All profiles erased from this car")

        self._call(lambda db: _erased(db.erase_all), erased, self._op_failed)

    def _say_erased(self, held: str, done: str) -> None:
        if held:
            self.failed.emit(held[:1].upper() + held[1:])
        else:
            self.notice.emit(done)

    def _check_own(self, ident: str, what: str) -> bool:
        if self._valet:
            self.failed.emit("Valet mode: leave it with the valet PIN first")
            return False
        if ident not in (self._active.id, ""):
            self.failed.emit(f"Open a profile (with its PIN) to {what} it")
            return False
        if self._service is None:
            self.failed.emit("Profiles are not stored in this session")
            return False
        return True

    def _op_failed(self, exc: ProfileError) -> None:
        self._busy = max(0, self._busy - 1)
        self.failed.emit(str(exc)[:1].upper() + str(exc)[1:])

    # ----- end ----------------------------------------------------------------------------------------

    def close(self) -> None:
        """The app stops: the active profile's last changes are saved, a guest's data is wiped."""
        if self._closed:
            return
        dirty = self._save_timer.isActive()
        self._save_timer.stop()
        self._lock_timer.stop()
        if self._service is not None:
            snapshot = copy.deepcopy(self._active)
            if dirty and not snapshot.guest:
                self._service.call(lambda db: db.save(snapshot) if db._conn is not None else None)
            self._closed = True
            self._service.close(last=lambda db: db.wipe_guests() if db._conn is not None else None)
        self._closed = True
