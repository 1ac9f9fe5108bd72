"""HealthStore: the Health page — what the car's history says about its wear (predictions with their
reasons and uncertainty, the trends behind them) and the forecasts that need the driver.

The source reads the car's history (SQLite) and may block, and the models take tens of milliseconds:
both run on the store's worker thread, and the snapshot comes back to the GUI thread as a queued Qt
signal. The store reads when the page opens (``load()``) and every ``REFRESH_MINUTES``. A forecast that
needs action becomes a warning card only in P: while driving the page says it waits for Park, and the
cluster never hears of it (a wear forecast is not a driving warning).

Values are in the driver's display units (pressures kPa / bar / psi, distances km / mi); the models'
reasons are their own words, in the units they were computed in.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.health.models import LV_WEAK_V, SOH_ALARM_PERCENT, TIRE_WARNING_FRACTION, days_in_words
from cockpit.health.snapshot import FORECAST_MAX_DAYS, HealthSnapshot, snapshot
from cockpit.vehicle.driving import GEAR, SPEED, Motion
from cockpit.vehicle.store import SignalStore

from .domain import DomainStore, emit_from_worker, prop

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

REFRESH_MINUTES = 10
NO_DATA = "No health data yet — predictions start after a few days of driving"
ICONS = {"battery_soh": "battery", "tire_days_to_warning": "tire", "lv_days_to_weak": "battery12v",
         "pad_remaining_km": "brake"}


def _span(low: float | None, high: float | None) -> str:
    """A days interval: "3–7 days", "at least 40 days"."""
    if low is None:
        return ""
    if high is None or not math.isfinite(high):
        return f"at least {low:.0f} days"
    return f"{low:.0f}–{high:.0f} days"


def _rounded(km: float) -> str:
    """A distance far off, to two figures: 197,365 is "200,000", 8,430 is "8,400"."""
    if km < 100:
        return f"{km:.0f}"
    digits = 10 ** (math.floor(math.log10(km)) - 1)
    return f"{round(km / digits) * digits:,.0f}"


@QmlElement
@QmlUncreatable("created by the application")
class HealthStore(DomainStore):
    changed = Signal()
    _done = Signal(object, object)  # (snapshot or None, exception) from the worker

    PATHS = frozenset([GEAR, SPEED])
    READING = "Reading the car's history…"  # the state until the first read is done

    def __init__(self, signals: SignalStore, source: Callable[[], Any], parent: QObject | None = None,
                 refresh_minutes: float = REFRESH_MINUTES):
        self._source = source
        self._snapshot: HealthSnapshot | None = None
        self._loaded = False  # a read has come back (with data or None)
        self._busy = False
        self._error = ""
        self._closed = False
        self._rows_for: tuple = ()
        self._rows: tuple[list, list] = ([], [])
        super().__init__(signals, parent)
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="health")
        self._timer = QTimer(self, interval=round(refresh_minutes * 60_000), timeout=self.load)
        self._timer.start()
        QTimer.singleShot(0, self.load)  # Home's word on the forecasts needs a first read too

    # ----- what QML sees ----------------------------------------------------------------------

    def compute(self) -> dict[str, Any]:
        parked = Motion.of(self._signals).parked  # a stale or missing gear counts as not parked
        predictions, trends = self._formatted()
        alarms = [p for p in predictions if p["alarm"]]
        cards = [{"subject": p["subject"], "text": p["alert"], "action": p["action"], "reason": p["reason"],
                  "icon": p["icon"], "key": p["key"]} for p in alarms] if parked else []
        if self._error:
            state = f"Could not read the car's history: {self._error}"
        elif not self._loaded:
            state = self.READING
        elif self._snapshot is None:
            state = NO_DATA
        elif alarms:
            state = f"{len(alarms)} forecast{'s' if len(alarms) > 1 else ''} need{'' if len(alarms) > 1 else 's'} " \
                    "attention"
        else:
            state = "Nothing needs attention"
        return {"predictions": predictions, "trends": trends, "forecastCards": cards, "parked": parked,
                "waiting": len(alarms) if not parked else 0, "state": state, "busy": self._busy,
                "hasData": self._snapshot is not None, "days": self._snapshot.days if self._snapshot else 0}

    predictions = prop("QVariantList", "predictions", changed)  # rows, the ones needing action first
    trends = prop("QVariantList", "trends", changed)  # one per prediction with evidence, in display units
    forecastCards = prop("QVariantList", "forecastCards", changed)  # noqa: N815 - the alarms, only in P
    waiting = prop(int, "waiting", changed)  # forecasts held back while not parked
    parked = prop(bool, "parked", changed)
    state = prop(str, "state", changed)  # a line for the page's header (or its empty state)
    busy = prop(bool, "busy", changed)
    hasData = prop(bool, "hasData", changed)  # noqa: N815
    days = prop(int, "days", changed)  # days of history behind the predictions

    def _formatted(self) -> tuple[list, list]:
        """Rows and trends in display units: rebuilt when the snapshot or the units change, not on every
        frame that moves the speed."""
        key = (id(self._snapshot), self.units)
        if key != self._rows_for:
            self._rows_for = key
            snap = self._snapshot
            self._rows = ([], []) if snap is None else (self._rows_of(snap), [self._trend(t) for t in snap.trends])
        return self._rows

    def _rows_of(self, snap: HealthSnapshot) -> list[dict]:
        trend_of = {t.subject: t.key for t in snap.trends}
        rows = [self._row(p, trend_of.get(p["subject"], "")) for p in snap.report["predictions"]]
        return sorted(rows, key=lambda r: not r["alarm"])  # stable: the model's order otherwise

    def _row(self, p: dict, trend: str) -> dict:
        """A part's row: its value now, a short outlook (a glance), the outlook's interval; for an alarm
        the card's words, what it is and what to do."""
        u = self.units
        kind, details, value, low, high = p["kind"], p.get("details") or {}, p.get("value"), p.get("low"), p.get("high")
        subject = p["subject"][:1].upper() + p["subject"][1:]
        row = {"key": trend, "kind": kind, "subject": subject, "reason": p["reason"], "alarm": bool(p["alarm"]),
               "severity": "warning" if p["alarm"] else "normal" if p["enough_data"] else "unknown",
               "icon": ICONS.get(kind, "service"), "valueText": "—", "outlook": "Not enough data yet",
               "intervalText": "", "alert": "", "action": ""}
        if not p["enough_data"]:
            return row
        if kind == "battery_soh":
            row["valueText"] = f"{value:.1f} %"
            row["intervalText"] = f"{low:.1f}–{high:.1f} %"
            row["outlook"] = "Below the warranty line" if p["alarm"] else "Normal for its age"
            row["alert"] = f"{subject} below the {SOH_ALARM_PERCENT:.0f}\u00a0% warranty line"
            row["action"] = "Have it checked under warranty"
        elif kind == "tire_days_to_warning":
            unit = u.pressure_unit()
            digits = 1 if unit == "bar" else 0
            warn = u.pressure_kpa(details.get("warning_kpa", 0.0))
            placard = u.pressure_kpa(details.get("warning_kpa", 0.0) / TIRE_WARNING_FRACTION)
            row["valueText"] = f"{u.pressure_kpa(details.get('pressure_kpa', 0.0)):.{digits}f} {unit}"
            if value == 0:
                row["outlook"] = "Below the warning level"
                row["alert"] = f"{subject} is below {warn:.{digits}f}\u00a0{unit}"
            elif value is None or value > FORECAST_MAX_DAYS:  # normal seepage: a line months away is no news
                row["outlook"] = "Steady"
            else:
                row["outlook"] = f"Warning in {days_in_words(value)}"
                row["intervalText"] = _span(low, high)
                row["alert"] = f"{subject} is losing air: {warn:.{digits}f}\u00a0{unit} in {days_in_words(value)}"
            row["action"] = f"Inflate to {placard:.{digits}f}\u00a0{unit} and have it checked for a puncture"
        elif kind == "lv_days_to_weak":
            row["valueText"] = f"{details.get('rest_voltage_v', 0.0):.2f} V"
            if value == 0:
                row["outlook"] = "Weak: may not start"
                row["alert"] = f"{subject} is low: it may not start the car"
            elif value is None or value > FORECAST_MAX_DAYS:
                row["outlook"] = "Healthy"
            else:
                row["outlook"] = f"Weak in {days_in_words(value)}"
                row["intervalText"] = _span(low, high)
                row["alert"] = f"{subject} is weakening: below {LV_WEAK_V:g}\u00a0V in {days_in_words(value)}"
            row["action"] = "Charge it or have it tested"
        elif kind == "pad_remaining_km":
            row["valueText"] = f"{details.get('thickness_mm', 0.0):.1f} mm"
            unit = u.distance_unit()
            if value is None:
                row["outlook"] = "Barely used"
            else:
                left = f"{_rounded(u.distance_km(value))} {unit} left"
                row["outlook"] = "Thin: replace soon" if p["alarm"] else left
                if not p["alarm"] and low is not None and high is not None and math.isfinite(high):
                    # the outlook names the unit: the interval beside it stays short enough for the row
                    row["intervalText"] = f"{_rounded(u.distance_km(low))}–{_rounded(u.distance_km(high))}"
            row["alert"] = f"{subject} are thin: about {details.get('thickness_mm', 0.0):.1f}\u00a0mm"
            row["action"] = "Have them replaced at your next workshop visit"
        return row

    def _trend(self, t: Any) -> dict:
        """A trend for the plot: values in display units, and the axis ranges and ticks worked out here."""
        u = self.units
        convert, unit, digits = (lambda v: v), t.unit, {"%": 0, "V": 1, "mm": 0}.get(t.unit, 0)
        if t.unit == "kPa":
            convert, unit, digits = u.pressure_kpa, u.pressure_unit(), 1 if u.pressure_unit() == "bar" else 0
        y = [convert(v) for v in t.y]
        threshold = convert(t.threshold) if t.threshold is not None else None
        fy = [convert(v) for v in t.forecast_y]
        low, high = [convert(v) for v in t.low], [convert(v) for v in t.high]
        lo_y = min([*y, *fy, *low, *([threshold] if threshold is not None else [])])
        hi_y = max([*y, *fy, *high, *([threshold] if threshold is not None else [])])
        y_min, y_max, step = _nice_range(lo_y, hi_y)
        x_min = min(t.x) if t.x else -1.0
        x_max = max([0.0, *t.forecast_x])
        return {"key": t.key, "title": t.title.replace("kPa", unit), "unit": unit, "subject": t.subject,
                "x": t.x, "y": y, "threshold": threshold, "forecastX": t.forecast_x, "forecastY": fy,
                "low": low, "high": high, "xMin": x_min, "xMax": x_max, "yMin": y_min, "yMax": y_max,
                "yStep": step, "decimals": digits if step >= 1 else max(digits, 1 if step >= 0.1 else 2)}

    # ----- what the page calls ----------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Read the history and compute the snapshot on the worker (once at a time; at start, for
        Home's status row, as the page opens, and every REFRESH_MINUTES)."""
        if self._busy or self._closed:
            return
        self._busy = True
        self.refresh()
        source, emit = self._source, self._done.emit

        def job() -> None:
            try:
                obs = source()
                emit_from_worker(emit, None if obs is None else snapshot(obs), None)
            except Exception as exc:  # noqa: BLE001 - whatever it was, the page must leave its busy state
                emit_from_worker(emit, None, exc)

        self._pool.submit(job)

    @Slot(object, object)
    def _finish(self, snap: HealthSnapshot | None, exc: BaseException | None) -> None:
        if self._closed:
            return
        self._busy = False
        if exc is not None:
            log.error("reading the car's health history failed", exc_info=exc)
            self._error = str(exc).strip() or type(exc).__name__
        else:
            self._error = ""
            self._loaded = True
            self._snapshot = snap
        self.refresh()

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def wait(self) -> None:
        """Block until the reads asked for so far have run (tests, screenshots); results arrive with the
        next turn of the event loop."""
        self._pool.submit(lambda: None).result()


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """An axis from below ``lo`` to above ``hi`` in round steps (1, 2 or 5 × 10^k), 3 to 6 of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return 0.0, 1.0, 0.5
    span = max(hi - lo, abs(hi) * 0.02, 1e-6)
    raw = span / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step
