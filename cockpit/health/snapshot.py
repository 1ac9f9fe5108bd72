"""What the Health page shows, in one call: the report (every prediction with its reason) and the
trends behind the predictions, ready to plot.

``snapshot(observations)`` is pure numpy and takes the ``Observations`` of ``cockpit.sim.aging`` (or
the car's own history in the same shape); the HMI calls it off the GUI thread. Each trend is one
prediction's evidence over time, on days counted back from the end of the last one (0 is now): the tires'
pressure brought to 20 °C (as the leak model sees it), the traction battery's state of health
estimated over a trailing window, the 12 V battery's resting voltage each morning, the brake pads'
estimated thickness. Each carries the line its prediction is about and, when the prediction reaches
that line soon, the straight forecast to it. A trend keeps at most ``MAX_POINTS`` points (averaged
in equal slices of time), so a year of readings draws as fast as a week.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from . import models
from .report import _column, _get, report

MAX_POINTS = 200
FORECAST_MAX_DAYS = 60.0  # a line this far off is no news: no forecast drawn to it
SOH_WINDOW_DAYS = 60  # each day's state of health from the rest points of the days before it


@dataclass(frozen=True)
class Trend:
    """One prediction's evidence. ``x`` in days before now (<= 0); ``forecast_x``/``forecast_y``
    continue from now to the threshold (empty when it is far or never); ``low``/``high`` an
    interval band along ``x`` where the estimate has one (else empty)."""

    key: str
    title: str
    unit: str  # "kPa", "%", "V", "mm": the page converts pressures to the driver's unit
    subject: str  # the prediction it belongs to (its ``subject``)
    x: list[float]
    y: list[float]
    threshold: float | None
    forecast_x: list[float] = field(default_factory=list)
    forecast_y: list[float] = field(default_factory=list)
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class HealthSnapshot:
    report: dict  # report.report(): {"predictions": [...], "alarms": [...]}
    trends: list[Trend]
    days: int  # how many days of history there are


def downsample(x: np.ndarray, y: np.ndarray, n: int = MAX_POINTS, *more: np.ndarray) -> list[np.ndarray]:
    """At most ``n`` points: the means of ``x``, ``y`` (and ``more``) in ``n`` equal slices of ``x``."""
    if len(x) <= n:
        return [x, y, *more]
    edges = np.linspace(x[0], x[-1], n + 1)
    slot = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, n - 1)
    count = np.bincount(slot, minlength=n)
    used = count > 0
    return [np.bincount(slot, weights=a, minlength=n)[used] / count[used] for a in (x, y, *more)]


def _floats(a: np.ndarray) -> list[float]:
    return [round(float(v), 4) for v in a]


def _finite(*xs: Any) -> list[np.ndarray] | None:
    try:
        arrays = [np.asarray(x, dtype=float) for x in xs]
    except (TypeError, ValueError):
        return None
    if any(a.ndim != 1 for a in arrays) or len({len(a) for a in arrays}) != 1:
        return None
    ok = np.logical_and.reduce([np.isfinite(a) for a in arrays])
    return [a[ok] for a in arrays]


def _forecast(pred: dict, now: float | None, line: float | None,
              per_day: float = 1.0) -> tuple[list[float], list[float]]:
    """From (today, ``now``) to the line ``value / per_day`` days on, when the prediction reaches it
    within FORECAST_MAX_DAYS."""
    value = pred.get("value")
    if not pred.get("enough_data") or value is None or now is None or line is None or per_day <= 0:
        return [], []
    days = value / per_day
    if not 0 < days <= FORECAST_MAX_DAYS:
        return [], []
    return [0.0, round(days, 3)], [round(now, 4), round(line, 4)]


def _tire_trends(obs: Any, preds: dict[str, dict], today: float) -> list[Trend]:
    out = []
    placard = _get(obs, "placard_kpa")
    warn = models.TIRE_WARNING_FRACTION * placard if isinstance(placard, int | float) else None
    for i, name in enumerate(models.TIRES):
        subject = f"{name} tire"
        kpa, temp_c = _column(_get(obs, "tire_kpa"), i), _column(_get(obs, "tire_temp_c"), i)
        got = _finite(_get(obs, "tire_time_days", []), kpa, temp_c) if kpa is not None and temp_c is not None else None
        if got is None or not len(got[0]):
            continue
        t, gauge, temp = got
        order = np.argsort(t, kind="stable")
        x, y = downsample(t[order] - today, models.cold_kpa(gauge[order], temp[order]))
        pred = preds.get(subject, {})
        fx, fy = _forecast(pred, (pred.get("details") or {}).get("pressure_kpa"), warn)
        out.append(Trend(f"tire-{i}", f"{name.capitalize()} tire pressure at 20 °C", "kPa", subject,
                         _floats(x), _floats(y), warn, fx, fy))
    return out


def _battery_trend(obs: Any, today: float, pred: dict) -> Trend | None:
    """The state of health each day from the rest points of the SOH_WINDOW_DAYS before it, as the
    model estimates it from all of them: how the estimate (and its interval) moved."""
    got = _finite(_get(obs, "soc_morning", []), _get(obs, "soc_evening", []), _get(obs, "drive_ah", []),
                  _get(obs, "charge_ah", []), _get(obs, "day", []))
    if got is None or not len(got[0]):
        return None
    morning, evening, drive, charge, day = got
    n = len(day)
    ends = np.unique(np.linspace(0, n, min(n, MAX_POINTS) + 1).round().astype(int)[1:])
    xs, ys, lows, highs = [], [], [], []
    for end in ends:
        start = max(0, end - SOH_WINDOW_DAYS)
        p = models.battery_soh(morning[start:end], evening[start:end], drive[start:end], charge[start:end],
                               _get(obs, "nominal_capacity_ah"))
        if p.enough_data:
            xs.append(day[end - 1] + 1.0 - today)
            ys.append(p.value)
            lows.append(p.low)
            highs.append(p.high)
    return Trend("battery", "Traction battery state of health", "%", pred.get("subject", "traction battery"),
                 _floats(np.array(xs)), _floats(np.array(ys)), models.SOH_ALARM_PERCENT,
                 low=_floats(np.array(lows)), high=_floats(np.array(highs)))


def _lv_trend(obs: Any, today: float, pred: dict) -> Trend | None:
    got = _finite(_get(obs, "day", []), _get(obs, "lv_rest_v", []))
    if got is None:
        return None
    day, volts = got
    x, y = downsample(day + 1.0 - today, volts)
    fx, fy = _forecast(pred, (pred.get("details") or {}).get("rest_voltage_v"), models.LV_WEAK_V)
    return Trend("lv", "12 V battery resting voltage", "V", pred.get("subject", "12 V battery"),
                 _floats(x), _floats(y), models.LV_WEAK_V, fx, fy)


def _pad_trend(obs: Any, today: float, pred: dict) -> Trend | None:
    """Thickness day by day as brake_pads estimates it today: the service measurement less the wear of
    the friction energy since."""
    coeff = models.PAD_WEAR_MM_PER_MJ.get(_get(obs, "car_type"))
    service = _get(obs, "pad_mm_at_service")
    got = _finite(_get(obs, "day", []), _get(obs, "friction_mj", []), _get(obs, "distance_km", []))
    if got is None or coeff is None or not isinstance(service, int | float) or not len(got[0]):
        return None
    day, energy, km = got
    thick = service - coeff * np.cumsum(np.maximum(energy, 0.0))
    x, y = downsample(day + 1.0 - today, thick)
    km_per_day = float(np.sum(np.maximum(km, 0.0))) / max(len(day), 1)
    fx, fy = _forecast(pred, (pred.get("details") or {}).get("thickness_mm"), models.PAD_REPLACE_MM, km_per_day)
    return Trend("pads", "Brake pad thickness (estimated)", "mm", pred.get("subject", "brake pads"),
                 _floats(x), _floats(y), models.PAD_REPLACE_MM, fx, fy)


def snapshot(obs: Any) -> HealthSnapshot:
    """The report and the trends of ``obs``; a malformed field leaves its trend out, never the rest."""
    rep = report(obs)
    preds = {p["subject"]: p for p in rep["predictions"]}
    day = _finite(_get(obs, "day", []))
    days = day[0] if day is not None else np.zeros(0)
    t = _finite(_get(obs, "tire_time_days", []))
    # now: the end of the last day of history (a day's row is its state at its end)
    today = max(float(days.max()) + 1.0 if len(days) else 0.0,
                math.ceil(float(t[0].max())) if t is not None and len(t[0]) else 0.0)
    trends: list[Trend | None] = [_battery_trend(obs, today, preds.get("traction battery", {}))]
    trends += _tire_trends(obs, preds, today)
    trends += [_lv_trend(obs, today, preds.get("12 V battery", {})),
               _pad_trend(obs, today, preds.get("brake pads", {}))]
    return HealthSnapshot(rep, [t for t in trends if t is not None and t.x], len(days))
