"""One call from a car's history to every health prediction, JSON-ready (for ``cockpit health --json``
and the Health page, which stay thin).

``report(observations)`` takes the ``Observations`` of ``cockpit.sim.aging`` or any object or
mapping with the same field names (lists are fine); a field that is missing or malformed makes
that one prediction say "not enough data yet", never the whole report fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from . import models


def _get(obs: Any, name: str, default: Any = None) -> Any:
    if isinstance(obs, Mapping):
        return obs.get(name, default)
    return getattr(obs, name, default)


def _column(values: Any, i: int) -> Any:
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return None
    return a[:, i] if a.ndim == 2 and a.shape[1] > i else None


def _daily_ambient(obs: Any, n_days: int) -> np.ndarray | None:
    """The mean outside temperature of each day, from the readings logged with the tires."""
    try:
        t = np.asarray(_get(obs, "tire_time_days", []), dtype=float)
        amb = np.asarray(_get(obs, "ambient_c", []), dtype=float)
        day = np.asarray(_get(obs, "day", []), dtype=float)
    except (TypeError, ValueError):
        return None
    if t.ndim != 1 or t.shape != amb.shape or day.ndim != 1 or len(day) != n_days or not len(t):
        return None
    ok = np.isfinite(t) & np.isfinite(amb)
    out = np.full(n_days, np.nan)
    for i, d in enumerate(day):
        sel = ok & (np.floor(t) == d)
        if sel.any():
            out[i] = amb[sel].mean()
    return out


def predictions(obs: Any) -> list[models.Prediction]:
    out = [models.battery_soh(_get(obs, "soc_morning"), _get(obs, "soc_evening"), _get(obs, "drive_ah"),
                              _get(obs, "charge_ah"), _get(obs, "nominal_capacity_ah"))]
    placard = _get(obs, "placard_kpa")
    for i, name in enumerate(models.TIRES):
        out.append(models.tire_leak(_get(obs, "tire_time_days"), _column(_get(obs, "tire_kpa"), i),
                                    _column(_get(obs, "tire_temp_c"), i), placard, f"{name} tire"))
    rest_v = _get(obs, "lv_rest_v")
    n_days = len(rest_v) if hasattr(rest_v, "__len__") else 0
    out.append(models.low_voltage_battery(rest_v, _daily_ambient(obs, n_days)))
    out.append(models.brake_pads(_get(obs, "friction_mj"), _get(obs, "distance_km"),
                                 _get(obs, "pad_mm_at_service"), _get(obs, "car_type")))
    return out


def report(obs: Any) -> dict:
    """Every prediction (value, interval, reason, alarm) and the alarms' reasons, JSON-ready."""
    preds = predictions(obs)
    return {
        "predictions": [p.to_dict() for p in preds],
        "alarms": [{"subject": p.subject, "reason": p.reason} for p in preds if p.alarm],
    }
