"""Kiosk soak: the showroom tour sped up (SPEEDUP× for DURATION seconds of wall time, several
simulated hours) offscreen, with a visitor now and then (touch, another page, another theme, a
warmer cabin, then an idle reset). Records the process's RSS every few seconds and every frame's
interval, and reports the memory trend and the frame-interval p99 against the first minute's.

Goal: no upward memory trend; p99 frame interval within 1.2× of the first minute's.

    python -m benchmarks.bench_kiosk_soak [SECONDS] [SPEEDUP]   (writes its section of BENCHMARKS.md)
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from array import array
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QMouseEvent

DURATION_S = 300.0
SPEEDUP = 40.0
RSS_EVERY_S = 2.0
WARMUP_S = 30.0  # caches, fonts, the first tour loop: not counted in the memory trend
FIRST_MINUTE_S = 60.0
SETTLE_S = 10.0  # the first minute is measured from here: start-up frames are not the yardstick
VISITOR_EVERY_S = 45.0
OUT = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
BEGIN, END = "<!-- kiosk-soak: begin -->", "<!-- kiosk-soak: end -->"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def slope_per_hour(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope of (seconds, MB) and its standard error, both in MB per hour."""
    if len(samples) < 3:
        return 0.0, 0.0
    ts, ys = zip(*samples, strict=True)
    mt, my = statistics.fmean(ts), statistics.fmean(ys)
    den = sum((t - mt) ** 2 for t in ts)
    if not den:
        return 0.0, 0.0
    slope = sum((t - mt) * (y - my) for t, y in samples) / den
    residual = sum((y - my - slope * (t - mt)) ** 2 for t, y in samples) / (len(samples) - 2)
    return slope * 3600, (residual / den) ** 0.5 * 3600


def p(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))] if s else float("nan")


def stand_screen() -> None:
    """A 1920×1080 offscreen screen, as on a stand (the offscreen platform's default is 800×600)."""
    screen = Path(tempfile.gettempdir()) / "cockpit-soak-screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "soak", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")


def run(duration_s: float = DURATION_S, speedup: float = SPEEDUP) -> dict:
    if QGuiApplication.instance() is None:
        stand_screen()
    app = QGuiApplication.instance() or QGuiApplication([])
    from cockpit.app import Cockpit, messages
    from cockpit.kiosk.app import Kiosk
    from cockpit.kiosk.config import load_config
    from cockpit.kiosk.demo_profiles import DemoProfiles
    from cockpit.kiosk.drive import KioskDrive
    from cockpit.kiosk.tour import load_tour

    tmp = Path(tempfile.mkdtemp(prefix="cockpit-soak-"))
    shipped = load_config()
    (tmp / "kiosk.yaml").write_text(json.dumps({
        "pin": "9999", "idle_reset_s": 10, "tour": str(shipped.tour), "speedup": speedup,
        "state_file": str(tmp / "state.json")}))
    config = load_config(tmp / "kiosk.yaml")
    tour = load_tour(config.tour)
    drive = KioskDrive(tour.drive, config.speedup, tour.scripted_paths())
    profiles = DemoProfiles(tour.demo_drivers())
    cockpit = Cockpit(source=drive, profiles=profiles.service)
    kiosk = Kiosk(config, tour, cockpit, drive, app, screens=[app.primaryScreen()], demo=profiles)
    kiosk.start()

    t0 = time.perf_counter()
    frames = array("d")  # 8 bytes a frame: the recording itself hardly grows the process
    rss: list[tuple[float, float]] = []
    visitors = 0

    def frame() -> None:
        frames.append(time.perf_counter() - t0)

    def sample() -> None:
        rss.append((time.perf_counter() - t0, rss_mb()))

    def visitor() -> None:
        """A touch on the center screen, then what a visitor does: another page, theme, temperature."""
        nonlocal visitors
        visitors += 1
        where = QPointF(window.width() * 0.75, window.height() * 0.4)
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            QGuiApplication.sendEvent(window, QMouseEvent(kind, where, where, Qt.MouseButton.LeftButton,
                                                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
        kiosk.show_page(("climate", "settings", "energy", "vehicle")[visitors % 4])
        cockpit.settings.setTheme(("light", "city-dark", "city-light")[visitors % 3])
        cockpit.climate.stepTemperature("driver", 2)

    window = kiosk.windows[0]
    window.frameSwapped.connect(frame)
    # Qt renders only when something changed: with the car at a standstill on a still page no frame
    # is due, and the gap until the next one is idle time, not a freeze. A display asks for a frame
    # every vsync; so does this timer (60 Hz), so every interval is "how soon could the next frame be shown".
    vsync = QTimer(interval=16, timerType=Qt.TimerType.PreciseTimer, timeout=window.update)
    vsync.start()
    sampler = QTimer(interval=round(RSS_EVERY_S * 1000), timeout=sample)
    sampler.start()
    people = QTimer(interval=round(VISITOR_EVERY_S * 1000), timeout=visitor)
    people.start()
    QTimer.singleShot(round(duration_s * 1000), lambda: app.exit(0))  # quit() would ask the locked windows
    sample()
    app.exec()
    sampler.stop()
    people.stop()
    vsync.stop()
    wall = time.perf_counter() - t0
    state = kiosk.keeper.state
    engine = cockpit.voice.property("engine")
    result = {
        "wall_s": wall,
        "speedup": speedup,
        "simulated_h": wall * speedup / 3600,
        "tour_loops": state.tour_loops,
        "visitors": visitors,
        "idle_resets": state.idle_resets,
        "drive_restarts": drive.restarts,
        "qml_warnings": len(messages.warnings),
        "voice": f"engine {engine}" if engine else f"not available ({cockpit.voice.property('error')})",
    }
    kiosk.close()
    cockpit.close()
    profiles.close()

    steady = [(t, m) for t, m in rss if t >= WARMUP_S]
    intervals = [(b, (b - a) * 1000) for a, b in zip(frames, frames[1:], strict=False)]
    first = [ms for t, ms in intervals if SETTLE_S <= t <= SETTLE_S + FIRST_MINUTE_S]
    last = [ms for t, ms in intervals if t >= wall - FIRST_MINUTE_S]
    after = [ms for t, ms in intervals if t > SETTLE_S + FIRST_MINUTE_S]
    worst = sorted(intervals, key=lambda x: -x[1])[:5]
    slope, _ = slope_per_hour(steady)
    late, late_se = slope_per_hour([(t, m) for t, m in steady if t >= wall / 2])  # does it level off?
    result.update({
        "rss_samples": len(rss),
        "rss_first_mb": steady[0][1] if steady else float("nan"),
        "rss_last_mb": rss[-1][1],
        "rss_max_mb": max(m for _, m in rss),
        "rss_start_mb": rss[0][1],
        "rss_slope_mb_per_h": slope,
        "rss_slope_mb_per_sim_h": slope / speedup,
        "rss_slope_late_mb_per_h": late,
        "rss_slope_late_se_mb_per_h": late_se,
        "rss_mid_mb": next((m for t, m in rss if t >= wall / 2), float("nan")),
        "frames": len(frames),
        "fps": len(frames) / wall,
        "p50_first_ms": p(first, 0.5),
        "p99_first_ms": p(first, 0.99),
        "p99_rest_ms": p(after, 0.99),
        "p99_last_ms": p(last, 0.99),
        "max_ms": max((ms for _, ms in intervals), default=float("nan")),
        "worst_ms_at_s": [(round(t, 1), round(ms)) for t, ms in worst],
    })
    result["p99_ratio"] = result["p99_rest_ms"] / result["p99_first_ms"]
    result["p99_last_ratio"] = result["p99_last_ms"] / result["p99_first_ms"]
    result["rss_trend"] = rss
    return result


def section(r: dict) -> str:
    growth = r["rss_last_mb"] - r["rss_first_mb"]
    first, last = r["rss_first_mb"], r["rss_last_mb"]
    per_h, per_sim_h = r["rss_slope_mb_per_h"], r["rss_slope_mb_per_sim_h"]
    worst = ", ".join(f"{ms} ms at {t:g} s" for t, ms in r["worst_ms_at_s"])
    trend = r.get("rss_trend") or []
    timeline = " · ".join(f"{t:.0f}: {m:.0f}" for t, m in trend[:: max(1, len(trend) // 10)]) or "n/a"
    # no upward trend once settled: the second half's slope, run on for a day at this pace, adds < 10 %
    # An upward trend is a second-half slope both real (more than two standard errors above zero: RSS
    # wobbles by a few MB as caches fill and empty) and material (a day at this pace adds ≥ 10 %).
    late, late_se = r["rss_slope_late_mb_per_h"], r["rss_slope_late_se_mb_per_h"]
    mem_ok = late - 2 * late_se <= 0 or late * 24 < 0.1 * r["rss_last_mb"]
    frame_ok = r["p99_ratio"] <= 1.2
    return f"""{BEGIN}
## Kiosk soak: the tour for hours (goal: no upward memory trend; p99 frame interval ≤ 1.2× the first minute's)

`cockpit demo --kiosk`'s tour at {r['speedup']:g}× for {r['wall_s'] / 60:.1f} minutes of wall time =
{r['simulated_h']:.1f} simulated hours, offscreen at 1920×1080 (software rendering), one window composing
cluster and center screen (`bench_kiosk_soak.py`). A visitor every {VISITOR_EVERY_S:g} s (a touch, another
page, theme and temperature), then the idle reset 10 s later: {r['tour_loops']} tour loops,
{r['visitors']} visitors, {r['idle_resets']} idle resets, {r['drive_restarts']} fresh cars; QML warnings:
{r['qml_warnings']}. Voice: {r.get('voice', 'n/a')} (the tour's recorded command goes through it once a loop).

RSS over the run (s: MB): {timeline}

| memory (RSS) | value |
|---|---|
| at start | {r['rss_start_mb']:.0f} MB |
| after the {WARMUP_S:g} s warm-up → at the end | {first:.1f} MB → {last:.1f} MB ({growth:+.1f} MB) |
| peak | {r['rss_max_mb']:.1f} MB |
| trend (least squares over {r['rss_samples']} samples, after warm-up) | {per_h:+.1f} MB per wall hour = \
{per_sim_h:+.2f} MB per simulated hour |
| halfway | {r['rss_mid_mb']:.1f} MB |
| trend over the second half | {late:+.1f} ± {late_se:.1f} MB per wall hour (± one standard error) |

| frame interval ({r['frames']:,} frames, {r['fps']:.0f}/s) | value |
|---|---|
| first minute (from {SETTLE_S:g} s, after start-up) p50 / p99 | {r['p50_first_ms']:.1f} ms / \
{r['p99_first_ms']:.1f} ms |
| after it p99 | {r['p99_rest_ms']:.1f} ms (**{r['p99_ratio']:.2f}×**) |
| last minute p99 | {r['p99_last_ms']:.1f} ms ({r['p99_last_ratio']:.2f}×) |
| longest | {r['max_ms']:.0f} ms (the five longest: {worst}) |

Goals met: memory {'yes' if mem_ok else 'no'} (an upward trend would be a second-half slope more than two
standard errors above zero that adds ≥ 10 % in a day: {late:+.1f} ± {late_se:.1f} MB/h, a day at this pace
{late * 24:+.0f} MB), frame-interval p99 {'yes' if frame_ok else 'no'}.
{END}"""


def write(r: dict) -> None:
    text = OUT.read_text() if OUT.exists() else "# Benchmarks\n"
    new = section(r)
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: new, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    OUT.write_text(text)


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:3]]
    r = run(*args)
    print(json.dumps({k: v for k, v in r.items() if k != "rss_trend"}, indent=1))
    trend = r["rss_trend"]
    print("RSS (s, MB):", " ".join(f"{t:.0f}:{m:.1f}" for t, m in trend[:: max(1, len(trend) // 20)]))
    write(r)
    print(f"wrote the kiosk soak section of {OUT}")
