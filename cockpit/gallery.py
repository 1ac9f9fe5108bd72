"""The screenshot gallery: every view × theme × representative vehicle state, rendered offscreen
to PNG, with an ``index.html`` contact sheet designers open in a browser.

States are still pictures: a SignalStore on the simulation's clock (``simulated``), filled by
simulating the demo drive for a set time and then setting what the state is about, so the same
code gives the same pictures. The clock stands still once the simulation stops: nothing goes
stale while the QML loads, the power chart holds the simulated minutes before, an indicator that
is on is lit. One Cockpit per state renders every theme in turn (``Theme.use``: the same run-time
switch the settings page makes), so a gallery costs a few engine start-ups, not one per picture.

    from cockpit.gallery import make_gallery
    summary = make_gallery(Path("gallery"), progress=print)
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.pages import CENTER_PAGES
from cockpit.sources.simulator import SimulatorSource
from cockpit.vehicle.store import SignalStore

V = "Vehicle."
VOICE_LOAD_S = 120.0  # a picture of the settings page waits this long at most for the voice engine
TIRES = [f"{V}Chassis.Axle.Row{r}.Wheel.{s}.Tire" for r in (1, 2) for s in ("Left", "Right")]
# The demo drive's scenario has a slow puncture by then: a state about something else clears it.
TIRES_OK = {f"{t}.IsPressureLow": False for t in TIRES} | {f"{t}.Pressure": 250 for t in TIRES}
CRUISE_OFF = {V + "ADAS.CruiseControl.IsEnabled": False, V + "ADAS.CruiseControl.IsActive": False}
A = V + "ADAS."
X = "Cockpit.ADAS."
# A three-lane road in the middle lane, nothing to warn about: the states below change what matters.
ROAD = {
    X + "Lane.Count": 3, X + "Lane.Index": 1, X + "Lane.Offset": 0.1,
    A + "CruiseControl.IsAdaptive": True, A + "CruiseControl.AdaptiveIntervalSet": 2,
    A + "LaneDepartureDetection.IsEnabled": True, A + "LaneDepartureDetection.IsWarning": False,
    X + "LaneDeparture.Side": "NONE", X + "LaneKeeping.IsIntervening": False,
    X + "ForwardCollision.Stage": "NONE", A + "ObstacleDetection.Front.Center.IsWarning": False,
    A + "EBA.IsEngaged": False,
    **{A + f"ObstacleDetection.Rear.{s}.{p}": v for s in ("Left", "Right")
       for p, v in (("IsWarning", False), ("WarningType", "UNDEFINED"))},
    X + "Neighbour.Left.IsDetected": True, X + "Neighbour.Left.Distance": 24.0,
    X + "Neighbour.Right.IsDetected": False, X + "Neighbour.Right.Distance": 0.0,
    X + "Lead.IsDetected": False, A + "ObstacleDetection.Front.Center.Distance": 250.0,
    X + "Lead.Speed": 0.0, A + "ObstacleDetection.Front.Center.TimeGap": 60000,
    X + "SpeedLimit": 100,
}


def lead(distance_m: float, speed_kmh: float, own_kmh: float) -> dict[str, Any]:
    """A car ahead in the lane at ``distance_m``, with the time to collision the radar reports."""
    closing = (own_kmh - speed_kmh) / 3.6
    ttc_ms = min(60000, round(distance_m / closing * 1000)) if closing > 0.1 else 60000
    return {X + "Lead.IsDetected": True, A + "ObstacleDetection.Front.Center.Distance": distance_m,
            X + "Lead.Speed": speed_kmh, A + "ObstacleDetection.Front.Center.TimeGap": ttc_ms}


@dataclass(frozen=True)
class State:
    """A representative vehicle state: ``at`` seconds of the WLTC demo drive (seed 1), then
    ``values`` set on top (VSS paths, VSS units). ``at`` None: nothing at all (no source)."""

    name: str
    description: str
    at: float | None = None
    values: dict[str, Any] = field(default_factory=dict)
    pages: tuple[str, ...] = ("home",)  # center screen pages worth looking at in this state
    night: bool = False  # shown in the dark counterpart of a light theme


STATES: dict[str, State] = {s.name: s for s in (
    State(
        "parked",
        "Gear P at a stop of the drive, parking brake on, driver's door open, driver unbelted, charging.",
        at=470.0,
        values={
            V + "Speed": 0.0,
            V + "Powertrain.ElectricMotor.Power": 0,
            V + "Powertrain.Transmission.SelectedGear": 126,
            V + "Chassis.ParkingBrake.IsEngaged": True,
            V + "Cabin.Door.Row1.DriverSide.IsOpen": True,
            V + "Cabin.Seat.Row1.DriverSide.IsBelted": False,
            V + "Powertrain.TractionBattery.Charging.IsCharging": True,
        },
        pages=("home", "energy", "vehicle", "driver"),
    ),
    State(
        "driving",
        "WLTC high phase at about 90 km/h: cruise control holding 90, left indicator on, low beam.",
        at=1210.0,
        values={
            **TIRES_OK,
            **ROAD,
            V + "ADAS.CruiseControl.IsEnabled": True,
            V + "ADAS.CruiseControl.IsActive": True,
            V + "ADAS.CruiseControl.SpeedSet": 90.0,
            V + "Body.Lights.DirectionIndicator.Left.IsSignaling": True,
        },
        pages=CENTER_PAGES,
    ),
    State(
        "acc-following",
        "Adaptive cruise set to 120 km/h following a car at 95 km/h, 37 m ahead (1.4 s, two bars); "
        "a car in the left lane ahead; limit 120.",
        at=1210.0,
        values={
            **TIRES_OK, **ROAD, **lead(37.0, 95.0, 95.0),
            V + "Speed": 95.0,
            V + "Powertrain.ElectricMotor.Power": 21,
            A + "CruiseControl.IsEnabled": True, A + "CruiseControl.IsActive": True,
            A + "CruiseControl.SpeedSet": 120.0,
            X + "SpeedLimit": 120,
        },
    ),
    State(
        "forward-collision",
        "The car ahead brakes hard: 14 m ahead at 30 km/h while the car does 72 km/h (1.2 s to "
        "collision): urgent forward-collision warning, emergency braking engaged.",
        at=1210.0,
        values={
            **TIRES_OK, **ROAD, **CRUISE_OFF, **lead(14.0, 30.0, 72.0),
            V + "Speed": 72.0,
            V + "Powertrain.ElectricMotor.Power": -60,
            X + "ForwardCollision.Stage": "URGENT",
            A + "ObstacleDetection.Front.Center.IsWarning": True,
            A + "EBA.IsEngaged": True,
            X + "SpeedLimit": 80,
        },
    ),
    State(
        "blind-spot",
        "Indicating left at 100 km/h with a car in the left blind spot (4 m behind the front): "
        "blind-spot warning on the left.",
        at=1210.0,
        values={
            **TIRES_OK, **ROAD, **CRUISE_OFF, **lead(60.0, 100.0, 100.0),
            V + "Speed": 100.0,
            V + "Powertrain.ElectricMotor.Power": 24,
            V + "Body.Lights.DirectionIndicator.Left.IsSignaling": True,
            X + "Neighbour.Left.Distance": -4.0,
            A + "ObstacleDetection.Rear.Left.IsWarning": True,
            A + "ObstacleDetection.Rear.Left.WarningType": "BLIND_SPOT",
            X + "SpeedLimit": 120,
        },
    ),
    State(
        "lane-departure",
        "Drifting onto the right lane line at 110 km/h without indicating: lane departure warning "
        "on the right, lane keeping steering back; over the 100 km/h limit.",
        at=1210.0,
        values={
            **TIRES_OK, **ROAD, **CRUISE_OFF,
            V + "Speed": 110.0,
            V + "Powertrain.ElectricMotor.Power": 28,
            X + "Lane.Offset": 0.75,
            A + "LaneDepartureDetection.IsWarning": True,
            X + "LaneDeparture.Side": "RIGHT",
            X + "LaneKeeping.IsIntervening": True,
        },
    ),
    State(
        "warnings",
        "Driving at 50 km/h with faults: front-left tire low, driver unbelted, 12 V battery low, "
        "ABS and ESC faults, service due, traction battery low (8 %).",
        at=1210.0,
        values={
            **TIRES_OK,
            **CRUISE_OFF,
            V + "Speed": 50.0,
            V + "Powertrain.ElectricMotor.Power": 9,
            V + "Chassis.Axle.Row1.Wheel.Left.Tire.IsPressureLow": True,
            V + "Chassis.Axle.Row1.Wheel.Left.Tire.Pressure": 170,
            V + "Cabin.Seat.Row1.DriverSide.IsBelted": False,
            V + "LowVoltageBattery.CurrentVoltage": 11.2,
            V + "ADAS.ABS.IsError": True,
            V + "ADAS.ESC.IsError": True,
            V + "Service.IsServiceDue": True,
            V + "Powertrain.TractionBattery.StateOfCharge.Displayed": 8.0,
            V + "Powertrain.TractionBattery.StateOfCharge.Current": 8.0,
            V + "Powertrain.Range": 29_000,
        },
        pages=("home", "vehicle"),
    ),
    State(
        "night",
        "Driving at night: high and low beam on, −4.5 °C outside, regenerating. A light theme is "
        "shown in its dark counterpart (e.g. light → dark), as a car switches at dusk.",
        at=1210.0,
        values={
            **TIRES_OK,
            **CRUISE_OFF,
            V + "Speed": 72.0,
            V + "Powertrain.ElectricMotor.Power": -18,
            V + "Body.Lights.Beam.Low.IsOn": True,
            V + "Body.Lights.Beam.High.IsOn": True,
            V + "Exterior.AirTemperature": -4.5,
            V + "Cabin.Infotainment.HMI.DayNightMode": "NIGHT",
        },
        pages=("home", "climate"),
        night=True,
    ),
    State(
        "no-data",
        "No source at all: every signal missing. Views must show dashes and say so, never a number.",
        at=None,
        pages=CENTER_PAGES,
    ),
)}


@dataclass(frozen=True)
class Shot:
    view: str  # "cluster", "center", "hud"
    page: str | None  # center screen page, else None
    state: str
    theme: str  # the theme asked for
    shown: str  # the theme rendered (a light theme's dark counterpart at night)
    file: str  # relative to the gallery folder, "/" separated

    @property
    def screen(self) -> str:
        return f"{self.view} · {self.page}" if self.page else self.view


@dataclass
class GallerySummary:
    out: Path
    index: Path
    files: list[Path]
    shots: list[Shot]
    warnings: list[str]
    seconds: float

    def __str__(self) -> str:
        text = f"{self.index}: {count(len(self.files), 'picture')} in {self.seconds:.1f} s"
        if self.warnings:
            text += f", {len(self.warnings)} QML warnings:\n" + "\n".join(f"  {w}" for w in self.warnings)
        return text


def simulated(cycle: Any = "wltc", seed: int = 1) -> tuple[SignalStore, SimulatorSource]:
    """A still picture's vehicle: a SignalStore whose clock is the simulated time, and the
    simulator to run into it. Whatever the stores gather over time (the power chart's history,
    the indicator phase) then follows the simulated seconds, however fast they were computed."""
    source = SimulatorSource(cycle=cycle, seed=seed)
    return SignalStore(clock=lambda: source.sim.time_s), source


def fill(signals: SignalStore, source: SimulatorSource, state: State) -> None:
    """Put ``state`` into an empty SignalStore on ``source``'s clock (deterministic: the simulator is seeded)."""
    if state.at is None:
        return
    source.run_for(signals, state.at)
    for path, value in state.values.items():
        if not signals.update(path, value):
            raise ValueError(f"gallery state {state.name}: {path} = {value!r} was rejected")


def wait_until(test: Callable[[], Any], timeout_s: float = 60.0) -> bool:
    """Run Qt's event loop (stores' results and asyncio arrive through it) until ``test()`` holds, for at
    most ``timeout_s``; whether it held. For pictures of states a worker reaches in its own time."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    give_up = QTimer(singleShot=True, interval=round(timeout_s * 1000), timeout=loop.quit)
    poll = QTimer(interval=5, timeout=lambda: test() and loop.quit())
    give_up.start()
    poll.start()
    if not test():
        loop.exec()
    poll.stop()
    return bool(test())


PICTURE_CAR = 27  # the aging simulator's car with a slow puncture and pads near their end (tools/health_screens.py)


def picture_data() -> dict[str, Any]:
    """What a picture's Cockpit shows on the Health and Privacy pages (keyword arguments): a simulated
    car aged 60 days, not anyone's history, and the privacy table of an empty data folder that is
    never made (a picture writes nothing)."""
    import os
    import tempfile

    from cockpit.privacy.consent import Consent
    from cockpit.privacy.inventory import Inventory
    from cockpit.sim.aging import Car

    folder = Path(tempfile.gettempdir()) / f"cockpit-pictures-{os.getpid()}"
    return {"health": lambda: Car(PICTURE_CAR).age(60)[0],
            "privacy": Inventory.of(folder, consent=Consent(folder))}


def wait_for_page(cockpit: Any, page: str) -> None:
    """A page whose content arrives from a worker (the voice engine's name, the health report) is
    pictured once it is there."""
    if page == "settings":
        wait_for_voice(cockpit)
    elif page == "health" and cockpit.health is not None:
        wait_until(lambda: cockpit.health.property("state") != cockpit.health.READING, 30.0)


def wait_for_voice(cockpit: Any, timeout_s: float = VOICE_LOAD_S) -> None:
    """The settings page names the voice engine once it has loaded (in its own process; a running
    cockpit starts that after its first frame): a picture of it waits for that, or for the reason
    it failed, rather than show "starting…"."""
    from PySide6.QtCore import QEventLoop, QTimer

    voice = cockpit.voice
    if voice is None:  # a car without the assistant: the page says so at once
        return
    voice.warm_up()
    loop = QEventLoop()
    give_up = QTimer(singleShot=True, interval=round(timeout_s * 1000), timeout=loop.quit)
    voice.changed.connect(loop.quit)
    give_up.start()
    while not (voice.property("engine") or voice.property("error")) and give_up.isActive():
        loop.exec()
    give_up.stop()
    voice.changed.disconnect(loop.quit)


def load_map(cockpit: Any) -> None:
    """The map loaded now (a running cockpit loads it after its first frame), for a picture or a test."""
    from PySide6.QtGui import QGuiApplication

    nav = cockpit.navigation
    if nav is None:
        return
    if not nav.property("ready"):
        nav.start()
        nav.wait_for_map()
    QGuiApplication.processEvents()  # the map's arrival is queued to the GUI thread


def visual_items(root: Any) -> list[Any]:
    """Every item under ``root`` in the visual tree (a Repeater's delegates are not its QObject children)."""
    out, todo = [], [root]
    while todo:
        item = todo.pop()
        out.append(item)
        todo.extend(item.childItems())
    return out


def wait_for_tiles(cockpit: Any, window: Any, timeout_s: float = 20.0) -> None:
    """Until every map tile on ``window`` is drawn and loaded (both happen off the GUI thread), or
    ``timeout_s``."""
    import time

    from PySide6.QtGui import QGuiApplication

    if cockpit.navigation is None:
        return
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        cockpit.navigation.tiles.wait()
        time.sleep(0.06)  # past the tiles' batching timer
        QGuiApplication.processEvents()
        tiles = [i for i in visual_items(window.contentItem()) if i.objectName() == "mapTile"]
        if tiles and all(t.property("progress") >= 1.0 and not t.property("source").isEmpty() for t in tiles):
            return
        if not tiles:
            return


def night_counterpart(theme: str, modes: dict[str, str]) -> str:
    """The theme a car shows at night: a dark theme itself; a light one its dark sibling
    ("light" → "dark", "city-light" → "city-dark"), or itself when it has none."""
    if modes.get(theme) != "light":
        return theme
    sibling = theme.replace("light", "dark")
    return sibling if modes.get(sibling) == "dark" else theme


def plan(views: Iterable[str], themes: Iterable[str], states: Iterable[State],
         modes: dict[str, str]) -> list[Shot]:
    """Every picture to take, in the order they are taken (state, theme, view, page)."""
    shots = []
    for state in states:
        for theme in themes:
            shown = night_counterpart(theme, modes) if state.night else theme
            for view in views:
                for page in (state.pages if view == "center" else (None,)):
                    folder = f"{view}-{page}" if page else view
                    shots.append(Shot(view, page, state.name, theme, shown, f"{folder}/{state.name}/{theme}.png"))
    return shots


def make_gallery(
    out: Path,
    views: Iterable[str] | None = None,
    themes: Iterable[str] | None = None,
    states: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    theme_dirs: Iterable[Path] = (),
    variant: Any = None,
) -> GallerySummary:
    """Render ``views`` (default: every view of the app) × ``themes`` (default: every selectable
    theme, ``theme_dirs`` first) × ``states`` (default: all of STATES) to PNG files under ``out``
    (``<view>[-<page>]/<state>/<theme>.png``) and write ``out/index.html``. ``progress`` gets one
    line per picture: "[i/N] view theme state". Raises ValueError for an unknown view, theme or
    state, before rendering anything."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["cockpit-gallery"])  # noqa: F841 - outlives the renders
    from cockpit.app import VIEWS, Cockpit, messages, render
    from cockpit.variant import load_variant

    started = time.monotonic()
    first_warning = len(messages.warnings)
    say = progress or (lambda line: None)
    theme_dirs = list(theme_dirs)

    offered = variant.themes if variant is not None else None  # a car's gallery: the looks it offers
    variant = variant or load_variant()
    screens = variant.displays.windows
    views = list(views) if views is not None else list(screens)
    if unknown := [v for v in views if v not in VIEWS]:
        raise ValueError(f"unknown view(s) {', '.join(unknown)}; there are: {', '.join(VIEWS)}")
    if missing := [v for v in views if v not in screens]:
        raise ValueError(f"the {variant.title} ({variant.name}) has no {missing[0]} screen; its screens: "
                         f"{', '.join(screens)}")
    state_names = list(states) if states is not None else list(STATES)
    if unknown := [s for s in state_names if s not in STATES]:
        raise ValueError(f"unknown state(s) {', '.join(unknown)}; there are: {', '.join(STATES)}")
    chosen = [STATES[s] for s in state_names]

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    shots: list[Shot] = []
    titles: dict[str, str] = {}
    todo: list[Shot] = []
    for state in chosen:
        signals, source = simulated()
        cockpit = Cockpit(signals=signals, theme_dirs=theme_dirs, variant=variant, **picture_data())
        try:
            if not todo:  # the first cockpit says which themes there are
                available = {t.name: t for t in cockpit.theme.available()}
                names = list(themes) if themes is not None else list(offered or available)
                if unknown := [t for t in names if t not in available]:
                    raise ValueError(f"unknown theme(s) {', '.join(unknown)}; there are: {', '.join(available)}")
                titles = {n: t.title for n, t in available.items()}
                modes = {n: t.mode for n, t in available.items()}
                todo = [s for s in plan(views, names, chosen, modes)  # a car without the module has no such page
                        if (s.page != "driver" or variant.modules.profiles)
                        and (s.page != "navigation" or variant.modules.navigation)]
            fill(signals, source, state)
            cockpit.bridge.flush()
            for shot in (s for s in todo if s.state == state.name):
                shots.append(shot)
                say(f"[{len(shots)}/{len(todo)}] {shot.screen} {shot.theme} {shot.state}")
                if cockpit.theme.name != shot.shown and not cockpit.theme.use(shot.shown):
                    raise ValueError(f"theme {shot.shown} does not load: {cockpit.theme.error}")
                window = cockpit.windows.get(shot.view) or cockpit.load(shot.view)
                if shot.page:
                    window.setProperty("page", shot.page)
                if shot.page:
                    wait_for_page(cockpit, shot.page)
                if shot.page == "navigation":
                    load_map(cockpit)
                    window.show()
                    cockpit.bridge.flush()
                    wait_for_tiles(cockpit, window)
                image = render(cockpit, shot.view)
                path = out / shot.file
                path.parent.mkdir(parents=True, exist_ok=True)
                if not image.save(str(path)):
                    raise OSError(f"could not write {path}")
                files.append(path)
        finally:
            cockpit.close()

    index = out / "index.html"
    index.write_text(contact_sheet(shots, titles, chosen), encoding="utf-8")
    return GallerySummary(out, index, files, shots, messages.warnings[first_warning:], time.monotonic() - started)


# ----- the contact sheet -------------------------------------------------------------------------

_CSS = """
:root { color-scheme: dark; --bg: #202124; --fg: #e8eaed; --dim: #9aa0a6; --card: #2b2c30; }
body { margin: 0; padding: 0 2rem 3rem; background: var(--bg); color: var(--fg);
       font: 15px/1.4 system-ui, sans-serif; }
header { position: sticky; top: 0; background: var(--bg); padding: 1rem 0 .5rem; z-index: 1; }
h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
nav a { color: var(--fg); margin-right: 1rem; }
h2 { margin: 2.5rem 0 .5rem; padding-top: 1rem; border-top: 1px solid #3c4043; }
h3 { margin: 1.5rem 0 .25rem; font-size: 1.05rem; }
p.state { margin: 0 0 .75rem; color: var(--dim); max-width: 60rem; }
.row { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem; }
figure { margin: 0; background: var(--card); border-radius: 8px; padding: .5rem; }
figure img { display: block; width: 100%; height: auto; border-radius: 4px; }
figcaption { margin-top: .4rem; color: var(--dim); }
figcaption b { color: var(--fg); font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; color: var(--dim); }
dt { color: var(--fg); }
"""


def count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def contact_sheet(shots: list[Shot], titles: dict[str, str], states: list[State]) -> str:
    """The index.html: one section per screen, one row per state, the themes side by side."""
    e = html.escape
    views = list(dict.fromkeys(s.view for s in shots))
    pages = {None: -1} | {p: i for i, p in enumerate(CENTER_PAGES)}
    screens = sorted(dict.fromkeys(s.screen for s in shots),
                     key=lambda screen: next((views.index(s.view), pages.get(s.page, 99))
                                             for s in shots if s.screen == screen))
    anchor = {screen: screen.replace(" · ", "-") for screen in screens}
    described = {s.name: s for s in states}
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Cockpit gallery</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>Cockpit gallery</h1><nav>"
        + "".join(f'<a href="#{e(anchor[s])}">{e(s)}</a>' for s in screens)
        + "</nav></header>",
        f"<p class=\"state\">{count(len(shots), 'picture')} of {count(len(screens), 'screen')} in "
        f"{count(len({s.theme for s in shots}), 'theme')} and {count(len(states), 'state')}; each state is shown "
        "on the screens worth looking at in it. Click a picture for full size.</p>",
        "<dl>" + "".join(f"<dt>{e(s.name)}</dt><dd>{e(s.description)}</dd>" for s in states) + "</dl>",
    ]
    for screen in screens:
        parts.append(f'<section id="{e(anchor[screen])}"><h2>{e(screen)}</h2>')
        for state in dict.fromkeys(s.state for s in shots if s.screen == screen):
            parts.append(f"<h3>{e(state)}</h3>")
            parts.append(f'<p class="state">{e(described[state].description)}</p><div class="row">')
            for shot in (s for s in shots if s.screen == screen and s.state == state):
                note = f" — shown in {e(titles.get(shot.shown, shot.shown))}" if shot.shown != shot.theme else ""
                alt = f"{shot.screen}, {shot.state}, {titles.get(shot.theme, shot.theme)}"
                parts.append(
                    f'<figure><a href="{e(shot.file)}"><img src="{e(shot.file)}" alt="{e(alt)}" loading="lazy"></a>'
                    f"<figcaption><b>{e(titles.get(shot.theme, shot.theme))}</b> ({e(shot.theme)}){note}"
                    "</figcaption></figure>"
                )
            parts.append("</div>")
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
