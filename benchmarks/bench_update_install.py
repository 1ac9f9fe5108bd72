"""How long the car takes to install a verified bundle A/B (issue 17): from the bundle file to the
state file's commit, checks included. Three cases:
- a theme bundle with its implicit checks (contrast, telltales, sizes, tokens);
- the same with the first-frame check (a cockpit started offscreen to render its cluster);
- the cockpit's own wheel (built here with ``pip wheel --no-deps``): pip into the slot, a fresh
  interpreter importing it from the slot, and its first frame.

    python -m benchmarks.bench_update_install [--runs N]

Each install goes into a fresh data folder, so every run does the same work (slot a, no rollback
target to clear). Prints a table and a markdown section for BENCHMARKS.md."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cockpit.updates.bundle import Manifest, make_bundle
from cockpit.updates.slots import install
from tests.test_update_install import theme_content

ROOT = Path(__file__).resolve().parents[1]


def _timed(bundle: Path, work: Path, runs: int) -> list[float]:
    times = []
    for n in range(runs):
        data = work / f"car-{bundle.stem}-{n}"
        t = time.perf_counter()
        result = install(bundle, parked=True, data_dir=data)
        times.append(time.perf_counter() - t)
        assert result.ok, result.reason
        shutil.rmtree(data)
    return times


def wheel_bundle(work: Path) -> tuple[Path, float]:
    """The cockpit's wheel from this checkout in a bundle, and how long building the wheel took."""
    wheels = work / "wheel"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                    str(ROOT), "-w", str(wheels)], check=True)
    built = time.perf_counter() - t
    (wheel,) = wheels.glob("cockpit-*.whl")
    version = wheel.name.split("-")[1]
    return make_bundle(Manifest("cockpit", "cockpit", version), wheels, work / "bundles"), built


def run(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-update-") as tmp:
        work = Path(tmp)
        theme = make_bundle(Manifest("theme", "nordic", "1.0.0"), theme_content(work / "t", "nordic", "1.0.0"),
                            work / "bundles")
        framed = make_bundle(Manifest("theme", "nordic", "1.0.1", checks=("first-frame",)),
                             theme_content(work / "f", "nordic", "1.0.1"), work / "bundles")
        wheel, built = wheel_bundle(work)
        cases = {"theme (implicit checks)": theme, "theme + first frame": framed, "cockpit wheel": wheel}
        out = {}
        for name, bundle in cases.items():
            times = _timed(bundle, work, runs)
            out[name] = {"median_s": statistics.median(times), "max_s": max(times), "runs": runs,
                         "bundle_mb": bundle.stat().st_size / 1e6}
        out["wheel build s"] = built
        return out


def table(r: dict) -> str:
    lines = ["| bundle | size | install, median | slowest | runs |", "|---|---|---|---|---|"]
    for name, m in r.items():
        if isinstance(m, dict):
            lines.append(f"| {name} | {m['bundle_mb']:.2f} MB | {m['median_s']:.2f} s | {m['max_s']:.2f} s "
                         f"| {m['runs']} |")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3, help="installs per case (default 3)")
    r = run(p.parse_args().runs)
    print(table(r))
    print()
    print("<!-- update-install: begin -->")
    print("## Installing an update on the car (issue 17)\n")
    print("`python -m benchmarks.bench_update_install`: from a verified bundle to the committed state file, "
          "checks included, each into a fresh data folder. The first frame starts a cockpit offscreen "
          f"(software rendering); building the wheel itself took {r['wheel build s']:.1f} s and is not counted.\n")
    print(table(r))
    print("<!-- update-install: end -->")


if __name__ == "__main__":
    main()
