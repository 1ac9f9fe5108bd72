"""The ``cockpit`` command: every user-facing feature starts here.

    cockpit                          the demo: cluster + center screen driven by the simulator
    cockpit demo --source can-sim    the same, through CAN frames and a DBC
    cockpit cluster --source zenoh   one display as its own process, fed by a gateway
    cockpit gateway --source sim     publish a vehicle's signals on Zenoh
    cockpit signals list|get|watch|record
    cockpit screenshot               render a view offscreen to PNG
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import signal
import sys
import threading
import time
from pathlib import Path

from cockpit.sources.spec import SPECS, SourceOptions, SourceSpecError, open_source
from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import Reading, SignalStore

CYCLES = ("wltc", "udds", "hwfet")
VIEWS = ("cluster", "center", "hud")


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


def _source_options(p: argparse.ArgumentParser, default: str = "sim") -> None:
    g = p.add_argument_group("vehicle source")
    g.add_argument("--source", default=default, metavar="SPEC",
                   help=f"where signals come from: {SPECS} (default {default})")
    g.add_argument("--cycle", choices=CYCLES, default="wltc", help="simulator: drive cycle (default wltc)")
    g.add_argument("--seed", type=int, default=1, help="simulator: seed of the scenario events (same seed, same drive)")
    g.add_argument("--speedup", type=float, default=1.0, help="simulator: simulated seconds per real second")
    g.add_argument("--dbc", type=Path, help="CAN: the DBC file (default: the demo vehicle's)")
    g.add_argument("--mapping", type=Path, help="CAN: DBC-to-VSS mapping file (default: the demo vehicle's)")
    g.add_argument("--replay-speed", type=float, default=None,
                   help="replay: 1 = recorded speed, N = N times faster, 0 = as fast as possible")
    g.add_argument("--connect", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to connect to, e.g. tcp/192.168.1.10:7447 (repeatable)")
    g.add_argument("--listen", action="append", default=[], metavar="ENDPOINT",
                   help="Zenoh: endpoint to listen on, e.g. tcp/0.0.0.0:7447 (repeatable)")


def _look_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("look (for designers)")
    g.add_argument("--theme", default="dark", help="theme name (default dark); see 'cockpit themes list'")
    g.add_argument("--theme-dir", action="append", type=Path, default=[], metavar="PATH",
                   help="a folder of *.tokens.json themes, searched before the shipped ones (repeatable)")
    g.add_argument("--dev", "--watch", action="store_true",
                   help="live reload: repaint on token edits, reload windows on QML edits, show errors on screen")


def _open(args: argparse.Namespace, replay_speed: float = 1.0):
    opts = SourceOptions(cycle=args.cycle, speedup=args.speedup, seed=args.seed, dbc=args.dbc, mapping=args.mapping,
                         replay_speed=replay_speed if args.replay_speed is None else args.replay_speed,
                         connect=args.connect, listen=args.listen)
    try:
        return open_source(args.source, opts)
    except (SourceSpecError, ValueError, OSError) as exc:
        raise CliError(str(exc)) from exc


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="cockpit",
        description="An open-source digital cockpit: instrument cluster, center screen and head-up display fed "
        "by a vehicle-signal model (COVESA VSS). With no command, runs the demo.",
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="cluster and center screen in one process (the default)",
                          description="Open the cluster (1920x720) and center screen (1280x800), fed by a "
                          "simulated EV driving a real drive cycle in a loop, or by any --source.")
    _source_options(demo)
    _look_options(demo)
    demo.add_argument("--views", default="cluster,center", help="comma-separated windows (default cluster,center)")
    for view, size in (("cluster", "1920x720"), ("center", "1280x800"), ("hud", "800x300")):
        one = sub.add_parser(view, help=f"the {view} alone ({size}), e.g. as its own process fed over Zenoh",
                             description=f"Open the {view} window alone. With --source zenoh it shows what a "
                             "'cockpit gateway' publishes, so each display can run as its own process or machine.")
        _source_options(one, default="zenoh")
        _look_options(one)

    gw = sub.add_parser("gateway", help="publish a vehicle's signals on Zenoh for displays in other processes",
                        description="Read signals from --source and publish every change on Zenoh (key = VSS "
                        "path with / for .); answer late joiners with current values; carry actuator requests "
                        "from displays back to the source. Runs until Ctrl+C.")
    _source_options(gw)

    sig = sub.add_parser("signals", help="headless access to the vehicle signals, for scripts and debugging")
    sigs = sig.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = sigs.add_parser("list", help="the signal catalogue: path, type, datatype, unit, range, period")
    lst.add_argument("--json", action="store_true", help="one JSON object per line")
    get = sigs.add_parser("get", help="a signal's reading after simulating --at seconds")
    get.add_argument("path", help="VSS path, e.g. Vehicle.Speed")
    get.add_argument("--at", type=float, default=60.0, help="simulated seconds before reading (default 60)")
    get.add_argument("--json", action="store_true", help="print JSON")
    get.add_argument("--cycle", choices=CYCLES, default="wltc", help="drive cycle (default wltc)")
    get.add_argument("--seed", type=int, default=1, help="seed of the scenario events")
    watch = sigs.add_parser("watch", help="print every change of the signals (JSON Lines with --json)",
                            description="Print every change, in order. With --replay LOG it plays a CAN log "
                            "through --dbc/--mapping as fast as possible and exits at its end.")
    watch.add_argument("paths", nargs="*", metavar="PATH", help="paths or prefixes to watch (default all)")
    watch.add_argument("--json", action="store_true", help="one JSON object per change: path, value, status, ts")
    watch.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    watch.add_argument("--replay", type=Path, metavar="LOG", help="shorthand for --source replay:LOG")
    _source_options(watch)
    rec = sigs.add_parser("record", help="record every change to a JSON Lines file (replay with "
                          "--source replay:FILE.jsonl)")
    rec.add_argument("--out", type=Path, required=True, help="the .jsonl file to write")
    rec.add_argument("--duration", type=float, default=None, help="stop after this many seconds (default: Ctrl+C)")
    _source_options(rec)

    th = sub.add_parser("themes", help="list themes; check them against legibility and safety rules")
    ths = th.add_subparsers(dest="action", metavar="ACTION", required=True)
    ths.add_parser("list", help="the selectable themes: name, title, mode, file")
    chk = ths.add_parser("check", help="contrast, telltale colours, text and touch sizes, tokens the views use",
                         description="Check themes (files or folders; default: the shipped themes/) against "
                         "text contrast >= 4.5:1, UI elements >= 3:1, telltale colour meaning (blue only for the "
                         "high beam), text >= 24 px, touch targets >= 76 px, and every token a view uses. "
                         "Exits non-zero when any theme has an error.")
    chk.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="theme files or folders")
    chk.add_argument("-V", "--details", action="store_true", help="every measurement, not only failures")
    chk.add_argument("--json", action="store_true", help="machine-readable report")

    gal = sub.add_parser("gallery", help="render every view x theme x state to PNG, with an index.html contact sheet",
                         description="Render every view (cluster, center and each of its pages, hud) in every theme "
                         "and representative state (parked, driving, warnings, night, no-data) offscreen to PNG, "
                         "and write DIR/index.html, a contact sheet to open in a browser.")
    gal.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write (created if missing)")
    gal.add_argument("--views", help="comma-separated views (default: all)")
    gal.add_argument("--themes", help="comma-separated theme names (default: every selectable theme)")
    gal.add_argument("--states", help="comma-separated: parked, driving, warnings, night, no-data (default: all)")
    gal.add_argument("--theme-dir", action="append", type=Path, default=[], metavar="PATH",
                     help="extra theme folder, searched before the shipped themes (repeatable)")

    shot = sub.add_parser("screenshot", help="render a view offscreen to a PNG after simulating N seconds")
    shot.add_argument("--view", choices=VIEWS, default="cluster")
    shot.add_argument("--out", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--at", type=float, default=120.0, help="simulated seconds before the picture (default 120)")
    shot.add_argument("--theme", default="dark")
    shot.add_argument("--page", default=None, help="center screen page: home, climate, energy, vehicle, settings")
    shot.add_argument("--cycle", choices=CYCLES, default="wltc", help="drive cycle (default wltc)")
    shot.add_argument("--seed", type=int, default=1, help="seed of the scenario events")
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0].startswith("--") and argv[0] not in ("--help", "--verbose"):
        argv = ["demo", *argv]  # `cockpit --dev` is `cockpit demo --dev`
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        args = parser().parse_args(["-v", "demo"] if args.verbose else ["demo"])
    try:
        if args.command in ("demo", *VIEWS):
            return run_windows(args)
        if args.command == "gateway":
            return run_gateway(args)
        if args.command == "gallery":
            return gallery(args)
        if args.command == "themes":
            return themes_list(args) if args.action == "list" else themes_check(args)
        if args.command == "signals":
            return {"list": signals_list, "get": signals_get, "watch": signals_watch,
                    "record": signals_record}[args.action](args)
        return screenshot(args)
    except CliError as exc:
        print(f"cockpit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head: the reader is gone, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _until_stopped(seconds: float | None = None, finished: threading.Event | None = None,
                   tick=lambda: None) -> None:  # noqa: ANN001
    """Block until Ctrl+C / SIGTERM, ``seconds`` elapse, or ``finished`` is set; ``tick()`` every 50 ms."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    end = None if seconds is None else time.monotonic() + seconds
    while not stop.wait(0.05):
        tick()
        if (end is not None and time.monotonic() >= end) or (finished is not None and finished.is_set()):
            return


# ----- windows ---------------------------------------------------------------------------------------

def run_windows(args: argparse.Namespace) -> int:
    views = tuple(v.strip() for v in args.views.split(",") if v.strip()) if args.command == "demo" else (args.command,)
    unknown = set(views) - set(VIEWS)
    if unknown or not views:
        raise CliError(f"unknown view(s) {', '.join(sorted(unknown)) or '(none)'}; choose from {', '.join(VIEWS)}")
    source = _open(args)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("cockpit")
    from cockpit.app import Cockpit

    missing = [str(d) for d in args.theme_dir if not d.is_dir()]
    if missing:
        raise CliError(f"no such theme folder: {', '.join(missing)}")
    cockpit = Cockpit(source=source, theme=args.theme, theme_dirs=args.theme_dir)
    if args.dev:
        from cockpit.theming.live import LiveReload

        LiveReload(cockpit)
    try:
        cockpit.start(views)
    except Exception as exc:  # a bus that will not open, QML that will not load: say so, leave cleanly
        cockpit.close()
        raise CliError(str(exc)) from None
    for sig in (signal.SIGINT, signal.SIGTERM):  # close cleanly (the source marks its signals gone)
        signal.signal(sig, lambda *_: app.quit())
    code = app.exec()
    cockpit.close()
    return code


def run_gateway(args: argparse.Namespace) -> int:
    from cockpit.bus.config import BusError
    from cockpit.bus.gateway import Gateway

    store = SignalStore()
    source = _open(args)
    gateway = Gateway(store, connect=args.connect, listen=args.listen)
    try:
        gateway.start()
    except BusError as exc:
        raise CliError(str(exc)) from None
    source.start(store)
    print(f"cockpit gateway: publishing {args.source} on Zenoh; Ctrl+C to stop", file=sys.stderr, flush=True)
    try:
        _until_stopped()
    finally:
        source.stop()
        gateway.stop()
    return 0


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
    from cockpit.sources.simulator import SimulatorSource

    store = SignalStore()
    if args.path not in store.catalogue:
        raise CliError(f"unknown signal {args.path!r} (see 'cockpit signals list')")
    SimulatorSource(cycle=args.cycle, seed=args.seed).run_for(store, args.at)
    r = store.get(args.path)
    if args.json:
        print(json.dumps(_reading_json(args.path, r)))
    else:
        unit = store.catalogue[args.path].unit or ""
        print(f"{args.path} = {r.value!r} {unit} ({r.status.name})")
    return 0


def signals_watch(args: argparse.Namespace) -> int:
    store = SignalStore()
    wanted = tuple(args.paths) or ("",)  # every path starts with ""
    unknown = [p for p in args.paths if not any(s.path.startswith(p) for s in store.catalogue)]
    if unknown:
        raise CliError(f"no signal matches {', '.join(unknown)} (see 'cockpit signals list')")
    if args.replay is not None:
        args.source = f"replay:{args.replay}"
    source = _open(args, replay_speed=0.0 if args.replay is not None else 1.0)
    changes: queue.SimpleQueue[tuple[str, Reading]] = queue.SimpleQueue()
    last: dict[str, tuple] = {}

    def on_change(path: str, r: Reading) -> None:
        # a continuous signal republished unchanged is not a change worth a line
        if path.startswith(wanted) and last.get(path) != (r.value, r.status, r.target, r.error):
            last[path] = (r.value, r.status, r.target, r.error)
            changes.put((path, r))

    store.listen(on_change)

    def flush() -> None:
        while True:
            try:
                path, r = changes.get_nowait()
            except queue.Empty:
                return
            if args.json:
                print(json.dumps(_reading_json(path, r)), flush=False)
            else:
                print(f"{path} = {r.value!r} ({r.status.name})", flush=False)
        sys.stdout.flush()

    finished = getattr(source, "finished", None)
    source.start(store)
    try:
        _until_stopped(args.duration, finished, tick=flush)
    finally:
        if finished is None or not finished.is_set():
            source.stop()  # a replay that ended has nothing more to say: no UNAVAILABLE burst
        flush()
    if (stats := getattr(source, "stats", None)) is not None and hasattr(stats, "summary"):
        print(stats.summary(), file=sys.stderr)
    if error := getattr(source, "error", None):  # a log that broke halfway: what was read was printed
        print(f"cockpit: {error}", file=sys.stderr)
        return 1
    return 0


def signals_record(args: argparse.Namespace) -> int:
    from cockpit.recorder import Recorder

    store = SignalStore()
    source = _open(args)
    recorder = Recorder(store, args.out)
    source.start(store)
    print(f"recording {args.source} to {args.out}; Ctrl+C to stop", file=sys.stderr, flush=True)
    try:
        _until_stopped(args.duration, getattr(source, "finished", None))
    finally:
        source.stop()
        recorder.close()
    print(f"{args.out}: {recorder.lines} changes", file=sys.stderr)
    return 0


# ----- themes ----------------------------------------------------------------------------------------

def themes_list(args: argparse.Namespace) -> int:
    from cockpit.theming.tokens import THEMES_DIR, TokenError, load_theme, theme_files

    for f in theme_files(THEMES_DIR):
        try:
            t = load_theme(f)
            print(f"{t.name:16} {t.title:24} {t.mode:6} {f}")
        except TokenError as exc:
            print(f"{f.name.removesuffix('.tokens.json'):16} BROKEN: {exc}")
    return 0


def themes_check(args: argparse.Namespace) -> int:
    from cockpit.theming.check import main as check

    return check([str(p) for p in args.paths] or None, verbose=args.details, as_json=args.json)


def gallery(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cockpit.gallery import make_gallery

    def names(text: str | None) -> list[str] | None:
        return [n.strip() for n in text.split(",") if n.strip()] if text else None

    try:
        summary = make_gallery(args.out, views=names(args.views), themes=names(args.themes),
                               states=names(args.states), theme_dirs=args.theme_dir,
                               progress=lambda line: print(line, file=sys.stderr))
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(summary)
    return 1 if summary.warnings else 0


# ----- screenshot ------------------------------------------------------------------------------------

def screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - must outlive the render
    from cockpit.app import Cockpit, messages, render
    from cockpit.sources.simulator import SimulatorSource

    if args.page and args.view != "center":
        raise CliError("--page is for the center view")
    # The picture is of one instant: a stopped store clock keeps the values as fresh as they were
    # when the simulation ended, however long loading the QML takes.
    cockpit = Cockpit(theme=args.theme, signals=SignalStore(clock=lambda: 0.0))
    SimulatorSource(cycle=args.cycle, seed=args.seed).run_for(cockpit.signals, args.at)
    window = cockpit.load(args.view)
    if args.page:
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
