"""Explainable health estimators: each returns a value, an interval, a reason in words and an alarm.

numpy only. Every estimator takes plain arrays (as a signal history or ``cockpit.sim.aging``
gives them), drops what is not a finite number, and answers "not enough data yet" instead of
guessing or raising. Alarms need clear evidence: the interval, not just the point, must be past
the line (the rules and how they were chosen: docs/health-models.md).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

Z95 = 1.96
ATMOSPHERE_KPA = 101.325
REFERENCE_C = 20.0  # pressures are compared as cold pressures at 20 degC, as the placard's

# battery state of health
MIN_SOC_STEP = 5.0  # percent: smaller steps between rest points drown in the OCV's noise
MIN_SEGMENTS = 6
COUNTER_SYSTEMATIC = 0.005  # the current shunt's calibration doubt, added to the fit's own
SOH_ALARM_PERCENT = 80.0  # the usual warranty line
# tires
TIRE_WINDOW_DAYS = 30.0
TIRE_MIN_DAYS = 3.0
TIRE_MIN_READINGS = 8
TIRE_WARNING_FRACTION = 0.8  # UN R141: 20 % below the cold inflation pressure
TIRE_ALARM_MIN_LEAK = 0.004  # per day (1 kPa/day at 250 kPa): 4x the worst healthy seepage (3 %/month)
TIRE_ALARM_DAYS = 30.0
TIRE_RATE_MEMORY_DAYS = 9.0  # a puncture's rate wanders but persists about this long (set on tuning seeds)
TIRE_RATE_WANDER_PRIOR = 0.2  # a puncture's daily rate varies by about this share (set on tuning seeds)
TIRE_TOPUP_KPA = 8.0  # a rise this large between readings (at 20 degC) is someone inflating the tire
TIRE_TEMP_SENSOR_SD_K = 1.0  # a TPMS sensor's own offset, which no fit can see: it shifts the level
TIRES = ("front left", "front right", "rear left", "rear right")
# 12 V battery
LV_WINDOW_DAYS = 21.0
LV_MIN_DAYS = 7
LV_WEAK_V = 12.2  # resting voltage at about half charge: a cold start is in doubt below it
LV_TEMP_V_PER_K = 0.0012  # lead-acid open-circuit voltage rises ~0.2 mV/K per cell
LV_ALARM_MIN_DROP = 0.002  # V/day: 5x a healthy battery's slow ageing
LV_ALARM_DAYS = 14.0
# brake pads
PAD_WEAR_MM_PER_MJ = {"compact": 1.2e-3, "suv": 1.0e-3}
PAD_WEAR_SPREAD = 0.15
PAD_SERVICE_SD_MM = 0.3
PAD_REPLACE_MM = 3.0
PAD_ALARM_MM = 4.5  # alarm once even the thickest the pads can be is below this
PAD_MIN_KM = 100.0


@dataclass(frozen=True)
class Prediction:
    """One estimate. ``value``/``low``/``high`` are None when there is not enough data, or the
    quantity is unbounded (a tire that is not leaking never reaches its warning)."""

    kind: str
    subject: str
    unit: str
    enough_data: bool
    reason: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    alarm: bool = False
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return _json_ready(asdict(self))


def _json_ready(x):
    if isinstance(x, dict):
        return {k: _json_ready(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_json_ready(v) for v in x]
    if isinstance(x, float | np.floating):
        return float(x) if math.isfinite(x) else None
    if isinstance(x, np.integer | np.bool_):
        return x.item()
    return x


def _not_enough(kind: str, subject: str, unit: str, why: str) -> Prediction:
    return Prediction(kind, subject, unit, False, f"Not enough data yet: {why}.")


def _arrays(*xs, ndim: int = 1) -> list[np.ndarray] | None:
    """Float arrays of one length, or None when they cannot be (wrong type or shape)."""
    try:
        out = [np.asarray(x, dtype=float) for x in xs]
    except (TypeError, ValueError):
        return None
    if any(a.ndim != ndim for a in out) or len({len(a) for a in out}) != 1:
        return None
    return out


def days_in_words(x: float) -> str:
    """A number of days as the predictions say it ("about 5 days", "never at this rate")."""
    if not math.isfinite(x):
        return "never at this rate"
    if x < 1.5:
        return "about a day" if x >= 0.5 else "less than a day"
    return f"about {x:.0f} days"


def _span(low: float, high: float) -> str:
    if not math.isfinite(high):
        return f"at least {low:.0f} days" if math.isfinite(low) else "no end in sight"
    return f"{low:.0f}–{high:.0f} days"


# ----- a line with one optional bend -------------------------------------------------------------


@dataclass
class _Fit:
    level: float  # fitted value at the last time
    slope: float  # the slope now (after the bend, if there is one)
    slope_se: float
    level_se: float
    since: float  # time the current slope started (the window start without a bend)
    sigma: float
    n: int


def _fit_line_with_bend(t: np.ndarray, y: np.ndarray, min_after: float) -> _Fit:
    """Least squares for a line that may bend once (a leak that starts, a battery that begins to
    fail); the bend is kept only if it pays for its two extra parameters (BIC)."""
    t_end = float(t[-1])
    n = len(t)

    def solve(x: np.ndarray):
        coef, *_ = np.linalg.lstsq(x, y, rcond=None)
        resid = y - x @ coef
        return coef, float(resid @ resid)

    x_line = np.column_stack([np.ones(n), t - t_end])
    coef, sse = solve(x_line)
    best = (n * math.log(max(sse, 1e-12) / n) + 2 * math.log(n), x_line, coef, sse, float(t[0]))
    for b in np.arange(math.ceil(t[0]) + 1.0, t_end - min_after + 1e-9, 1.0):
        x = np.column_stack([np.ones(n), t - t_end, np.minimum(t - b, 0.0)])
        if np.count_nonzero(t < b) < 3:
            continue
        coef, sse = solve(x)
        bic = n * math.log(max(sse, 1e-12) / n) + 4 * math.log(n)
        if bic < best[0]:
            best = (bic, x, coef, sse, float(b))
    _, x, coef, sse, since = best
    dof = max(n - x.shape[1], 1)
    sigma2 = sse / dof
    cov = sigma2 * np.linalg.pinv(x.T @ x)
    # columns are centred on the last time, so the level now is coef[0] and the slope now coef[1]
    return _Fit(float(coef[0]), float(coef[1]), math.sqrt(max(cov[1, 1], 0.0)), math.sqrt(max(cov[0, 0], 0.0)),
                since, math.sqrt(sigma2), n)


# ----- traction battery ----------------------------------------------------------------------------


def battery_soh(soc_morning, soc_evening, drive_ah, charge_ah, nominal_ah: float) -> Prediction:
    """State of health from charge counted between rest points: Q = integral of I dt / delta SoC.

    Each day gives up to two segments: the day's driving (morning rest to evening rest) and the
    night's charging (evening rest to the next morning). The fit is delta SoC = charge / Q through
    the origin (the counted charge is precise, the OCV-derived SoC is the noisy side), made robust
    with Huber weights so one bad rest point cannot move it.
    """
    kind, subject, unit = "battery_soh", "traction battery", "percent"
    arrays = _arrays(soc_morning, soc_evening, drive_ah, charge_ah)
    if arrays is None or not (isinstance(nominal_ah, int | float) and math.isfinite(nominal_ah) and nominal_ah > 0):
        return _not_enough(kind, subject, unit, "the battery readings are missing or do not line up")
    morning, evening, drive, charge = arrays
    d_soc = np.concatenate([morning - evening, morning[1:] - evening[:-1]])
    ah = np.concatenate([drive, charge[:-1]])
    ok = np.isfinite(d_soc) & np.isfinite(ah) & (np.abs(d_soc) >= MIN_SOC_STEP) & (ah > 0)
    if np.count_nonzero(ok) < MIN_SEGMENTS:
        return _not_enough(kind, subject, unit, f"{np.count_nonzero(ok)} stretches between rest points with a "
                           f"state-of-charge change of {MIN_SOC_STEP:.0f} points or more; {MIN_SEGMENTS} are needed")
    x, y = ah[ok], d_soc[ok] / 100.0
    w = np.ones_like(x)
    for _ in range(10):
        beta = float(np.sum(w * x * y) / np.sum(w * x * x))
        r = y - beta * x
        scale = 1.4826 * float(np.median(np.abs(r))) or 1e-6
        w = np.minimum(1.0, 1.345 * scale / np.maximum(np.abs(r), 1e-12))
    dof = max(len(x) - 1, 1)
    sigma2 = float(np.sum(w * r * r) / dof)
    rel_se = math.sqrt(sigma2 / float(np.sum(w * x * x))) / beta if beta > 0 else math.inf
    if not math.isfinite(rel_se) or beta <= 0:
        return _not_enough(kind, subject, unit, "the counted charge and the state of charge do not agree")
    rel_se = math.hypot(rel_se, COUNTER_SYSTEMATIC)
    soh = 100.0 / beta / nominal_ah
    low, high = soh * (1 - Z95 * rel_se), soh * (1 + Z95 * rel_se)
    alarm = high < SOH_ALARM_PERCENT
    reason = (f"Counted charge over {len(x)} stretches between rest points: the battery holds about "
              f"{soh / 100 * nominal_ah:.0f} Ah of {nominal_ah:.0f} Ah new, {soh:.1f} % ({low:.1f}–{high:.1f} %).")
    reason += (f" Below the {SOH_ALARM_PERCENT:.0f} % warranty line: have it checked." if alarm else
               " Normal for its age." if low >= SOH_ALARM_PERCENT else "")
    return Prediction(kind, subject, unit, True, reason, soh, low, high, alarm,
                      {"capacity_ah": soh / 100 * nominal_ah, "segments": len(x)})


# ----- tires ---------------------------------------------------------------------------------------


def cold_kpa(gauge_kpa, temp_c):
    """Gauge pressure brought to 20 degC (the placard's cold pressure) by the ideal-gas law at fixed
    volume: absolute pressure / kelvin is constant. Takes and returns numbers or numpy arrays."""
    return (gauge_kpa + ATMOSPHERE_KPA) * (REFERENCE_C + 273.15) / (temp_c + 273.15) - ATMOSPHERE_KPA


def tire_leak(time_days, gauge_kpa, temp_c, placard_kpa: float, subject: str = "tire") -> Prediction:
    """Leak rate by temperature-compensated regression, and days until the UN R141 warning.

    Ideal gas at fixed volume: absolute pressure / kelvin is constant, so each reading is brought
    to 20 degC before fitting; what still falls is gas leaving. The fit is on log pressure (a hole
    leaks in proportion to the pressure behind it), over the last 30 days, with one bend allowed
    where a puncture started.
    """
    kind, unit = "tire_days_to_warning", "days"
    arrays = _arrays(time_days, gauge_kpa, temp_c)
    if arrays is None or not (isinstance(placard_kpa, int | float) and math.isfinite(placard_kpa) and placard_kpa > 0):
        return _not_enough(kind, subject, unit, "the tire readings are missing or do not line up")
    t, p, temp = arrays
    ok = np.isfinite(t) & np.isfinite(p) & np.isfinite(temp) & (p > 0) & (temp > -60) & (temp < 150)
    t, p, temp = t[ok], p[ok], temp[ok]
    order = np.argsort(t, kind="stable")
    t, p, temp = t[order], p[order], temp[order]
    if len(t):
        keep = t >= t[-1] - TIRE_WINDOW_DAYS
        t, p, temp = t[keep], p[keep], temp[keep]
    if len(t) < TIRE_MIN_READINGS or t[-1] - t[0] < TIRE_MIN_DAYS:
        span = t[-1] - t[0] if len(t) else 0.0
        return _not_enough(kind, subject, unit, f"{len(t)} pressure readings over {span:.1f} days; "
                           f"{TIRE_MIN_READINGS} over {TIRE_MIN_DAYS:.0f} days are needed")
    ref_kpa = cold_kpa(p, temp)
    rises = np.nonzero(np.diff(ref_kpa) > TIRE_TOPUP_KPA)[0]
    if len(rises):  # inflated: what came before says nothing about the leak now
        t, p, ref_kpa = t[rises[-1] + 1:], p[rises[-1] + 1:], ref_kpa[rises[-1] + 1:]
        if len(t) < TIRE_MIN_READINGS or t[-1] - t[0] < TIRE_MIN_DAYS:
            return _not_enough(kind, subject, unit, f"the tire was inflated {t[-1] - t[0]:.1f} days ago; "
                               f"{TIRE_MIN_DAYS:.0f} days of readings since are needed")
    if np.any(ref_kpa <= 1.0):
        return Prediction(kind, subject, unit, True, f"The {subject} is flat.", 0.0, 0.0, 0.0, True,
                          {"pressure_kpa": float(max(ref_kpa[-1], 0.0))})
    fit = _fit_line_with_bend(t, np.log(ref_kpa), min_after=2.0)
    now = math.exp(fit.level)
    warn = TIRE_WARNING_FRACTION * placard_kpa
    k, k_lo, k_hi = -fit.slope, -fit.slope - Z95 * fit.slope_se, -fit.slope + Z95 * fit.slope_se
    rate = k * now
    over = t[-1] - fit.since
    details = {"pressure_kpa": now, "leak_kpa_per_day": rate, "leak_low": k_lo * now, "leak_high": k_hi * now,
               "warning_kpa": warn, "since_days": over, "percent_per_month": 100 * k * 30}
    if now <= warn:
        clear = math.log(now) + Z95 * fit.level_se < math.log(warn)
        reason = (f"Pressure is {now:.0f} kPa (corrected to {REFERENCE_C:.0f} °C), at or below the warning level of "
                  f"{warn:.0f} kPa: inflate to {placard_kpa:.0f} kPa and check for a puncture.")
        return Prediction(kind, subject, unit, True, reason, 0.0, 0.0, 0.0, clear, details)
    margin = math.log(now / warn)
    # the level's doubt: the fit's own and the temperature sensor's offset (abs pressure / kelvin)
    margin_se = math.hypot(fit.level_se, TIRE_TEMP_SENSOR_SD_K / (REFERENCE_C + 273.15)
                           * (now + ATMOSPHERE_KPA) / now)
    days = margin / k if k > 0 else math.inf
    if k > 0:
        days_se = math.hypot(margin_se / k, margin * fit.slope_se / k**2)
        # the leak's own unsteadiness: the future need not keep today's average rate
        wander = _rate_wander(t, np.log(ref_kpa), fit)
        if k > TIRE_ALARM_MIN_LEAK:  # a puncture: until its own days say otherwise, assume it wanders
            wander = max(wander, TIRE_RATE_WANDER_PRIOR * k)
        days_se = math.hypot(days_se, days * wander / k
                             * math.sqrt(TIRE_RATE_MEMORY_DAYS / max(days, TIRE_RATE_MEMORY_DAYS)))
        low = max(days - Z95 * days_se, 0.0)
        high = days + Z95 * days_se if k_lo > 0 else math.inf
    else:
        low = margin / k_hi if k_hi > 0 else math.inf
        high = math.inf
    alarm = k_lo > TIRE_ALARM_MIN_LEAK and days < TIRE_ALARM_DAYS
    if rate * over >= 2.0 and k > TIRE_ALARM_MIN_LEAK:
        reason = (f"Pressure fell {rate:.1f} kPa a day over {over:.0f} days (corrected to {REFERENCE_C:.0f} °C); "
                  f"at this rate it reaches {warn:.0f} kPa in {days_in_words(days)} ({_span(low, high)}).")
    else:
        reason = (f"Pressure steady at {now:.0f} kPa (corrected to {REFERENCE_C:.0f} °C): it loses "
                  f"{max(rate, 0.0):.1f} kPa a day, {max(100 * k * 30, 0.0):.1f} % a month — normal seepage; "
                  f"{warn:.0f} kPa is {days_in_words(days)} away.")
        if not math.isfinite(days):
            reason = (f"Pressure steady at {now:.0f} kPa (corrected to {REFERENCE_C:.0f} °C): no leak measurable.")
    return Prediction(kind, subject, unit, True, reason, days, low, high, alarm, details)


def _rate_wander(t: np.ndarray, log_p: np.ndarray, fit: _Fit) -> float:
    """Standard deviation of the day-to-day leak rate since the bend, less what the sensor's
    noise explains (rates from the daily mean pressures)."""
    sel = t >= fit.since
    days = np.floor(t[sel])
    uniq = np.unique(days)
    if len(uniq) < 4:
        return 0.0
    means = np.array([log_p[sel][days == d].mean() for d in uniq])
    per_day = len(days) / len(uniq)
    rates = -np.diff(means) / np.diff(uniq)
    return math.sqrt(max(float(np.var(rates, ddof=1)) - 2 * fit.sigma**2 / per_day, 0.0))


# ----- 12 V battery --------------------------------------------------------------------------------


def low_voltage_battery(rest_v, ambient_c=None) -> Prediction:
    """The 12 V battery's resting voltage each morning: its trend, and when it drops below 12.2 V.

    Readings are brought to 20 degC with lead-acid's small temperature coefficient when the day's
    outside temperature is known; a line over the last three weeks, bending once where a battery
    starts to fail, gives the drop per day.
    """
    kind, subject, unit = "lv_days_to_weak", "12 V battery", "days"
    v_arr = _arrays(rest_v)
    if v_arr is None:
        return _not_enough(kind, subject, unit, "the 12 V readings are missing or malformed")
    v = v_arr[0]
    if ambient_c is not None:
        a = _arrays(rest_v, ambient_c)
        if a is not None:
            v = v - LV_TEMP_V_PER_K * np.where(np.isfinite(a[1]), a[1] - REFERENCE_C, 0.0)
    days = np.arange(len(v), dtype=float)
    ok = np.isfinite(v) & (v > 0) & (v < 20)
    days, v = days[ok], v[ok]
    if len(v):
        keep = days >= days[-1] - LV_WINDOW_DAYS
        days, v = days[keep], v[keep]
    if len(v) < LV_MIN_DAYS:
        return _not_enough(kind, subject, unit, f"{len(v)} mornings of resting voltage; {LV_MIN_DAYS} are needed")
    fit = _fit_line_with_bend(days, v, min_after=3.0)
    drop, drop_lo, drop_hi = -fit.slope, -fit.slope - Z95 * fit.slope_se, -fit.slope + Z95 * fit.slope_se
    details = {"rest_voltage_v": fit.level, "drop_mv_per_day": 1000 * drop, "since_days": days[-1] - fit.since}
    if fit.level <= LV_WEAK_V:
        clear = fit.level + Z95 * fit.level_se < LV_WEAK_V
        reason = (f"Resting voltage is {fit.level:.2f} V, below {LV_WEAK_V} V (about half charge): the battery "
                  "may not start the car; charge or replace it.")
        return Prediction(kind, subject, unit, True, reason, 0.0, 0.0, 0.0, clear, details)
    margin = fit.level - LV_WEAK_V
    value = margin / drop if drop > 0 else math.inf
    low = margin / drop_hi if drop_hi > 0 else math.inf
    high = margin / drop_lo if drop_lo > 0 else math.inf
    alarm = drop_lo > LV_ALARM_MIN_DROP and value < LV_ALARM_DAYS
    if drop_lo > LV_ALARM_MIN_DROP:
        reason = (f"Resting voltage fell {1000 * drop:.0f} mV a day over {details['since_days']:.0f} days to "
                  f"{fit.level:.2f} V; at this rate it is below {LV_WEAK_V} V in {days_in_words(value)}: "
                  "a weakening battery.")
    else:
        reason = f"Resting voltage steady at {fit.level:.2f} V: a healthy 12 V battery."
    return Prediction(kind, subject, unit, True, reason, value, low, high, alarm, details)


# ----- brake pads ----------------------------------------------------------------------------------


def brake_pads(friction_mj, distance_km, pad_mm_at_service: float, car_type: str) -> Prediction:
    """Pad thickness from the friction braking energy since the workshop measured it, and the
    distance left to 3 mm at this car's friction energy per kilometre.

    Wear is proportional to the energy the pads dissipate (what regeneration did not take); the
    coefficient per car type is known to about 15 % from a car to the next, which is most of the
    interval."""
    kind, subject, unit = "pad_remaining_km", "brake pads", "km"
    arrays = _arrays(friction_mj, distance_km)
    coeff = PAD_WEAR_MM_PER_MJ.get(car_type) if isinstance(car_type, str) else None
    if arrays is None or coeff is None:
        return _not_enough(kind, subject, unit, "the braking records or the car type are missing")
    if not (isinstance(pad_mm_at_service, int | float) and math.isfinite(pad_mm_at_service) and pad_mm_at_service > 0):
        return _not_enough(kind, subject, unit, "no pad thickness from the last service")
    e, km = arrays
    ok = np.isfinite(e) & np.isfinite(km) & (e >= 0) & (km >= 0)
    energy, dist = float(e[ok].sum()), float(km[ok].sum())
    if dist < PAD_MIN_KM:
        return _not_enough(kind, subject, unit, f"{dist:.0f} km driven since the service; {PAD_MIN_KM:.0f} are needed")
    worn = coeff * energy
    thick = pad_mm_at_service - worn
    sd = math.hypot(PAD_SERVICE_SD_MM, PAD_WEAR_SPREAD * worn)
    per_km = energy / dist
    left = thick - PAD_REPLACE_MM
    if per_km <= 0:
        value = low = high = math.inf
    else:
        value = max(left, 0.0) / (coeff * per_km)
        low = max(left - Z95 * sd, 0.0) / (coeff * (1 + Z95 * PAD_WEAR_SPREAD) * per_km)
        high = max(left + Z95 * sd, 0.0) / (coeff * max(1 - Z95 * PAD_WEAR_SPREAD, 0.1) * per_km)
    alarm = thick + Z95 * sd < PAD_ALARM_MM
    share = f"{1000 * per_km:.0f} kJ of friction braking per km"
    reason = (f"Pads about {thick:.1f} mm ({thick - Z95 * sd:.1f}–{thick + Z95 * sd:.1f}); with {share} "
              f"(regeneration takes the rest) they reach {PAD_REPLACE_MM:.0f} mm in about "
              f"{value:,.0f} km." if math.isfinite(value) else
              f"Pads about {thick:.1f} mm; regeneration took all the braking so far.")
    if alarm:
        reason += " Replace them soon."
    return Prediction(kind, subject, unit, True, reason, value, low, high, alarm,
                      {"thickness_mm": thick, "thickness_low": thick - Z95 * sd, "thickness_high": thick + Z95 * sd,
                       "friction_kj_per_km": 1000 * per_km})
