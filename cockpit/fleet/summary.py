"""A car's maintenance summary for fleet statistics: what it may say, and the one check of it.

What goes out is derived and rounded, never a trace: the traction battery's state of health, each
tire's leak rate, the 12 V battery's resting-voltage trend, the brake pads' remaining distance, the
subjects of the alarms; with the variant, the day (a date, no time), the software version, the car's
age in whole years and its pseudonym (``cockpit.fleet.pseudonym``: random, no VIN). No position, no
speed, no time of day, no reason text (the reasons quote pressures and dates).

``validate(payload)`` is the collector's check of every message, written for an attacker: bounded
size first, strict JSON (no NaN or infinity, no duplicate names, no nesting beyond the schema), exactly the
schema's fields, each of its type, range and rounding. The car runs the same check on what it is
about to send (``summarize``), so a summary the collector would refuse never leaves the car.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

SCHEMA = "cockpit.fleet.summary"
VERSION = 1
# The key a summary travels on; the collector subscribes to KEY_PREFIX + "**".
KEY_PREFIX = f"cockpit/fleet/v{VERSION}/summary/"
MAX_BYTES = 1024  # a summary is about 450 bytes; the collector reads nothing larger

VEHICLE = re.compile(r"[0-9a-f]{32}")  # the pseudonym: 128 random bits
VARIANT = re.compile(r"[a-z][a-z0-9-]{0,39}")  # as cockpit.variant names a car
SOFTWARE = re.compile(r"[0-9A-Za-z.+-]{1,32}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
FIRST_DAY = datetime.date(2020, 1, 1)  # older days are no fleet's

# The wheel positions, as keys of tire_leak_kpa_per_day, and the health models' subjects for them.
WHEELS = {"front_left": "front left tire", "front_right": "front right tire", "rear_left": "rear left tire",
          "rear_right": "rear right tire"}
# Every subject a health model raises an alarm on (cockpit.health.models); an alarm is only its subject.
ALARMS = ("traction battery", *WHEELS.values(), "12 V battery", "brake pads")

# field -> (smallest, largest, decimals kept): wide enough for any car, narrow enough for no garbage.
# A leak rate can be below 0 (a tire that gained pressure since the fit began); a voltage drop too.
_FIGURES = {
    "battery_soh_percent": (0.0, 150.0, 1),
    "lv_drop_mv_per_day": (-1000.0, 1000.0, 1),
    "pad_remaining_km": (0.0, 1_000_000.0, -2),  # to 100 km
}
_LEAK = (-50.0, 500.0, 2)
FIELDS = ("schema", "version", "vehicle", "variant", "day", "software", "age_years", "battery_soh_percent",
          "tire_leak_kpa_per_day", "lv_drop_mv_per_day", "pad_remaining_km", "alarms")
MAX_AGE_YEARS = 50


class SummaryError(ValueError):
    """A summary refused. ``kind`` is one of a fixed few words (what the collector counts by);
    the message adds the detail."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


@dataclass(frozen=True)
class Summary:
    vehicle: str
    variant: str
    day: str  # ISO date
    software: str
    age_years: int | None
    battery_soh_percent: float | None
    tire_leak_kpa_per_day: dict[str, float | None]  # WHEELS' keys
    lv_drop_mv_per_day: float | None
    pad_remaining_km: float | None
    alarms: tuple[str, ...]  # sorted subjects of ALARMS

    @property
    def key(self) -> str:
        return key(self.variant, self.vehicle)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "version": VERSION, **asdict(self), "alarms": list(self.alarms)}

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), allow_nan=False, sort_keys=True, separators=(",", ":")).encode()


def utc_today() -> datetime.date:
    """The day a summary is dated: the UTC date (the time of day never goes out)."""
    return datetime.datetime.now(datetime.UTC).date()


def key(variant: str, vehicle: str) -> str:
    """``cockpit/fleet/v1/summary/<variant>/<pseudonym>``."""
    return f"{KEY_PREFIX}{variant}/{vehicle}"


def summarize(report: Mapping[str, Any], *, vehicle: str, variant: str, day: datetime.date, software: str,
              age_years: int | None = None) -> Summary:
    """The summary of a health report (``cockpit.health.report.report``), checked as the collector
    will check it. A figure the models had not enough data for is null."""
    preds: dict[str, Mapping] = {}
    for p in report.get("predictions", ()):
        if isinstance(p, Mapping) and p.get("enough_data"):
            preds[str(p.get("subject"))] = p

    def figure(subject: str, field: str | None, decimals: int) -> float | None:
        p = preds.get(subject)
        value = None if p is None else p.get("value") if field is None else (p.get("details") or {}).get(field)
        return round(float(value), decimals) if isinstance(value, int | float) and math.isfinite(value) else None

    doc = {
        "schema": SCHEMA, "version": VERSION, "vehicle": vehicle, "variant": variant, "day": day.isoformat(),
        "software": software, "age_years": age_years,
        "battery_soh_percent": figure("traction battery", None, 1),
        "tire_leak_kpa_per_day": {w: figure(subject, "leak_kpa_per_day", _LEAK[2]) for w, subject in WHEELS.items()},
        "lv_drop_mv_per_day": figure("12 V battery", "drop_mv_per_day", 1),
        "pad_remaining_km": figure("brake pads", None, -2),
        "alarms": sorted({a["subject"] for a in report.get("alarms", ()) if a.get("subject") in ALARMS}),
    }
    for name, (lo, hi, _) in _FIGURES.items():  # a model's figure beyond the schema's range is not sent
        if doc[name] is not None and not lo <= doc[name] <= hi:
            doc[name] = None
    leaks = doc["tire_leak_kpa_per_day"]
    for w, v in leaks.items():
        if v is not None and not _LEAK[0] <= v <= _LEAK[1]:
            leaks[w] = None
    return validate(json.dumps(doc, allow_nan=False, sort_keys=True, separators=(",", ":")).encode())


def validate(payload: bytes, today: datetime.date | None = None) -> Summary:
    """The summary ``payload`` holds; SummaryError when it is anything else. ``today``: the
    collector's date (a summary dated more than a day after it is refused; default: now, UTC)."""
    if not isinstance(payload, bytes | bytearray):
        raise SummaryError("not bytes", type(payload).__name__)
    if len(payload) > MAX_BYTES:
        raise SummaryError("too large", f"{len(payload):,} bytes, more than {MAX_BYTES:,}")
    try:
        doc = json.loads(payload, parse_constant=_no_constant, parse_float=_finite, object_pairs_hook=_unique)
    except RecursionError:
        raise SummaryError("not JSON", "nested too deep") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise SummaryError("not JSON", str(exc)[:100]) from None
    if not isinstance(doc, dict):
        raise SummaryError("not an object", type(doc).__name__)
    if doc.get("schema") != SCHEMA or doc.get("version") != VERSION or type(doc.get("version")) is not int:
        raise SummaryError("unknown schema", f"expected {SCHEMA} version {VERSION}")
    if unknown := sorted(set(doc) - set(FIELDS)):
        raise SummaryError("unknown field", repr(unknown[0])[:60])
    if missing := [f for f in FIELDS if f not in doc]:
        raise SummaryError("missing field", missing[0])
    for name, pattern in (("vehicle", VEHICLE), ("variant", VARIANT), ("software", SOFTWARE), ("day", _DAY)):
        if not isinstance(doc[name], str) or not pattern.fullmatch(doc[name]):
            raise SummaryError(f"bad {name}", repr(doc[name])[:60])
    try:
        day = datetime.date.fromisoformat(doc["day"])
    except ValueError:
        raise SummaryError("bad day", repr(doc["day"])) from None
    if not FIRST_DAY <= day <= (today or utc_today()) + datetime.timedelta(days=1):
        raise SummaryError("bad day", f"{day} is not between {FIRST_DAY} and tomorrow")
    age = doc["age_years"]
    if age is not None and (type(age) is not int or not 0 <= age <= MAX_AGE_YEARS):
        raise SummaryError("bad age_years", repr(age)[:60])
    for name, bounds in _FIGURES.items():
        _figure(name, doc[name], bounds)
    leaks = doc["tire_leak_kpa_per_day"]
    if not isinstance(leaks, dict) or set(leaks) != set(WHEELS):
        raise SummaryError("bad tire_leak_kpa_per_day", f"an object with exactly {', '.join(WHEELS)}")
    for wheel in WHEELS:
        _figure("tire_leak_kpa_per_day", leaks[wheel], _LEAK)
    alarms = doc["alarms"]
    if not isinstance(alarms, list) or len(alarms) > len(ALARMS) or any(a not in ALARMS for a in alarms) \
            or alarms != sorted(set(alarms)):
        raise SummaryError("bad alarms", f"a sorted list of distinct subjects among {', '.join(ALARMS)}")
    return Summary(doc["vehicle"], doc["variant"], doc["day"], doc["software"], age, doc["battery_soh_percent"],
                   {w: leaks[w] for w in WHEELS}, doc["lv_drop_mv_per_day"], doc["pad_remaining_km"], tuple(alarms))


def _figure(name: str, value: Any, bounds: tuple[float, float, int]) -> None:
    lo, hi, decimals = bounds
    if value is None:
        return
    # bool is an int to Python, and an unrounded figure says more about a car than the schema allows
    if type(value) not in (int, float) or not lo <= value <= hi or round(value, decimals) != value:
        raise SummaryError(f"bad {name}", f"{value!r}"[:60] + f": a number from {lo:g} to {hi:g}, "
                           f"rounded to {10.0 ** -decimals:g}")


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 is infinity to Python
        raise ValueError(f"{text[:20]} is beyond a double")
    return value


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        raise ValueError("a name appears twice in one object")
    return doc
