"""The kiosk: ``cockpit demo --kiosk``. Borderless full-screen windows (the cluster and the center
screen on two screens, or side by side on one), the cursor hidden, the tour playing until a
visitor touches the screen, a reset after a quiet spell, the operator's PIN to leave, systemd
notifications, and the state that survives a restart.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import os
import signal
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import PySide6.QtQuick  # noqa: F401 - root objects as QQuickWindows
from PySide6.QtCore import QObject, QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtQuick import QQuickItem, QQuickWindow

from cockpit.app import Cockpit, QmlLoadError, messages
from cockpit.gui import gui_application
from cockpit.hmi.climate_store import STATION
from cockpit.variant import CENTER_SIZE, CLUSTER_SIZE, Variant

from .config import KioskConfig
from .demo_profiles import DemoProfiles
from .drive import HEALTHY_TIRES, KioskDrive, tire_values
from .idle import IdleMonitor
from .lockdown import CloseGuard, KeyGuard, PinGate
from .state import FileWriter, StateKeeper
from .store import KioskStore
from .tour import Step, Tour, TourPlayer
from .watchdog import Watchdog

log = logging.getLogger(__name__)

TICK_MS = 250
STATUS_EVERY_S = 0.5
VISITOR_HINT_S = 6.0
COUNTDOWN_S = 15.0  # the last seconds before a reset are counted down on the caption line

VISITOR_HINT = "You're in control: explore! The demo starts again after {idle} s without a touch."
COUNTDOWN = "The demo starts again in {s} s. Touch the screen to keep exploring."
PIN_WRONG = "Wrong PIN. {n} more {tries} before the pad locks."
PIN_LOCKED = "Too many wrong PINs. Try again in {s} s."


class Kiosk(QObject):
    def __init__(self, config: KioskConfig, tour: Tour, cockpit: Cockpit, drive: KioskDrive,
                 app: QGuiApplication, screens: list[QScreen] | None = None, start_step: int | None = None,
                 demo: DemoProfiles | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        # Idle time, hints and the tour's timeline are measured on this clock (a test steps it).
        self._clock = clock
        self.config = config
        self.tour = tour
        self.cockpit = cockpit
        self.drive = drive
        self.app = app
        self.writer = FileWriter()
        self.keeper = StateKeeper(config.resolved_state_file(), self.writer)
        self.gate = PinGate(config.pin, config.unlock, self.keeper)
        self.demo = demo  # the demo drivers, rebuilt at every reset
        self.store = KioskStore(config.unlock.corner, config.unlock.hold_s, cockpit.engine)
        self.store.cornerHeld.connect(self._corner_held)
        self.store.pinEntered.connect(self._pin_entered)
        self.watchdog = Watchdog(self)
        self.idle = IdleMonitor(clock, parent=self)
        self.idle.input.connect(self._visitor_input)
        self.keys = KeyGuard(self)
        self.closes = CloseGuard(self)
        self.player = TourPlayer(tour, self._run_step, config.speedup, clock, parent=self)
        self.player.finished.connect(lambda: self.reset("the tour ended"))
        self.player.captionChanged.connect(self._tour_caption)
        self.player.stepStarted.connect(self._step_started)
        drive.restarted.connect(self._new_car)
        self.touring = True
        self.unlocked = False
        self.windows: list[QQuickWindow] = []
        self._screens = screens if screens is not None else QGuiApplication.screens()
        self._start_step = self.keeper.state.tour_step if start_step is None else start_step
        if not 0 <= self._start_step < len(tour.steps):
            self._start_step = 0
        self._hint_until = 0.0
        self._tour_waits_for_car = False  # after a reset the tour starts again with the new car
        self._last_status = 0.0
        self._status_text = ""
        self.resets = 0
        self.last_reset: dict[str, Any] = {}  # what the cockpit looked like right after the last reset
        self._ticker = QTimer(self, interval=TICK_MS, timeout=self._tick)

    # ----- start ----------------------------------------------------------------------------------

    @property
    def layout(self) -> list[tuple[QScreen, tuple[str, ...]]]:
        """Which views go on which screen: two screens (the widest takes the cluster), or one. A car
        whose cluster is integrated in its center screen has one view."""
        screens = self._screens
        if self.cockpit.variant.displays.integrated:
            return [(screens[0], ("center",))]
        two = len(screens) >= 2 and self.config.screens in ("auto", "two")
        if self.config.screens == "two" and len(screens) < 2:
            log.warning("kiosk: screens: two, but there is only one screen; showing both side by side")
        if two:
            by_aspect = sorted(screens[:2], key=lambda s: s.geometry().width() / max(1, s.geometry().height()),
                               reverse=True)
            return [(by_aspect[0], ("cluster",)), (by_aspect[1], ("center",))]
        return [(screens[0], ("cluster", "center"))]

    def start(self) -> None:
        """Two-stage start: the cluster's first frame, then the center screen, then READY."""
        s = self.keeper.state
        s.starts += 1
        self.keeper.save()
        if self.config.placeholder_pin:
            log.warning("kiosk: the operator PIN is still the shipped placeholder; set your own in %s",
                        self.config.file)
        self.app.setQuitOnLastWindowClosed(False)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.app.installEventFilter(self.keys)
        self.app.installEventFilter(self.idle)
        self.cockpit.bridge.start()
        # a restart resumes the tour at the step it was at, with the car where it was then
        self.drive.start_offset_s = self.tour.steps[self._start_step].at if self._start_step else 0.0
        self.drive.start(self.cockpit.signals)
        layout = self.layout
        for screen, views in layout:
            self.windows.append(self._window(screen, views, captions="center" in views))
        first = self.windows[0]  # the cluster's
        first.showFullScreen()

        def second_stage() -> None:
            for w in self.windows:
                w.setProperty("showCenter", True)
                if not w.isVisible():
                    w.showFullScreen()
            self._window_of("center").frameSwapped.connect(self._ready, Qt.ConnectionType.SingleShotConnection)
            self.player.start(self._start_step)  # its steps may show a center screen page

        first.frameSwapped.connect(second_stage, Qt.ConnectionType.SingleShotConnection)
        self._ticker.start()

    def _ready(self) -> None:
        self.watchdog.ready(self._status_line())
        if (voice := self.cockpit.voice) is not None:
            voice.warm_up()  # the recognizer loads now, not at the tour's voice step
        log.info("kiosk ready: %d window(s), tour %s", len(self.windows), self.tour.file)

    def _window(self, screen: QScreen, views: tuple[str, ...], captions: bool) -> QQuickWindow:
        """A kiosk window holding ``views`` at their design sizes, composed in QML from the root store."""
        props: dict[str, Any] = {"kiosk": self.store, "captions": captions, "place": ",".join(views),
                                 "showCenter": "cluster" not in views}  # else once the cluster's first frame is out
        for view in views:
            props[f"{view}Size"] = self._design_size(view)
        try:
            window = self.cockpit.open_window("kiosk-" + "-".join(views), "Cockpit.Kiosk", "Kiosk", props)
        except QmlLoadError as exc:
            raise RuntimeError(str(exc)) from None
        window.setFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.installEventFilter(self.closes)
        return window

    def _window_of(self, view: str) -> QQuickWindow:
        return next(w for w in self.windows if view in str(w.property("place")).split(","))

    def _design_size(self, view: str) -> QSize:
        """The size a view is drawn for (a kiosk shows it so, scaled to fit): the variant's."""
        d = self.cockpit.variant.displays
        return QSize(*CLUSTER_SIZE) if view == "cluster" else QSize(d.center_width, CENTER_SIZE[1])

    # ----- the tour ---------------------------------------------------------------------------------

    def _run_step(self, step: Step) -> None:
        a = step.actions
        log.info("kiosk tour step %d at %g s: %s", step.number, step.at, ", ".join(a) or "caption")
        if "page" in a:
            self.show_page(a["page"])
        if "theme" in a:
            self.cockpit.settings.setTheme(a["theme"])
        if "profile" in a:
            if why := self.cockpit.profiles.switch_by_name(a["profile"]):
                log.warning("kiosk: profile %r not selected: %s", a["profile"], why)
        if "climate" in a:
            self._climate(a["climate"])
        if "indicator" in a and (why := self.cockpit.cluster.signalTurn(a["indicator"])):
            log.warning("kiosk tour: indicator %s refused: %s", a["indicator"], why)
        if "cruise" in a:
            c = a["cruise"]
            if why := self.cockpit.cluster.cruiseOff() if c == "off" else self.cockpit.cluster.setCruise(float(c)):
                log.warning("kiosk tour: cruise control %s refused: %s", c, why)
        if "tire" in a:
            tire = a["tire"]
            self.drive.held.hold(HEALTHY_TIRES if tire == "ok" else tire_values(tire["wheel"], tire["pressure_kpa"]))
        if "voice" in a:
            if self.cockpit.voice is None:  # a car without the assistant: the step's caption only
                log.info("kiosk tour: step %d speaks to a voice assistant this car does not have", step.number)
            else:
                self.cockpit.voice.listenToFile(str(a["voice"]))

    def _step_started(self, index: int) -> None:
        self.keeper.state.tour_step = index
        self.keeper.save()

    def _climate(self, c: dict) -> None:
        climate, zone = self.cockpit.climate, c["zone"]
        if "temperature" in c:
            r = self.cockpit.signals.get(STATION[zone] + "Temperature")
            now = r.target if r.target is not None else (r.value if r.value is not None else 21.0)
            steps = round((c["temperature"] - float(now)) / 0.5)
            if steps:
                climate.stepTemperature(zone, steps)
        if "fan" in c:
            climate.setFan(zone, c["fan"])
        if "seat_heat" in c:
            climate.setSeatHeat(zone, c["seat_heat"])

    def _tour_caption(self) -> None:
        if self.touring:
            self.store.update(caption=self.player.caption, captionTone="tour")

    def show_page(self, name: str) -> None:
        self.store.show_page(name)

    @property
    def page(self) -> str:
        return self.store.page_shown

    # ----- visitors ---------------------------------------------------------------------------------

    def _visitor_input(self) -> None:
        if not self.touring:
            return
        self.touring = False
        self.player.pause()
        self.keeper.state.visitor_sessions += 1
        self.keeper.save()
        self._hint_until = self._clock() + VISITOR_HINT_S
        self.store.update(touring=False, captionTone="visitor",
                          caption=VISITOR_HINT.format(idle=round(self.config.idle_reset_s)))
        log.info("kiosk: a visitor took over; the tour is paused")

    def reset(self, why: str) -> None:
        """A fresh cockpit for the next visitor: home screen, default theme and profile, a new car
        (default climate), nothing of the last visitor kept; the tour starts again."""
        log.info("kiosk reset: %s", why)
        s = self.keeper.state
        if self.touring:
            s.tour_loops += 1
        else:
            s.idle_resets += 1
        self.player.stop()
        self.store.closePinPad()
        self.show_page(self.config.page)
        # the visitor's words, and whatever they did to a profile (the demo drivers are rebuilt);
        # before the theme, as a fresh guest brings the default theme with it
        if self.cockpit.voice is not None:
            self.cockpit.voice.forget()
        self.cockpit.profiles.start_over(self.demo.rebuild if self.demo is not None else None, self.config.profile)
        if self.cockpit.theme.property("name") != self.config.theme:
            self.cockpit.settings.setTheme(self.config.theme)
        self.drive.held.hold_only(HEALTHY_TIRES)
        self.drive.restart(0.0)
        self.idle.reset()
        self.touring = True
        self.resets += 1
        s.tour_step = 0
        self.keeper.save()
        self.store.update(touring=True, caption="", captionTone="tour", progress=0.0)
        self.last_reset = {"why": why, "page": self.page, "theme": self.cockpit.theme.property("name"),
                           "profile": self.cockpit.profiles.property("activeName"), "tires_low": self._tires_low(),
                           "pin_pad": bool(self.store.property("pinPadOpen"))}
        # nobody is watching between visitors: a good moment for the JavaScript and Python
        # collectors, rather than in the middle of someone's touch
        self.cockpit.engine.collectGarbage()
        gc.collect()
        # The tour starts again once the new car is in (it takes a moment to prepare): its steps,
        # a low tire say, are for that car, not for the one on its way out.
        self._tour_waits_for_car = True

    def _new_car(self) -> None:
        self.last_reset["car"] = {"driver_temperature": self.cockpit.signals.value(STATION["driver"] + "Temperature"),
                                  "tires_low": self._tires_low()}
        if self._tour_waits_for_car:
            self._tour_waits_for_car = False
            if self.touring:  # else a visitor came meanwhile: their idle reset restarts it
                self.player.start(0)

    def _tires_low(self) -> list[str]:
        return sorted(p for p in HEALTHY_TIRES if p.endswith("IsPressureLow") and self.cockpit.signals.value(p))

    # ----- the operator ---------------------------------------------------------------------------------

    def _corner_held(self, where: str) -> None:
        left = self.gate.locked_for()
        self.store.open_pin_pad(where, PIN_LOCKED.format(s=math.ceil(left)) if left > 0 else "", locked=left > 0)
        log.info("kiosk: PIN pad opened")

    def _pin_entered(self, entered: str) -> None:
        result = self.gate.check(entered)
        if result.ok:
            self.quit_by_operator()
        elif result.locked_s > 0:
            self.store.update(pinLocked=True, pinMessage=PIN_LOCKED.format(s=math.ceil(result.locked_s)))
        else:
            n = result.attempts_left
            self.store.update(pinMessage=PIN_WRONG.format(n=n, tries="try" if n == 1 else "tries"))

    def quit_by_operator(self) -> None:
        log.warning("kiosk: left by the operator")
        self.unlocked = True
        self.closes.unlocked = True
        self.store.closePinPad()
        self.write_status()
        self.app.exit(0)

    # ----- every quarter second ---------------------------------------------------------------------

    def _tick(self) -> None:
        now = self._clock()
        if self.touring:
            length = self.tour.length_s
            self.store.update(progress=round(min(1.0, self.player.position_s / length) * 400) / 400)
        else:
            remaining = self.config.idle_reset_s - self.idle.idle_for()
            if remaining <= 0:
                self.reset(f"no input for {self.config.idle_reset_s:g} s")
            elif remaining <= COUNTDOWN_S:
                self.store.update(caption=COUNTDOWN.format(s=math.ceil(remaining)), captionTone="visitor")
            elif now >= self._hint_until:
                self.store.update(caption="")
        if self.store.property("pinLocked"):
            left = self.gate.locked_for()
            if left > 0:
                self.store.update(pinMessage=PIN_LOCKED.format(s=math.ceil(left)))
            else:
                self.store.update(pinLocked=False, pinMessage="")
        self.watchdog.status(self._status_line())
        if self.config.status_file is not None and now - self._last_status >= STATUS_EVERY_S:
            self._last_status = now
            self.write_status()

    def _status_line(self) -> str:
        if not self.touring:
            return "a visitor is in control"
        step = self.player.current_index
        return f"touring: step {max(step, 0) + 1} of {len(self.tour.steps)}"

    # ----- state for monitoring and tests -------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """The kiosk as Qt sees it (not as it was asked to be): windows, cursor, tour, PIN pad."""
        cursor = QGuiApplication.overrideCursor()
        windows = []
        for w in self.windows:
            g, sg = w.geometry(), w.screen().geometry()
            windows.append({
                "views": str(w.property("place")).split(","),
                "title": w.title(),
                "winId": int(w.winId()),
                "visible": w.isVisible(),
                "screen": w.screen().name(),
                "geometry": [g.x(), g.y(), g.width(), g.height()],
                "screenGeometry": [sg.x(), sg.y(), sg.width(), sg.height()],
                "frameless": bool(w.flags() & Qt.WindowType.FramelessWindowHint),
                "fullScreen": bool(w.windowStates() & Qt.WindowState.WindowFullScreen),
                "corner": self._centre(w, "cornerGesture"),
            })
        where = self.store.property("pinPadWhere")
        pad = next((w for w in self.windows if w.property("place") == where), None)
        keys = {}
        if pad is not None and self.store.property("pinPadOpen"):
            for key in (*"0123456789", "del", "ok", "cancel"):
                keys[key] = self._centre(pad, f"pinKey_{key}")
        s = self.keeper.state
        return {
            "pid": os.getpid(),
            "time": time.time(),
            "mode": "tour" if self.touring else "visitor",
            "cursor": cursor.shape().name if cursor is not None else None,
            "windows": windows,
            "tour": {"step": self.player.current_index, "steps": len(self.tour.steps),
                     "position_s": round(self.player.position_s, 2), "caption": self.store.property("caption"),
                     "file": str(self.tour.file)},
            "page": self.page,
            "theme": self.cockpit.theme.property("name"),
            "profile": self.cockpit.profiles.property("activeName"),
            "voice": (self.cockpit.voice.property("engine") or self.cockpit.voice.property("error")
                      if self.cockpit.voice is not None else None),
            "idle_s": round(self.idle.idle_for(), 2),
            "resets": self.resets,
            "drive_restarts": self.drive.restarts,
            "pin_pad": {"open": bool(self.store.property("pinPadOpen")), "entered": self.store.property("pinLength"),
                        "locked": bool(self.store.property("pinLocked")),
                        "message": self.store.property("pinMessage"), "keys": keys},
            "swallowed_keys": self.keys.swallowed,
            "ignored_closes": self.closes.ignored,
            "tires_low": self._tires_low(),
            "last_reset": self.last_reset,
            "driver_temperature": self.cockpit.signals.value(STATION["driver"] + "Temperature"),
            "qml_warnings": len(messages.warnings),
            "state": {**s.__dict__},
            "watchdog": {"ready": self.watchdog.ready_sent, "pings": self.watchdog.pings},
        }

    def _centre(self, window: QQuickWindow, name: str) -> list[int] | None:
        item = _item(window, name)
        if item is None or not item.isVisible():
            return None
        p = item.mapToGlobal(QPointF(item.width() / 2, item.height() / 2))
        return [round(p.x()), round(p.y())]

    def write_status(self) -> None:
        if self.config.status_file is not None:
            self.writer.write(self.config.status_file, json.dumps(self.status(), indent=1))

    # ----- end ----------------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop everything the kiosk runs and take its windows down (the Cockpit closes after)."""
        self._ticker.stop()
        self.player.stop()
        self.watchdog.stopping()
        self.app.removeEventFilter(self.keys)
        self.app.removeEventFilter(self.idle)
        self.closes.unlocked = True
        QGuiApplication.restoreOverrideCursor()
        self.keeper.save()
        self.writer.close()
        for key in [k for k in self.cockpit.windows if k.startswith("kiosk-")]:
            self.cockpit.close_window(key)
        self.windows.clear()


def _item(window: QQuickWindow, name: str) -> QQuickItem | None:
    """A named item anywhere in a window's item tree (Repeater delegates included): where the
    operator's targets are, for the status file only (the X11 tests press them); the kiosk
    composes nothing this way."""
    todo = [window.contentItem()]
    while todo:
        item = todo.pop()
        if item.objectName() == name:
            return item
        todo.extend(item.childItems())
    return None


def run_kiosk(config: KioskConfig, theme_dirs: list[Path] = (), speedup: float | None = None,
              variant: Variant | None = None) -> int:
    """``cockpit demo --kiosk``: run until the operator's PIN (exit 0) or SIGTERM/SIGINT."""
    from cockpit.resources import THEMES_DIR
    from cockpit.theming.tokens import theme_files

    from .tour import load_tour

    names = {f.name.removesuffix(".tokens.json") for d in (*theme_dirs, THEMES_DIR) for f in theme_files(d)}
    tour = load_tour(config.tour, names)  # a bad script stops here, before any window opens
    if speedup is not None:
        config = replace(config, speedup=speedup)
    app = gui_application()
    drive = KioskDrive(tour.drive, config.speedup, tour.scripted_paths())
    profiles = DemoProfiles(tour.demo_drivers())
    try:
        cockpit = Cockpit(source=drive, theme=config.theme, theme_dirs=list(theme_dirs), profiles=profiles.service,
                          variant=variant)
        kiosk = Kiosk(config, tour, cockpit, drive, app, demo=profiles)
        try:
            kiosk.start()
        except Exception:
            kiosk.close()
            cockpit.close()
            raise
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: app.exit(0))
        code = app.exec()
        kiosk.close()
        cockpit.close()
    finally:
        profiles.close()
    return code
