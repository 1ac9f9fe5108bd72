"""Standard drive cycles (speed over time) that the simulator drives.

The traces ship in ``assets/drive-cycles`` as ``time_s,speed_kmh`` CSV files sampled at 1 Hz.
"""

from __future__ import annotations

import csv
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cockpit.resources import ASSETS_DIR

CYCLES_DIR = ASSETS_DIR / "drive-cycles"
CYCLE_FILES = {
    "wltc": "wltc-class3b.csv",  # UN GTR No. 15, class 3b
    "udds": "udds.csv",  # EPA city
    "hwfet": "hwfet.csv",  # EPA highway
}
_HEADER = ["time_s", "speed_kmh"]


class DriveCycleError(ValueError):
    """A drive-cycle file is missing or malformed; the message names the file and line."""


@dataclass(frozen=True)
class DriveCycle:
    name: str
    times: tuple[float, ...]  # s, strictly increasing, starting at 0
    speeds: tuple[float, ...]  # km/h

    @property
    def duration(self) -> float:
        return self.times[-1]

    def speed_at(self, t: float) -> float:
        """Speed in km/h at ``t`` seconds, linear between samples, held at either end."""
        if t <= 0.0:
            return self.speeds[0]
        if t >= self.duration:
            return self.speeds[-1]
        i = bisect_right(self.times, t) - 1
        t0, t1 = self.times[i], self.times[i + 1]
        v0, v1 = self.speeds[i], self.speeds[i + 1]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)

    @cached_property
    def _metres(self) -> tuple[float, ...]:
        """Metres covered at each sample: exact for the piecewise-linear speed the trace describes."""
        out, metres = [0.0], 0.0
        for i in range(len(self.times) - 1):
            metres += (self.speeds[i] + self.speeds[i + 1]) / 2 / 3.6 * (self.times[i + 1] - self.times[i])
            out.append(metres)
        return tuple(out)

    def distance_at(self, t: float) -> float:
        """Metres covered from the start to ``t`` seconds (held at either end)."""
        if t <= 0.0:
            return 0.0
        if t >= self.duration:
            return self._metres[-1]
        i = bisect_right(self.times, t) - 1
        v = self.speed_at(t)
        return self._metres[i] + (self.speeds[i] + v) / 2 / 3.6 * (t - self.times[i])

    def distance_km(self) -> float:
        return self._metres[-1] / 1000

    @classmethod
    def from_csv(cls, path: Path, name: str | None = None) -> DriveCycle:
        try:
            with path.open(newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
        except OSError as exc:
            raise DriveCycleError(f"{path}: cannot read drive cycle: {exc.strerror or exc}") from exc
        if not rows or [c.strip() for c in rows[0]] != _HEADER:
            raise DriveCycleError(f"{path}:1: expected the header {','.join(_HEADER)}")
        times: list[float] = []
        speeds: list[float] = []
        for lineno, row in enumerate(rows[1:], start=2):
            if not row:
                continue
            if len(row) != 2:
                raise DriveCycleError(f"{path}:{lineno}: expected 2 columns, got {len(row)}")
            try:
                t, v = float(row[0]), float(row[1])
            except ValueError:
                raise DriveCycleError(f"{path}:{lineno}: not a number in {','.join(row)!r}") from None
            if not (math.isfinite(t) and math.isfinite(v)) or v < 0:
                raise DriveCycleError(f"{path}:{lineno}: speed must be a finite number >= 0, got {row[1]}")
            if not times and t != 0:
                raise DriveCycleError(f"{path}:{lineno}: the trace must start at time 0, not {t:g}")
            if times and t <= times[-1]:
                raise DriveCycleError(f"{path}:{lineno}: time {t:g} does not follow {times[-1]:g}")
            times.append(t)
            speeds.append(v)
        if len(times) < 2:
            raise DriveCycleError(f"{path}: a drive cycle needs at least 2 samples, got {len(times)}")
        return cls(name or path.stem, tuple(times), tuple(speeds))


def load_cycle(name: str) -> DriveCycle:
    """One of the shipped cycles by name: wltc, udds or hwfet."""
    try:
        file = CYCLE_FILES[name]
    except KeyError:
        raise DriveCycleError(f"unknown drive cycle {name!r}; known: {', '.join(CYCLE_FILES)}") from None
    return DriveCycle.from_csv(CYCLES_DIR / file, name)
