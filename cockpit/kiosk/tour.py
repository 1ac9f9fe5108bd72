"""The attract loop: a tour script (a data file a demo operator edits) and the player that runs it.

A script is YAML::

    drive: {cycle: wltc, seed: 1, start_s: 1160}   # the simulated drive under the tour
    length_s: 300                                  # then everything resets and the tour starts again
    profiles: {Alex: {theme: city-dark, temperature: 22.5}}   # demo drivers the steps switch to
    steps:
      - at: 0                                      # seconds into the tour
        caption: "A simulated EV drives the WLTC test cycle."
        page: home
      - at: 12
        indicator: left

Each step has ``at`` and a caption, one or more actions, or both (see ``ACTIONS``). Checking is
strict and names the file, the step number and the reason, so an operator's typo is found when
the kiosk starts (or with ``cockpit kiosk check``), not in the middle of a trade show.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from cockpit.documents import shown, unreadable
from cockpit.pages import CENTER_PAGES
from cockpit.resources import THEMES_DIR
from cockpit.sim.cycles import CYCLE_FILES, load_cycle
from cockpit.theming.tokens import theme_files
from cockpit.vehicle.catalogue import SETPOINT, default_catalogue
from cockpit.vehicle.hvac import FAN_LEVELS, HEAT_LEVELS
from voice.audio import read_wav
from voice.errors import AudioError

from .config import read_yaml

log = logging.getLogger(__name__)

MAX_CAPTION_CHARS = 120  # text while driving: at most 120 Latin characters (Android CarUxRestrictions)
DEFAULT_CAPTION_S = 10.0
GUEST = "Guest"  # the profile with nothing personal in it (cockpit.hmi.profiles_store)
WHEELS = {
    "front-left": "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire",
    "front-right": "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire",
    "rear-left": "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire",
    "rear-right": "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire",
}
CRUISE_KMH = (30.0, 200.0)
INDICATOR = "Vehicle.Body.Lights.DirectionIndicator."
CRUISE = "Vehicle.ADAS.CruiseControl."
# the signals each kind of step drives through actuator requests
SCRIPTED = {
    "indicator": (INDICATOR + "Left.IsSignaling", INDICATOR + "Right.IsSignaling"),
    "cruise": (CRUISE + "IsEnabled", CRUISE + "IsActive", CRUISE + "SpeedSet"),
}
ACTIONS = {
    "page": "center screen page: " + ", ".join(CENTER_PAGES),
    "theme": "a theme name (see 'cockpit themes list')",
    "profile": "a driver profile name",
    "climate": "{zone: driver|passenger, temperature: 16-28, fan: 0-7, seat_heat: 0-3}",
    "indicator": "left, right or off",
    "cruise": "a set speed in km/h (30-200), or off",
    "tire": "{wheel: front-left|front-right|rear-left|rear-right, pressure_kpa: N}, or ok",
    "voice": "a WAV file (next to the tour file) fed to the voice assistant",
}
_STEP_KEYS = {"at", "caption", "caption_s", *ACTIONS}


class TourError(ValueError):
    """A tour script that cannot run; names the file, the step (1-based) and the reason."""

    def __init__(self, file: Path | str, reason: str, step: int | None = None):
        self.file = str(file)
        self.step = step
        self.reason = reason
        where = f"{file}: step {step}: " if step is not None else f"{file}: "
        super().__init__(where + reason)


@dataclass(frozen=True)
class Drive:
    cycle: str = "wltc"
    seed: int = 1
    start_s: float = 0.0  # where in the cycle the tour's drive begins


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, as errors and logs name it
    at: float
    caption: str = ""
    caption_s: float = DEFAULT_CAPTION_S
    actions: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Tour:
    file: Path
    drive: Drive
    length_s: float
    steps: tuple[Step, ...]
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # demo driver -> theme, temperature

    def scripted_paths(self) -> frozenset[str]:
        """The car's signals the tour's steps drive (cruise control, indicators): the simulator's own
        scenario leaves them alone, or it would undo a step (its cruise control sets 95 km/h)."""
        kinds = {kind for s in self.steps for kind in s.actions}
        return frozenset(path for kind, paths in SCRIPTED.items() if kind in kinds for path in paths)

    def demo_drivers(self) -> dict[str, dict[str, Any]]:
        """Every driver the tour declares or a step switches to (but the guest), with their settings."""
        names = [*self.profiles, *(s.actions["profile"] for s in self.steps if "profile" in s.actions)]
        return {n: self.profiles.get(n, {}) for n in dict.fromkeys(names) if n.casefold() != GUEST.casefold()}

    def index_at(self, t: float) -> int:
        """The index of the first step due after ``t`` seconds of tour (len(steps) when none)."""
        return next((i for i, s in enumerate(self.steps) if s.at > t), len(self.steps))


def load_tour(file: Path | str, themes: Iterable[str] | None = None) -> Tour:
    """Read and check a tour script; ``themes`` are the theme names a step may use (default: the shipped)."""
    path = Path(file)
    data = read_yaml(path, TourError)
    if themes is None:
        themes = [f.name.removesuffix(".tokens.json") for f in theme_files(THEMES_DIR)]
    known = set(themes)
    return parse_tour(data, path, known)


def parse_tour(data: Any, path: Path, themes: set[str]) -> Tour:
    if not isinstance(data, dict):
        raise TourError(path, "expected a mapping with 'steps:' (and optionally 'drive:', 'length_s:')")
    unknown = sorted(set(map(str, data)) - {"drive", "length_s", "steps", "title", "profiles"})
    if unknown:
        raise TourError(path, f"unknown key {shown(unknown[0])}; a tour has title, drive, length_s, profiles and steps")
    drive = _drive(data.get("drive", {}), path)
    profiles = _profiles(data.get("profiles", {}), path, themes)
    steps_data = data.get("steps")
    if not isinstance(steps_data, list) or not steps_data:
        raise TourError(path, "'steps' must be a non-empty list of steps (- at: 0 …)")
    steps: list[Step] = []
    previous = 0.0
    for number, raw in enumerate(steps_data, start=1):
        step = _step(raw, number, path, themes)
        if step.at < previous:
            raise TourError(path, f"'at' {step.at:g} s comes before the previous step's {previous:g} s; "
                            "steps are in time order", number)
        previous = step.at
        steps.append(step)
    length = data.get("length_s", previous + DEFAULT_CAPTION_S)
    if isinstance(length, bool) or not isinstance(length, int | float) or not math.isfinite(length):
        raise TourError(path, f"'length_s' must be a number of seconds, got {shown(length)}")
    if length <= 0 or length < previous:
        raise TourError(path, f"'length_s' {length:g} s must be positive and not before the last step ({previous:g} s)")
    return Tour(path, drive, float(length), tuple(steps), profiles)


def _profiles(data: Any, path: Path, themes: set[str]) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise TourError(path, "'profiles' must map a demo driver's name to {theme:, temperature:}")
    out = {}
    for name, settings in data.items():
        where = shown(f"profiles.{name}")
        if not isinstance(name, str) or not name.strip() or name.casefold() == GUEST.casefold():
            raise TourError(path, f"{where}: a demo driver needs a name other than {GUEST}")
        settings = settings or {}
        if not isinstance(settings, dict) or set(settings) - {"theme", "temperature"}:
            raise TourError(path, f"{where} must be a mapping with theme and/or temperature")
        if "theme" in settings and not (isinstance(settings["theme"], str) and settings["theme"] in themes):
            raise TourError(path, f"{where}.theme {shown(settings['theme'])} is not an available theme; "
                            f"choose from {', '.join(sorted(themes))}")
        if why := _setpoint_problem(settings.get("temperature", 21.0)):
            raise TourError(path, f"{where}.temperature: {why}")
        out[name.strip()] = dict(settings)
    return out


def _drive(data: Any, path: Path) -> Drive:
    if not isinstance(data, dict):
        raise TourError(path, "'drive' must be a mapping {cycle:, seed:, start_s:}")
    unknown = sorted(set(map(str, data)) - {"cycle", "seed", "start_s"})
    if unknown:
        raise TourError(path, f"unknown key {shown('drive.' + unknown[0])}; known: cycle, seed, start_s")
    cycle = data.get("cycle", "wltc")
    if not isinstance(cycle, str) or cycle not in CYCLE_FILES:
        raise TourError(path, f"'drive.cycle' {shown(cycle)} is not a drive cycle; "
                        f"choose from {', '.join(CYCLE_FILES)}")
    seed = data.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TourError(path, f"'drive.seed' must be a whole number, got {shown(seed)}")
    start = data.get("start_s", 0)
    duration = load_cycle(cycle).duration
    if isinstance(start, bool) or not isinstance(start, int | float) or not 0 <= start < duration:
        raise TourError(path, f"'drive.start_s' must be a number of seconds from 0 to {duration:g} "
                        f"(the {cycle} cycle's length), got {shown(start)}")
    return Drive(cycle, seed, float(start))


def _step(raw: Any, n: int, path: Path, themes: set[str]) -> Step:
    def fail(reason: str) -> TourError:
        return TourError(path, reason, n)

    if not isinstance(raw, dict):
        raise fail(f"a step is a mapping (at:, caption:, actions), got {shown(raw)}")
    unknown = sorted(set(map(str, raw)) - _STEP_KEYS)
    if unknown:
        raise fail(f"unknown key {shown(unknown[0])}; a step has at, caption, caption_s and actions: "
                   + "; ".join(f"{k} ({v})" for k, v in ACTIONS.items()))
    if "at" not in raw:
        raise fail("no 'at': when the step happens, in seconds from the tour's start")
    at = raw["at"]
    if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at) or at < 0:
        raise fail(f"'at' must be a number of seconds, 0 or more, got {shown(at)}")
    caption = raw.get("caption", "")
    if not isinstance(caption, str):
        raise fail(f"'caption' must be text, got {shown(caption)}")
    caption = " ".join(caption.split())
    if len(caption) > MAX_CAPTION_CHARS:
        raise fail(f"'caption' has {len(caption)} characters; at most {MAX_CAPTION_CHARS} "
                   "(text a driver can take in at a glance)")
    caption_s = raw.get("caption_s", DEFAULT_CAPTION_S)
    if isinstance(caption_s, bool) or not isinstance(caption_s, int | float) or not caption_s > 0:
        raise fail(f"'caption_s' must be a positive number of seconds, got {shown(caption_s)}")
    actions = {key: _action(key, raw[key], fail, path, themes) for key in ACTIONS if key in raw}
    if not caption and not actions:
        raise fail("a step needs a caption or an action (" + ", ".join(ACTIONS) + ")")
    return Step(n, float(at), caption, float(caption_s), actions)


def _action(key: str, value: Any, fail, path: Path, themes: set[str]) -> Any:  # noqa: ANN001, C901
    if key == "page":
        if value not in CENTER_PAGES:
            raise fail(f"'page' {shown(value)} is not a center screen page; choose from {', '.join(CENTER_PAGES)}")
        return value
    if key == "theme":
        if not isinstance(value, str) or value not in themes:
            raise fail(f"'theme' {shown(value)} is not an available theme; choose from {', '.join(sorted(themes))}")
        return value
    if key == "profile":
        if not isinstance(value, str) or not value.strip():
            raise fail(f"'profile' must be a profile name, got {shown(value)}")
        return value.strip()
    if key == "indicator":
        if value not in ("left", "right", "off") and value is not False:
            raise fail(f"'indicator' must be left, right or off, got {shown(value)}")
        return value or "off"
    if key == "cruise":
        if value in ("off", False):
            return "off"
        lo, hi = CRUISE_KMH
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise fail(f"'cruise' must be a set speed from {lo:g} to {hi:g} km/h, or off; got {shown(value)}")
        return float(value)
    if key == "climate":
        return _climate(value, fail)
    if key == "tire":
        return _tire(value, fail)
    if key == "voice":
        if not isinstance(value, str) or not value.lower().endswith(".wav"):
            raise fail(f"'voice' must name a .wav recording, got {shown(value)}")
        wav = Path(value) if Path(value).is_absolute() else path.parent / value
        if why := unreadable(wav):
            raise fail(f"'voice' {shown(str(wav))}: {why}")
        try:  # length, rate and format checked now, not when the step plays in front of visitors
            read_wav(wav)
        except AudioError as exc:
            raise fail(f"'voice': {exc}") from None
        return wav
    raise AssertionError(key)


def _climate(value: Any, fail) -> dict:  # noqa: ANN001
    if not isinstance(value, dict) or not value:
        raise fail("'climate' must be a mapping {zone:, temperature:, fan:, seat_heat:}")
    unknown = sorted(set(map(str, value)) - {"zone", "temperature", "fan", "seat_heat"})
    if unknown:
        raise fail(f"unknown key {shown('climate.' + unknown[0])}; known: zone, temperature, fan, seat_heat")
    zone = value.get("zone", "driver")
    if zone not in ("driver", "passenger"):
        raise fail(f"'climate.zone' must be driver or passenger, got {shown(zone)}")
    out: dict[str, Any] = {"zone": zone}
    if "temperature" in value:
        t = value["temperature"]
        if why := _setpoint_problem(t):
            raise fail(f"'climate.temperature': {why}")
        out["temperature"] = float(t)
    for key, top in (("fan", FAN_LEVELS), ("seat_heat", HEAT_LEVELS)):
        if key in value:
            level = value[key]
            if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= top:
                raise fail(f"'climate.{key}' must be a whole number from 0 to {top}, got {shown(level)}")
            out[key] = level
    if len(out) == 1:
        raise fail("'climate' needs temperature, fan or seat_heat")
    return out


def _tire(value: Any, fail) -> dict | str:  # noqa: ANN001
    if value == "ok":
        return "ok"
    if not isinstance(value, dict) or set(value) - {"wheel", "pressure_kpa"} or "wheel" not in value:
        raise fail("'tire' must be ok or {wheel: front-left|front-right|rear-left|rear-right, pressure_kpa: N}")
    if not isinstance(value["wheel"], str) or value["wheel"] not in WHEELS:
        raise fail(f"'tire.wheel' must be one of {', '.join(WHEELS)}, got {shown(value['wheel'])}")
    kpa = value.get("pressure_kpa", 180)
    if isinstance(kpa, bool) or not isinstance(kpa, int) or not 0 <= kpa <= 500:
        raise fail(f"'tire.pressure_kpa' must be a whole number of kPa from 0 to 500, got {shown(kpa)}")
    return {"wheel": value["wheel"], "pressure_kpa": kpa}


# ----- the player -------------------------------------------------------------------------------


class TourPlayer(QObject):
    """Runs a tour on a timeline: ``speedup`` tour seconds per real second, on the GUI thread.

    ``run(step)`` does a step's actions (the kiosk supplies it); a failing action is logged and
    the tour goes on. ``finished`` is emitted at ``length_s``; the kiosk then resets and restarts.
    """

    stepStarted = Signal(int)  # index
    captionChanged = Signal()
    finished = Signal()

    TICK_MS = 50

    def __init__(self, tour: Tour, run: Callable[[Step], None], speedup: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.tour = tour
        self.speedup = speedup
        self._run = run
        self._clock = clock
        self.position_s = 0.0
        self.next_index = 0
        self.caption = ""
        self._caption_until = 0.0
        self._last: float | None = None
        self._timer = QTimer(self, interval=self.TICK_MS, timeout=self.tick)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def current_index(self) -> int:
        """The last step done (-1 before the first)."""
        return self.next_index - 1

    def start(self, from_step: int = 0) -> None:
        """Play from the start of step ``from_step`` (0: the beginning)."""
        from_step = max(0, min(from_step, len(self.tour.steps) - 1))
        self.position_s = self.tour.steps[from_step].at if from_step else 0.0
        self.next_index = from_step
        self._set_caption("", 0.0)
        self.resume()

    def pause(self) -> None:
        if self._timer.isActive():
            self.tick()
            self._timer.stop()
        self._last = None
        self._set_caption("", 0.0)

    def resume(self) -> None:
        self._last = self._clock()
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def tick(self) -> None:
        now = self._clock()
        if self._last is not None:
            self.position_s += (now - self._last) * self.speedup
        self._last = now
        steps = self.tour.steps
        while self.next_index < len(steps) and steps[self.next_index].at <= self.position_s:
            step = steps[self.next_index]
            self.next_index += 1
            if step.caption:
                self._set_caption(step.caption, step.at + step.caption_s)
            try:
                self._run(step)
            except Exception:  # an action that fails must not end the show
                log.exception("tour step %d (at %g s) failed; the tour goes on", step.number, step.at)
            self.stepStarted.emit(self.next_index - 1)
        if self.caption and self.position_s >= self._caption_until:
            self._set_caption("", 0.0)
        if self.position_s >= self.tour.length_s and self._timer.isActive():
            self._timer.stop()
            self.finished.emit()

    def _set_caption(self, text: str, until: float) -> None:
        self._caption_until = until
        if text != self.caption:
            self.caption = text
            self.captionChanged.emit()


def _setpoint_problem(t: Any) -> str | None:
    """Why a cabin temperature is not one the car accepts (the catalogue's range and step), or None."""
    spec = default_catalogue()[SETPOINT]
    if isinstance(t, bool) or not isinstance(t, int | float):
        return f"must be a number of °C ({spec.min:g} to {spec.max:g} in steps of {spec.step:g}), got {shown(t)}"
    if why := spec.check(float(t)):
        return f"{why} (°C: {spec.min:g} to {spec.max:g} in steps of {spec.step:g})"
    return None
