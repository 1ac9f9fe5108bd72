"""The catalogue of VSS signals the cockpit uses, with our own bounds, change mode and period.

The data lives in ``signals.toml`` beside this file; this module turns it into typed ``SignalSpec``s
and knows how to check a value against one.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("signals.toml")

# VSS datatype -> (python types accepted, integer bounds or None)
_INT_RANGES = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}
DATATYPES = frozenset(_INT_RANGES) | {"float", "double", "boolean", "string"}

# A stale signal is one silent for STALE_FACTOR periods, but never sooner than STALE_FLOOR_S.
STALE_FACTOR = 3.0
STALE_FLOOR_S = 0.3


class Kind(StrEnum):
    SENSOR = "sensor"
    ACTUATOR = "actuator"
    ATTRIBUTE = "attribute"


class ChangeMode(StrEnum):
    CONTINUOUS = "continuous"
    ON_CHANGE = "on_change"
    STATIC = "static"


class CatalogueError(ValueError):
    """The catalogue file itself is wrong (a bug in the product, not bad vehicle data)."""


@dataclass(frozen=True, slots=True)
class SignalSpec:
    path: str
    kind: Kind
    datatype: str
    unit: str | None
    min: float | None
    max: float | None
    change: ChangeMode
    period_s: float | None
    allowed: tuple[str, ...] | None = None
    step: float | None = None

    @property
    def stale_after_s(self) -> float | None:
        """Seconds of silence after which a continuous signal is STALE; None if it never goes stale."""
        if self.change is not ChangeMode.CONTINUOUS or not self.period_s:
            return None
        return max(STALE_FACTOR * self.period_s, STALE_FLOOR_S)

    def check(self, value: object) -> str | None:
        """Return why ``value`` is not acceptable for this signal, or None when it is."""
        dt = self.datatype
        if dt == "boolean":
            return None if type(value) is bool else f"expected boolean, got {type(value).__name__}"
        if dt == "string":
            if type(value) is not str:
                return f"expected string, got {type(value).__name__}"
            if self.allowed is not None and value not in self.allowed:
                return f"{value!r} is not one of {', '.join(self.allowed)}"
            return None
        if dt in _INT_RANGES:
            if type(value) is not int:  # bool is an int subclass: excluded on purpose
                return f"expected {dt}, got {type(value).__name__}"
            lo, hi = _INT_RANGES[dt]
            if not lo <= value <= hi:
                return f"{value} does not fit {dt}"
        else:  # float / double: ints are welcome, bools, NaN and infinities are not
            if type(value) not in (float, int):
                return f"expected {dt}, got {type(value).__name__}"
            if type(value) is float and not math.isfinite(value):
                return f"{value} is not a finite number"
            if type(value) is int and abs(value) > 2**53:  # beyond exact floats (and float() may overflow)
                return f"an integer of {len(str(abs(value)))} digits is too large for {dt}"
        if self.min is not None and value < self.min:
            return f"{value} is below the minimum {self.min:g}"
        if self.max is not None and value > self.max:
            return f"{value} is above the maximum {self.max:g}"
        if self.step and abs(value / self.step - round(value / self.step)) > 1e-9:
            return f"{value} is not a multiple of {self.step:g}"
        return None


class Catalogue:
    """All signals by path. Iterating yields the specs in file order."""

    def __init__(self, specs: list[SignalSpec]):
        self._specs = {s.path: s for s in specs}

    def __getitem__(self, path: str) -> SignalSpec:
        return self._specs[path]

    def get(self, path: str) -> SignalSpec | None:
        return self._specs.get(path)

    def __contains__(self, path: object) -> bool:
        return path in self._specs

    def __iter__(self):
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    @classmethod
    def load(cls, file: Path = CATALOGUE_FILE) -> Catalogue:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CatalogueError(f"{file}: {exc}") from exc
        allowed = data.get("allowed", {})
        steps = data.get("step", {})
        specs = []
        for path, row in data["signals"].items():
            try:
                kind, datatype, unit, lo, hi, change, period_ms = row
                if datatype not in DATATYPES:
                    raise ValueError(f"unknown datatype {datatype!r}")
                specs.append(
                    SignalSpec(
                        path=path,
                        kind=Kind(kind),
                        datatype=datatype,
                        unit=unit or None,
                        min=None if lo == "" else lo,
                        max=None if hi == "" else hi,
                        change=ChangeMode(change),
                        period_s=period_ms / 1000 if period_ms else None,
                        allowed=tuple(allowed[path]) if path in allowed else None,
                        step=steps.get(path),
                    )
                )
            except (ValueError, TypeError) as exc:
                raise CatalogueError(f"{file}: signal {path}: {exc}") from exc
        return cls(specs)


_default: Catalogue | None = None


SETPOINT = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"  # every zone's setpoint has its range


def setpoint_limits(catalogue: Catalogue | None = None) -> tuple[float, float, float]:
    """The cabin temperature setpoint's range and quantum (°C): the only place they are stated is
    the catalogue, which the HMI, the profiles' check and the kiosk's tour all read."""
    spec = (catalogue or default_catalogue())[SETPOINT]
    return float(spec.min), float(spec.max), float(spec.step)


def nearest_setpoint(celsius: float, catalogue: Catalogue | None = None) -> float:
    """The setpoint the car accepts nearest to ``celsius``: within the range, on the step."""
    lo, hi, step = setpoint_limits(catalogue)
    return min(hi, max(lo, round(celsius / step) * step))


def default_catalogue() -> Catalogue:
    """The shipped catalogue, parsed once (it is immutable)."""
    global _default
    if _default is None:
        _default = Catalogue.load()
    return _default
