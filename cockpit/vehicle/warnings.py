"""Warning messages: the one table of the warnings the cockpit raises, and the queue that picks the
card a driver sees. No Qt here: ``cockpit/hmi/warnings_store.py`` feeds it the SignalStore's values.

Every warning the cluster shows as a telltale has a row (``WARNINGS``): its condition on the
signals, its severity (safety, warning, information), its card text in plain words with the live
figure in the driver's units, how long an information card stays up, whether it may be
acknowledged and when an acknowledged one comes back. The telltale's colour and the Vehicle page's
tone come from the same row (``ROLE``), so the cluster and the center screen agree.

The queue shows one card at a time: highest severity first, an imminent collision before any other
safety card, then the newest. A card leaves when its condition clears, when it times out
(information) or when the driver acknowledges it (touch, or the steering wheel's OK key); a safety
card cannot be acknowledged while its condition holds.
An acknowledged warning re-raises when its figure falls a further step (a tire losing another
10 kPa) or after its re-raise time. Time is the caller's clock (the SignalStore's: a test steps it).

Card texts are English: strings built in Python are not translated yet (docs/i18n.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .units import DisplayUnits

SAFETY, WARNING, INFORMATION = "safety", "warning", "information"
RANK = {SAFETY: 3, WARNING: 2, INFORMATION: 1}
# The telltale colour role (UN R121: red must be acted on now, amber soon) of each severity.
ROLE = {SAFETY: "danger", WARNING: "warning", INFORMATION: "warning"}

V = "Vehicle."
# VSS DriverSide is the left on a left-hand-drive car (as in cockpit/hmi/vehicle_store.py).
POSITIONS = {"frontLeft": (1, "Left", "front left"), "frontRight": (1, "Right", "front right"),
             "rearLeft": (2, "Left", "rear left"), "rearRight": (2, "Right", "rear right")}
_SIDE = {"Left": "DriverSide", "Right": "PassengerSide"}
DOORS = {words: f"{V}Cabin.Door.Row{row}.{_SIDE[side]}.IsOpen" for row, side, words in POSITIONS.values()}
OPENINGS = {**DOORS, "hood": V + "Body.Hood.IsOpen", "frunk": V + "Body.Trunk.Front.IsOpen",
            "trunk": V + "Body.Trunk.Rear.IsOpen"}
TIRE = {name: f"{V}Chassis.Axle.Row{row}.Wheel.{side}.Tire." for name, (row, side, _) in POSITIONS.items()}
SPEED = V + "Speed"
DRIVER_BELT = V + "Cabin.Seat.Row1.DriverSide.IsBelted"
PARKING_BRAKE = V + "Chassis.ParkingBrake.IsEngaged"
LV_VOLTAGE = V + "LowVoltageBattery.CurrentVoltage"
SOC = V + "Powertrain.TractionBattery.StateOfCharge.Displayed"
ABS_FAULT = V + "ADAS.ABS.IsError"
ESC_FAULT = V + "ADAS.ESC.IsError"
LANE_WARNING = V + "ADAS.LaneDepartureDetection.IsWarning"
FCW_STAGE = "Cockpit.ADAS.ForwardCollision.Stage"  # NONE, WARNING, URGENT (docs/adas.md)
FRONT_WARNING = V + "ADAS.ObstacleDetection.Front.Center.IsWarning"  # VSS's own FCW flag: a car without the stage
EBA_ENGAGED = V + "ADAS.EBA.IsEngaged"
SERVICE_DUE = V + "Service.IsServiceDue"

LOW_12V = 11.8  # V: below this a 12 V lead-acid battery is discharged enough to warn
LOW_SOC = 10.0  # percent
MOVING_KMH = 3.0  # the parking brake warns only once the car moves

Read = Callable[[str], Any]  # a path's value while AVAILABLE, else None


@dataclass(frozen=True)
class Rule:
    """One row of the table."""

    id: str
    severity: str
    icon: str  # the telltale's symbol (TelltaleIcons), shown on the card too
    condition: Callable[[Read], bool]
    text: Callable[[Read, DisplayUnits], str]
    timeout_s: float | None = None  # the card leaves after this long (it stays in the list)
    acknowledgeable: bool = True
    reraise_after_s: float | None = None  # an acknowledged card comes back after this long…
    figure: Callable[[Read], float | None] | None = None  # …or when this falls a further
    reraise_drop: float | None = None  # …this much (in the figure's VSS unit)
    imminent: bool = False  # a collision about to happen: its card goes before every other, newer or not

    @property
    def role(self) -> str:
        return ROLE[self.severity]


def _is(path: str, value: Any = True) -> Callable[[Read], bool]:
    return lambda read: read(path) is value


def _below(path: str, limit: float) -> Callable[[Read], bool]:
    return lambda read: read(path) is not None and read(path) < limit


def _open(read: Read) -> list[str]:
    return [words for words, path in OPENINGS.items() if read(path) is True]


def _door_text(read: Read, units: DisplayUnits) -> str:
    """E.g. "Door open: rear left", "Trunk open", "Open: front left door, trunk"."""
    names = _open(read)
    if len(names) == 1:
        return f"Door open: {names[0]}" if names[0] in DOORS else f"{names[0].capitalize()} open"
    return "Open: " + ", ".join(f"{n} door" if n in DOORS else n for n in names)


def _collision_ahead(read: Read) -> bool:
    return read(FCW_STAGE) in ("WARNING", "URGENT") or read(FRONT_WARNING) is True or read(EBA_ENGAGED) is True


def _collision_text(read: Read, units: DisplayUnits) -> str:
    """The car braking for the driver, then the stage: URGENT, only braking now avoids it; WARNING
    (or VSS's flag alone), there is still time to brake normally."""
    if read(EBA_ENGAGED) is True:
        return "Emergency braking — press the brake"
    return "Brake now — collision risk" if read(FCW_STAGE) == "URGENT" else "Vehicle ahead — brake"


def _tire_rule(name: str) -> Rule:
    base = TIRE[name]
    words = POSITIONS[name][2]
    label = words[0].upper() + words[1:].replace(" ", "-")

    def text(read: Read, units: DisplayUnits) -> str:
        kpa = read(base + "Pressure")
        if kpa is None:
            return f"{label} tire pressure low — check pressure"
        digits = 2 if units.pressure == "BAR" else 0
        return f"{label} tire {units.pressure_kpa(kpa):.{digits}f} {units.pressure_unit()} — check pressure"

    return Rule(f"tire.{name}", WARNING, "tirePressure", _is(base + "IsPressureLow"), text,
                reraise_after_s=30 * 60, figure=lambda read: read(base + "Pressure"), reraise_drop=10.0)


# No card for the blind-spot warning, on purpose: it must be seen where the driver looks before a
# lane change (the lamp in the mirror, ISO 17387; the cluster's road scene marks the side), and on a
# busy motorway it comes and goes with every car that passes: a card would hide the cards that need
# reading, and its words would come after the car had gone. Rear cross traffic: likewise, in the
# reversing camera's picture.
WARNINGS: tuple[Rule, ...] = (
    # Forward collision, both stages, and the emergency braking that may follow: one card whose words
    # follow the situation (two would swap places while it unfolds), red and first (UN R152 and Euro
    # NCAP ask for an unmistakable warning in the driver's view), kept while it lasts: there is
    # nothing to acknowledge in the second or two it matters.
    Rule("forwardCollision", SAFETY, "forwardCollision", _collision_ahead, _collision_text,
         acknowledgeable=False, imminent=True),
    Rule("seatBelt", SAFETY, "seatBelt", _is(DRIVER_BELT, False),
         lambda read, u: "Seat belt not fastened", acknowledgeable=False),
    Rule("doorOpen", SAFETY, "doorOpen", lambda read: bool(_open(read)), _door_text, acknowledgeable=False),
    Rule("parkingBrake", SAFETY, "parkingBrake",
         lambda read: read(PARKING_BRAKE) is True and (read(SPEED) or 0.0) > MOVING_KMH,
         lambda read, u: "Parking brake on while driving — release it", acknowledgeable=False),
    Rule("lowVoltage", WARNING, "battery12v", _below(LV_VOLTAGE, LOW_12V),
         lambda read, u: f"12 V battery low ({read(LV_VOLTAGE):.1f} V) — have it checked",
         reraise_after_s=60 * 60, figure=lambda read: read(LV_VOLTAGE), reraise_drop=0.5),
    Rule("absFault", WARNING, "abs", _is(ABS_FAULT),
         lambda read, u: "ABS fault — brake gently and have it checked", reraise_after_s=30 * 60),
    Rule("escFault", WARNING, "esc", _is(ESC_FAULT),
         lambda read, u: "Stability control fault — drive with care", reraise_after_s=30 * 60),
    *(_tire_rule(name) for name in POSITIONS),
    Rule("lowSoc", WARNING, "batteryLow", _below(SOC, LOW_SOC),
         lambda read, u: f"Battery {read(SOC):.0f} % — charge soon",
         reraise_after_s=15 * 60, figure=lambda read: read(SOC), reraise_drop=5.0),
    Rule("laneDeparture", WARNING, "laneDeparture", _is(LANE_WARNING),
         lambda read, u: "Leaving your lane — steer back", timeout_s=4.0),
    Rule("serviceDue", INFORMATION, "service", _is(SERVICE_DUE),
         lambda read, u: "Service due — book a visit", timeout_s=8.0, reraise_after_s=24 * 3600),
)
BY_ID = {rule.id: rule for rule in WARNINGS}
# The colour role of every warning, by its telltale's symbol (the four tires share one): the
# cluster's telltales and the Vehicle page's tones read it.
ROLES = {rule.icon: rule.role for rule in WARNINGS}
assert all(ROLES[rule.icon] == rule.role for rule in WARNINGS), "one symbol, one colour"
assert len(BY_ID) == len(WARNINGS), "warning ids are unique"
assert all(r.acknowledgeable is False for r in WARNINGS if r.severity == SAFETY), "safety cards stay"
assert all(r.severity == SAFETY for r in WARNINGS if r.imminent), "an imminent collision is a safety card"
# The paths the table reads: a store recomputes when one of them changes.
PATHS = frozenset([SPEED, DRIVER_BELT, PARKING_BRAKE, LV_VOLTAGE, SOC, ABS_FAULT, ESC_FAULT, LANE_WARNING,
                   SERVICE_DUE, FCW_STAGE, FRONT_WARNING, EBA_ENGAGED, *OPENINGS.values(),
                   *(b + leaf for b in TIRE.values() for leaf in ("Pressure", "IsPressureLow"))])


@dataclass
class Active:
    """A warning whose condition holds."""

    rule: Rule
    text: str
    raised: float  # when it was raised (or re-raised): the newest card wins among equals
    figure: float | None = None
    acknowledged_at: float | None = None
    acknowledged_figure: float | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> str:
        return self.rule.severity

    def timed_out(self, now: float) -> bool:
        return self.rule.timeout_s is not None and now - self.raised >= self.rule.timeout_s

    def shown(self, now: float) -> bool:
        """Whether it may be the card: not acknowledged, not timed out."""
        return self.acknowledged_at is None and not self.timed_out(now)


def _order(a: Active) -> tuple[int, bool, float]:
    return (RANK[a.severity], a.rule.imminent, a.raised)


class WarningQueue:
    """The active warnings and the one card shown, for a table and a clock."""

    def __init__(self, clock: Callable[[], float], table: tuple[Rule, ...] = WARNINGS):
        self._clock = clock
        self._table = table
        self._active: dict[str, Active] = {}

    def update(self, read: Read, units: DisplayUnits | None = None) -> None:
        """Evaluate every row against the signals now: raise, refresh, re-raise or clear."""
        units = units or DisplayUnits()
        now = self._clock()
        for rule in self._table:
            if not rule.condition(read):
                self._active.pop(rule.id, None)
                continue
            text = rule.text(read, units)
            figure = rule.figure(read) if rule.figure else None
            a = self._active.get(rule.id)
            if a is None:
                self._active[rule.id] = Active(rule, text, now, figure)
                continue
            a.text, a.figure = text, figure
            self._check_reraise(a, now)

    def tick(self) -> None:
        """Apply the passing of time (re-raise after N minutes) without new signal values."""
        now = self._clock()
        for a in self._active.values():
            self._check_reraise(a, now)

    @staticmethod
    def _check_reraise(a: Active, now: float) -> None:
        if a.acknowledged_at is None:
            return
        rule = a.rule
        fell = (rule.reraise_drop is not None and a.figure is not None and a.acknowledged_figure is not None
                and a.acknowledged_figure - a.figure >= rule.reraise_drop)
        late = rule.reraise_after_s is not None and now - a.acknowledged_at >= rule.reraise_after_s
        if fell or late:
            a.acknowledged_at = a.acknowledged_figure = None
            a.raised = now

    def current(self) -> Active | None:
        """The card to show: highest severity, an imminent collision, then the newest."""
        now = self._clock()
        shown = [a for a in self._active.values() if a.shown(now)]
        return max(shown, key=_order, default=None)

    def active(self) -> list[Active]:
        """Every warning whose condition holds, acknowledged or not: severity first, then newest."""
        return sorted(self._active.values(), key=_order, reverse=True)

    def acknowledge(self) -> bool:
        """The driver acknowledges the current card; False when there is none or it may not be."""
        card = self.current()
        if card is None or not card.rule.acknowledgeable:
            return False
        card.acknowledged_at = self._clock()
        card.acknowledged_figure = card.figure
        return True

    def next_change(self) -> float | None:
        """When, on the clock, the card may change by time alone (a timeout, a re-raise), or None."""
        times = []
        for a in self._active.values():
            if a.acknowledged_at is None and a.rule.timeout_s is not None and not a.timed_out(self._clock()):
                times.append(a.raised + a.rule.timeout_s)
            if a.acknowledged_at is not None and a.rule.reraise_after_s is not None:
                times.append(a.acknowledged_at + a.rule.reraise_after_s)
        return min(times, default=None)
