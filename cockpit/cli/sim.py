"""``cockpit sim age``: fast-forward a simulated car through days of wear into the health journal.

``cockpit.sim.aging.Car(seed)`` lives N days (battery fade, tire leaks through the temperature
swings, a weakening 12 V battery, pad wear) in well under a second a month; its observations are
written into the journal of the data folder, dated so the last day is yesterday, where the Health
page and ``cockpit health`` read them. What really happened (the simulator's truth) is printed
beside, to compare with the predictions. Nothing here needs Qt.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import time

import numpy as np

from cockpit.health.journal import Journal, JournalError
from cockpit.health.models import TIRES
from cockpit.sim.aging import PAD_WEAR_MM_PER_MJ, Car

from .common import SEED, CliError, number, output_folder
from .update import DATA_HELP

MAX_DAYS = 3650
DAYS = number(1, MAX_DAYS, integer=True)
FAULTS = ("puncture", "weak-12v", "none")


def register(sub: argparse._SubParsersAction) -> None:
    ps = sub.add_parser("sim", help="simulations of the car: age (wear over days)",
                        description="Simulations that feed the car's data folder.")
    actions = ps.add_subparsers(dest="action", metavar="ACTION", required=True)
    age = actions.add_parser("age", help="fast-forward a simulated car N days into the health journal",
                             description="A seeded car lives N days of driving, charging and weather; its "
                             "daily observations go into the health journal of the data folder (the last day "
                             "is yesterday), for the Health page and `cockpit health`. The seed decides the car, "
                             "its habits and its faults (about one car in four has a puncture, one in seven a "
                             "weakening 12 V battery); --fault and --car-type override them. A journal that "
                             "already holds days is replaced only with --replace.")
    age.add_argument("--days", type=DAYS, required=True, metavar="N", help=f"days to live, 1 to {MAX_DAYS}")
    age.add_argument("--seed", type=SEED, default=1, metavar="S", help="which car (default 1)")
    age.add_argument("--car-type", choices=sorted(PAD_WEAR_MM_PER_MJ), help="the car's type (default: the seed's)")
    age.add_argument("--fault", choices=FAULTS, help="a slow puncture, a weakening 12 V battery, or none "
                     "(default: the seed's own)")
    age.add_argument("--replace", action="store_true", help="replace the days the journal already holds")
    age.add_argument("--data-dir", type=output_folder, metavar="PATH", help=DATA_HELP)
    age.set_defaults(handler=sim_age)


def aged_car(seed: int, days: int, car_type: str | None = None, fault: str | None = None) -> Car:
    """The seed's car, with its type and faults as asked, not yet aged. aging.Car draws them from
    its seed; the fault drawn here uses the same ranges as aging.Car's, from a generator of its own
    so the rest of the car stays the seed's."""
    car = Car(seed)
    if car_type is not None and car_type != car.car_type:
        car.pad_k *= PAD_WEAR_MM_PER_MJ[car_type] / PAD_WEAR_MM_PER_MJ[car.car_type]
        car.car_type = car_type
    r = np.random.default_rng([seed, 2])
    latest = max(3, min(50, days - 10))  # a fault that begins late enough to be seen before the end
    if fault in ("none", "weak-12v"):
        car.puncture = None
    if fault in ("none", "puncture"):
        car.lv_weak = None
    if fault == "puncture":
        car.puncture = (int(r.integers(0, 4)), int(r.integers(3, latest + 1)), r.uniform(1.5, 8.0) / 250.0)
    elif fault == "weak-12v":
        car.lv_weak = (int(r.integers(0, min(45, latest) + 1)), -r.uniform(4.0, 15.0) / 1000.0)
    return car


def sim_age(args: argparse.Namespace) -> int:
    car = aged_car(args.seed, args.days, args.car_type, args.fault)
    obs, truth = car.age(args.days)
    # dated so that the last simulated day is yesterday (days since the epoch, as the live car's)
    shift = math.floor(time.time() / 86400.0) - args.days
    obs = dataclasses.replace(obs, day=obs.day + shift, tire_time_days=obs.tire_time_days + shift)
    try:
        journal = Journal(args.data_dir)
        held = journal.days()
        if held and not args.replace:
            raise CliError(f"the health journal {journal.path} already holds {held} days; "
                           "add --replace to replace them with the simulated car's")
        if held:
            journal.erase()
        journal.write(obs)
    except JournalError as exc:
        raise CliError(str(exc)) from None
    faults = truth.faults
    said = []
    if "puncture" in faults:
        tire, start = TIRES[faults["puncture"]["tire"]], faults["puncture"]["start_day"]
        said.append(f"a puncture in the {tire} tire from day {start}")
    if "weak_12v" in faults:
        said.append(f"a weakening 12 V battery from day {faults['weak_12v']['start_day']}")
    print(f"car {args.seed} ({car.car_type}) aged {args.days} days into {journal.path} "
          f"({journal.days()} days kept); faults: {', '.join(said) or 'none'}")
    to_warn = ", ".join(f"{name} {_days(d)}" for name, d in zip(TIRES, truth.tire_days_to_warning[-1], strict=True))
    print(f"truth at the end: battery {truth.soh_percent[-1]:.1f} % of new; tires reach the warning in: {to_warn}; "
          f"12 V resting {truth.lv_soc_percent[-1]:.0f} % charged; pads {truth.pad_mm[-1]:.1f} mm")
    return 0


def _days(d: float) -> str:
    return "never" if not math.isfinite(d) else "now" if d <= 0 else f"{d:.0f} days"
