"""The ``cockpit`` command: every user-facing feature starts here.

    cockpit                      the demo: cluster + center screen driven by the simulator
    cockpit demo --cycle udds    the same, on another drive cycle
    cockpit signals list         the signal catalogue
    cockpit signals get PATH     one signal after N simulated seconds
    cockpit signals watch        stream changes (JSON Lines with --json)
    cockpit screenshot           render a view offscreen to PNG
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import Reading, SignalStore

CYCLES = ("wltc", "udds", "hwfet")
VIEWS = ("cluster", "center")


def _sim_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cycle", choices=CYCLES, default="wltc",
                   help="drive cycle the simulated EV follows (default wltc)")
    p.add_argument("--seed", type=int, default=1, help="seed of the scenario events (same seed, same drive)")


def _simulator(args: argparse.Namespace, speedup: float = 1.0):
    from cockpit.sources.simulator import SimulatorSource

    return SimulatorSource(cycle=args.cycle, speedup=speedup, seed=args.seed)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="cockpit",
        description="An open-source digital cockpit: instrument cluster and center screen fed by a "
        "vehicle-signal model (COVESA VSS). With no command, runs the demo.",
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="cluster and center screen driven by the simulated EV (the default)",
                          description="Open the cluster (1920x720) and center screen (1280x800), fed by a "
                          "simulated EV driving a real drive cycle in a loop.")
    _sim_options(demo)
    demo.add_argument("--speedup", type=float, default=1.0, help="simulated seconds per real second (default 1)")
    demo.add_argument("--theme", default="dark", help="theme name from themes/ (default dark)")
    demo.add_argument("--views", default="cluster,center", help="comma-separated windows to open (default both)")

    sig = sub.add_parser("signals", help="headless access to the vehicle signals, for scripts and debugging")
    sigs = sig.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = sigs.add_parser("list", help="the signal catalogue: path, type, datatype, unit, range, period")
    lst.add_argument("--json", action="store_true", help="one JSON object per line")
    get = sigs.add_parser("get", help="a signal's reading after simulating --at seconds")
    get.add_argument("path", help="VSS path, e.g. Vehicle.Speed")
    get.add_argument("--at", type=float, default=60.0, help="simulated seconds before reading (default 60)")
    get.add_argument("--json", action="store_true", help="print JSON")
    _sim_options(get)
    watch = sigs.add_parser("watch", help="print every change of the live simulated signals")
    watch.add_argument("paths", nargs="*", metavar="PATH", help="paths or prefixes to watch (default all)")
    watch.add_argument("--json", action="store_true", help="one JSON object per change: path, value, status, ts")
    watch.add_argument("--duration", type=float, default=None, help="stop after this many real seconds")
    watch.add_argument("--speedup", type=float, default=1.0, help="simulated seconds per real second")
    _sim_options(watch)

    shot = sub.add_parser("screenshot", help="render a view offscreen to a PNG after simulating N seconds")
    shot.add_argument("--view", choices=VIEWS, default="cluster")
    shot.add_argument("--out", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--at", type=float, default=120.0, help="simulated seconds before the picture (default 120)")
    shot.add_argument("--theme", default="dark")
    shot.add_argument("--page", default=None, help="center screen page: home, climate, energy, vehicle, settings")
    _sim_options(shot)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        args = parser().parse_args(["-v", "demo"] if args.verbose else ["demo"])
    try:
        if args.command == "demo":
            return run_demo(args)
        if args.command == "signals":
            return {"list": signals_list, "get": signals_get, "watch": signals_watch}[args.action](args)
        return screenshot(args)
    except BrokenPipeError:  # e.g. piped into head: the reader is gone, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# ----- demo ------------------------------------------------------------------------------------------

def run_demo(args: argparse.Namespace) -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("cockpit")
    from cockpit.app import Cockpit

    views = tuple(v.strip() for v in args.views.split(",") if v.strip())
    unknown = set(views) - set(VIEWS)
    if unknown or not views:
        print(f"cockpit: unknown view(s) {', '.join(sorted(unknown)) or '(none)'}; choose from {', '.join(VIEWS)}",
              file=sys.stderr)
        return 2
    cockpit = Cockpit(source=_simulator(args, args.speedup), theme=args.theme)
    cockpit.start(views)
    signal.signal(signal.SIGINT, lambda *_: app.quit())  # Ctrl+C closes cleanly
    code = app.exec()
    cockpit.close()
    return code


# ----- signals ---------------------------------------------------------------------------------------

def _reading_json(path: str, r: Reading) -> dict:
    return {"path": path, "value": r.value, "status": r.status.name, "ts": r.source_ts,
            **({"target": r.target} if r.target is not None else {}),
            **({"error": r.error} if r.error else {})}


def signals_list(args: argparse.Namespace) -> int:
    for s in default_catalogue():
        row = {"path": s.path, "type": s.kind.value, "datatype": s.datatype, "unit": s.unit, "min": s.min,
               "max": s.max, "change": s.change.value, "period_s": s.period_s}
        if args.json:
            print(json.dumps(row))
        else:
            bounds = "" if s.min is None else f"[{s.min:g}..{s.max:g}]"
            print(f"{s.path:62} {s.kind.value:9} {s.datatype:8} {s.unit or '':8} {bounds}")
    return 0


def signals_get(args: argparse.Namespace) -> int:
    store = SignalStore()
    if args.path not in store.catalogue:
        print(f"cockpit: unknown signal {args.path!r} (see 'cockpit signals list')", file=sys.stderr)
        return 2
    _simulator(args).run_for(store, args.at)
    r = store.get(args.path)
    if args.json:
        print(json.dumps(_reading_json(args.path, r)))
    else:
        unit = store.catalogue[args.path].unit or ""
        print(f"{args.path} = {r.value!r} {unit} ({r.status.name})")
    return 0


def signals_watch(args: argparse.Namespace) -> int:
    store = SignalStore()
    wanted = tuple(args.paths)
    unknown = [p for p in wanted if not any(s.path.startswith(p) for s in store.catalogue)]
    if unknown:
        print(f"cockpit: no signal matches {', '.join(unknown)} (see 'cockpit signals list')", file=sys.stderr)
        return 2
    feed = store.changes()
    source = _simulator(args, args.speedup)
    source.start(store)
    end = None if args.duration is None else time.monotonic() + args.duration
    try:
        while end is None or time.monotonic() < end:
            time.sleep(0.05)
            store.sweep()
            for path, r in sorted(feed.drain().items()):
                if wanted and not path.startswith(wanted):
                    continue
                if args.json:
                    print(json.dumps(_reading_json(path, r)), flush=True)
                else:
                    print(f"{path} = {r.value!r} ({r.status.name})", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        source.stop()
    return 0


# ----- screenshot ------------------------------------------------------------------------------------

def screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - must outlive the render
    from cockpit.app import Cockpit, messages, render

    # The picture is of one instant: a stopped store clock keeps the values as fresh as they were
    # when the simulation ended, however long loading the QML takes.
    cockpit = Cockpit(theme=args.theme, signals=SignalStore(clock=lambda: 0.0))
    _simulator(args).run_for(cockpit.signals, args.at)
    window = cockpit.load(args.view)
    if args.page:
        if args.view != "center":
            print("cockpit: --page is for the center view", file=sys.stderr)
            return 2
        window.setProperty("page", args.page)
    image = render(cockpit, args.view)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(args.out))
    cockpit.close()
    if not ok:
        print(f"cockpit: could not write {args.out}", file=sys.stderr)
        return 1
    for w in messages.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"{args.out}: {args.view} at {args.at:g} s of {args.cycle}, {image.width()}x{image.height()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
