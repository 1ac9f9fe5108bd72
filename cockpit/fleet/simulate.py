"""A simulated fleet: seeded cars (``cockpit.sim.aging.Car``) aged some days, each summarized as
the car itself would (``cockpit fleet simulate``, the tests, the benchmark), with the truth beside.

The variant follows the simulated car's type (a compact is the ``city`` car; an SUV is the ``suv``
or the ``premium``, by turns); the age in years is the car's age when its story starts plus the
days lived. Pseudonyms are drawn from the seed, so simulating the same fleet twice replaces the
same rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version

import numpy as np

from cockpit.health.report import report
from cockpit.sim.aging import Car

from .summary import Summary, summarize, utc_today


@dataclass(frozen=True)
class SimulatedCar:
    summary: Summary
    soh_percent: float  # the truth the summary's estimate is graded against


def fleet(cars: int, days: int, seed: int = 0, day: datetime.date | None = None) -> Iterator[SimulatedCar]:
    """``cars`` cars seeded ``seed``, ``seed + 1``…, each aged ``days`` days and summarized on ``day``
    (default: today, UTC)."""
    day = day or utc_today()
    software = version("cockpit")
    for i in range(cars):
        car = Car(seed + i)
        # Car draws its age at the start and keeps only its temperature-weighted equivalent; undo that
        start_days = car.eq_days / car._arrhenius(car.t_mean_c + 3.0)
        obs, truth = car.age(days)
        variant = "city" if car.car_type == "compact" else ("suv", "premium")[i % 2]
        vehicle = np.random.default_rng([seed + i, 18]).bytes(16).hex()
        yield SimulatedCar(summarize(report(obs), vehicle=vehicle, variant=variant, day=day, software=software,
                                     age_years=int((start_days + days) // 365)),
                           float(truth.soh_percent[-1]))
