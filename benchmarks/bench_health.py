"""The health models against the simulator's ground truth, over seeded cars that age 60 days.

    PYTHONPATH=. python -m benchmarks.bench_health [--cars 100] [--tuning]

Evaluation seeds start at 10,000; the alarm rules were set on seeds 0-99 (``--tuning`` runs those)
and never looked at the evaluation seeds. Prints a markdown section between
``<!-- health-models: begin -->`` / ``<!-- health-models: end -->``; does not write BENCHMARKS.md.

What is measured:
- battery state of health after 60 days: mean absolute error in points, coverage of the 95 % interval;
- leaking tires: days to the UN R141 warning, predicted 4, 7 and 10 days after the puncture began
  (while the truth is still above the line): median absolute percentage error, coverage;
- alarms, checked every day from day 7: false alarms on healthy parts (a tire without a puncture,
  a 12 V battery not failing, pads thicker than 4.5 mm, SoH above 80 %), and how many faults were
  caught before the warning line;
- the time to update every model of one car with 60 days of history.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from cockpit.health import models
from cockpit.health.report import predictions
from cockpit.sim.aging import Car

DAYS = 60
FIRST_ALARM_DAY = 7
TIRE_CHECKPOINTS = (4, 7, 10)
EVAL_SEED0, TUNING_SEED0 = 10_000, 0


def _tire_index(pred: models.Prediction) -> int:
    return next(i for i, name in enumerate(models.TIRES) if pred.subject.startswith(name))


def evaluate(seeds: list[int]) -> dict:
    soh_err, soh_cover = [], []
    tire_ape, tire_cover = [], []
    pad_err, pad_cover = [], []
    false_alarms: list[str] = []
    healthy_cars = 0
    punctures = caught_tires = weak = caught_weak = 0
    update_s: list[float] = []
    for seed in seeds:
        car = Car(seed)
        faults = car.truth().faults
        puncture = faults.get("puncture")
        checkpoints = {puncture["start_day"] + c for c in TIRE_CHECKPOINTS} if puncture else set()
        tire_alarmed_in_time = lv_alarmed_in_time = False
        for day in range(1, DAYS + 1):
            obs, truth = car.age(1)
            if day < FIRST_ALARM_DAY and day not in checkpoints:
                continue
            t0 = time.perf_counter()
            preds = predictions(obs)
            if day == DAYS:
                update_s.append(time.perf_counter() - t0)
            for p in preds:
                if not p.alarm or day < FIRST_ALARM_DAY:
                    continue
                if p.kind == "tire_days_to_warning":
                    i = _tire_index(p)
                    if puncture and puncture["tire"] == i:
                        tire_alarmed_in_time |= bool(truth.tire_days_to_warning[-1, i] > 0)
                        continue
                    false_alarms.append(f"car {seed} day {day}: {p.reason}")
                elif p.kind == "lv_days_to_weak":
                    if "weak_12v" in faults:
                        lv_alarmed_in_time |= bool(truth.lv_days_to_weak[-1] > 0)
                        continue
                    false_alarms.append(f"car {seed} day {day}: {p.reason}")
                elif p.kind == "pad_remaining_km" and truth.pad_mm[-1] > models.PAD_ALARM_MM:
                    false_alarms.append(f"car {seed} day {day}: {p.reason}")
                elif p.kind == "battery_soh" and truth.soh_percent[-1] > models.SOH_ALARM_PERCENT:
                    false_alarms.append(f"car {seed} day {day}: {p.reason}")
            if day in checkpoints:
                i = puncture["tire"]
                true_days = float(truth.tire_days_to_warning[-1, i])
                p = next(p for p in preds if p.kind == "tire_days_to_warning" and _tire_index(p) == i)
                if true_days > 0 and p.enough_data and p.value is not None:
                    tire_ape.append(abs(p.value - true_days) / true_days)
                    tire_cover.append(p.low <= true_days <= p.high)
            if day == DAYS:
                soh = preds[0]
                if soh.enough_data:
                    soh_err.append(abs(soh.value - truth.soh_percent[-1]))
                    soh_cover.append(soh.low <= truth.soh_percent[-1] <= soh.high)
                pads = preds[-1]
                if pads.enough_data:
                    pad_err.append(abs(pads.details["thickness_mm"] - truth.pad_mm[-1]))
                    low, high = pads.details["thickness_low"], pads.details["thickness_high"]
                    pad_cover.append(low <= truth.pad_mm[-1] <= high)
        if puncture:
            punctures += 1
            caught_tires += tire_alarmed_in_time
        if "weak_12v" in faults and truth.lv_days_to_weak[-1] < models.LV_ALARM_DAYS:
            weak += 1  # due: below 12.2 V by day 60 or within the alarm horizon
            caught_weak += lv_alarmed_in_time
        if not faults:
            healthy_cars += 1
    return {
        "cars": len(seeds), "healthy_cars": healthy_cars, "soh_n": len(soh_err),
        "soh_mae": float(np.mean(soh_err)) if soh_err else float("nan"),
        "soh_coverage": float(np.mean(soh_cover)) if soh_cover else float("nan"),
        "tire_n": len(tire_ape), "tire_mdape": float(np.median(tire_ape)) if tire_ape else float("nan"),
        "tire_coverage": float(np.mean(tire_cover)) if tire_cover else float("nan"),
        "pad_mae": float(np.mean(pad_err)) if pad_err else float("nan"),
        "pad_coverage": float(np.mean(pad_cover)) if pad_cover else float("nan"), "pad_n": len(pad_err),
        "false_alarms": false_alarms, "punctures": punctures, "caught_tires": caught_tires,
        "weak_12v": weak, "caught_weak": caught_weak,
        "update_ms_median": 1000 * float(np.median(update_s)), "update_ms_max": 1000 * float(np.max(update_s)),
    }


def markdown(r: dict, seeds: str) -> str:
    def goal(ok: bool) -> str:
        return "met" if ok else "**missed**"

    fa = len(r["false_alarms"])
    lines = [
        "<!-- health-models: begin -->",
        f"## Health models against ground truth ({r['cars']} seeded cars, {DAYS} days; seeds {seeds})",
        "",
        "`PYTHONPATH=. python -m benchmarks.bench_health` — alarm rules set on seeds 0–99, evaluated on "
        "disjoint seeds.",
        "",
        "| measure | result | goal | |",
        "|---|---|---|---|",
        f"| battery SoH mean absolute error after {DAYS} days ({r['soh_n']} cars) | {r['soh_mae']:.2f} points "
        f"| ≤ 2 points | {goal(r['soh_mae'] <= 2)} |",
        f"| battery SoH 95 % interval coverage | {100 * r['soh_coverage']:.0f} % | ≈ 95 % | |",
        f"| tire days to warning, median abs. % error ({r['tire_n']} predictions on leaking tires, "
        f"{', '.join(map(str, TIRE_CHECKPOINTS))} days after the puncture) | {100 * r['tire_mdape']:.1f} % "
        f"| ≤ 20 % | {goal(r['tire_mdape'] <= 0.2)} |",
        f"| tire days to warning 95 % interval coverage | {100 * r['tire_coverage']:.0f} % | ≈ 95 % | |",
        f"| brake pad thickness mean absolute error after {DAYS} days ({r['pad_n']} cars; not measured, "
        f"inferred from friction energy) | {r['pad_mae']:.2f} mm | | |",
        f"| brake pad thickness 95 % interval coverage | {100 * r['pad_coverage']:.0f} % | ≈ 95 % | |",
        f"| false alarms on healthy parts (checked daily from day {FIRST_ALARM_DAY}; {r['healthy_cars']} cars "
        f"without any fault) | {fa} | 0 | {goal(fa == 0)} |",
        f"| punctured tires alarmed before the warning line | {r['caught_tires']} of {r['punctures']} | | |",
        f"| weakening 12 V batteries due below 12.2 V by day 74, alarmed before the line "
        f"| {r['caught_weak']} of {r['weak_12v']} | | |",
        f"| model update per car, {DAYS} days of history (median / max) | {r['update_ms_median']:.1f} ms / "
        f"{r['update_ms_max']:.1f} ms | | |",
    ]
    if r["false_alarms"]:
        lines += ["", "False alarms:", ""] + [f"- {a}" for a in r["false_alarms"][:10]]
    lines.append("<!-- health-models: end -->")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cars", type=int, default=100)
    ap.add_argument("--tuning", action="store_true", help="run the tuning seeds (0-99) instead")
    a = ap.parse_args()
    seed0 = TUNING_SEED0 if a.tuning else EVAL_SEED0
    seeds = list(range(seed0, seed0 + a.cars))
    print(markdown(evaluate(seeds), f"{seeds[0]}–{seeds[-1]}"))


if __name__ == "__main__":
    main()
